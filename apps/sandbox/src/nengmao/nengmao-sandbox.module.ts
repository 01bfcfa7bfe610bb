import { Module } from '@nestjs/common';

/** Simulator of the Nengmao API under `/nengmao`. */
@Module({})
export class NengmaoSandboxModule {}
