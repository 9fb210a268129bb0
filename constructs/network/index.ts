export { SUBNET_DELEGATIONS } from "./delegations";
export { subnetDelegations } from "./subnet-lookup";
export type { SubnetDelegationName } from "./delegations";
export { Network } from "./network";
export type { ExistingPrivateNetworkProps, HubPeeringOptions, NetworkProps } from "./network";
export { DEFAULT_PRIVATE_ENDPOINT_SUBNET } from "./subnet-spec";
export type { SubnetSpec } from "./subnet-spec";
export type { FirewallEgress, NatGatewayEgress, NetworkEgress } from "./egress";
