import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isSecretKey, REDACTED } from '@serai/common';
import {
  CALLBACK_SIGNATURE_PARAMETER,
  CallbackBodyFormat,
  DEFAULT_CALLBACK_PARSE_LIMITS,
  deliveryOrderCallbackKey,
  InvalidDeliveryOrderCallback,
  isCallbackSignatureValid,
  parseDeliveryOrderCallback,
  sniffCallbackFormat,
} from '@serai/connectors';
import type { Logger } from 'pino';
import { CallbackAuthThrottle } from './callback-auth-throttle';
import { CallbackNotStored, CallbackRefusal } from './callback-refusal';
import { CallbackRefusalAudit } from './callback-refusal-audit';
import { CallbackReceiverEntry, CallbackStoreDirectory, CallbackStoreMisconfigured } from './callback-store-directory';
import { isDatabaseUnavailable } from './database-unavailable';
import type { InboxGroupCommit } from './inbox-group-commit';

/** One callback request as the HTTP layer hands it over. */
export interface ReceivedCallback {
  readonly store: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: Readonly<Record<string, unknown>>;
  /** The raw body; undefined when the request had none. */
  readonly body: Buffer | undefined;
  readonly sourceAddress: string;
  readonly requestId: string;
}

/** What to answer, in the sender's format (ADR 0012). */
export interface CallbackAnswer {
  readonly status: number;
  readonly format: CallbackBodyFormat;
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

const ACCEPTED_MEDIA_TYPES = ['application/xml', 'text/xml', 'application/json'];
const UTF8 = /^utf-?8$/i;
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

/** The form the answer takes before the body is known: XML when the content type says so, else JSON (the document's examples). */
export function answerFormatOf(contentType: string | undefined, body?: Buffer): CallbackBodyFormat {
  if (body !== undefined && body.length > 0) {
    // First non-blank byte after an optional byte-order mark: the body's own form wins over its label.
    let i = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
    while (i < body.length && (body[i] === 0x20 || body[i] === 0x09 || body[i] === 0x0a || body[i] === 0x0d)) i += 1;
    if (body[i] === 0x7b || body[i] === 0x5b) return 'json';
    if (body[i] === 0x3c) return 'xml';
  }
  return contentType !== undefined && /xml/i.test(contentType) ? 'xml' : 'json';
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Request headers as stored with the inbox entry: secrets (x-ca-key, authorization, cookies ...) masked. */
export function maskedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = headerText(value);
    if (text !== undefined) out[name] = isSecretKey(name) ? REDACTED : text;
  }
  return out;
}

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** Digests of configured keys, per cached settings object (a key change makes a new one): one hash per callback, not two. */
const configuredKeyDigests = new WeakMap<object, Buffer>();

/** Equal-time comparison of a presented key with the configured one (digests first, so lengths never differ). */
function keyMatches(presented: string, settings: CallbackReceiverEntry['settings'], configured: string): boolean {
  let digest = configuredKeyDigests.get(settings);
  if (digest === undefined) {
    digest = sha256(configured);
    configuredKeyDigests.set(settings, digest);
  }
  return timingSafeEqual(sha256(presented), digest);
}

/**
 * The logistics callback receiver (issue 7, ADR 0012): authenticates the sender by its store and
 * key, reads the body without trusting it, and stores it in `webhook_inbox` (with the other
 * callbacks of the same commit) before answering 2xx. Processing is the inbox worker's, later. Every refusal is logged with its
 * reason and leaves one audit line; nothing else is written for it.
 */
export class CallbackReceiver {
  constructor(
    private readonly directory: CallbackStoreDirectory,
    private readonly throttle: CallbackAuthThrottle,
    /** Stores accepted callbacks, grouping those that arrive together into one commit; no ORM on the hot path. */
    private readonly inbox: InboxGroupCommit,
    private readonly audit: CallbackRefusalAudit,
    private readonly logger: Logger,
    private readonly maxBodyBytes: number,
  ) {}

  /** Before the body is read: an address over its failure limit is answered 429 at once. */
  screenAddress(request: Omit<ReceivedCallback, 'body'>): CallbackAnswer | undefined {
    const { blocked, firstRefusal } = this.throttle.check(request.sourceAddress);
    if (!blocked) return undefined;
    const refusal = CallbackRefusal.rateLimited(this.throttle.windowMs);
    const format = answerFormatOf(headerText(request.headers['content-type']));
    // One audit line per blocked period, not one per request of a flood.
    if (firstRefusal) this.audit.record(refusal, { ...request, body: undefined }, null);
    return this.refusalAnswer(refusal, format, Math.ceil(this.throttle.windowMs / 1000));
  }

  /** The body could not be read (too large, malformed framing): refused before any authentication. */
  refuseUnreadable(request: Omit<ReceivedCallback, 'body'>, refusal: CallbackRefusal): CallbackAnswer {
    this.throttle.recordFailure(request.sourceAddress);
    this.audit.record(refusal, { ...request, body: undefined }, null);
    return this.refusalAnswer(refusal, answerFormatOf(headerText(request.headers['content-type'])));
  }

  async receive(request: ReceivedCallback): Promise<CallbackAnswer> {
    const contentType = headerText(request.headers['content-type']);
    let format = answerFormatOf(contentType, request.body);
    let receiver: CallbackReceiverEntry | undefined;
    try {
      receiver = await this.resolve(request.store);
      this.authenticate(request, receiver);
      const text = this.readBody(request, contentType);
      format = sniffCallbackFormat(text) ?? format;
      this.verifySignature(request, receiver, text);
      const callback = this.parse(text);
      if (!receiver.enabled)
        throw new CallbackNotStored(503, 'SERVICE_UNAVAILABLE', `the connection ${receiver.connectionName} is disabled`);
      const dedupeKey = deliveryOrderCallbackKey(callback);
      const inserted = await this.store(request, receiver, contentType, format, dedupeKey, text);
      // The inbox row is the durable record of an accepted callback; its log line is for debugging only.
      this.logger.debug(
        {
          store: request.store,
          connection: receiver.connectionName,
          inboxId: inserted?.id ?? null,
          duplicate: inserted === undefined,
          deliveryOrderCode: callback.deliveryOrder.deliveryOrderCode,
          status: callback.deliveryOrder.status,
          requestId: request.requestId,
        },
        inserted === undefined ? 'callback already received: answered success, nothing stored' : 'callback received',
      );
      return { status: 200, format, ok: true, code: '0', message: inserted === undefined ? 'duplicate: already received' : 'accepted' };
    } catch (error) {
      if (error instanceof CallbackRefusal) {
        // Whoever has not proven the key counts towards the address's limit.
        if (error.status === 401) this.throttle.recordFailure(request.sourceAddress);
        this.audit.record(error, request, receiver?.connectionId ?? null);
        return this.refusalAnswer(error, format);
      }
      return this.failureAnswer(error, request, format);
    }
  }

  private async resolve(store: string): Promise<CallbackReceiverEntry> {
    let receiver: CallbackReceiverEntry | undefined;
    try {
      receiver = await this.directory.resolve(store);
    } catch (error) {
      if (error instanceof CallbackStoreMisconfigured) throw new CallbackNotStored(503, 'SERVICE_UNAVAILABLE', error.message);
      throw this.notStored(error);
    }
    if (receiver === undefined) throw CallbackRefusal.unauthorized(`unknown store ${store.slice(0, 128)}`);
    return receiver;
  }

  private authenticate(request: ReceivedCallback, receiver: CallbackReceiverEntry): void {
    const presented = request.headers['x-ca-key'];
    if (typeof presented !== 'string' || presented === '') throw CallbackRefusal.unauthorized('no x-ca-key header');
    const configured = receiver.settings.key;
    if (configured === undefined || !keyMatches(presented, receiver.settings, configured))
      throw CallbackRefusal.unauthorized(`wrong x-ca-key for ${receiver.connectionName}`);
  }

  /** Content type, emptiness, size and UTF-8, each refused with its own reason. */
  private readBody(request: ReceivedCallback, contentType: string | undefined): string {
    const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim());
    if (!ACCEPTED_MEDIA_TYPES.includes(mediaType.toLowerCase()))
      throw CallbackRefusal.invalid(
        'INVALID_CONTENT_TYPE',
        `Content-Type must be one of ${ACCEPTED_MEDIA_TYPES.join(', ')}; got ${contentType === undefined ? 'none' : JSON.stringify(mediaType.slice(0, 100))}`,
      );
    const charset = parameters
      .find((p) => /^charset=/i.test(p))
      ?.slice('charset='.length)
      .replace(/"/g, '');
    if (charset !== undefined && !UTF8.test(charset))
      throw CallbackRefusal.invalid('INVALID_ENCODING', `only UTF-8 is accepted; Content-Type says charset=${charset.slice(0, 40)}`);
    const body = request.body;
    if (body === undefined || body.length === 0) throw CallbackRefusal.invalid('EMPTY_BODY', 'the body is empty');
    if (body.length > this.maxBodyBytes) throw CallbackRefusal.tooLarge(this.maxBodyBytes);
    let text: string;
    try {
      text = UTF8_DECODER.decode(body);
    } catch {
      throw CallbackRefusal.invalid('INVALID_ENCODING', 'the body is not valid UTF-8');
    }
    if (text.trim() === '') throw CallbackRefusal.invalid('EMPTY_BODY', 'the body is empty');
    // Neither XML nor JSON may hold a raw NUL, and PostgreSQL text cannot store one.
    if (text.includes('\u0000')) throw CallbackRefusal.invalid('INVALID_ENCODING', 'the body contains a NUL character');
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
    if (declared !== undefined && !UTF8.test(declared))
      throw CallbackRefusal.invalid('INVALID_ENCODING', `only UTF-8 is accepted; the XML declaration says ${declared.slice(0, 40)}`);
    return text;
  }

  private verifySignature(request: ReceivedCallback, receiver: CallbackReceiverEntry, text: string): void {
    const { signature, signatureSecret } = receiver.settings;
    if (signature === 'none') return;
    const given = request.query[CALLBACK_SIGNATURE_PARAMETER];
    if (typeof given !== 'string' || given === '') throw CallbackRefusal.unauthorized(`no ${CALLBACK_SIGNATURE_PARAMETER} parameter`);
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.query)) {
      if (typeof value !== 'string') throw CallbackRefusal.unauthorized(`query parameter ${name.slice(0, 64)} repeated: cannot be signed`);
      params[name] = value;
    }
    if (signatureSecret === undefined || !isCallbackSignatureValid(signature, signatureSecret, params, request.body ?? text, given))
      throw CallbackRefusal.unauthorized(`wrong ${signature} signature for ${receiver.connectionName}`);
  }

  private parse(text: string): ReturnType<typeof parseDeliveryOrderCallback> {
    try {
      return parseDeliveryOrderCallback(text, { ...DEFAULT_CALLBACK_PARSE_LIMITS, maxLength: Math.max(this.maxBodyBytes, 1) });
    } catch (error) {
      if (error instanceof InvalidDeliveryOrderCallback) throw CallbackRefusal.invalid('INVALID_BODY', error.message);
      throw error;
    }
  }

  private async store(
    request: ReceivedCallback,
    receiver: CallbackReceiverEntry,
    contentType: string | undefined,
    format: CallbackBodyFormat,
    dedupeKey: string,
    text: string,
  ): Promise<{ readonly id: string } | undefined> {
    try {
      return await this.inbox.store({
        store: request.store,
        connectionId: receiver.connectionId,
        dedupeKey,
        contentType: contentType ?? null,
        bodyFormat: format,
        headers: maskedHeaders(request.headers),
        body: text,
        sourceAddress: request.sourceAddress,
      });
    } catch (error) {
      throw this.notStored(error);
    }
  }

  private notStored(error: unknown): CallbackNotStored {
    return isDatabaseUnavailable(error)
      ? new CallbackNotStored(503, 'SERVICE_UNAVAILABLE', `the database is unavailable: ${(error as Error).message}`)
      : new CallbackNotStored(
          500,
          'INTERNAL_ERROR',
          `the callback could not be stored: ${error instanceof Error ? error.message : String(error)}`,
        );
  }

  private refusalAnswer(refusal: CallbackRefusal, format: CallbackBodyFormat, retryAfterSeconds?: number): CallbackAnswer {
    return {
      status: refusal.status,
      format,
      ok: false,
      code: refusal.code,
      message: refusal.publicMessage,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }

  private failureAnswer(error: unknown, request: ReceivedCallback, format: CallbackBodyFormat): CallbackAnswer {
    const failure =
      error instanceof CallbackNotStored
        ? error
        : new CallbackNotStored(500, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
    const context = { store: request.store, requestId: request.requestId, sourceAddress: request.sourceAddress, code: failure.code };
    if (failure.status === 503)
      this.logger.warn({ ...context, reason: failure.reason }, 'callback not stored, answered 503 (the sender retries)');
    else this.logger.error({ ...context, err: error }, 'callback not stored, answered 500 (the sender retries)');
    return {
      status: failure.status,
      format,
      ok: false,
      code: failure.code,
      message:
        failure.status === 503 ? 'temporarily unable to store the callback; retry later' : 'the callback could not be stored; retry later',
      ...(failure.status === 503 ? { retryAfterSeconds: 5 } : {}),
    };
  }
}
