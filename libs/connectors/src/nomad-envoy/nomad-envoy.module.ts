import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { NomadEnvoyConnectorFactory } from './nomad-envoy.factory';

/** Wiring only: the Envoy connector factory, for the engine to build connectors per connection. */
@Module({
  imports: [HttpModule],
  providers: [NomadEnvoyConnectorFactory],
  exports: [NomadEnvoyConnectorFactory],
})
export class NomadEnvoyModule {}
