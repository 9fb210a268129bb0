export * from "./delegations";
// The CIDR helpers stay in a namespace: names like `subnet` and `contains` are too generic for the package root.
export * as ipv4 from "./ipv4";
export * from "./network";
export { DEFAULT_PRIVATE_ENDPOINT_SUBNET } from "./subnet-spec";
export type { SubnetSpec } from "./subnet-spec";
export type { FirewallEgress, NatGatewayEgress, NetworkEgress } from "./egress";
