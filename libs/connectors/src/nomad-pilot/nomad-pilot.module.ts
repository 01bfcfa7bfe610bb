import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { NomadPilotConnectorFactory } from './nomad-pilot.factory';

/** Wiring only: the Pilot connector factory, for the engine to build connectors per connection. */
@Module({
  imports: [HttpModule],
  providers: [NomadPilotConnectorFactory],
  exports: [NomadPilotConnectorFactory],
})
export class NomadPilotModule {}
