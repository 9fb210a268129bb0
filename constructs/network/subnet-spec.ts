import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { SubnetDelegationName } from "./delegations";
import { parseCidr, subnet } from "../core/ipv4";

/** One subnet of a {@link Network}. */
export interface SubnetSpec {
  /** IPv4 CIDR inside the network's address space, e.g. `10.0.1.0/24` (/29 at the smallest). */
  readonly addressPrefix: string;
  /**
   * Subnet name, validated against the Azure naming rule.
   * @default `snet-<key in kebab case>`, e.g. `snet-private-endpoints`
   */
  readonly name?: string;
  /** Service the subnet is delegated to (VNet integration, injection). @default not delegated */
  readonly delegation?: SubnetDelegationName;
  /** Service endpoints, e.g. `Microsoft.Storage`. @default none (prefer private endpoints) */
  readonly serviceEndpoints?: readonly string[];
  /**
   * Whether this is the subnet private endpoints go in. Exactly one subnet is; marking it here is
   * the same as naming it in `NetworkProps.privateEndpointSubnet`.
   * @default true for the subnet `privateEndpointSubnet` names, false for the others
   */
  readonly privateEndpoints?: boolean;
  /**
   * Whether the network creates a network security group for the subnet and associates it before
   * anything is placed in it. `false` when the caller associates its own (e.g. API Management's
   * required rules) or the subnet cannot have one (`GatewaySubnet`, `AzureFirewallSubnet`).
   * @default true
   */
  readonly networkSecurityGroup?: boolean;
  /**
   * Whether the subnet's workloads get the network's explicit internet egress (its NAT gateway or
   * its route table to a firewall). Subnets have no default outbound access, so without it nothing
   * in the subnet reaches the internet.
   * @default true for subnets delegated to `Microsoft.Web/serverFarms` or `Microsoft.App/environments`
   * (VNet-integrated apps, which route all traffic into the VNet), false for the others (private
   * endpoints only receive traffic)
   */
  readonly egress?: boolean;
}

/** Delegations whose workloads call out to the internet through the subnet (see {@link SubnetSpec.egress}). */
export const EGRESS_DELEGATIONS: readonly SubnetDelegationName[] = ["Microsoft.Web/serverFarms", "Microsoft.App/environments"];

/** Key of the default private endpoint subnet. */
export const DEFAULT_PRIVATE_ENDPOINT_SUBNET = "privateEndpoints";

/** Smallest default subnet: App Service VNet integration needs at least a /28. */
const SMALLEST_DEFAULT_SUBNET = 28;

/**
 * The default subnets, carved from the start of `addressSpace`: `privateEndpoints` and
 * `integration` (delegated to `Microsoft.Web/serverFarms`) are its first two /24s, or its two
 * halves when it is smaller than a /23.
 */
export function defaultSubnets(scope: IConstruct, addressSpace: string): Record<string, SubnetSpec> {
  if (isUnresolved(addressSpace)) {
    invalid(scope, {
      field: "addressSpace[0]",
      rule: "is only known at deploy time, so the default subnets cannot be derived from it",
      fix: "pass subnets explicitly",
    });
  }
  const prefixLength = parseCidr(addressSpace)?.prefixLength ?? 0;
  const size = prefixLength <= 23 ? 24 : prefixLength + 1;
  if (size > SMALLEST_DEFAULT_SUBNET) {
    invalid(scope, {
      field: "addressSpace[0]",
      value: addressSpace,
      rule: `is too small to split into the default subnets (two /${SMALLEST_DEFAULT_SUBNET} at the smallest)`,
      fix: "use a /27 or larger address space, or pass subnets explicitly",
    });
  }
  return {
    [DEFAULT_PRIVATE_ENDPOINT_SUBNET]: { addressPrefix: subnet(addressSpace, size, 0), privateEndpoints: true },
    integration: { addressPrefix: subnet(addressSpace, size, 1), delegation: "Microsoft.Web/serverFarms" },
  };
}
