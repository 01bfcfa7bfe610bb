import { Module } from '@nestjs/common';
import { IdempotencyCleanup } from './idempotency/idempotency-cleanup';

/**
 * The API's cross-cutting conventions that need the container. The hooks, guards and interceptor
 * themselves are installed for every route by createHubApp (ADR 0015).
 */
@Module({ providers: [IdempotencyCleanup], exports: [IdempotencyCleanup] })
export class HttpConventionsModule {}
