import { Inject, Injectable } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { WmsRefusal } from './wms-codes';
import { signsMatch, signWmsRequest } from './wms.signer';

/** How far the caller's `timestamp` may be from the sandbox clock, either way. */
export const WMS_TIMESTAMP_WINDOW_MS = 5 * 60_000;

export interface WmsCredentials {
  readonly appKey?: string;
  readonly timestamp?: string;
  readonly sign?: string;
}

/** Checks the `appKey` / `timestamp` / `sign` headers against `settings.wmsAppKeys` and the sandbox clock. */
@Injectable()
export class WmsRequestAuthenticator {
  constructor(
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
    private readonly clock: SandboxClock,
  ) {}

  authenticate(credentials: WmsCredentials, serviceType: string, body: string | Buffer): void {
    const { appKey, timestamp, sign } = credentials;
    if (appKey === undefined || timestamp === undefined || sign === undefined) throw new WmsRefusal('AUTH_MISSING');
    const account = this.settings.wmsAppKeys.find((candidate) => candidate.appKey === appKey);
    if (account === undefined) throw new WmsRefusal('AUTH_APP_KEY_INVALID');
    const sentAt = /^\d{13}$/.test(timestamp) ? Number(timestamp) : NaN;
    if (!Number.isFinite(sentAt) || Math.abs(this.clock.nowMs() - sentAt) > WMS_TIMESTAMP_WINDOW_MS) {
      throw new WmsRefusal('AUTH_TIMESTAMP_EXPIRED', 'timestamp must be epoch milliseconds within 5 minutes of the server time');
    }
    const expected = signWmsRequest({ appKey, appSecret: account.appSecret, timestamp, serviceType, body });
    if (!signsMatch(expected, sign)) throw new WmsRefusal('AUTH_SIGN_INVALID');
  }
}
