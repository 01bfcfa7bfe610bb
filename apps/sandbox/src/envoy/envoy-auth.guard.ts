import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { EnvoyApiError } from './envoy-api.error';

/** API-gateway stages `x-ca-stage` may name (Alibaba Cloud API Gateway, whose header names Envoy uses). */
const STAGES = ['TEST', 'PRE', 'RELEASE'];

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * "Send an authentication token in the x-ca-key header" (seed lines 1–20). The document lists
 * `x-ca-stage` as a second method; the simulator requires the key and accepts a stage of
 * TEST/PRE/RELEASE (any case) alongside it. Missing key: 401; unknown key: 403.
 */
@Injectable()
export class EnvoyAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = header(request, 'x-ca-key');
    if (key === undefined || key === '') throw new EnvoyApiError(401, 'Unauthorized: the x-ca-key header is missing');
    if (!this.settings.caKeys.includes(key)) throw new EnvoyApiError(403, 'Forbidden: the x-ca-key is not valid');
    const stage = header(request, 'x-ca-stage');
    if (stage !== undefined && !STAGES.includes(stage.toUpperCase()))
      throw new EnvoyApiError(403, `Forbidden: unknown x-ca-stage '${stage}' (TEST, PRE or RELEASE)`);
    return true;
  }
}
