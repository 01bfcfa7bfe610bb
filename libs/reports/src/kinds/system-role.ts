import type { SystemRole } from './report-kind';

/** What a provider is to a comparison: the one place that knows which provider plays which part. */
export function roleOfProvider(provider: string): SystemRole {
  if (provider.startsWith('nengmao')) return 'marketplace';
  if (provider === 'nomad-envoy') return 'order-system';
  if (provider === 'nomad-pilot') return 'logistics';
  if (provider === 'wms') return 'warehouse';
  throw new Error(`no reconciliation role for provider ${provider}`);
}
