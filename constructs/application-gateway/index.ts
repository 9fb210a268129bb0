export { ApplicationGateway } from "./application-gateway";
export type { ApplicationGatewayBackend, ApplicationGatewayCertificate, ApplicationGatewayProps } from "./props";
export { APPLICATION_GATEWAY_NSG_RULES } from "./nsg-rules";
export type { ApplicationGatewayNsgRule } from "./nsg-rules";
export { ApiManagementIngress } from "./api-management-ingress";
export type { ApiManagementIngressOptions, ApiManagementIngressProps } from "./api-management-ingress";
