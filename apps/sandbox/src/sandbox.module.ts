import { DynamicModule, Module } from '@nestjs/common';
import { CoreSandboxModule } from './core/core-sandbox.module';
import { SandboxSettings } from './core/sandbox-settings';
import { EnvoySandboxModule } from './envoy/envoy-sandbox.module';
import { FaultsSandboxModule } from './faults/faults-sandbox.module';
import { SandboxClockController } from './inspection/sandbox-clock.controller';
import { SandboxHealthController } from './inspection/sandbox-health.controller';
import { SandboxIndexController } from './inspection/sandbox-index.controller';
import { NengmaoSandboxModule } from './nengmao/nengmao-sandbox.module';
import { PilotSandboxModule } from './pilot/pilot-sandbox.module';
import { WmsSandboxModule } from './wms/wms-sandbox.module';

/** Simulators of the providers' APIs, one path prefix per provider, plus `/_sandbox` inspection and control. */
@Module({})
export class SandboxModule {
  static forRoot(settings: SandboxSettings): DynamicModule {
    return {
      module: SandboxModule,
      imports: [
        CoreSandboxModule.forRoot(settings),
        FaultsSandboxModule,
        NengmaoSandboxModule,
        EnvoySandboxModule,
        PilotSandboxModule,
        WmsSandboxModule,
      ],
      controllers: [SandboxIndexController, SandboxHealthController, SandboxClockController],
    };
  }
}
