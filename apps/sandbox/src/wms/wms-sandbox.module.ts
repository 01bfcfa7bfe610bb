import { Module } from '@nestjs/common';

/** Simulator of the Wms API under `/wms`. */
@Module({})
export class WmsSandboxModule {}
