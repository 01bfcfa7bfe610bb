import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createParty, Instant, Money } from '@serai/domain';
import type { ProviderHttpClient, ProviderRequest, ProviderResponse } from '../kernel/provider-http-client';
import { fixtureText, loadFixture } from './fixtures/load-fixture';
import { toNengmaoOrderCreate, toNengmaoReturnCreate } from './nengmao-sandbox.mapper';
import { NengmaoClient } from './nengmao.client';
import { toNengmaoCancelByBrand, toNengmaoCancelConfirm } from './nengmao.mapper';
import { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE, NengmaoProfile } from './nengmao.profiles';
import { readNengmaoSettings } from './nengmao.settings';
import { WireDecimal } from './wire/wire-decimal';

/**
 * Every documented request example (`fixtures/*.request.json`, brand and TMG) rebuilt from typed
 * input by the client itself: the body compared is the one the client hands to the HTTP layer
 * (`rawBody`, amounts already written as number literals), parsed. Where the example disagrees
 * with its own section's table, the table wins and the normalisation below says why.
 */
type Body = unknown;
const sentBodies: { path: string; body: Body }[] = [];
const WRITES = new Set([
  'status/confirmation',
  'order/cancelbybrand',
  'order/cancelConfirm',
  'order/ship',
  'stocks/update',
  'price/update',
]);
const fakeHttp = {
  send: async <T>(request: ProviderRequest, interpret: (response: ProviderResponse) => T): Promise<T> => {
    sentBodies.push({ path: request.path, body: JSON.parse(request.rawBody ?? 'null') });
    const json = { errorCode: 200, msg: 'success', data: WRITES.has(request.operation) ? {} : [], total: 0 };
    return interpret({ status: 200, headers: {}, text: JSON.stringify(json), json });
  },
} as unknown as ProviderHttpClient;
const client = (profile: NengmaoProfile, options: Record<string, unknown> = {}): NengmaoClient =>
  new NengmaoClient(
    fakeHttp,
    readNengmaoSettings(
      {
        name: 'examples',
        provider: profile.provider,
        baseUrl: 'https://example.test',
        credentials: { appKey: 'k', appSecret: 's' },
        options,
      },
      profile,
    ),
  );
const brand = (options?: Record<string, unknown>) => client(NENGMAO_BRAND_PROFILE, options);
const tmg = (options?: Record<string, unknown>) => client(NENGMAO_TMALL_GLOBAL_PROFILE, options);
/** A wall-clock time in GMT+8 as the instant it names. */
const gmt8 = (text: string): Instant => Instant.parse(`${text.replace(' ', 'T')}+08:00`);
const drain = async (pages: AsyncIterable<unknown>): Promise<void> => {
  for await (const page of pages) void page;
};
const merge = (bodies: readonly Body[]): Body => Object.assign({}, ...bodies.map((body) => body as object));
/** TMG examples write bare dates (`"2017-04-10"`) where the format is `yyyy-MM-dd HH:mm:ss`: read as midnight GMT+8. */
const midnight = (value: unknown): unknown =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value} 00:00:00` : value;
const withTimes = (example: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(example).map(([key, value]) => [key, /Time$/.test(key) ? midnight(value) : value]));

interface Case {
  /** Sends the request(s) through the client from typed input. */
  readonly send: () => Promise<unknown>;
  /** The documented example after the normalisation the comment justifies (default: verbatim). */
  readonly expected?: (example: Record<string, unknown>) => unknown;
  /** The bodies sent, as compared (default: the single body sent). */
  readonly actual?: (bodies: readonly Body[]) => unknown;
}

const tmgGoodsUpload = {
  brand: 'nike',
  brandImage: 'https://img.alicdn.com/bJjy1XcXXcpdXXa.jpg',
  goodsSn: 'Brand1194122331',
  goodsTitle: 'NIKE AIR MAX男子气垫训练鞋869633',
  goodsCategory: '运动鞋',
  goodsSeason: '秋季',
  goodsSeries: '',
  goodsYears: '2017年',
  weight: '11',
  description: '211221222',
  descriptionImage: 'https://img.alicdn.com/i!890482188.jpg',
  material: '',
  volume: '',
  measure: '11',
  characteristics: '112',
  sizeChart: '1ag',
  hscode: '11212',
  target: '12231',
  skuList: [
    {
      color: 'red',
      size: 'X',
      sku: 'Branda31869633',
      upcCode: '6919721232',
      marketPrice: WireDecimal.of('900'),
      salePrice: WireDecimal.of('629'),
      stocks: 110,
      internalId: '121212',
      importFee: WireDecimal.of('12'),
      images: 'https://img.alicdn.com/im_430x430q90.jpg',
      colorImage: 'https://img.alicdn.com/img/111.jpg',
    },
  ],
};

const brandGoodsUpload = {
  brand: 'nike',
  brandImage: 'https://img.alicdn.com/bJjy1XcXXcpdXXa.jpg',
  goodsSn: 'Brand12903261803',
  goodsTitle: 'NIKE AIR MAX 男子气垫训练鞋 032618',
  goodsCategory: '运动鞋',
  goodsSeason: '春季',
  goodsSeries: '',
  goodsYears: '2019 年',
  weight: '11',
  description: '211221222',
  descriptionImage: 'https://img.alicdn.com/i!890482188.jpg',
  target: 'B2C',
  hscode: '11212290',
  sizeChart: '42',
  material: '',
  volume: '',
  characteristics: 'dddd',
  measure: '12',
  originCountry: 'USA',
  careInfo: 'Hand wash',
  shippingRestriction: 'air',
  newArrivals: 'yes',
  deliverySeperate: 'no',
  updateInfo: '',
  priority: '',
  remarks: 'new shoes',
  currency: 'USD',
  targetActiveDate: '',
  merchClass: '1',
  dimensions: '',
  modelNotes: '',
  additionalDescription: '',
  vendorBrand: '',
  careFacet: '',
  goodsStyleNo: '',
  tmallLocalNotes: '',
  productID: '',
  fitMeasurement: [
    { measurementTitle: 'Length', us: '13.0', metric: '33.02' },
    { measurementTitle: 'Strap Length', us: '16.5', metric: '41.91' },
  ],
  skuList: [
    {
      color: 'red',
      colorCode: 'aa',
      size: 'X',
      sizeCode: 'X',
      sku: 'Branda03261805',
      upcCode: '23121212',
      internalId: '',
      marketPrice: WireDecimal.of('1099'),
      salePrice: WireDecimal.of('999'),
      importFee: WireDecimal.of('32'),
      colorImage: 'https://img.alicdn.com/im_430x430q90.jpg',
      images: 'https://img.alicdn.com/im_430x430q90.jpg|https://img.alicdn.com/im_01.jpg|https://img.alicdn.com/im_02.jpg',
      video: '',
      videoImage: '',
      isDiscount: '',
      stocks: 110,
      shippingRestriction: '',
      tmallNotes: '',
      safeValid: true,
      ipStatus: 'C3',
      colorId: '000',
      sizeId: '10021',
      tmallLocalNotes: '',
    },
  ],
};

const cancelByBrandExample = {
  orderSn: '162724553352511111',
  status: 10 as const,
  message: '品牌方缺货取消',
  goodsList: [{ sku: '3840438387414', internalId: '11122211221', qty: 1 }],
};

const CASES: Record<string, Case> = {
  'brand-goods': { send: () => brand().goods.upload([brandGoodsUpload]) },
  'brand-goods-list': {
    send: () =>
      drain(
        brand({ pageSize: 1 }).goods.list({
          createdFrom: gmt8('2018-01-04 16:23:47'),
          createdTo: gmt8('2018-10-24 16:23:47'),
          modifiedFrom: gmt8('2018-01-04 16:23:47'),
          modifiedTo: gmt8('2018-10-24 16:23:47'),
          goodsSns: ['121212', 'abc1111'],
          skus: ['12345678', '2345678'],
        }),
      ),
    // Brand §6.2's table: "goodSnList and skuList cannot be used at the same time" (error 420), which
    // its example does. The client therefore queries each list on its own (same windows, page 1 of
    // 1): the two bodies together carry exactly the example's fields and values.
    actual: (bodies) => {
      expect(bodies).toHaveLength(2);
      expect(bodies.map((body) => ['goodSnList' in (body as object), 'skuList' in (body as object)])).toEqual([
        [true, false],
        [false, true],
      ]);
      return merge(bodies);
    },
  },
  'brand-stocks-update': {
    send: () =>
      brand().stocks.update('full', [
        { sku: '869aa622133', internalId: '', stocks: 12 },
        { sku: '869aa622134', internalId: '', stocks: 0 },
      ]),
  },
  'brand-stocks-list': {
    send: () =>
      drain(
        brand().stocks.list({
          modifiedFrom: gmt8('2019-01-04 16:23:47'),
          modifiedTo: gmt8('2020-05-20 16:23:47'),
          skus: ['10009272', '10333383', '11634854', '13037544'],
        }),
      ),
  },
  'brand-price-update': {
    send: () =>
      brand().prices.update([{ sku: 'Branda31869633', internalId: '121212', salePrice: WireDecimal.of('1900'), isDiscount: 'true' }]),
  },
  'brand-price-list': {
    send: () =>
      drain(
        brand().prices.list({
          modifiedFrom: gmt8('2020-01-04 16:23:47'),
          modifiedTo: gmt8('2020-03-15 16:23:47'),
          skus: ['32329221', '89849829'],
        }),
      ),
  },
  'brand-order-list': {
    send: () =>
      drain(
        brand({ pageSize: 1 }).orders.list({
          createdFrom: gmt8('2020-03-26 16:23:47'),
          createdTo: gmt8('2020-03-27 16:23:47'),
          status: 1,
          orderType: 'Y',
        }),
      ),
  },
  'brand-request-example-code': {
    send: () =>
      drain(
        brand().orders.list({
          createdFrom: gmt8('2025-09-10 00:00:00'),
          createdTo: gmt8('2025-09-11 00:00:00'),
          status: 2,
          orderType: 'Y',
        }),
      ),
    // Brand §4's code sample sends `"orderStatus": "2"`; the §7.1 table types it number (the client
    // sends 2). The sample also leaves out the optional pageNo/pageSize, which the client always sends.
    expected: (example) => ({ ...example, orderStatus: 2, pageNo: 1, pageSize: 100 }),
  },
  'brand-status-confirmation': {
    // The client confirms orders and returns in separate calls (each list is optional in §7.2's
    // table); the two bodies together are the example, which sends both lists at once.
    send: async () => {
      await brand().orders.confirm(['104587766749540598']);
      await brand().returns.confirm(['9109033548491234']);
    },
    actual: merge,
  },
  'brand-order-cancelbybrand': { send: () => brand().orders.cancelByBrand([cancelByBrandExample]) },
  'brand-order-cancelconfirm': {
    send: () =>
      brand().orders.confirmCancellation([
        toNengmaoCancelConfirm('472396610503512365', true, '取消成功'),
        toNengmaoCancelConfirm('396526610503512365', false, '取消失败'),
      ]),
    // Brand §7.4's example sends "10"/"20" as strings; its table types status number: numbers are sent.
    expected: (example) => ({
      cancelList: (example.cancelList as Record<string, unknown>[]).map((item) => ({ ...item, status: Number(item.status) })),
    }),
  },
  'brand-order-ship': {
    send: () =>
      brand().orders.ship([
        {
          orderSn: '811010000207',
          shipTime: '2018-11-01 12:53:58',
          expressCompany: 'bskd',
          expressNo: '51241003103688',
          invoiceNumber: '1111',
          shipmentId: '51241003103799',
          serialNumber: '47173580',
          shippingOption: 'Cainiao',
          goodsList: [{ sku: '5221414_580_50', qty: 1, status: 'shipped', notes: '分开发货' }],
        },
      ]),
  },
  'brand-return-list': {
    send: () =>
      drain(
        brand({ pageSize: 10 }).returns.list({
          createdFrom: gmt8('2018-04-10 16:23:47'),
          createdTo: gmt8('2018-04-15 16:23:47'),
          status: 1,
          returnType: 'Y',
        }),
      ),
  },
  'tmg-stocks-update': { send: () => tmg().stocks.update('full', [{ sku: '869aa622133', internalId: 'abc11111', stocks: 12 }]) },
  'tmg-order-list': {
    send: () =>
      drain(
        tmg({ pageSize: 1 }).orders.list({
          modifiedFrom: gmt8('2017-04-10 00:00:00'),
          modifiedTo: gmt8('2018-08-15 00:00:00'),
          status: 1,
          orderType: 'Y',
        }),
      ),
    // TMG §6.1's table: times are the documented `yyyy-MM-dd HH:mm:ss` (the example's bare dates are
    // midnight) and orderType is "Y=new orders" (the example's lower-case "y").
    expected: (example) => ({ ...withTimes(example), orderType: 'Y' }),
  },
  'tmg-order-cancelbybrand': { send: () => tmg().orders.cancelByBrand([cancelByBrandExample]) },
  // TMG §6.5 "Order Cancelled by Tmall": same URL and body as §6.2 (status 10 accepts Tmall's cancellation).
  'tmg-order-cancelled-by-tmall': {
    send: () =>
      tmg().orders.cancelByBrand([
        {
          ...toNengmaoCancelByBrand('162724553352511111', 'out_of_stock', [{ sku: '3840438387414', quantity: 1 }]),
          goodsList: cancelByBrandExample.goodsList,
        },
      ]),
  },
  'tmg-status-confirmation': {
    send: async () => {
      await tmg().orders.confirm(['104587766749540598']);
      await tmg().returns.confirm(['9109033548491234']);
    },
    actual: merge,
  },
  'tmg-order-create': {
    // From a canonical order through the §6.4 mapper (nengmao-sandbox.mapper.ts).
    send: () =>
      tmg().orders.create([
        toNengmaoOrderCreate({
          source: { connectionName: 'tmg', externalOrderNumber: '120023153050487191' },
          lines: [{ lineId: '39116-8.0', sku: { sku: '39116-8.0' }, quantity: 1, unitPrice: Money.of('554.37', 'CNY') }],
          amounts: {
            items: Money.of('554.37', 'CNY'),
            shipping: Money.of('100', 'CNY'),
            discount: Money.of('0', 'CNY'),
            totalPaid: Money.of('554.37', 'CNY'),
          },
          buyer: createParty({ name: '刘婷19921023' }),
          consignee: createParty({
            name: '刘大爷',
            phone: '15827554247',
            address: {
              country: '中国',
              province: '广东省',
              city: '广州市',
              district: '越秀区',
              street: '黄花岗街道天河北水荫路柏高酒店419房间(送到房间来',
              postcode: '510180',
            },
          }),
          payment: { method: 'alipay', paymentNumber: '2017122421001001630262632854' },
          createdAt: gmt8('2018-07-04 17:14:20'),
          paidAt: gmt8('2017-12-24 15:10:07'),
        }),
      ]),
  },
  'tmg-return-list': {
    send: () =>
      drain(
        tmg({ pageSize: 1 }).returns.list({
          modifiedFrom: gmt8('2017-04-10 00:00:00'),
          modifiedTo: gmt8('2018-08-15 00:00:00'),
          status: 1,
          returnType: 'Y',
        }),
      ),
    // TMG §7.1's table, as §6.1: bare dates are midnight, returnType is "Y=new returns".
    expected: (example) => ({ ...withTimes(example), returnType: 'Y' }),
  },
  'tmg-return-create': {
    // From a canonical return through the §7.2 mapper; the example's courier is a name (天天快递),
    // sent through the per-connection courier override.
    send: () =>
      tmg().returns.create([
        toNengmaoReturnCreate(
          {
            returnNumber: '9109033548491234',
            lines: [{ sku: '74675-10.5', quantity: 1, refund: Money.of('570.48', 'CNY') }],
            returnee: createParty({
              name: '郭起林',
              phone: '18768656789',
              address: {
                province: '湖南省',
                city: '长沙市',
                district: '开福区',
                street: '伍家岭街道 芙蓉中路一段88号天健芙蓉9栋304',
                postcode: '410005',
              },
            }),
            parcel: { carrierCode: 'tiantian', trackingNumber: '668846337098' },
            shippingRefund: Money.of('0', 'CNY'),
            requestedAt: gmt8('2018-04-10 00:00:00'),
          },
          { externalOrderNumber: '151120756299491234', returnAccount: 'will3will', courierCodes: { tiantian: '天天快递' } },
        ),
      ]),
  },
  'tmg-goods': { send: () => tmg().goods.upload([tmgGoodsUpload]) },
  'tmg-goods-list': {
    send: () =>
      drain(
        tmg({ pageSize: 1 }).goods.list({
          modifiedFrom: gmt8('2018-01-04 16:23:47'),
          modifiedTo: gmt8('2018-10-24 00:00:00'),
          goodsStatus: 0,
          goodsSns: ['121212', 'abc1111'],
          skus: ['12345678', '2345678'],
        }),
      ),
    // TMG §8.2: the example's `"endModifyTime": "2018-10-24"` is a bare date (midnight GMT+8). TMG
    // has no rule against combining the two lists, so one query carries both, as the example.
    expected: withTimes,
  },
  'tmg-price-update': {
    send: () => tmg().prices.update([{ sku: 'Branda31869633', internalId: '121212', salePrice: WireDecimal.of('1900') }]),
  },
};

const EXAMPLES = readdirSync(join(__dirname, 'fixtures'))
  .filter((file) => file.endsWith('.request.json'))
  .map((file) => file.replace(/\.request\.json$/, ''))
  .sort();

beforeEach(() => {
  sentBodies.length = 0;
});

describe('every documented request example is what the client sends', () => {
  it('has a case for every *.request.json fixture, and a fixture for every case', () => {
    expect(EXAMPLES).toHaveLength(24);
    expect(Object.keys(CASES).sort()).toEqual(EXAMPLES);
  });

  it.each(EXAMPLES)('%s: the body sent equals the documented example', async (name) => {
    const example = loadFixture(`${name}.request`) as Record<string, unknown>;
    const testCase = CASES[name];
    await testCase.send();
    const bodies = sentBodies.map((sent) => sent.body);
    const actual = testCase.actual === undefined ? (expect(bodies).toHaveLength(1), bodies[0]) : testCase.actual(bodies);
    expect(actual).toEqual(testCase.expected === undefined ? example : testCase.expected(example));
  });

  it('writes the amounts of the examples as the same number literals (1900, 554.37, 570.48)', async () => {
    await tmg().prices.update([{ sku: 'Branda31869633', internalId: '121212', salePrice: WireDecimal.of('1900') }]);
    await CASES['tmg-order-create'].send();
    await CASES['tmg-return-create'].send();
    expect(fixtureText('tmg-price-update.request')).toContain('"salePrice": 1900');
    expect(sentBodies.map((sent) => sent.path)).toEqual(['/tmg/api/price/update', '/tmg/api/order/create', '/tmg/api/return/create']);
    expect(JSON.stringify(sentBodies.map((sent) => sent.body))).toMatch(/"salePrice":1900.*"orderAmount":554.37.*"returnAmount":570.48/);
  });
});
