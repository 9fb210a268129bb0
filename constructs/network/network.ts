import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { NatGatewayPublicIpAssociation } from "@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNatGatewayAssociation } from "@cdktf/provider-azurerm/lib/subnet-nat-gateway-association";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { IPrivateNetwork } from "../core/context";
import { addDiagnostics, DiagnosticsOptions } from "../core/diagnostics";
import { addDependency } from "../core/depends-on";
import { invalid, isUnresolved } from "../core/errors";
import { kebab, resourceName } from "../core/naming";
import { CommonResourceProps, ResourceConstruct } from "../core/resource-construct";
import { SUBNET_DELEGATIONS } from "./delegations";
import { choosePrivateEndpointSubnet, PlannedSubnet, validateAddressSpace, validateSubnet, validateSubnetName } from "./address-plan";
import { NetworkEgress, validateEgress } from "./egress";
import { defaultSubnets, EGRESS_DELEGATIONS, SubnetSpec } from "./subnet-spec";

export interface NetworkProps extends CommonResourceProps {
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
  /** Diagnostic settings of the VNet; `false` opts out. @default the IntegrationContext's destination, if any */
  readonly diagnostics?: DiagnosticsOptions | false;
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

/** What is attached to one subnet, in order. */
interface SubnetAttachments {
  readonly suffix: string;
  readonly subnet: Subnet;
  /** The last association (NSG, then egress): what users of the subnet wait for. */
  last?: TerraformResource;
  /** The id users read: the last association's `subnet_id`, or the subnet's own id. */
  subnetId: string;
  /** Egress is wanted but not attached yet (it is on first use of the id). */
  egressPending: boolean;
}

/** A hub or otherwise existing network that private endpoints can use. */
export interface ExistingPrivateNetworkProps {
  /** Resource id of the subnet private endpoints go in. */
  readonly privateEndpointSubnetId: string;
  /** Private DNS zone ids by zone name. @default none (DNS managed elsewhere, e.g. by Azure Policy) */
  readonly privateDnsZoneIds?: Readonly<Record<string, string>>;
}

const VNET_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Network\/virtualNetworks\/[\w.-]+$/i;
const RESOURCE_GROUP_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+$/i;
const DNS_ZONE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A virtual network with private subnets (no default outbound access), a network security group
 * on every subnet, explicit egress (NAT gateway or firewall route) for the subnets that host apps,
 * one subnet for private endpoints, private DNS zones on demand (or a hub's) and an optional
 * peering to a hub. Implements {@link IPrivateNetwork}, so it can be the IntegrationContext's
 * `network`. Every L1 is exposed (`resource`, `subnets`, `networkSecurityGroups`, ...) as an
 * escape hatch.
 *
 * The subnet ids it hands out (`subnetId()`, `privateEndpointSubnetId`, `integrationSubnetId`)
 * are read from the subnet's last association, so whatever is placed in a subnet waits until its
 * NSG (and egress) is attached. Egress is attached when a subnet's id is first handed out: a
 * subnet nothing uses costs no NAT gateway.
 */
export class Network extends ResourceConstruct implements IPrivateNetwork {
  /** An existing (e.g. hub) network, as private endpoints see it. */
  public static fromPrivateEndpointSubnet(props: ExistingPrivateNetworkProps): IPrivateNetwork {
    const zones: Readonly<Record<string, string>> = { ...props.privateDnsZoneIds };
    return { privateEndpointSubnetId: props.privateEndpointSubnetId, privateDnsZoneId: (zoneName) => zones[zoneName] };
  }

  public readonly resource: VirtualNetwork;
  public readonly id: string;
  public readonly vnetId: string;
  public readonly name: string;
  public readonly addressSpace: readonly string[];
  /** Key of the private endpoint subnet. */
  public readonly privateEndpointSubnetKey: string;
  /** The first subnet delegated to `Microsoft.Web/serverFarms` (VNet integration of apps), if any. */
  public readonly integrationSubnetKey?: string;
  public readonly diagnostics: MonitorDiagnosticSetting | undefined;
  /** The spoke→hub peering, when `hub` is set. */
  public readonly hubPeering?: VirtualNetworkPeering;

  private readonly vnetName: string;
  private readonly dnsZones: "create" | "external" | "existing";
  private readonly existingZoneIds: Readonly<Record<string, string>>;
  private readonly zoneResourceGroupId?: string;
  private readonly egress: NetworkEgress | false;
  private readonly privateEndpointPolicies: NonNullable<NetworkProps["privateEndpointNetworkPolicies"]>;
  private readonly subnetResources: Record<string, Subnet> = {};
  private readonly nsgResources: Record<string, NetworkSecurityGroup> = {};
  /** Per subnet key, what is attached to the subnet and the id its users read. */
  private readonly attachments: Record<string, SubnetAttachments> = {};
  private natGatewayResource?: NatGateway;
  private natPublicIp?: PublicIp;
  private natPublicIpAssociation?: NatGatewayPublicIpAssociation;
  private routeTableResource?: RouteTable;
  private readonly subnetPlan: Record<string, PlannedSubnet> = {};
  private readonly zoneResources: Record<string, PrivateDnsZone> = {};
  private readonly zoneIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id, props);
    this.addressSpace = [...props.addressSpace];
    validateAddressSpace(this, this.addressSpace);
    this.zoneResourceGroupId = props.privateDnsZoneResourceGroupId;
    this.dnsZones = props.dnsZones ?? (this.zoneResourceGroupId !== undefined ? "existing" : "create");
    this.existingZoneIds = { ...props.existingPrivateDnsZoneIds };
    this.validateDnsSource();
    this.egress = props.egress ?? { type: "natGateway" };
    if (this.egress) validateEgress(this, this.egress, this.addressSpace);
    this.privateEndpointPolicies = props.privateEndpointNetworkPolicies ?? "NetworkSecurityGroupEnabled";

    this.vnetName = this.nameFor("virtualNetwork", props.name);
    this.resource = new VirtualNetwork(this, "Resource", {
      name: this.vnetName,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      addressSpace: [...this.addressSpace],
      dnsServers: props.dnsServers ? [...props.dnsServers] : undefined,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.vnetId = this.resource.id;
    this.name = this.resource.name;
    if (props.hub) this.hubPeering = this.peerWithHub(props.hub);

    const specs = props.subnets ?? defaultSubnets(this, this.addressSpace[0]);
    this.privateEndpointSubnetKey = choosePrivateEndpointSubnet(this, specs, props.privateEndpointSubnet);
    // The private endpoint subnet first, so its checks (and errors) come before the others'.
    this.createSubnet(this.privateEndpointSubnetKey, specs[this.privateEndpointSubnetKey], true);
    for (const [key, spec] of Object.entries(specs)) {
      if (key !== this.privateEndpointSubnetKey) this.createSubnet(key, spec, false);
    }
    this.integrationSubnetKey = Object.keys(specs).find((key) => specs[key].delegation === "Microsoft.Web/serverFarms");
    this.diagnostics = addDiagnostics(this, "Diagnostics", this.vnetId, props.diagnostics);
  }

  /** The subnet L1s by key (a copy; use {@link addSubnet} to add one). */
  public get subnets(): Readonly<Record<string, Subnet>> {
    return { ...this.subnetResources };
  }

  /** The network security groups this network created, by subnet key (add rules with `azurerm_network_security_rule`). */
  public get networkSecurityGroups(): Readonly<Record<string, NetworkSecurityGroup>> {
    return { ...this.nsgResources };
  }

  /** The NAT gateway, once a subnet with egress exists in NAT gateway mode. */
  public get natGateway(): NatGateway | undefined {
    return this.natGatewayResource;
  }

  /** The NAT gateway's static public IP: the address the subnets' internet traffic comes from. */
  public get natGatewayPublicIp(): PublicIp | undefined {
    return this.natPublicIp;
  }

  /** The route table to the firewall, once a subnet with egress exists in firewall mode. */
  public get routeTable(): RouteTable | undefined {
    return this.routeTableResource;
  }

  /** Adds a subnet, validated like the ones in props. The private endpoint subnet is fixed at construction. */
  public addSubnet(key: string, spec: SubnetSpec): Subnet {
    if (spec.privateEndpoints === true) {
      invalid(this, {
        field: `subnets.${key}.privateEndpoints`,
        value: true,
        rule: `is not allowed: "${this.privateEndpointSubnetKey}" is already the private endpoint subnet`,
        fix: "put private endpoints in that subnet, or choose the subnet with privateEndpointSubnet in props",
      });
    }
    return this.createSubnet(key, spec, false);
  }

  /**
   * The resource id of the subnet with this key, read from its last association (NSG, then NAT
   * gateway or route table) so that users of the subnet are created after them; a clear error
   * when there is none.
   */
  public subnetId(key: string): string {
    const found = this.subnetResources[key];
    if (!found) {
      invalid(this, {
        field: "subnet",
        value: key,
        rule: "does not exist in this network",
        fix: `use one of ${Object.keys(this.subnetResources).map((k) => `"${k}"`).join(", ")} or add it with addSubnet()`,
      });
    }
    return this.attachedSubnetId(key);
  }

  /** The subnet L1 behind an id this network handed out (or the subnet's own id); attaches nothing. */
  public subnetFor(subnetId: string): Subnet | undefined {
    return Object.values(this.attachments).find((a) => a.subnetId === subnetId || a.subnet.id === subnetId)?.subnet;
  }

  /** The private endpoint subnet's id (after its NSG). */
  public get privateEndpointSubnetId(): string {
    return this.attachedSubnetId(this.privateEndpointSubnetKey);
  }

  /** The integration subnet's id (after its NSG and egress), if there is one. */
  public get integrationSubnetId(): string | undefined {
    return this.integrationSubnetKey === undefined ? undefined : this.attachedSubnetId(this.integrationSubnetKey);
  }

  /**
   * The id of the private DNS zone `zoneName`: an existing one from `existingPrivateDnsZoneIds` or
   * `privateDnsZoneResourceGroupId`, `undefined` with `dnsZones: "external"`, an error with
   * `dnsZones: "existing"`, else a zone created on first call and linked to this VNet (later calls
   * return the same zone).
   */
  public privateDnsZoneId(zoneName: string): string | undefined {
    const existing = this.existingZoneIds[zoneName];
    if (existing !== undefined) return existing;
    if (this.zoneResourceGroupId !== undefined) {
      this.checkZoneName(zoneName);
      return `${this.zoneResourceGroupId}/providers/Microsoft.Network/privateDnsZones/${zoneName}`;
    }
    if (this.dnsZones === "external") return undefined;
    if (this.dnsZones === "existing") {
      invalid(this, {
        field: "zoneName",
        value: zoneName,
        rule: `has no existing zone (dnsZones "existing"; existingPrivateDnsZoneIds names ${Object.keys(this.existingZoneIds).join(", ") || "none"})`,
        fix: "add its id to existingPrivateDnsZoneIds (network.hub.privateDnsZoneIds in an environment), or give privateDnsZoneResourceGroupId",
      });
    }
    // The same token every call, so callers can compare ids.
    this.zoneIds[zoneName] ??= this.privateDnsZone(zoneName).id;
    return this.zoneIds[zoneName];
  }

  /**
   * Where the zone `zoneName` comes from, without creating it: `"existing"` (a hub's, by id or resource
   * group), `"external"` (DNS managed outside the stacks), or `"created"` (this network creates it).
   * `"existing"` also covers a zone `dnsZones: "existing"` lacks (where {@link privateDnsZoneId} throws).
   */
  public privateDnsZoneSource(zoneName: string): "created" | "existing" | "external" {
    if (this.existingZoneIds[zoneName] !== undefined || this.zoneResourceGroupId !== undefined || this.dnsZones === "existing") return "existing";
    return this.dnsZones === "external" ? "external" : "created";
  }

  /** The private DNS zones this network created, by zone name. */
  public get privateDnsZones(): Readonly<Record<string, PrivateDnsZone>> {
    return { ...this.zoneResources };
  }

  private privateDnsZone(zoneName: string): PrivateDnsZone {
    // The construct id comes from the zone name, so each zone keeps its Terraform address.
    const zoneId = `PrivateDnsZone-${zoneName}`;
    const found = this.node.tryFindChild(zoneId);
    if (found) return found as PrivateDnsZone;
    this.checkZoneName(zoneName);
    const zone = new PrivateDnsZone(this, zoneId, { name: zoneName, resourceGroupName: this.resourceGroup.name, tags: this.tags });
    new PrivateDnsZoneVirtualNetworkLink(this, `PrivateDnsZoneLink-${zoneName}`, {
      name: `link-${this.vnetName}`,
      resourceGroupName: this.resourceGroup.name,
      privateDnsZoneName: zone.name,
      virtualNetworkId: this.vnetId,
      // Private endpoints register through DNS zone groups; VM auto-registration stays off.
      registrationEnabled: false,
      tags: this.tags,
    });
    this.zoneResources[zoneName] = zone;
    return zone;
  }

  private checkZoneName(zoneName: string): void {
    if (isUnresolved(zoneName) || !DNS_ZONE.test(zoneName)) {
      invalid(this, {
        field: "zoneName",
        value: zoneName,
        rule: "is not a literal DNS zone name",
        fix: 'pass a zone such as "privatelink.blob.core.windows.net"',
      });
    }
  }

  private validateDnsSource(): void {
    const rg = this.zoneResourceGroupId;
    if (rg !== undefined && !isUnresolved(rg) && !RESOURCE_GROUP_ID.test(rg)) {
      invalid(this, {
        field: "privateDnsZoneResourceGroupId",
        value: rg,
        rule: "is not a resource group id",
        fix: 'use "/subscriptions/<subscription id>/resourceGroups/<name>" of the group holding the central zones',
      });
    }
    if (rg !== undefined && this.dnsZones !== "existing") {
      invalid(this, {
        field: "dnsZones",
        value: this.dnsZones,
        rule: "contradicts privateDnsZoneResourceGroupId, which says the zones already exist",
        fix: 'drop dnsZones (or set it to "existing"), or drop privateDnsZoneResourceGroupId',
      });
    }
  }

  private peerWithHub(hub: HubPeeringOptions): VirtualNetworkPeering {
    if (!isUnresolved(hub.virtualNetworkId) && !VNET_ID.test(hub.virtualNetworkId)) {
      invalid(this, {
        field: "hub.virtualNetworkId",
        value: hub.virtualNetworkId,
        rule: "is not a virtual network id",
        fix: 'use "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>"',
      });
    }
    // azurerm @v4.55.0 website/docs/r/virtual_network_peering.html.markdown: one side per resource.
    return new VirtualNetworkPeering(this, "HubPeering", {
      name: this.nameFor("virtualNetworkPeering", undefined, { base: `${this.node.id}-to-hub` }),
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.resource.name,
      remoteVirtualNetworkId: hub.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      // Replies and traffic a hub firewall forwards (from on-premises or other spokes) come from outside the hub's range.
      allowForwardedTraffic: true,
      allowGatewayTransit: false,
      useRemoteGateways: hub.useRemoteGateways ?? false,
    });
  }

  private createSubnet(key: string, spec: SubnetSpec, forPrivateEndpoints: boolean): Subnet {
    validateSubnet(this, { key, spec, forPrivateEndpoints, addressSpace: this.addressSpace, planned: this.subnetPlan });
    const name = resourceName(this, "subnet", spec.name, { base: key });
    validateSubnetName(this, key, name, this.subnetPlan);
    const delegation = spec.delegation;
    const suffix = `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
    const subnet = new Subnet(this, `Subnet${suffix}`, {
      name,
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.resource.name,
      addressPrefixes: [spec.addressPrefix],
      // Private subnets: outbound internet access needs an explicit NAT gateway or firewall.
      defaultOutboundAccessEnabled: false,
      privateEndpointNetworkPolicies: forPrivateEndpoints ? this.privateEndpointPolicies : undefined,
      serviceEndpoints: spec.serviceEndpoints ? [...spec.serviceEndpoints] : undefined,
      delegation: delegation
        ? [{ name: "delegation", serviceDelegation: { name: delegation, actions: [...SUBNET_DELEGATIONS[delegation]] } }]
        : undefined,
    });
    this.subnetResources[key] = subnet;
    this.subnetPlan[key] = { name, prefix: spec.addressPrefix };

    // Each attachment waits for the previous one, and users of the subnet read its id from the
    // last: nothing lands in the subnet before its NSG (and egress) is in place.
    const attachments: SubnetAttachments = { suffix, subnet, subnetId: subnet.id, egressPending: false };
    if (spec.networkSecurityGroup ?? true) {
      const nsg = new NetworkSecurityGroup(this, `Nsg${suffix}`, {
        name: this.nameFor("networkSecurityGroup", undefined, { base: `${this.node.id}-${kebab(key)}` }),
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        tags: this.tags,
      });
      this.nsgResources[key] = nsg;
      const association = new SubnetNetworkSecurityGroupAssociation(this, `NsgAssociation${suffix}`, {
        subnetId: subnet.id,
        networkSecurityGroupId: nsg.id,
      });
      attachments.last = association;
      attachments.subnetId = association.subnetId;
    }
    const egress = spec.egress ?? (delegation !== undefined && EGRESS_DELEGATIONS.includes(delegation));
    attachments.egressPending = egress && this.egress !== false;
    this.attachments[key] = attachments;
    return subnet;
  }

  /** The id users of the subnet read: egress is attached on first use, and the id comes from the last attachment. */
  private attachedSubnetId(key: string): string {
    const a = this.attachments[key];
    if (a.egressPending && this.egress) {
      a.egressPending = false;
      const association = this.attachEgress(a.suffix, a.subnet.id, this.egress);
      if (a.last) addDependency(association, a.last);
      a.last = association;
      a.subnetId = association.subnetId;
    }
    return a.subnetId;
  }

  /** Associates the subnet with the NAT gateway or the firewall route table, creating it on first use. */
  private attachEgress(suffix: string, subnetId: string, egress: NetworkEgress): SubnetNatGatewayAssociation | SubnetRouteTableAssociation {
    if (egress.type === "firewall") {
      this.routeTableResource ??= new RouteTable(this, "RouteTable", {
        name: this.nameFor("routeTable", undefined, { base: `${this.node.id}-egress` }),
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        // azurerm @v4.55.0 website/docs/r/route_table.html.markdown; a 0.0.0.0/0 UDR to a virtual
        // appliance takes precedence over a NAT gateway (learn.microsoft.com/azure/nat-gateway/nat-overview).
        route: [{ name: "internet-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: egress.privateIp }],
        bgpRoutePropagationEnabled: false,
        tags: this.tags,
      });
      return new SubnetRouteTableAssociation(this, `RouteTableAssociation${suffix}`, { subnetId, routeTableId: this.routeTableResource.id });
    }
    if (!this.natGatewayResource) {
      const zones = egress.zone ? [egress.zone] : undefined;
      const base = `${this.node.id}-egress`;
      this.natGatewayResource = new NatGateway(this, "NatGateway", {
        name: this.nameFor("natGateway", undefined, { base }),
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        skuName: "Standard",
        idleTimeoutInMinutes: egress.idleTimeoutInMinutes,
        zones,
        tags: this.tags,
      });
      // A zonal NAT gateway takes a public IP of its zone (or zone-redundant); a no-zone one any.
      this.natPublicIp = new PublicIp(this, "NatGatewayPublicIp", {
        name: this.nameFor("publicIp", undefined, { base }),
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        sku: "Standard",
        allocationMethod: "Static",
        zones,
        tags: this.tags,
      });
      this.natPublicIpAssociation = new NatGatewayPublicIpAssociation(this, "NatGatewayPublicIpAssociation", {
        natGatewayId: this.natGatewayResource.id,
        publicIpAddressId: this.natPublicIp.id,
      });
    }
    const natGatewayId = this.natGatewayResource.id;
    const association = new SubnetNatGatewayAssociation(this, `NatGatewayAssociation${suffix}`, { subnetId, natGatewayId });
    // The gateway carries traffic only once it has its public IP.
    addDependency(association, this.natPublicIpAssociation!);
    return association;
  }
}
