import { AMOUNT_MISMATCH } from './amount-mismatch.kind';
import { ORDER_PRESENCE } from './order-presence.kind';
import { PRICE_DRIFT } from './price-drift.kind';
import { ReportKind, ReportKindName } from './report-kind';
import { RETURN_HANDLING } from './return-handling.kind';
import { SHIPMENT_CONFIRMATION } from './shipment-confirmation.kind';
import { STATUS_MISMATCH } from './status-mismatch.kind';
import { STOCK_DRIFT } from './stock-drift.kind';

/** Every report kind, by name: the one place a run looks a kind up. */
export const REPORT_KINDS: Readonly<Record<ReportKindName, ReportKind>> = {
  'order-presence': ORDER_PRESENCE,
  'shipment-confirmation': SHIPMENT_CONFIRMATION,
  'status-mismatch': STATUS_MISMATCH,
  'amount-mismatch': AMOUNT_MISMATCH,
  'stock-drift': STOCK_DRIFT,
  'price-drift': PRICE_DRIFT,
  'return-handling': RETURN_HANDLING,
};
