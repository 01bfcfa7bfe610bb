/** The providers Serai has a connector for; a connection names one. */
export const PROVIDER_KINDS = ['nengmao-brand', 'nengmao-tmall-global', 'nomad-envoy', 'nomad-pilot', 'wms'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
