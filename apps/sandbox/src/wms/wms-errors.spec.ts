import { SandboxClock } from '../core/sandbox-clock';
import { startSandboxUnderTest, SandboxUnderTest } from '../testing/sandbox-under-test';
import { WMS_ERRORS, WmsErrorCode } from './wms-codes';
import { callWms } from './wms-signed-request';

const single = {
  sku: 'NEW-1',
  title: 'New',
  type: 'SINGLE',
  weight: 1,
  netWeight: 0.9,
  weightUnit: 'KG',
  length: 1,
  width: 1,
  height: 1,
  dimensionUnit: 'CM',
  enable: 1,
};

describe('WMS error codes', () => {
  let sandbox: SandboxUnderTest;
  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 3 });
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.inject({ method: 'DELETE', url: '/_sandbox/faults' }));

  const cases: Record<WmsErrorCode, { status: number; call: () => ReturnType<typeof callWms>; message?: RegExp }> = {
    DATA_INPUT_ERROR: {
      status: 200,
      call: () => callWms(sandbox, 'INSERT_SKU_INFO', { ...single, title: undefined, weight: 'heavy', pageSize: 1 }),
      message: /^title is required; weight must be a decimal$/,
    },
    SERVICE_TYPE_MISSING: { status: 200, call: () => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {}, { placement: 'none' }) },
    SERVICE_TYPE_UNKNOWN: { status: 200, call: () => callWms(sandbox, 'CUSTOMER_FIELD_QUERY', {}), message: /CUSTOMER_FIELD_QUERY/ },
    SKU_ALREADY_EXISTS: {
      status: 200,
      call: () => callWms(sandbox, 'INSERT_SKU_INFO', { ...single, sku: 'SKU-000001' }),
      message: /SKU-000001/,
    },
    SKU_NOT_EXIST: { status: 200, call: () => callWms(sandbox, 'UPDATE_SKU_STATUS', { sku: 'NOPE', enable: 0 }), message: /NOPE/ },
    AUTH_MISSING: { status: 401, call: () => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {}, { unsigned: true }) },
    AUTH_APP_KEY_INVALID: { status: 401, call: () => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {}, { appKey: 'stranger' }) },
    AUTH_TIMESTAMP_EXPIRED: {
      status: 401,
      call: () => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {}, { timestamp: String(sandbox.app.get(SandboxClock).nowMs() - 6 * 60_000) }),
    },
    AUTH_SIGN_INVALID: { status: 401, call: () => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {}, { appSecret: 'wrong-secret' }) },
    VERSION_NOT_SUPPORTED: { status: 404, call: () => callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {}, { version: 'v9' }), message: /v9/ },
    REQUEST_LIMIT: {
      status: 200,
      call: async () => {
        await sandbox.inject({
          method: 'PUT',
          url: '/_sandbox/faults',
          payload: { provider: 'wms', kind: 'rate-limit', perSecond: 1, answer: 'provider-code' },
        });
        await callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {});
        return callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {});
      },
    },
    SYSTEM_ERROR: {
      status: 200,
      call: async () => {
        await sandbox.inject({
          method: 'PUT',
          url: '/_sandbox/faults',
          payload: { provider: 'wms', kind: 'provider-error', codes: ['SYSTEM_ERROR'] },
        });
        return callWms(sandbox, 'QUERY_SIMPLE_LIST_SKU', {});
      },
    },
  };

  it.each(Object.keys(WMS_ERRORS) as WmsErrorCode[])('answers %s in the WMS envelope with its HTTP status', async (code) => {
    const { status, call, message } = cases[code];
    const response = await call();
    expect(response.statusCode).toBe(status);
    const body = response.json<{ errorCode: string; errorMsg: string; state: string }>();
    expect(body.errorCode).toBe(code);
    expect(body.state).toBe('fail');
    expect(body.errorMsg).toMatch(message ?? /./);
  });

  it('accepts a timestamp within five minutes of the sandbox clock', async () => {
    const response = await callWms(
      sandbox,
      'QUERY_SIMPLE_LIST_SKU',
      {},
      { timestamp: String(sandbox.app.get(SandboxClock).nowMs() - 4 * 60_000) },
    );
    expect(response.json()).toMatchObject({ state: 'success' });
  });

  it('changes nothing when a write is refused', async () => {
    await callWms(sandbox, 'INSERT_SKU_INFO', { ...single, sku: 'HALF', enable: 5 });
    expect((await sandbox.inject({ url: '/_sandbox/wms/skus/HALF' })).statusCode).toBe(404);
  });
});

describe('WMS malformed bodies', () => {
  it('answers DATA_INPUT_ERROR in the envelope for a body that is not JSON', async () => {
    const sandbox = await startSandboxUnderTest({ skus: 1 });
    try {
      const response = await sandbox.inject({
        method: 'POST',
        url: '/wms/api/v1/sku?SERVICE_TYPE=INSERT_SKU_INFO',
        headers: { 'content-type': 'application/json' },
        payload: '{ "sku": ',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ errorCode: 'DATA_INPUT_ERROR', errorMsg: 'The body is not valid JSON', state: 'fail' });
    } finally {
      await sandbox.close();
    }
  });
});
