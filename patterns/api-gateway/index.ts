export { ApiGateway } from "./api-gateway";
export type { ApiGatewayJwtOptions, ApiGatewayProps, ApiGatewayRateLimit } from "./props";
export { ApiRegistration } from "./api-registration";
export type { ApiRegistrationOptions } from "./api-registration";

export { MANAGED_CONNECTORS_SERVICE_TAG, allowManagedConnectors } from "./sql-access";
export type { ManagedConnectorFirewall } from "./sql-access";
export { API_GATEWAY_NAMES, API_GATEWAY_WORKLOADS } from "./workloads";
