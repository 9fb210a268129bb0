import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { IPrivateNetwork } from "../core/context";
import { addDependency } from "../core/depends-on";
import { invalid } from "../core/errors";
import { kebab, resourceName } from "../core/naming";
import { ResourceConstruct } from "../core/resource-construct";
import { choosePrivateEndpointSubnet, PlannedSubnet, validateAddressSpace, validateSubnet, validateSubnetName } from "./address-plan";
import { checkZoneName, DnsZonesMode, linkedPrivateDnsZone, validateDnsSource } from "./dns-zones";
import { NetworkEgress, validateEgress } from "./egress";
import { attachEgress, EgressResources } from "./egress-resources";
import { checkHubPeering, peerWithHub } from "./hub-peering";
import { ExistingPrivateNetworkProps, NetworkProps } from "./props";
import { defaultSubnets, SubnetSpec } from "./subnet-spec";
import { createSubnet, SubnetAttachments } from "./subnets";

// The construct reads as its steps: subnets.ts (subnet, NSG), egress-resources.ts (NAT gateway or
// firewall route, on first use), dns-zones.ts, hub-peering.ts; the props are in props.ts.
export type { ExistingPrivateNetworkProps, HubPeeringOptions, NetworkProps } from "./props";

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
  /** The lock on the VNet, when `lock` asks for one. */
  public readonly lock?: ManagementLock;
  /** The spoke→hub peering, when `hub` is set. */
  public readonly hubPeering?: VirtualNetworkPeering;

  private readonly vnetName: string;
  private readonly dnsZones: DnsZonesMode;
  private readonly existingZoneIds: Readonly<Record<string, string>>;
  private readonly zoneResourceGroupId?: string;
  private readonly egress: NetworkEgress | false;
  private readonly privateEndpointPolicies: NonNullable<NetworkProps["privateEndpointNetworkPolicies"]>;
  private readonly subnetResources: Record<string, Subnet> = {};
  private readonly nsgResources: Record<string, NetworkSecurityGroup> = {};
  /** Per subnet key, what is attached to the subnet and the id its users read. */
  private readonly attachments: Record<string, SubnetAttachments> = {};
  /** The NAT gateway (and its IP) or the route table, once a subnet's egress is attached. */
  private readonly egressResources: EgressResources = {};
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
    validateDnsSource(this, this.zoneResourceGroupId, this.dnsZones);
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
    if (props.hub) {
      checkHubPeering(this, props.hub);
      this.hubPeering = peerWithHub(this, props.hub, {
        name: this.nameFor("virtualNetworkPeering", undefined, { base: `${this.node.id}-to-hub` }),
        resourceGroupName: this.resourceGroup.name,
        virtualNetworkName: this.resource.name,
      });
    }

    const specs = props.subnets ?? defaultSubnets(this, this.addressSpace[0]);
    this.privateEndpointSubnetKey = choosePrivateEndpointSubnet(this, specs, props.privateEndpointSubnet);
    // The private endpoint subnet first, so its checks (and errors) come before the others'.
    this.createSubnet(this.privateEndpointSubnetKey, specs[this.privateEndpointSubnetKey], true);
    for (const [key, spec] of Object.entries(specs)) {
      if (key !== this.privateEndpointSubnetKey) this.createSubnet(key, spec, false);
    }
    this.integrationSubnetKey = Object.keys(specs).find((key) => specs[key].delegation === "Microsoft.Web/serverFarms");
    const kit = this.wireKit(props, { resourceId: this.vnetId, name: this.vnetName, dataStore: false });
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;
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
    return this.egressResources.natGateway;
  }

  /** The NAT gateway's static public IP: the address the subnets' internet traffic comes from. */
  public get natGatewayPublicIp(): PublicIp | undefined {
    return this.egressResources.natPublicIp;
  }

  /** The route table to the firewall, once a subnet with egress exists in firewall mode. */
  public get routeTable(): RouteTable | undefined {
    return this.egressResources.routeTable;
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
      checkZoneName(this, zoneName);
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
    const zone = linkedPrivateDnsZone(this, {
      zoneName,
      resourceGroupName: this.resourceGroup.name,
      vnetName: this.vnetName,
      vnetId: this.vnetId,
      tags: this.tags,
    });
    this.zoneResources[zoneName] = zone;
    return zone;
  }

  private createSubnet(key: string, spec: SubnetSpec, forPrivateEndpoints: boolean): Subnet {
    validateSubnet(this, { key, spec, forPrivateEndpoints, addressSpace: this.addressSpace, planned: this.subnetPlan });
    const name = resourceName(this, "subnet", spec.name, { base: key });
    validateSubnetName(this, key, name, this.subnetPlan);
    const { subnet, nsg, attachments } = createSubnet(this, {
      key,
      spec,
      name,
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.resource.name,
      location: this.location,
      privateEndpointPolicies: forPrivateEndpoints ? this.privateEndpointPolicies : undefined,
      nsgName: (spec.networkSecurityGroup ?? true)
        ? this.nameFor("networkSecurityGroup", undefined, { base: `${this.node.id}-${kebab(key)}` })
        : undefined,
      egressAvailable: this.egress !== false,
      tags: this.tags,
    });
    this.subnetResources[key] = subnet;
    this.subnetPlan[key] = { name, prefix: spec.addressPrefix };
    if (nsg) this.nsgResources[key] = nsg;
    this.attachments[key] = attachments;
    return subnet;
  }

  /** The id users of the subnet read: egress is attached on first use, and the id comes from the last attachment. */
  private attachedSubnetId(key: string): string {
    const a = this.attachments[key];
    if (a.egressPending && this.egress) {
      a.egressPending = false;
      const base = `${this.node.id}-egress`;
      const association = attachEgress(this, this.egressResources, {
        suffix: a.suffix,
        subnetId: a.subnet.id,
        egress: this.egress,
        nameFor: (type) => this.nameFor(type, undefined, { base }),
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        tags: this.tags,
      });
      if (a.last) addDependency(association, a.last);
      a.last = association;
      a.subnetId = association.subnetId;
    }
    return a.subnetId;
  }
}
