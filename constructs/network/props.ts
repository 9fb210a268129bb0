import { CommonResourceProps, KitProps } from "../core/resource-construct";
import { NetworkEgress } from "./egress";
import { SubnetSpec } from "./subnet-spec";

// The props on their own, so network.ts reads as the construct's steps.

/**
 * The kit's `diagnostics` and `lock`, both on the VNet (the lock is off by default: a network is
 * configuration, recreated from code, README "Locks"). No `identity`, `privateEndpoint` or
 * `customerManagedKey`: a VNet has none of them. The subnets' NSGs get no diagnostic setting.
 */
export interface NetworkProps extends Pick<KitProps, keyof CommonResourceProps | "diagnostics" | "lock"> {
  /** Address ranges of the VNet as IPv4 CIDRs, e.g. `["10.0.0.0/16"]`. */
  readonly addressSpace: readonly string[];
  /**
   * Subnets by key (letters and digits, e.g. `privateEndpoints`).
   * @default `privateEndpoints` and `integration` (delegated to `Microsoft.Web/serverFarms`): the
   * first two /24s of the first address space, or its two halves when it is smaller than a /23
   */
  readonly subnets?: Readonly<Record<string, SubnetSpec>>;
  /**
   * Key of the subnet private endpoints go in; it must exist and must not be delegated.
   * @default the subnet marked `privateEndpoints: true`, else `"privateEndpoints"`
   */
  readonly privateEndpointSubnet?: string;
  /**
   * Who provides private DNS zones. `"create"`: `privateDnsZoneId()` creates each zone on first use
   * and links it to this VNet. `"external"`: a hub manages DNS (typically Azure Policy adds the
   * private endpoints' DNS records), so `privateDnsZoneId()` returns undefined and endpoints get
   * no DNS zone group; the VNet must then resolve through the hub (see `dnsServers`).
   * `"existing"`: every zone is an existing (central) one, from `existingPrivateDnsZoneIds` or
   * `privateDnsZoneResourceGroupId`; a zone in neither is an error, and nothing is created.
   * @default "existing" with `privateDnsZoneResourceGroupId`, else "create"
   */
  readonly dnsZones?: "create" | "external" | "existing";
  /**
   * Existing private DNS zones (e.g. a hub's) by zone name; `privateDnsZoneId()` returns these
   * instead of creating a zone, in every `dnsZones` mode.
   * @default none
   */
  readonly existingPrivateDnsZoneIds?: Readonly<Record<string, string>>;
  /**
   * Resource group id (`/subscriptions/<id>/resourceGroups/<name>`) holding a hub's central
   * private DNS zones, each named after its zone (`privatelink.blob.core.windows.net`, ...):
   * `privateDnsZoneId(zone)` returns `<id>/providers/Microsoft.Network/privateDnsZones/<zone>`.
   * The zones must exist, and the deployer needs Private DNS Zone Contributor on them (the
   * endpoints' DNS zone groups write their records there).
   * @default none
   */
  readonly privateDnsZoneResourceGroupId?: string;
  /**
   * Internet egress of the subnets that want it ({@link SubnetSpec.egress}; subnets have no
   * default outbound access): a NAT gateway, or a route table to a (hub) firewall. `false`: none
   * (egress is provided outside this construct, e.g. by Virtual WAN routing intent).
   * @default a NAT gateway (no zone, one static public IP) when a subnet wants egress
   */
  readonly egress?: NetworkEgress | false;
  /**
   * Peers this VNet with a hub VNet (this side of the peering only: the hub→spoke peering is
   * created by whoever owns the hub, with this VNet's id; until then the peering is `Initiated`).
   * @default no peering
   */
  readonly hub?: HubPeeringOptions;
  /**
   * Network policies for the private endpoints in the private endpoint subnet
   * (learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy). With the
   * default the subnet's NSG filters traffic to the endpoints; user-defined routes still do not
   * apply to them. Clients outside the `VirtualNetwork` service tag (e.g. on-premises ranges a hub
   * firewall forwards without SNAT) then need an inbound rule on `networkSecurityGroups`.
   * @default "NetworkSecurityGroupEnabled"
   */
  readonly privateEndpointNetworkPolicies?: "Disabled" | "Enabled" | "NetworkSecurityGroupEnabled" | "RouteTableEnabled";
  /** DNS servers of the VNet, e.g. a hub's DNS Private Resolver. @default Azure-provided DNS */
  readonly dnsServers?: readonly string[];
}

/** The spoke side of a peering to a hub VNet (`azurerm_virtual_network_peering`). */
export interface HubPeeringOptions {
  /** Resource id of the hub VNet: `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>`. */
  readonly virtualNetworkId: string;
  /**
   * Use the hub's VPN or ExpressRoute gateway (`use_remote_gateways`). The hub→spoke peering must
   * already allow gateway transit, so turn this on after the hub owner has created it.
   * @default false
   */
  readonly useRemoteGateways?: boolean;
}

/** A hub or otherwise existing network that private endpoints can use. */
export interface ExistingPrivateNetworkProps {
  /** Resource id of the subnet private endpoints go in. */
  readonly privateEndpointSubnetId: string;
  /** Private DNS zone ids by zone name. @default none (DNS managed elsewhere, e.g. by Azure Policy) */
  readonly privateDnsZoneIds?: Readonly<Record<string, string>>;
}
