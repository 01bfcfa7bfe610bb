import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

/** A minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF), enough to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

/**
 * Exports of a run's discrepancies read back: CSV (BOM, formula neutralisation, Chinese intact),
 * XLSX through exceljs's reader (numbers, two-decimal money, dates as dates) and JSON lines.
 */
describe('reconciliation exports (e2e)', () => {
  let hub: HubUnderTest;
  let key: string;
  const runId = randomUUID();
  const entityTime = new Date('2026-11-24T08:30:00.000Z');

  beforeAll(async () => {
    hub = await startHubUnderTest({ HUB_ROLE: 'api' });
    key = await hub.keyWith(['read']);
    const q = (sql: string, params: unknown[]) => hub.db.dataSource.query(sql, params);
    await q(
      `INSERT INTO reconciliation_run (id, scope_key, kinds, connections, window_from, window_to, trigger, state, phase, finished_at)
       VALUES ($1, 'amount-mismatch@nengmao-demo', '{amount-mismatch}', '{nengmao-demo}', now() - interval '1 day', now(), 'api', 'completed', 'completed', now())`,
      [runId],
    );
    const rows: [string, string, string | null, unknown][] = [
      ['=HYPERLINK("http://evil.example","点我")', 'total_differs', '1234.5000', { consignee: '胡轩', note: '深层保湿面霜, 50ml' }],
      ['+86-138', 'shipping_differs', '0.0100', { text: 'a "quoted" value' }],
      ['NM-100', 'line_differs', null, null],
    ];
    for (const [entity, code, amount, expected] of rows)
      await q(
        `INSERT INTO discrepancy (run_id, kind, code, connection, entity_key, fingerprint, entity_time, expected, actual, amount_at_stake,
                                  currency, state, first_seen_at, last_seen_at)
         VALUES ($1, 'amount-mismatch', $2, 'nengmao-demo', $3, $4, $5, $6::jsonb, NULL, $7, 'CNY', 'open', $5, $5)`,
        [runId, code, entity, `amount-mismatch:${code}:${entity}`, entityTime, expected === null ? null : JSON.stringify(expected), amount],
      );
  });

  afterAll(async () => {
    await hub?.close();
  });

  const exportOf = (format: string, extra = '') =>
    hub.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/api/v1/reconciliations/${runId}/discrepancies/export?format=${format}${extra}`,
        headers: { authorization: `Bearer ${key}` },
      });

  it('writes CSV in UTF-8 with a BOM, formulas neutralised, Chinese and quotes intact', async () => {
    const response = await exportOf('csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(`reconciliation-${runId}-discrepancies.csv`);
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header.slice(0, 6)).toEqual(['id', 'run', 'kind', 'code', 'connection', 'entity']);
    expect(rows).toHaveLength(3);
    const column = (name: string) => header.indexOf(name);
    expect(rows[0][column('entity')]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(rows[1][column('entity')]).toBe(`'+86-138`);
    expect(rows[2][column('entity')]).toBe('NM-100');
    expect(JSON.parse(rows[0][column('expected')])).toEqual({ consignee: '胡轩', note: '深层保湿面霜, 50ml' });
    expect(JSON.parse(rows[1][column('expected')])).toEqual({ text: 'a "quoted" value' });
    expect(rows.map((r) => r[column('amount_at_stake')])).toEqual(['1234.50', '0.01', '']);
    expect(rows[0][column('entity_time')]).toBe(entityTime.toISOString());
    // A filter narrows the export too.
    const filtered = parseCsv((await exportOf('csv', '&code=line_differs')).rawPayload.subarray(3).toString('utf8'));
    expect(filtered).toHaveLength(2);
  });

  it('writes XLSX with typed cells: numbers, two-decimal money, dates', async () => {
    const response = await exportOf('xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
    const sheet = workbook.getWorksheet('discrepancies');
    if (!sheet) throw new Error('no discrepancies sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1);
    expect(sheet.rowCount).toBe(4);
    expect(typeof cell(2, 'id').value).toBe('number');
    expect(cell(2, 'amount_at_stake').value).toBe(1234.5);
    expect(cell(2, 'amount_at_stake').numFmt).toBe('#,##0.00');
    expect(cell(3, 'amount_at_stake').value).toBe(0.01);
    expect(cell(4, 'amount_at_stake').value).toBeNull();
    expect(cell(2, 'entity_time').value).toEqual(entityTime);
    expect(cell(2, 'entity_time').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(cell(2, 'occurrences').value).toBe(1);
    // Text cells stay text: a spreadsheet never evaluates them (they are strings, not formulas).
    expect(cell(2, 'entity').value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(cell(2, 'entity').formula).toBeUndefined();
  });

  it('writes JSON lines, one discrepancy a line, amounts as decimal text', async () => {
    const response = await exportOf('jsonl');
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      runId,
      code: 'total_differs',
      amountAtStake: '1234.5000',
      currency: 'CNY',
      expected: { consignee: '胡轩' },
    });
  });

  it('exports the runs list as CSV and JSON lines, every page, neutralising a formula, and refuses a forged cursor before the file starts', async () => {
    const failedId = randomUUID();
    await hub.db.dataSource.query(
      `INSERT INTO reconciliation_run (id, scope_key, kinds, connections, window_from, window_to, trigger, requested_by, state, phase, error,
                                       created_at, finished_at)
       VALUES ($1, 'order-presence@envoy-demo', '{order-presence}', '{nengmao-demo,envoy-demo}', now() - interval '1 day', now(), 'api',
               '@ops-key', 'failed', 'failed', '=cmd|'' /C calc''!A0', now() + interval '1 second', now())`,
      [failedId],
    );
    const get = (accept: string, query = '') => hub.inject({ url: `/api/v1/reconciliations${query}`, key, headers: { accept } });
    const csv = await get('text/csv', '?limit=1');
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'id',
      'state',
      'kinds',
      'connections',
      'from',
      'to',
      'options',
      'trigger',
      'requestedBy',
      'phase',
      'itemsRead',
      'stepsDone',
      'stepsTotal',
      'percentage',
      'etaAt',
      'cancelRequested',
      'discrepancies',
      'error',
      'createdAt',
      'startedAt',
      'finishedAt',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([failedId, runId]);
    expect(rows[1]?.slice(1, 4)).toEqual(['failed', 'order-presence', 'nengmao-demo|envoy-demo']);
    expect(rows[1]?.[8]).toBe("'@ops-key");
    expect(rows[1]?.[17]).toBe("'=cmd|' /C calc'!A0");
    const json = (await get('application/json', '?state=failed')).json<{ data: unknown[] }>();
    const lines = await get('application/x-ndjson', '?state=failed');
    expect(lines.statusCode).toBe(200);
    expect(
      lines.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(json.data);
    const forged = await get('text/csv', '?cursor=Zm9v');
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('cursor');
  });

  it('refuses an unknown format, naming the field', async () => {
    const response = await exportOf('pdf');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('format');
  });
});
