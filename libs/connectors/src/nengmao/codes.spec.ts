import {
  classifyNengmaoCode,
  fromNengmaoCourier,
  NENGMAO_COURIERS,
  NENGMAO_ORDER_STATUSES,
  NENGMAO_RESULT_CODES,
  nengmaoOrderStatus,
  toNengmaoCourier,
} from './codes';

describe('Nengmao result codes', () => {
  it('classifies every code of the brand table (§5), 200 and 400-424 and 500', () => {
    const documented = [200, ...Array.from({ length: 25 }, (_, i) => 400 + i), 500];
    expect(NENGMAO_RESULT_CODES.map((row) => row.code)).toEqual(documented);
  });

  it('retries server exceptions (500 and 500+) and nothing the client got wrong', () => {
    expect([500, 503, 599].map((code) => classifyNengmaoCode(code).retryable)).toEqual([true, true, true]);
    expect(NENGMAO_RESULT_CODES.filter((row) => row.retryable).map((row) => row.code)).toEqual([500]);
    expect(classifyNengmaoCode(499)).toMatchObject({ class: 'validation', retryable: false });
  });

  it('tells credentials and signature refusals apart from bad parameters', () => {
    expect([401, 402, 403, 404, 405, 407, 409].map((code) => classifyNengmaoCode(code).class)).toEqual(Array(7).fill('authentication'));
    expect([400, 406, 408, 413, 414, 415, 418, 420].map((code) => classifyNengmaoCode(code).class)).toEqual(Array(8).fill('validation'));
    expect([421, 423].map((code) => classifyNengmaoCode(code).class)).toEqual(['partial', 'partial']);
  });
});

describe('Nengmao order statuses', () => {
  it('maps the brand codes 0-7 to canonical statuses, with 4 as the cancellation request', () => {
    expect(NENGMAO_ORDER_STATUSES.map((row) => [row.code, row.canonical])).toEqual([
      [0, 'received'],
      [1, 'received'],
      [2, 'shipped'],
      [3, 'cancelled'],
      [4, 'cancellation_requested'],
      [5, 'received'],
      [6, 'shipped'],
      [7, 'partially_shipped'],
    ]);
    expect(nengmaoOrderStatus(4)).toMatchObject({ cancellationRequested: true, cancelled: false });
    expect(nengmaoOrderStatus(8)).toBeUndefined();
  });
});

describe('courier codes', () => {
  it('lists the eleven couriers of §2 and maps each code to a canonical carrier and back', () => {
    expect(NENGMAO_COURIERS.map((courier) => courier.code)).toEqual([
      'sf',
      'ems',
      'sto',
      'yto',
      'zto',
      'zjs',
      'yunda',
      'cces',
      'ttkdex',
      'dbl',
      'jd',
    ]);
    for (const courier of NENGMAO_COURIERS) {
      const canonical = fromNengmaoCourier(courier.code);
      expect(canonical.known).toBe(true);
      expect(toNengmaoCourier(canonical.code)).toEqual({ code: courier.code, known: true });
    }
  });

  it('reads the Chinese company names returns carry and is blind to case and spaces', () => {
    expect(fromNengmaoCourier('天天快递')).toEqual({ code: 'tiantian', known: true });
    expect(fromNengmaoCourier(' SF ')).toEqual({ code: 'sf', known: true });
    expect(toNengmaoCourier('SFExpress')).toEqual({ code: 'sf', known: true });
  });

  it('passes unknown codes through flagged instead of throwing', () => {
    expect(toNengmaoCourier('bskd')).toEqual({ code: 'bskd', known: false });
    expect(fromNengmaoCourier('极兔')).toEqual({ code: '极兔', known: false });
  });

  it('lets a connection override the table', () => {
    expect(toNengmaoCourier('sf', { sf: 'sfky' })).toEqual({ code: 'sfky', known: true });
    expect(fromNengmaoCourier('sfky', { sf: 'sfky' })).toEqual({ code: 'sf', known: true });
  });
});
