export { ProviderError, isRetryableHttpStatus } from './kernel/provider-error';
export type { ProviderErrorDetails, ProviderFailureKind } from './kernel/provider-error';
export { ProviderHttpClient } from './kernel/provider-http-client';
export type { Interpret, ProviderHttpSettings, ProviderRequest, ProviderResponse, RetryPolicy } from './kernel/provider-http-client';
export type { ProviderCallRecord, ProviderCallRecorder } from './kernel/provider-call';
export { IGNORE_CALLS } from './kernel/provider-call';
export { paginate } from './kernel/paginate';
export type { Page, PaginationOptions } from './kernel/paginate';
export { chunk, mergeOutcomes } from './kernel/batch';
export { InvalidResponse, ResponseReader } from './kernel/response-reader';
export { maskForTrace } from './kernel/mask-personal-data';
export { parseJsonKeepingBigIntegers } from './kernel/json-with-big-integers';
export { contentMd5, signGatewayRequest, stringToSign } from './kernel/api-gateway-signer';
export type { GatewayCredentials, GatewayRequest } from './kernel/api-gateway-signer';
export { serializeWithDecimals } from './kernel/decimal-json';
export type { WireDecimal } from './kernel/decimal-json';

// Nengmao: brand API and TMALL Global shops API (two profiles of one connector).
export { NengmaoConnectorFactory } from './nengmao/nengmao-connector.factory';
export {
  NENGMAO_BRAND_CONNECTOR_FACTORY,
  NENGMAO_CONNECTOR_FACTORIES,
  NENGMAO_TMALL_GLOBAL_CONNECTOR_FACTORY,
  NengmaoConnectorModule,
} from './nengmao/nengmao.module';
export { NengmaoConnector } from './nengmao/nengmao.capabilities';
export { NengmaoClient } from './nengmao/nengmao.client';
export { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE } from './nengmao/nengmao.profiles';
export { signNengmaoRequest } from './nengmao/nengmao.signer';

// Nomad Envoy: the order system.
export { NomadEnvoyModule } from './nomad-envoy/nomad-envoy.module';
export { NomadEnvoyConnectorFactory } from './nomad-envoy/nomad-envoy.factory';
export { NomadEnvoyConnector } from './nomad-envoy/nomad-envoy.capabilities';
export { NomadEnvoyClient } from './nomad-envoy/nomad-envoy.client';

// Nomad Pilot: logistics, 3PL inventory and the delivery-order callback.
export { NomadPilotModule } from './nomad-pilot/nomad-pilot.module';
export { NomadPilotConnectorFactory } from './nomad-pilot/nomad-pilot.factory';
export { NomadPilotConnector } from './nomad-pilot/nomad-pilot.capabilities';
export { NomadPilotClient } from './nomad-pilot/nomad-pilot.client';
export {
  deliveryOrderCallbackKey,
  deliveryOrderCallbackReply,
  InvalidDeliveryOrderCallback,
  parseDeliveryOrderCallback,
  renderDeliveryOrderCallbackReply,
  sniffCallbackFormat,
} from './nomad-pilot/operations/delivery-order-callback';
export { DEFAULT_CALLBACK_PARSE_LIMITS } from './nomad-pilot/operations/delivery-order-callback';
export type { CallbackBodyFormat, CallbackParseLimits } from './nomad-pilot/operations/delivery-order-callback';
export { callbackSignature, isCallbackSignatureValid, CALLBACK_SIGNATURE_PARAMETER } from './nomad-pilot/nomad-pilot.callback-signature';
export type { CallbackSignatureMethod } from './nomad-pilot/nomad-pilot.callback-signature';
export { CALLBACK_STORE_PATTERN, readPilotCallbackSettings } from './nomad-pilot/nomad-pilot.callback-settings';
export type { PilotCallbackSettings } from './nomad-pilot/nomad-pilot.callback-settings';
export { mapDeliveryOrderCallback } from './nomad-pilot/nomad-pilot.mapper';

// WMS: the SKU master.
export { WmsModule } from './wms/wms.module';
export { WmsConnectorFactory } from './wms/wms.factory';
export { WmsConnector } from './wms/wms.capabilities';
export { WmsClient } from './wms/wms.client';
export { SignedJsonTransport } from './wms/wms.transport';
export type { WmsTransport } from './wms/wms.transport';

// Default rows of the engine's mapping tables, from the connectors' code tables (one place).
export { NENGMAO_MAPPING_DEFAULTS } from './nengmao/nengmao.mapping-defaults';
export { ENVOY_MAPPING_DEFAULTS } from './nomad-envoy/nomad-envoy.mapping-defaults';
// What each provider requires of a product, checked before any provider is called.
export { CATALOGUE_LIMITS, checkProductForTargets } from './catalogue/catalogue-requirements';
export type { CatalogueProblem, CatalogueTarget } from './catalogue/catalogue-requirements';
