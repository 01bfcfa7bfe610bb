import { Module } from '@nestjs/common';
import { FaultInjector } from './fault-injector';
import { FaultsController } from './faults.controller';

/** Run-time fault injection for every provider route (`/_sandbox/faults`); the hooks are installed by `createSandboxApp`. */
@Module({ controllers: [FaultsController], providers: [FaultInjector], exports: [FaultInjector] })
export class FaultsSandboxModule {}
