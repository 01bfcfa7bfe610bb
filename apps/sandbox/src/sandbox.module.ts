import { DynamicModule, Module } from '@nestjs/common';
import { SandboxHealthController } from './inspection/sandbox-health.controller';

export interface SandboxOptions {
  readonly port: number;
}

export const SANDBOX_OPTIONS = Symbol('SANDBOX_OPTIONS');

/** Simulators of the providers' APIs, one path prefix per provider, plus `/_sandbox` inspection. */
@Module({})
export class SandboxModule {
  static forRoot(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [SandboxHealthController],
      providers: [{ provide: SANDBOX_OPTIONS, useValue: options }],
    };
  }
}
