import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesIn } from '../../kernel/testing/replay-server';
import {
  deliveryOrderCallbackKey,
  InvalidDeliveryOrderCallback,
  parseDeliveryOrderCallback,
  renderDeliveryOrderCallbackReply,
  sniffCallbackFormat,
} from './delivery-order-callback';

const { fixtureJson, readFixture } = fixturesIn(join(__dirname, '..', 'fixtures'));
const SEED = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'seeds', 'nomad-pilot-api.txt');

const EXAMPLE_FIELDS = [
  'deliveryOrderCode',
  'deliveryOrderId',
  'warehouseCode',
  'orderType',
  'status',
  'outBizCode',
  'confirmType',
  'orderConfirmTime',
  'operatorCode',
  'operatorName',
  'operateTime',
  'storageFee',
  'logisticsCode',
  'logisticsName',
  'expressCode',
];
const EXAMPLE = { deliveryOrder: Object.fromEntries(EXAMPLE_FIELDS.map((name) => [name, 'string'])), orderLines: [], packages: [] };

const refusal = (body: string): string => {
  try {
    parseDeliveryOrderCallback(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDeliveryOrderCallback);
    return (error as Error).message;
  }
  throw new Error('the body was accepted');
};

describe('delivery-order callback bodies', () => {
  describe('the document examples', () => {
    it("reads the curl example's -d body byte for byte as printed in the seed (JSON sent as application/xml)", () => {
      // The seed may be absent where shared/ is not laid beside the repository; the fixture holds the same body.
      let body = JSON.stringify(fixtureJson<{ body: unknown }>('callback.curl.json').body);
      try {
        body = /-d '(\{"deliveryOrder".*\})'/.exec(readFileSync(SEED, 'utf8'))?.[1] ?? body;
      } catch {
        // fixture body used
      }
      expect(fixtureJson<{ headers: Record<string, string> }>('callback.curl.json').headers['Content-Type']).toBe('application/xml');
      expect(sniffCallbackFormat(body)).toBe('json');
      expect(parseDeliveryOrderCallback(body)).toEqual(EXAMPLE);
    });

    it('reads the request example and its XML rendering to the same callback', () => {
      expect(parseDeliveryOrderCallback(readFixture('callback.request.json'))).toEqual(EXAMPLE);
      expect(parseDeliveryOrderCallback(readFixture('callback.request.xml'))).toEqual(EXAMPLE);
    });

    it('answers with exactly the fields of the response examples (200, 400, 500)', () => {
      for (const status of ['200', '400', '500']) {
        const example = fixtureJson<Record<string, unknown>>(`callback.response-${status}.json`);
        const ours = JSON.parse(renderDeliveryOrderCallbackReply('json', status === '200', '0', 'm').body) as Record<string, unknown>;
        expect(Object.keys(ours).sort()).toEqual(Object.keys(example).sort());
        expect(Object.values(ours).every((value) => typeof value === 'string')).toBe(true);
      }
      expect(JSON.parse(renderDeliveryOrderCallbackReply('json', true, '0', 'accepted').body)).toEqual({
        success: 'success',
        errorcode: '0',
        errormsg: 'accepted',
      });
      expect(JSON.parse(renderDeliveryOrderCallbackReply('json', false, 'INVALID_BODY', 'x').body)).toMatchObject({ success: 'false' });
    });
  });

  describe('QiMen-style messages', () => {
    it('reads the PARTDELIVERED <request> envelope with order lines, packages, CDATA and entities', () => {
      const callback = parseDeliveryOrderCallback(readFixture('callback-qimen-partdelivered.request.xml'));
      expect(callback.deliveryOrder).toMatchObject({ deliveryOrderCode: 'TM20240901001', status: 'PARTDELIVERED', confirmType: '1' });
      expect(callback.deliveryOrder.operatorName).toBe('张 & 李');
      expect(callback.orderLines).toEqual([
        { orderLineNo: '1', itemCode: 'M-SKU-A', itemId: 'W0000000001', planQty: '2', actualQty: '1' },
        { orderLineNo: '2', itemCode: 'M-SKU-B', itemId: 'W0000000002', planQty: '1', actualQty: '1' },
      ]);
      expect(callback.packages).toEqual([
        {
          logisticsCode: 'SF',
          expressCode: 'SF1035215690597',
          items: [
            { itemCode: 'M-SKU-A', quantity: '1' },
            { itemCode: 'M-SKU-B', quantity: '1' },
          ],
        },
      ]);
    });

    it('reads the JSON form with lines and packages, and the same wrapped in "request"', () => {
      const plain = parseDeliveryOrderCallback(readFixture('callback-delivered.request.json'));
      expect(plain.deliveryOrder.status).toBe('DELIVERED');
      expect(plain.orderLines).toHaveLength(1);
      const wrapped = parseDeliveryOrderCallback(JSON.stringify({ request: JSON.parse(readFixture('callback-delivered.request.json')) }));
      expect(wrapped).toEqual(plain);
    });

    it('reads package codes, attributes, comments, a byte-order mark and surrounding blanks', () => {
      const xml =
        '\uFEFF  <?xml version="1.0" encoding="UTF-8"?>\n<!-- pushed by the WMS -->\n<request xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" note="a > b">' +
        '<deliveryOrder><deliveryOrderCode>DO-1</deliveryOrderCode><status>DELIVERED</status><confirmType>0</confirmType></deliveryOrder>' +
        '<packages><package><packageCode>P-2</packageCode><logisticsCode>SF</logisticsCode><expressCode>SF1</expressCode>' +
        '<items><item><itemCode>A</itemCode><quantity>2</quantity></item></items></package></packages></request>\n';
      const callback = parseDeliveryOrderCallback(xml);
      expect(callback.packages).toEqual([
        { packageCode: 'P-2', logisticsCode: 'SF', expressCode: 'SF1', items: [{ itemCode: 'A', quantity: '2' }] },
      ]);
    });

    it('keeps every digit and the exact text of numbers sent bare in JSON', () => {
      const callback = parseDeliveryOrderCallback(
        '{"deliveryOrder":{"deliveryOrderCode":4829105573312908123456,"deliveryOrderId":18446744073709551617,"status":"DELIVERED","storageFee":0.10},' +
          '"packages":[{"expressCode":900719925474099312,"items":[{"itemCode":"A","quantity":1e0}]}]}',
      );
      expect(callback.deliveryOrder).toMatchObject({
        deliveryOrderCode: '4829105573312908123456',
        deliveryOrderId: '18446744073709551617',
        storageFee: '0.10',
      });
      expect(callback.packages[0]).toEqual({ expressCode: '900719925474099312', items: [{ itemCode: 'A', quantity: '1e0' }] });
    });

    it('treats __proto__ keys and elements as plain unknown names', () => {
      const json = parseDeliveryOrderCallback(
        '{"__proto__":{"polluted":1},"deliveryOrder":{"__proto__":{"status":"SIGN"},"deliveryOrderCode":"DO-1","status":"DELIVERED","constructor":"x"}}',
      );
      expect(json.deliveryOrder).toEqual({ deliveryOrderCode: 'DO-1', status: 'DELIVERED' });
      const xml = parseDeliveryOrderCallback(
        '<deliveryOrder><__proto__>x</__proto__><deliveryOrderCode>DO-1</deliveryOrderCode><status>DELIVERED</status></deliveryOrder>',
      );
      expect(xml.deliveryOrder).toEqual({ deliveryOrderCode: 'DO-1', status: 'DELIVERED' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('refusals, each with its reason', () => {
    it.each([
      ['an empty body', '   ', /empty/],
      ['a form body', 'deliveryOrderCode=1', /neither JSON nor XML/],
      ['JSON without deliveryOrderCode', '{"deliveryOrder":{"status":"DELIVERED"}}', /deliveryOrderCode is required/],
      ['XML without deliveryOrderCode', '<deliveryOrder><status>DELIVERED</status></deliveryOrder>', /deliveryOrderCode is required/],
      ['a blank deliveryOrderCode', '{"deliveryOrder":{"deliveryOrderCode":" ","status":"DELIVERED"}}', /deliveryOrderCode is required/],
      ['a missing status', '<deliveryOrder><deliveryOrderCode>1</deliveryOrderCode></deliveryOrder>', /status is required/],
      ['a deliveryOrder that is not an object', '{"deliveryOrder":[1]}', /\$\.deliveryOrder should be an object/],
      [
        'a boolean where a string belongs',
        '{"deliveryOrder":{"deliveryOrderCode":true,"status":"X"}}',
        /deliveryOrderCode should be a string/,
      ],
      [
        'an order line without itemCode',
        '{"deliveryOrder":{"deliveryOrderCode":"1","status":"X"},"orderLines":[{"planQty":"1"}]}',
        /itemCode/,
      ],
      ['another root element', '<response><flag>success</flag></response>', /expected <deliveryOrder>/],
      ['truncated JSON', '{"deliveryOrder":{"deliveryOrderCode":"1","status":"DELIV', /not valid JSON/],
      ['truncated XML', '<request><deliveryOrder><deliveryOrderCode>1</deliveryOrderCode><status>DELIV', /truncated/],
      ['a truncated start tag', '<request><deliveryOrder a="1', /truncated/],
      ['a DOCTYPE', '<!DOCTYPE r [<!ENTITY e "x">]><deliveryOrder>&e;</deliveryOrder>', /DOCTYPE/],
      ['an external entity', '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><deliveryOrder>&xxe;</deliveryOrder>', /DOCTYPE/],
      ['an undeclared entity', '<deliveryOrder><deliveryOrderCode>&xxe;</deliveryOrderCode></deliveryOrder>', /unknown entity/],
      ['a character reference past Unicode', '<deliveryOrder><status>&#x110000;</status></deliveryOrder>', /invalid character reference/],
      ['a NUL character reference', '<deliveryOrder><status>&#0;</status></deliveryOrder>', /invalid character reference/],
      ['JSON nested 10,000 deep', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, /deeper than 32/],
      ['a JSON array', '[{"deliveryOrder":{}}]', /\$ should be an object/],
      ['XML nested 10,000 deep', `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`, /deeper than 32/],
      ['100,000 attributes', `<deliveryOrder ${'a="1" '.repeat(100_000)}/>`, /more than 32 attributes/],
      ['an unquoted attribute', '<deliveryOrder a=1/>', /not quoted/],
    ])('refuses %s', (_case, body, reason) => {
      expect(refusal(body)).toMatch(reason);
    });

    it('refuses a body over the length limit before reading it', () => {
      const limits = { maxLength: 100, maxDepth: 32, maxAttributesPerElement: 32, maxElements: 1000, maxJsonDepth: 32 };
      expect(() => parseDeliveryOrderCallback(`{"deliveryOrder":{"deliveryOrderCode":"${'x'.repeat(200)}"}}`, limits)).toThrow(
        /longer than 100/,
      );
    });

    it('refuses more elements than the limit', () => {
      const limits = { maxLength: 1_000_000, maxDepth: 32, maxAttributesPerElement: 32, maxElements: 100, maxJsonDepth: 32 };
      expect(() => parseDeliveryOrderCallback(`<request>${'<x/>'.repeat(200)}</request>`, limits)).toThrow(/more than 100 elements/);
    });
  });

  describe('the dedupe key', () => {
    const base = parseDeliveryOrderCallback(readFixture('callback-qimen-partdelivered.request.xml'));
    const withoutId = { ...base, deliveryOrder: { ...base.deliveryOrder, outBizCode: '' } };

    it("is the provider's message id (outBizCode) when present", () => {
      expect(deliveryOrderCallbackKey(base)).toBe('4829105573312908-000007');
    });

    it('is otherwise the order, status, confirmType and sorted package codes', () => {
      const twoPackages = {
        ...withoutId,
        packages: [
          { packageCode: 'P-2', items: [] },
          { expressCode: 'SF-1', items: [] },
        ],
      };
      expect(deliveryOrderCallbackKey(twoPackages)).toBe('["TM20240901001","PARTDELIVERED","1",["P-2","SF-1"]]');
      expect(deliveryOrderCallbackKey({ ...twoPackages, packages: [...twoPackages.packages].reverse() })).toBe(
        deliveryOrderCallbackKey(twoPackages),
      );
      expect(deliveryOrderCallbackKey({ ...withoutId, deliveryOrder: { ...withoutId.deliveryOrder, confirmType: '0' } })).not.toBe(
        deliveryOrderCallbackKey(withoutId),
      );
      expect(deliveryOrderCallbackKey({ ...withoutId, deliveryOrder: { ...withoutId.deliveryOrder, status: 'DELIVERED' } })).not.toBe(
        deliveryOrderCallbackKey(withoutId),
      );
    });

    it('is a SHA-256 when it would be longer than 200 characters', () => {
      const key = deliveryOrderCallbackKey({ ...base, deliveryOrder: { ...base.deliveryOrder, outBizCode: 'x'.repeat(5000) } });
      expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    });
  });

  it('writes the XML answer as QiMen does, escaped', () => {
    expect(renderDeliveryOrderCallbackReply('xml', true, '0', 'accepted')).toEqual({
      contentType: 'application/xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="utf-8"?><response><flag>success</flag><code>0</code><message>accepted</message></response>',
    });
    expect(renderDeliveryOrderCallbackReply('xml', false, 'INVALID_BODY', '<a> & "b"').body).toContain(
      '<flag>failure</flag><code>INVALID_BODY</code><message>&lt;a&gt; &amp; &quot;b&quot;</message>',
    );
  });
});
