import { Body, Controller, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { PilotAuthGuard } from './pilot-auth.guard';
import { PilotCallbackReceiver } from './pilot-callback-receiver.service';
import { PilotExceptionFilter } from './pilot-exception.filter';
import type { PilotCallbackReply } from './pilot.wire';

/** Callback, `POST /pilot/callback/{store}`: a logistics provider reports a delivery order (JSON or XML). */
@Controller('pilot/callback')
@UseGuards(PilotAuthGuard)
@UseFilters(PilotExceptionFilter)
export class PilotCallbackController {
  constructor(private readonly receiver: PilotCallbackReceiver) {}

  @Post(':store')
  @HttpCode(200)
  receive(@Param('store') store: string, @Body() body: unknown): PilotCallbackReply {
    return this.receiver.receive(store, body);
  }
}
