import { Module } from '@nestjs/common';

/** Simulator of the Envoy API under `/envoy`. */
@Module({})
export class EnvoySandboxModule {}
