import { Inject, Injectable } from '@nestjs/common';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { insertSkuInfo } from './operations/insert-sku-info';
import { querySimpleListSku } from './operations/query-simple-list-sku';
import { updateSkuInfo } from './operations/update-sku-info';
import { updateSkuStatus } from './operations/update-sku-status';
import { WmsAnswer, WmsRefusal, wmsFailure } from './wms-codes';
import { isJsonObject } from './wms-input-reader';
import { WmsCredentials, WmsRequestAuthenticator } from './wms-request.authenticator';
import { WmsSkuRepository } from './wms-sku.repository';
import { WMS_SERVICE_TYPES, WmsServiceType } from './wire/wms-sku';

/** One call to `POST /api/{version}/sku`, as the controller hands it over. */
export interface WmsSkuCall {
  readonly version: string;
  /** Where the service type may travel, in order of precedence (ADR 0005). */
  readonly serviceTypeFromQuery?: string;
  readonly serviceTypeFromHeader?: string;
  readonly credentials: WmsCredentials;
  readonly rawBody: string | Buffer;
  readonly body: unknown;
}

const OPERATIONS: Record<WmsServiceType, (body: unknown, repository: WmsSkuRepository) => WmsAnswer> = {
  QUERY_SIMPLE_LIST_SKU: querySimpleListSku,
  INSERT_SKU_INFO: insertSkuInfo,
  UPDATE_SKU_INFO: updateSkuInfo,
  UPDATE_SKU_STATUS: updateSkuStatus,
};

function isServiceType(value: string): value is WmsServiceType {
  return (WMS_SERVICE_TYPES as readonly string[]).includes(value);
}

/** The single WMS endpoint: version, authentication, `SERVICE_TYPE`, then the operation. */
@Injectable()
export class WmsSkuService {
  constructor(
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
    private readonly authenticator: WmsRequestAuthenticator,
    private readonly repository: WmsSkuRepository,
  ) {}

  handle(call: WmsSkuCall): WmsAnswer {
    try {
      if (!this.settings.wmsVersions.includes(call.version)) {
        throw new WmsRefusal('VERSION_NOT_SUPPORTED', `The API version ${call.version} is not supported`);
      }
      const fromBody = isJsonObject(call.body) && typeof call.body.SERVICE_TYPE === 'string' ? call.body.SERVICE_TYPE : undefined;
      const serviceType = call.serviceTypeFromQuery ?? call.serviceTypeFromHeader ?? fromBody;
      // The sign covers the service type as sent; a missing one is signed as the empty string.
      this.authenticator.authenticate(call.credentials, serviceType ?? '', call.rawBody);
      if (serviceType === undefined || serviceType === '') throw new WmsRefusal('SERVICE_TYPE_MISSING');
      if (!isServiceType(serviceType)) throw new WmsRefusal('SERVICE_TYPE_UNKNOWN', `SERVICE_TYPE ${serviceType} is not supported`);
      return OPERATIONS[serviceType](this.withoutServiceType(call.body), this.repository);
    } catch (error) {
      if (error instanceof WmsRefusal) return wmsFailure(error.code, error.message);
      throw error;
    }
  }

  private withoutServiceType(body: unknown): unknown {
    if (!isJsonObject(body) || !('SERVICE_TYPE' in body)) return body;
    const { SERVICE_TYPE: _serviceType, ...rest } = body;
    return rest;
  }
}
