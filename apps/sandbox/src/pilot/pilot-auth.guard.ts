import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { PilotApiError } from './pilot-api.error';

/** "Send an authentication token in the x-ca-key header" — the only method Pilot documents. Missing: 401; unknown: 403. */
@Injectable()
export class PilotAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const raw = context.switchToHttp().getRequest<FastifyRequest>().headers['x-ca-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (key === undefined || key === '') throw new PilotApiError(401, 'Unauthorized: the x-ca-key header is missing');
    if (!this.settings.caKeys.includes(key)) throw new PilotApiError(403, 'Forbidden: the x-ca-key is not valid');
    return true;
  }
}
