import { RequestValidationError } from '@serai/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An `{id}` path parameter as an order id: a UUID (lowercased), else 400 naming `id`. */
export function parseOrderId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw new RequestValidationError([{ field, reason: 'must be a UUID' }]);
  return id.toLowerCase();
}
