import { Module } from '@nestjs/common';

/** Simulator of the Pilot API under `/pilot`. */
@Module({})
export class PilotSandboxModule {}
