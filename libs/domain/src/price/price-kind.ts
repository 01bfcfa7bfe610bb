/**
 * What a price is for. `sale` is what the marketplace charges (Nengmao `salePrice`), `market`
 * the RRP / tag price (`marketPrice`, `rrp`), `promotion` a time-boxed price, `cost` what the
 * brand pays (Envoy `cost`) and never leaves the back office.
 */
export const PRICE_KINDS = ['sale', 'market', 'promotion', 'cost'] as const;

export type PriceKind = (typeof PRICE_KINDS)[number];
