import type {
  PilotCallbackReply,
  PilotConnectorResponse,
  PilotInventoryProduct,
  PilotInventoryResponse,
  PilotListResponse,
  PilotPurchase,
} from './pilot.wire';

export function pilotList<T>(code: number, message: string, data: T[], total: number): PilotListResponse<T> {
  return { code, message, data, total };
}

export function pilotInventory(
  code: number,
  message: string,
  content: { products?: PilotInventoryProduct[]; purchases?: PilotPurchase[]; mappingName?: string; carrier?: string; input?: string },
): PilotInventoryResponse {
  const connectorResponses: PilotConnectorResponse[] =
    content.mappingName === undefined
      ? []
      : [
          {
            input: content.input ?? '',
            mappingName: content.mappingName,
            api: [content.carrier ?? ''],
            httpRequestRawData: '-',
            code,
            response: message,
            responseEn: message,
            platform: content.carrier ?? '',
            requestCount: 1,
            responseTime: 0,
          },
        ];
  return { code, message, connectorResponses, products: content.products ?? [], purchases: content.purchases ?? [] };
}

/** The callback answer. The document's failure examples still say "success" (catalogue A9); failures here say "false". */
export function pilotCallbackReply(ok: boolean, errorcode = '', errormsg = ''): PilotCallbackReply {
  return { success: ok ? 'success' : 'false', errorcode, errormsg };
}
