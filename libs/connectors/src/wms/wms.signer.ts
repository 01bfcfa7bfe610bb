import { createHmac } from 'node:crypto';

/**
 * The WMS sign recipe of docs/decisions/0005 (same as apps/sandbox/src/wms/wms.signer.ts):
 * lowercase hex HMAC-SHA256(appSecret, appKey + "\n" + timestamp + "\n" + SERVICE_TYPE + "\n" + body),
 * `body` being the exact bytes sent and SERVICE_TYPE the value sent (empty when none).
 */
export function signWmsRequest(input: {
  readonly appKey: string;
  readonly appSecret: string;
  readonly timestamp: string;
  readonly serviceType: string;
  readonly body: string;
}): string {
  return createHmac('sha256', input.appSecret)
    .update(`${input.appKey}\n${input.timestamp}\n${input.serviceType}\n${input.body}`, 'utf8')
    .digest('hex');
}
