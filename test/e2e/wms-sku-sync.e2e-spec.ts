import { SandboxUnderTest, startSandboxUnderTest } from '../../apps/sandbox/src/testing/sandbox-under-test';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

/** A SKU as someone keys it in the WMS (the INSERT_SKU_INFO body). */
const wmsSku = (sku: string, barcode?: string): Record<string, unknown> => ({
  sku,
  title: `Title ${sku}`,
  type: 'SINGLE',
  weight: '1.25',
  netWeight: 1.1,
  weightUnit: 'KG',
  length: 10,
  width: 10,
  height: 10,
  dimensionUnit: 'CM',
  enable: 1,
  ...(barcode === undefined ? {} : { barcode }),
});

/**
 * The `wms-skus` stream (ADR 0019): the WMS SKU master fills barcodes the SKU cross-reference does
 * not have, and never overwrites one it has (an operator's edit is kept, the difference reported).
 */
describe('WMS SKU master into the SKU cross-reference (e2e)', () => {
  let sandbox: SandboxUnderTest;
  let hub: HubUnderTest;

  const xref = async (): Promise<Map<string, Record<string, unknown>>> => {
    const rows = (await hub.db.dataSource.query(
      `SELECT key, value FROM mapping_entry WHERE table_name = 'sku-xref' AND key LIKE 'WMS-%'`,
    )) as {
      key: string;
      value: Record<string, unknown>;
    }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  };
  const sync = async (): Promise<Record<string, number>> => {
    const res = await hub.inject({ method: 'POST', url: '/api/v1/sync/wms-sync/wms-skus', key: hub.adminKey });
    expect(res.statusCode).toBe(200);
    return res.json<{ result: Record<string, number> }>().result;
  };

  beforeAll(async () => {
    sandbox = await startSandboxUnderTest({ skus: 3 });
    const url = await sandbox.listen();
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    const created = await hub.inject({
      method: 'POST',
      url: '/api/v1/connections',
      key: hub.adminKey,
      payload: {
        name: 'wms-sync',
        provider: 'wms',
        baseUrl: `${url}/wms`,
        credentials: { appKey: 'demo-app-key', appSecret: 'demo-app-secret' },
        options: { version: 'v1' },
      },
    });
    expect(created.statusCode).toBe(201);
    for (const body of [
      wmsSku('WMS-NEW', '6900000000011'),
      wmsSku('WMS-EDITED', '6900000000028'),
      wmsSku('WMS-PARTIAL', '6900000000035'),
      wmsSku('WMS-NOBARCODE'),
    ]) {
      const planted = await sandbox.inject({ method: 'POST', url: '/_sandbox/wms/skus', payload: body });
      expect(planted.statusCode).toBe(201);
    }
    // An operator's entries, made before the first read of the WMS.
    const put = async (key: string, value: Record<string, unknown>): Promise<void> => {
      const etag = String((await hub.inject({ url: '/api/v1/mappings/sku-xref', key: hub.adminKey })).headers.etag);
      const res = await hub.inject({
        method: 'PUT',
        url: `/api/v1/mappings/sku-xref/${key}`,
        key: hub.adminKey,
        headers: { 'if-match': etag },
        payload: { value },
      });
      expect(res.statusCode).toBe(201);
    };
    await put('WMS-EDITED', { barcode: '1111111111116', merchantGoodsNo: 'M-EDITED' });
    await put('WMS-PARTIAL', { merchantGoodsNo: 'M-PARTIAL' });
  });
  afterAll(async () => {
    await hub?.close();
    await sandbox?.close();
  });

  it('adds unknown SKUs, fills missing barcodes, keeps the operator’s barcode and reports the difference', async () => {
    const master = (await sandbox.inject({ url: '/_sandbox/wms/skus' })).json<{ skus: string[] }>().skus;
    const result = await sync();
    expect(result.read).toBe(master.length);
    expect(result.conflicts).toBe(1);

    const held = await xref();
    expect(held.get('WMS-NEW')).toEqual({ barcode: '6900000000011' });
    expect(held.get('WMS-PARTIAL')).toEqual({ merchantGoodsNo: 'M-PARTIAL', barcode: '6900000000035' });
    expect(held.get('WMS-EDITED')).toEqual({ barcode: '1111111111116', merchantGoodsNo: 'M-EDITED' });
    expect(held.has('WMS-NOBARCODE')).toBe(false);

    // Each fill is in the mapping history like an operator's change, under the stream's name.
    const history = (await hub.db.dataSource.query(
      `SELECT key FROM mapping_history WHERE table_name = 'sku-xref' AND actor_name = 'sync wms-skus (wms-sync)' ORDER BY key`,
    )) as { key: string }[];
    expect(history.map((h) => h.key).filter((k) => k.startsWith('WMS-'))).toEqual(['WMS-NEW', 'WMS-PARTIAL']);
    const warned = hub
      .logLines()
      .find((line) => line.msg === 'WMS SKU master differs from the SKU cross-reference; the cross-reference is kept');
    expect(warned).toMatchObject({
      connection: 'wms-sync',
      count: 1,
      conflicts: [{ sku: 'WMS-EDITED', held: '1111111111116', wms: '6900000000028' }],
    });
  });

  it('changes nothing when the same master is read again', async () => {
    const before = await xref();
    const version = (await hub.db.dataSource.query(`SELECT version FROM mapping_table WHERE name = 'sku-xref'`)) as { version: number }[];
    const again = await sync();
    expect(again).toMatchObject({ added: 0, filled: 0, conflicts: 1 });
    expect(await xref()).toEqual(before);
    expect(await hub.db.dataSource.query(`SELECT version FROM mapping_table WHERE name = 'sku-xref'`)).toEqual(version);
  });
});
