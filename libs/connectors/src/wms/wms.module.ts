import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { WmsConnectorFactory } from './wms.factory';

/** Wiring only: the WMS connector factory, for the engine to build connectors per connection. */
@Module({
  imports: [HttpModule],
  providers: [WmsConnectorFactory],
  exports: [WmsConnectorFactory],
})
export class WmsModule {}
