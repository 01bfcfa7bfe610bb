import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface CallbackPost {
  readonly store?: string;
  /** `callback` as the document writes it, or the plural. */
  readonly path?: 'callback' | 'callbacks';
  /** Sent as `x-ca-key`; null sends none. */
  readonly key?: string | null;
  /** null sends no Content-Type. */
  readonly contentType?: string | null;
  readonly body: string | Buffer;
  readonly remoteAddress?: string;
  readonly query?: string;
}

export interface CallbackResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
}

/** Posts a callback to the hub in-process, as a logistics provider would: raw body, own headers and source address. */
export function callbackSender(app: NestFastifyApplication, defaults: { key: string; store: string }) {
  return async (post: CallbackPost): Promise<CallbackResponse> => {
    const headers: Record<string, string> = {};
    const key = post.key === undefined ? defaults.key : post.key;
    if (key !== null) headers['x-ca-key'] = key;
    const contentType = post.contentType === undefined ? 'application/xml' : post.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: `/${post.path ?? 'callback'}/${post.store ?? defaults.store}${post.query ?? ''}`,
        headers,
        payload: post.body,
        remoteAddress: post.remoteAddress ?? '127.0.0.1',
      });
    return { statusCode: response.statusCode, headers: response.headers, body: response.body };
  };
}

/** A JSON callback body in the document's shape, with lines and a package as the sandbox sends them. */
export function jsonCallback(fields: { code: string; status?: string; outBizCode?: string; confirmType?: string }): string {
  return JSON.stringify({
    deliveryOrder: {
      deliveryOrderCode: fields.code,
      deliveryOrderId: `${fields.code}-ID`,
      warehouseCode: 'WH-SF-01',
      orderType: 'JYCK',
      status: fields.status ?? 'DELIVERED',
      ...(fields.outBizCode === undefined ? {} : { outBizCode: fields.outBizCode }),
      confirmType: fields.confirmType ?? '0',
      orderConfirmTime: '2024-09-01 18:30:00',
      logisticsCode: 'SF',
      expressCode: `SF${fields.code}`,
    },
    orderLines: [{ orderLineNo: '1', itemCode: 'M-SKU-A', planQty: '1', actualQty: '1' }],
    packages: [{ logisticsCode: 'SF', expressCode: `SF${fields.code}`, items: [{ itemCode: 'M-SKU-A', quantity: '1' }] }],
  });
}

/** The same in QiMen's XML envelope. */
export function xmlCallback(fields: { code: string; status?: string; outBizCode?: string; confirmType?: string }): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><request><deliveryOrder>' +
    `<deliveryOrderCode>${fields.code}</deliveryOrderCode><status>${fields.status ?? 'DELIVERED'}</status>` +
    (fields.outBizCode === undefined ? '' : `<outBizCode>${fields.outBizCode}</outBizCode>`) +
    `<confirmType>${fields.confirmType ?? '0'}</confirmType><logisticsCode>SF</logisticsCode><expressCode>SF${fields.code}</expressCode>` +
    '</deliveryOrder><orderLines><orderLine><orderLineNo>1</orderLineNo><itemCode>M-SKU-A</itemCode><planQty>1</planQty><actualQty>1</actualQty></orderLine></orderLines>' +
    `<packages><package><logisticsCode>SF</logisticsCode><expressCode>SF${fields.code}</expressCode><items><item><itemCode>M-SKU-A</itemCode><quantity>1</quantity></item></items></package></packages></request>`
  );
}
