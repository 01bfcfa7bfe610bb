import { ProviderErrorShape } from '../core/provider-errors';
import { renderWmsError } from './wms-codes';

/** The WMS envelope for the fault injector: provider codes render as `{ errorCode, errorMsg, state: 'fail' }`. */
export const WMS_ERROR_SHAPE: ProviderErrorShape = {
  prefix: '/wms',
  injectableCodes: ['SYSTEM_ERROR', 'REQUEST_LIMIT'],
  rateLimitCode: 'REQUEST_LIMIT',
  render: (code, message) => renderWmsError(code, message),
};
