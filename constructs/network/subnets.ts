import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { SUBNET_DELEGATIONS } from "./delegations";
import { NetworkProps } from "./props";
import { EGRESS_DELEGATIONS, SubnetSpec } from "./subnet-spec";

/** What is attached to one subnet, in order. */
export interface SubnetAttachments {
  readonly suffix: string;
  readonly subnet: Subnet;
  /** The last association (NSG, then egress): what users of the subnet wait for. */
  last?: TerraformResource;
  /** The id users read: the last association's `subnet_id`, or the subnet's own id. */
  subnetId: string;
  /** Egress is wanted but not attached yet (it is on first use of the id). */
  egressPending: boolean;
}

export interface SubnetInput {
  readonly key: string;
  readonly spec: SubnetSpec;
  /** The subnet's validated name. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly virtualNetworkName: string;
  readonly location: string;
  /** The private endpoint subnet's network policies; undefined for the other subnets. */
  readonly privateEndpointPolicies?: NonNullable<NetworkProps["privateEndpointNetworkPolicies"]>;
  /** Name of the subnet's NSG; undefined when the spec opts out of one. */
  readonly nsgName?: string;
  /** Whether the network provides egress at all (`egress` is not false). */
  readonly egressAvailable: boolean;
  readonly tags?: Record<string, string>;
}

/** Construct-id suffix of a subnet key: `privateEndpoints` → `PrivateEndpoints` (ids are API: they stay). */
export function subnetSuffix(key: string): string {
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

/** The subnet (`Subnet<Key>`), its NSG (`Nsg<Key>`) and their association; egress is attached later, on first use. */
export function createSubnet(scope: Construct, input: SubnetInput): { subnet: Subnet; nsg?: NetworkSecurityGroup; attachments: SubnetAttachments } {
  const { spec } = input;
  const delegation = spec.delegation;
  const suffix = subnetSuffix(input.key);
  const subnet = new Subnet(scope, `Subnet${suffix}`, {
    name: input.name,
    resourceGroupName: input.resourceGroupName,
    virtualNetworkName: input.virtualNetworkName,
    addressPrefixes: [spec.addressPrefix],
    // Private subnets: outbound internet access needs an explicit NAT gateway or firewall.
    defaultOutboundAccessEnabled: false,
    privateEndpointNetworkPolicies: input.privateEndpointPolicies,
    serviceEndpoints: spec.serviceEndpoints ? [...spec.serviceEndpoints] : undefined,
    delegation: delegation
      ? [{ name: "delegation", serviceDelegation: { name: delegation, actions: [...SUBNET_DELEGATIONS[delegation]] } }]
      : undefined,
  });

  // Each attachment waits for the previous one, and users of the subnet read its id from the
  // last: nothing lands in the subnet before its NSG (and egress) is in place.
  const attachments: SubnetAttachments = { suffix, subnet, subnetId: subnet.id, egressPending: false };
  let nsg: NetworkSecurityGroup | undefined;
  if (input.nsgName !== undefined) {
    nsg = new NetworkSecurityGroup(scope, `Nsg${suffix}`, {
      name: input.nsgName,
      resourceGroupName: input.resourceGroupName,
      location: input.location,
      tags: input.tags,
    });
    const association = new SubnetNetworkSecurityGroupAssociation(scope, `NsgAssociation${suffix}`, {
      subnetId: subnet.id,
      networkSecurityGroupId: nsg.id,
    });
    attachments.last = association;
    attachments.subnetId = association.subnetId;
  }
  const egress = spec.egress ?? (delegation !== undefined && EGRESS_DELEGATIONS.includes(delegation));
  attachments.egressPending = egress && input.egressAvailable;
  return { subnet, nsg, attachments };
}
