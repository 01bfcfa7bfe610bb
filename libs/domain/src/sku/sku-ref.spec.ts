import { InvariantViolation } from '../errors/invariant-violation.error';
import { createSkuRef, sameSku } from './sku-ref';

describe('SkuRef', () => {
  it('trims the SKU code and keeps barcodes and provider item numbers', () => {
    const ref = createSkuRef({
      sku: ' 20-2-Q23-TP0001 ',
      barcodes: ['6901234567892', '6901234567892', '55001234567'],
      itemNumbers: { merchantGoodsNo: 'MG-1', internalId: '', warehouseGoodsNo: ' WH-9 ' },
    });
    expect(ref).toEqual({
      sku: '20-2-Q23-TP0001',
      barcodes: ['6901234567892', '55001234567'],
      itemNumbers: { merchantGoodsNo: 'MG-1', warehouseGoodsNo: 'WH-9' },
    });
  });

  it('refuses an empty SKU code', () => {
    expect(() => createSkuRef({ sku: '  ' }, 'lines[0].sku')).toThrow(new InvariantViolation('lines[0].sku.sku', 'must not be empty'));
  });

  it('refuses blank barcodes and barcodes with spaces', () => {
    expect(() => createSkuRef({ sku: 'A', barcodes: [''] })).toThrow(InvariantViolation);
    expect(() => createSkuRef({ sku: 'A', barcodes: ['690 123'] })).toThrow(InvariantViolation);
  });

  it('defaults to no barcodes and no item numbers', () => {
    expect(createSkuRef({ sku: 'A' })).toEqual({ sku: 'A', barcodes: [], itemNumbers: {} });
  });

  it('identifies SKUs by canonical code only', () => {
    expect(sameSku(createSkuRef({ sku: 'A', barcodes: ['1'] }), createSkuRef({ sku: 'A' }))).toBe(true);
    expect(sameSku(createSkuRef({ sku: 'A' }), createSkuRef({ sku: 'a' }))).toBe(false);
  });

  it('is immutable', () => {
    const ref = createSkuRef({ sku: 'A', barcodes: ['1'] });
    expect(Object.isFrozen(ref) && Object.isFrozen(ref.barcodes) && Object.isFrozen(ref.itemNumbers)).toBe(true);
  });
});
