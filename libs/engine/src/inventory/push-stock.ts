/**
 * The route capability that sends stock to a marketplace. Unlike the other capabilities it makes
 * no delivery per event: the dispatcher marks the event's SKU for the target connection, and the
 * connection's next push sends it once, however many events named it (docs/decisions/0010).
 */
export const PUSH_STOCK = 'inventorySink.pushStock';
