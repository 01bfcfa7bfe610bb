import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SandboxClock } from '../core/sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { NENGMAO_CODES } from './nengmao-codes';
import { NengmaoApiError } from './nengmao-envelope';
import { signNengmaoRequest } from './nengmao-signature';

/** TMG doc §5-9 public parameters: "Time Stamp, 2mins variance". The brand doc states no window; the same applies. */
export const NENGMAO_TIMESTAMP_WINDOW_MS = 2 * 60 * 1000;

type HeaderValue = string | string[] | undefined;

function header(headers: Readonly<Record<string, HeaderValue>>, name: string): string {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/**
 * Checks the public parameters, sent as HTTP headers `appKey`, `appSecret`, `timestamp`, `sign` (brand doc §4
 * request example). The documents give no order; the catalogue's recommendation (brand §2.6) is followed:
 * timestamp (401 empty, 403 not numeric, 402 outside +-2 min of the sandbox clock), then credentials (404 empty,
 * 405 unknown key or wrong secret), then signature (409 empty, 407 not md5(appKey + timestamp)). `format` is
 * tolerated when absent (the documented example does not send it).
 */
export function authenticateNengmaoRequest(
  headers: Readonly<Record<string, HeaderValue>>,
  accounts: readonly { readonly appKey: string; readonly appSecret: string }[],
  nowMs: number,
): void {
  const timestamp = header(headers, 'timestamp');
  if (timestamp === '') throw new NengmaoApiError(NENGMAO_CODES.timestampEmpty);
  if (!/^\d+$/.test(timestamp)) throw new NengmaoApiError(NENGMAO_CODES.timestampNotNumeric);
  // Milliseconds since the epoch: a value in seconds is decades away from now and is refused as out of window.
  if (Math.abs(Number(timestamp) - nowMs) > NENGMAO_TIMESTAMP_WINDOW_MS) {
    throw new NengmaoApiError(
      NENGMAO_CODES.timestampOutOfWindow,
      'timestamp must be epoch milliseconds within 2 minutes of the server time',
    );
  }
  const appKey = header(headers, 'appKey');
  const appSecret = header(headers, 'appSecret');
  if (appKey === '' || appSecret === '') throw new NengmaoApiError(NENGMAO_CODES.credentialsEmpty);
  if (!accounts.some((a) => a.appKey === appKey && a.appSecret === appSecret)) throw new NengmaoApiError(NENGMAO_CODES.credentialsUnknown);
  const sign = header(headers, 'sign');
  if (sign === '') throw new NengmaoApiError(NENGMAO_CODES.signEmpty);
  if (sign !== signNengmaoRequest(appKey, timestamp)) throw new NengmaoApiError(NENGMAO_CODES.signMismatch);
}

@Injectable()
export class NengmaoAuthGuard implements CanActivate {
  constructor(
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
    private readonly clock: SandboxClock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    authenticateNengmaoRequest(request.headers, this.settings.nengmaoAccounts, this.clock.nowMs());
    return true;
  }
}
