import { Controller, Get } from '@nestjs/common';

@Controller('_sandbox')
export class SandboxHealthController {
  private readonly startedAt = new Date();

  @Get('health')
  health(): { status: 'ok'; startedAt: string } {
    return { status: 'ok', startedAt: this.startedAt.toISOString() };
  }
}
