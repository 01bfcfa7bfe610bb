import type { BatchOutcome, ItemFailure } from '@serai/engine/ports';
import { chunk, mergeOutcomes } from '../kernel/batch';
import { Page, paginate } from '../kernel/paginate';
import { ProviderError } from '../kernel/provider-error';
import type { ProviderHttpClient, ProviderRequest } from '../kernel/provider-http-client';
import { classifyNengmaoCode, NENGMAO_ALREADY_SHIPPED, NENGMAO_OK, NENGMAO_ORDER_EXISTS } from './codes';
import type { NengmaoOperation } from './nengmao.profiles';
import type { NengmaoSettings } from './nengmao.settings';
import { nengmaoAuthHeaders } from './nengmao.signer';
import { readBatchResult } from './operations/batch-result';
import { interpretNengmao, ReadEnvelope } from './operations/envelope';
import { buildGoodsListRequest, GoodsListFilter, readGoodsListAnswer } from './operations/goods-list';
import { buildGoodsUploadRequest, readGoodsUploadAnswer } from './operations/goods-upload';
import { buildCancelByBrandRequest } from './operations/order-cancel-by-brand';
import { buildCancelConfirmRequest } from './operations/order-cancel-confirm';
import { buildOrderCreateRequest, readOrderCreateAnswer } from './operations/order-create';
import { buildOrderListRequest, OrderListFilter, readOrderListAnswer } from './operations/order-list';
import { buildOrderShipRequest } from './operations/order-ship';
import { buildPriceListRequest, readPriceListAnswer } from './operations/price-list';
import { buildPriceUpdateRequest } from './operations/price-update';
import { buildReturnCreateRequest, readReturnCreateAnswer } from './operations/return-create';
import { buildReturnListRequest, readReturnListAnswer, ReturnListFilter } from './operations/return-list';
import { buildStatusConfirmationRequest, readStatusConfirmationAnswer } from './operations/status-confirmation';
import { buildStocksListRequest, readStocksListAnswer, SkuTimeFilter } from './operations/stocks-list';
import { buildStocksUpdateRequest, readSkuUpdateAnswer } from './operations/stocks-update';
import type { NengmaoBatchResult } from './wire/envelope';
import type { NengmaoGoodsRecord } from './wire/goods-list';
import type { NengmaoGoodsUploadItem } from './wire/goods-upload';
import type { NengmaoCancelByBrandItem } from './wire/order-cancel-by-brand';
import type { NengmaoCancelConfirmItem } from './wire/order-cancel-confirm';
import type { NengmaoOrderCreateItem } from './wire/order-create';
import type { NengmaoOrder } from './wire/order-list';
import type { NengmaoShipOrder } from './wire/order-ship';
import type { NengmaoPriceRecord } from './wire/price-list';
import type { NengmaoPriceItem } from './wire/price-update';
import type { NengmaoReturnCreateItem } from './wire/return-create';
import type { NengmaoReturn } from './wire/return-list';
import type { NengmaoStockRecord } from './wire/stocks-list';
import type { NengmaoStockItem } from './wire/stocks-update';
import { encodeNengmaoJson } from './wire/wire-decimal';

/** What a page of a list operation yields: the records and the provider's `total`. */
export type NengmaoPage<T> = Page<T>;

/** How a list write reads its answer codes (see `writeNumberList`). */
interface ListWriteRules {
  /** The items in failureList already have the wanted effect (419 already shipped): success. */
  readonly alreadyDone: readonly number[];
  /** failureList names the items that made the provider refuse the whole call (411, 412): fail them, send the rest again. */
  readonly culprits: readonly number[];
  /** failureList failed, the others succeeded (421, 423). */
  readonly partial: readonly number[];
  /** Nothing succeeded (422, 424). */
  readonly refused: readonly number[];
}

export interface GoodsUploadResult {
  /** Per SKU code. */
  readonly outcome: BatchOutcome<string>;
  readonly records: readonly NengmaoGoodsRecord[];
}

export interface CreateResult<T> {
  readonly created: readonly T[];
  /** 417 "The order is exist": a repeated create, treated as success (TMG sandbox operations). */
  readonly alreadyExisted: boolean;
}

const AUTHENTICATION = 'authentication';

/**
 * The Nengmao API, one method per documented operation, on ProviderHttpClient (timeouts, masked
 * traces, retries of idempotent calls). Here: auth headers signed afresh for every attempt, the
 * envelope read into values or ProviderErrors, pagination as async iterators, and batching to the
 * connection's limits with per-item outcomes merged over the calls.
 */
export class NengmaoClient {
  constructor(
    private readonly http: ProviderHttpClient,
    readonly settings: NengmaoSettings,
    private readonly nowMs: () => number = Date.now,
  ) {}

  private get provider(): string {
    return this.settings.profile.provider;
  }

  /** Whether the connection's document has the operation. */
  supports(operation: NengmaoOperation): boolean {
    return this.settings.profile.paths[operation] !== undefined;
  }

  readonly goods = {
    /** Brand §6.1 / TMG §8.1: create or modify goods, ≤ `goodsPerUpload` per call; outcome per SKU. */
    upload: (goods: readonly NengmaoGoodsUploadItem[]): Promise<GoodsUploadResult> => this.uploadGoods(goods),
    /** Brand §6.2 / TMG §8.2, page by page; SKU / goods lists longer than 100 are split into several queries. */
    list: (filter: GoodsListFilter = {}): AsyncGenerator<NengmaoPage<NengmaoGoodsRecord>> => this.listGoods(filter),
  };

  readonly stocks = {
    /**
     * Brand §6.3 / TMG §5.1 in batches of `stocksPerUpdate`. Full pushes are retried on transient
     * failures (replacing a value twice is harmless); incremental ones are not.
     */
    update: (mode: 'full' | 'incremental', items: readonly NengmaoStockItem[]): Promise<BatchOutcome<string>> =>
      this.updateSkus('stocks/update', items, this.settings.limits.stocksPerUpdate, mode === 'full', (batch) =>
        buildStocksUpdateRequest(mode, batch),
      ),
    /** Brand §6.4 (not in TMG). */
    list: (filter: SkuTimeFilter): AsyncGenerator<NengmaoPage<NengmaoStockRecord>> =>
      this.listBySkus(
        'stocks/list',
        filter,
        (skus, pageNo, pageSize) => buildStocksListRequest({ ...filter, skus }, pageNo, pageSize),
        (env) => readStocksListAnswer(env.data),
      ),
  };

  readonly prices = {
    /** Brand §6.5 (≤ `pricesPerUpdate`, default 1000) / TMG §9.1 (≤100). Setting a price twice is harmless. */
    update: (items: readonly NengmaoPriceItem[]): Promise<BatchOutcome<string>> =>
      this.updateSkus('price/update', items, this.settings.limits.pricesPerUpdate, true, (batch) => buildPriceUpdateRequest(batch)),
    /** Brand §6.6 (not in TMG). */
    list: (filter: SkuTimeFilter): AsyncGenerator<NengmaoPage<NengmaoPriceRecord>> =>
      this.listBySkus(
        'price/list',
        filter,
        (skus, pageNo, pageSize) => buildPriceListRequest({ ...filter, skus }, pageNo, pageSize),
        (env) => readPriceListAnswer(env.data),
      ),
  };

  readonly orders = {
    /** Brand §7.1 / TMG §6.1: `for await (const page of client.orders.list(filter))`. */
    list: (filter: OrderListFilter = {}): AsyncGenerator<NengmaoPage<NengmaoOrder>> =>
      this.pages(
        'order/list',
        (pageNo, pageSize) => buildOrderListRequest(filter, pageNo, pageSize),
        (env) => readOrderListAnswer(env.data),
      ),
    /** Brand §7.2 / TMG §6.3 with `orderSnList`; confirming twice is accepted by the provider, so it is retried. */
    confirm: (orderSns: readonly string[]): Promise<BatchOutcome<string>> => this.confirmNumbers('orderResult', orderSns),
    /** Brand §7.3 / TMG §6.2 (and §6.5, same URL). */
    cancelByBrand: (items: readonly NengmaoCancelByBrandItem[]): Promise<BatchOutcome<string>> =>
      this.writeNumberList('order/cancelbybrand', items, (item) => item.orderSn, buildCancelByBrandRequest, false, readBatchFromData, {
        alreadyDone: [],
        culprits: [411],
        partial: [],
        refused: [424],
      }),
    /** Brand §7.4: answer the buyer's cancellation request, 10 accepted / 20 refused. */
    confirmCancellation: (items: readonly NengmaoCancelConfirmItem[]): Promise<BatchOutcome<string>> =>
      this.writeNumberList('order/cancelConfirm', items, (item) => item.orderSn, buildCancelConfirmRequest, false, readBatchFromData, {
        alreadyDone: [],
        culprits: [411],
        partial: [423],
        refused: [424],
      }),
    /**
     * Brand §7.5. 419 "has been shipped, it can not be shipped repeatedly" is success for the
     * orders it names (confirming a shipment twice must not fail); the others are sent again.
     */
    ship: (orders: readonly NengmaoShipOrder[]): Promise<BatchOutcome<string>> =>
      this.writeNumberList('order/ship', orders, (order) => order.orderSn, buildOrderShipRequest, false, readBatchFromData, {
        alreadyDone: [NENGMAO_ALREADY_SHIPPED],
        culprits: [411],
        partial: [421],
        refused: [422],
      }),
    /** TMG §6.4, sandbox only: plants orders. 417 (order exists) is a repeated create: success, nothing created. */
    create: (orders: readonly NengmaoOrderCreateItem[]): Promise<CreateResult<NengmaoOrder>> =>
      this.create('order/create', buildOrderCreateRequest(orders), (env) => readOrderCreateAnswer(env.data)),
  };

  readonly returns = {
    /** Brand §8.1 (create window mandatory) / TMG §7.1 (modify window). */
    list: (filter: ReturnListFilter): AsyncGenerator<NengmaoPage<NengmaoReturn>> =>
      this.pages(
        'return/list',
        (pageNo, pageSize) => buildReturnListRequest(filter, pageNo, pageSize),
        (env) => readReturnListAnswer(env.data, env.body),
      ),
    /** Brand §7.2 / TMG §6.3 with `returnSnList`. */
    confirm: (returnSns: readonly string[]): Promise<BatchOutcome<string>> => this.confirmNumbers('returnResult', returnSns),
    /** TMG §7.2, sandbox only. */
    create: (returns: readonly NengmaoReturnCreateItem[]): Promise<CreateResult<NengmaoReturn>> =>
      this.create('return/create', buildReturnCreateRequest(returns), (env) => readReturnCreateAnswer(env.data)),
  };

  /** One request: fresh signed headers per attempt, amounts written as exact number literals. */
  async call<T>(
    operation: NengmaoOperation,
    body: unknown,
    idempotent: boolean,
    read: (envelope: ReadEnvelope) => T,
    keep: readonly number[] = [],
    traceAnswer: ProviderRequest['traceAnswer'] = 'always',
  ): Promise<T> {
    const path = this.settings.profile.paths[operation];
    if (path === undefined) {
      throw new ProviderError({
        provider: this.provider,
        operation,
        kind: 'provider',
        code: 'UNSUPPORTED',
        message: `the ${this.settings.profile.title} has no ${operation} operation`,
        retryable: false,
      });
    }
    const rawBody = encodeNengmaoJson(body);
    return this.http.send(
      {
        operation,
        method: 'POST',
        path,
        // The trace shows the body as sent (amounts as numbers); rawBody is what goes on the wire.
        body: JSON.parse(rawBody) as unknown,
        rawBody,
        contentType: 'application/json',
        headers: () => nengmaoAuthHeaders(this.settings.credentials, this.nowMs()),
        idempotent,
        traceAnswer,
      },
      (response) => read(interpretNengmao(this.provider, operation, response, keep)),
    );
  }

  private pages<T>(
    operation: NengmaoOperation,
    body: (pageNo: number, pageSize: number) => unknown,
    read: (envelope: ReadEnvelope) => T[],
  ): AsyncGenerator<NengmaoPage<T>> {
    const pageSize = this.settings.limits.pageSize;
    return paginate(
      (pageNo) =>
        // The records of a list page are stored by whatever reads them: the trace keeps the page's answer only if it fails (ADR 0020).
        this.call(
          operation,
          body(pageNo, pageSize),
          true,
          (envelope) => ({
            items: read(envelope),
            pageNo,
            ...(envelope.total === undefined ? {} : { total: envelope.total }),
          }),
          [],
          'on-failure',
        ),
      { pageSize },
    );
  }

  /** A query whose SKU list may exceed the documented 100: one paginated query per slice of SKUs. */
  private async *listBySkus<T>(
    operation: NengmaoOperation,
    filter: SkuTimeFilter,
    body: (skus: readonly string[] | undefined, pageNo: number, pageSize: number) => unknown,
    read: (envelope: ReadEnvelope) => T[],
  ): AsyncGenerator<NengmaoPage<T>> {
    const slices =
      filter.skus === undefined || filter.skus.length === 0 ? [undefined] : chunk(filter.skus, this.settings.limits.skusPerQuery);
    for (const skus of slices) yield* this.pages(operation, (pageNo, pageSize) => body(skus, pageNo, pageSize), read);
  }

  private async *listGoods(filter: GoodsListFilter): AsyncGenerator<NengmaoPage<NengmaoGoodsRecord>> {
    const size = this.settings.limits.skusPerQuery;
    const read = (envelope: ReadEnvelope): NengmaoGoodsRecord[] => readGoodsListAnswer(envelope.data);
    const goodsSns = filter.goodsSns ?? [];
    const skus = filter.skus ?? [];
    // Brand §6.2: the two lists cannot be combined (420), so each is queried on its own.
    const exclusive = this.settings.profile.goodsListsExclusive && goodsSns.length > 0 && skus.length > 0;
    const queries: GoodsListFilter[] = [];
    if (exclusive) {
      for (const slice of chunk(goodsSns, size)) queries.push({ ...filter, goodsSns: slice, skus: undefined });
      for (const slice of chunk(skus, size)) queries.push({ ...filter, goodsSns: undefined, skus: slice });
    } else if (goodsSns.length > size || skus.length > size) {
      for (const goodsSlice of goodsSns.length === 0 ? [undefined] : chunk(goodsSns, size))
        for (const skuSlice of skus.length === 0 ? [undefined] : chunk(skus, size))
          queries.push({ ...filter, goodsSns: goodsSlice, skus: skuSlice });
    } else queries.push(filter);
    for (const query of queries)
      yield* this.pages('goods/list', (pageNo, pageSize) => buildGoodsListRequest(query, pageNo, pageSize), read);
  }

  private async uploadGoods(goods: readonly NengmaoGoodsUploadItem[]): Promise<GoodsUploadResult> {
    const records: NengmaoGoodsRecord[] = [];
    const outcomes: BatchOutcome<string>[] = [];
    let stop: ProviderError | undefined;
    for (const batch of chunk(goods, this.settings.limits.goodsPerUpload)) {
      const keys = batch.flatMap((item) => item.skuList.map((sku) => sku.sku));
      if (stop !== undefined) {
        outcomes.push(failAll(keys, stop, 0));
        continue;
      }
      try {
        records.push(...(await this.call('goods', buildGoodsUploadRequest(batch), true, (env) => readGoodsUploadAnswer(env.data))));
        outcomes.push({ succeeded: keys, failed: [], calls: 1 });
      } catch (error) {
        const failure = this.batchFailure(error, outcomes);
        if (stopsBatch(failure)) stop = failure;
        outcomes.push(failAll(keys, failure, 1));
      }
    }
    return { outcome: mergeOutcomes(outcomes), records };
  }

  /**
   * stocks/update and price/update in batches. A batch refused for an unknown SKU (410) is split
   * in halves until the unknown SKUs stand alone, so one bad SKU does not hold back a thousand
   * good ones (the sandbox refuses the whole call and changes nothing, so re-sending is safe).
   */
  private async updateSkus<I extends { readonly sku: string }>(
    operation: NengmaoOperation,
    items: readonly I[],
    size: number,
    idempotent: boolean,
    body: (batch: readonly I[]) => unknown,
  ): Promise<BatchOutcome<string>> {
    const outcomes: BatchOutcome<string>[] = [];
    const state: { stop?: ProviderError } = {};
    const send = async (batch: readonly I[]): Promise<void> => {
      const keys = batch.map((item) => item.sku);
      if (state.stop !== undefined) {
        outcomes.push(failAll(keys, state.stop, 0));
        return;
      }
      try {
        const answer = await this.call(operation, body(batch), idempotent, (env) => readSkuUpdateAnswer(env.data));
        outcomes.push(outcomeFromBatch(keys, answer.batch, 1));
      } catch (error) {
        if (error instanceof ProviderError && error.code === '410' && batch.length > 1) {
          outcomes.push({ succeeded: [], failed: [], calls: 1 });
          const half = Math.ceil(batch.length / 2);
          await send(batch.slice(0, half));
          await send(batch.slice(half));
          return;
        }
        const failure = this.batchFailure(error, outcomes);
        if (stopsBatch(failure)) state.stop = failure;
        outcomes.push(failAll(keys, failure, 1));
      }
    };
    for (const batch of chunk(items, size)) await send(batch);
    return mergeOutcomes(outcomes);
  }

  private confirmNumbers(result: 'orderResult' | 'returnResult', numbers: readonly string[]): Promise<BatchOutcome<string>> {
    const build = (batch: readonly string[]) =>
      result === 'orderResult' ? buildStatusConfirmationRequest(batch, []) : buildStatusConfirmationRequest([], batch);
    return this.writeNumberList(
      'status/confirmation',
      numbers,
      (sn) => sn,
      build,
      true,
      (env) => readStatusConfirmationAnswer(env.data)[result],
      { alreadyDone: [], culprits: [411, 412], partial: [], refused: [] },
    );
  }

  /**
   * The list writes (confirmation, cancellations, ship), in batches of `numbersPerList`, with the
   * answer codes read as `rules` say. Order numbers in `failureList` fail with the answer's code;
   * `successList` is not trusted to name the orders (§7.5's example names another order).
   */
  private async writeNumberList<I>(
    operation: NengmaoOperation,
    items: readonly I[],
    keyOf: (item: I) => string,
    body: (batch: readonly I[]) => unknown,
    idempotent: boolean,
    read: (envelope: ReadEnvelope) => NengmaoBatchResult,
    rules: ListWriteRules,
  ): Promise<BatchOutcome<string>> {
    const keep = [...rules.alreadyDone, ...rules.culprits, ...rules.partial, ...rules.refused];
    const outcomes: BatchOutcome<string>[] = [];
    let stop: ProviderError | undefined;
    for (const batch of chunk(items, this.settings.limits.numbersPerList)) {
      let pending: readonly I[] = batch;
      while (pending.length > 0) {
        const keys = pending.map(keyOf);
        if (stop !== undefined) {
          outcomes.push(failAll(keys, stop, 0));
          break;
        }
        let answer: { code: number; msg: string; result: NengmaoBatchResult };
        try {
          answer = await this.call(
            operation,
            body(pending),
            idempotent,
            (env) => ({ code: env.errorCode, msg: env.msg, result: read(env) }),
            keep,
          );
        } catch (error) {
          const failure = this.batchFailure(error, outcomes);
          if (stopsBatch(failure)) stop = failure;
          outcomes.push(failAll(keys, failure, 1));
          break;
        }
        const named = new Map(answer.result.failureList.map((failure) => [failure.key, failure.message]));
        const listed = keys.filter((key) => named.has(key));
        const failure = (key: string): ItemFailure<string> => ({
          key,
          code: answer.code === NENGMAO_OK ? 'failureList' : String(answer.code),
          message: named.get(key) ?? (answer.msg.trim() === '' ? classifyNengmaoCode(answer.code).message : answer.msg),
          retryable: false,
        });
        if (answer.code === NENGMAO_OK || rules.partial.includes(answer.code)) {
          outcomes.push({ succeeded: keys.filter((key) => !named.has(key)), failed: listed.map(failure), calls: 1 });
          break;
        }
        if (rules.alreadyDone.includes(answer.code) || rules.culprits.includes(answer.code)) {
          const affected = listed.length === 0 ? keys : listed;
          const done = rules.alreadyDone.includes(answer.code);
          outcomes.push({ succeeded: done ? affected : [], failed: done ? [] : affected.map(failure), calls: 1 });
          pending = pending.filter((item) => !affected.includes(keyOf(item)));
          continue;
        }
        // refused: nothing in this call took effect.
        outcomes.push({ succeeded: [], failed: keys.map(failure), calls: 1 });
        break;
      }
    }
    return mergeOutcomes(outcomes);
  }

  private async create<T>(operation: NengmaoOperation, body: unknown, read: (envelope: ReadEnvelope) => T[]): Promise<CreateResult<T>> {
    return this.call(
      operation,
      body,
      true,
      (env) =>
        env.errorCode === NENGMAO_ORDER_EXISTS ? { created: [], alreadyExisted: true } : { created: read(env), alreadyExisted: false },
      [NENGMAO_ORDER_EXISTS],
    );
  }

  /**
   * A failed call of a batch as a ProviderError for its items. Credentials, signature or clock
   * refused before anything succeeded means the whole operation is misconfigured: that error is
   * thrown rather than spread over every item. Anything but a ProviderError is a bug: rethrown.
   */
  private batchFailure(error: unknown, outcomes: readonly BatchOutcome<string>[]): ProviderError {
    if (!(error instanceof ProviderError)) throw error;
    const anySucceeded = outcomes.some((outcome) => outcome.succeeded.length > 0);
    if (isAuthenticationFailure(error) && !anySucceeded) throw error;
    return error;
  }
}

function readBatchFromData(envelope: ReadEnvelope): NengmaoBatchResult {
  return readBatchResult(envelope.data);
}

function isAuthenticationFailure(error: ProviderError): boolean {
  return error.kind === 'provider' && /^\d+$/.test(error.code ?? '') && classifyNengmaoCode(Number(error.code)).class === AUTHENTICATION;
}

/** After a transient failure or a refusal of the credentials, the rest of a batch is not sent: it would fail alike. */
function stopsBatch(error: ProviderError): boolean {
  return error.retryable || isAuthenticationFailure(error);
}

function failAll(keys: readonly string[], error: ProviderError, calls: number): BatchOutcome<string> {
  return {
    succeeded: [],
    failed: keys.map((key) => ({ key, code: error.code ?? error.kind, message: error.message, retryable: error.retryable })),
    calls,
  };
}

function outcomeFromBatch(keys: readonly string[], batch: NengmaoBatchResult | undefined, calls: number): BatchOutcome<string> {
  if (batch === undefined) return { succeeded: keys, failed: [], calls };
  const named = new Map(batch.failureList.map((failure) => [failure.key, failure.message]));
  return {
    succeeded: keys.filter((key) => !named.has(key)),
    failed: keys
      .filter((key) => named.has(key))
      .map((key) => ({ key, code: 'failureList', message: named.get(key) ?? 'listed in failureList', retryable: false })),
    calls,
  };
}
