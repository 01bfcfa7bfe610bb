import { compileRoutePattern } from './route-pattern';

describe('compileRoutePattern', () => {
  it('matches one segment with * and :name, any depth with **', () => {
    expect(compileRoutePattern('/wms/api/*/sku').test('/wms/api/v1/sku')).toBe(true);
    expect(compileRoutePattern('/wms/api/:version/sku').test('/wms/api/v1/sku')).toBe(true);
    expect(compileRoutePattern('/wms/api/*/sku').test('/wms/api/v1/x/sku')).toBe(false);
    expect(compileRoutePattern('/wms/**').test('/wms/api/v1/sku')).toBe(true);
    expect(compileRoutePattern('/wms/**').test('/wms')).toBe(true);
    expect(compileRoutePattern('/wms/api/v1/sku').test('/wms/api/v1/skus')).toBe(false);
  });
});
