import { Construct } from "constructs";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { IPrivateNetwork } from "../core/context";
import { addDiagnostics, DiagnosticsOptions } from "../core/diagnostics";
import { invalid, isUnresolved } from "../core/errors";
import { resourceName } from "../core/naming";
import { CommonResourceProps, ResourceConstruct } from "../core/resource-construct";
import { SUBNET_DELEGATIONS } from "./delegations";
import { choosePrivateEndpointSubnet, PlannedSubnet, validateAddressSpace, validateSubnet, validateSubnetName } from "./address-plan";
import { defaultSubnets, SubnetSpec } from "./subnet-spec";

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
   * @default "create"
   */
  readonly dnsZones?: "create" | "external";
  /**
   * Existing private DNS zones (e.g. a hub's) by zone name; `privateDnsZoneId()` returns these
   * instead of creating a zone, in both `dnsZones` modes.
   * @default none
   */
  readonly existingPrivateDnsZoneIds?: Readonly<Record<string, string>>;
  /** DNS servers of the VNet, e.g. a hub's DNS Private Resolver. @default Azure-provided DNS */
  readonly dnsServers?: readonly string[];
  /** Diagnostic settings of the VNet; `false` opts out. @default the IntegrationContext's destination, if any */
  readonly diagnostics?: DiagnosticsOptions | false;
}

/** A hub or otherwise existing network that private endpoints can use. */
export interface ExistingPrivateNetworkProps {
  /** Resource id of the subnet private endpoints go in. */
  readonly privateEndpointSubnetId: string;
  /** Private DNS zone ids by zone name. @default none (DNS managed elsewhere, e.g. by Azure Policy) */
  readonly privateDnsZoneIds?: Readonly<Record<string, string>>;
}

const DNS_ZONE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A virtual network with private subnets (no default outbound access), one subnet for private
 * endpoints and private DNS zones on demand. Implements {@link IPrivateNetwork}, so it can be
 * the IntegrationContext's `network`. Every L1 is exposed (`resource`, `subnets`) as an escape hatch.
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
  public readonly privateEndpointSubnetId: string;
  /** The first subnet delegated to `Microsoft.Web/serverFarms` (VNet integration of apps), if any. */
  public readonly integrationSubnetId?: string;
  public readonly diagnostics: MonitorDiagnosticSetting | undefined;

  private readonly vnetName: string;
  private readonly dnsZones: "create" | "external";
  private readonly existingZoneIds: Readonly<Record<string, string>>;
  private readonly subnetResources: Record<string, Subnet> = {};
  private readonly subnetPlan: Record<string, PlannedSubnet> = {};
  private readonly zoneResources: Record<string, PrivateDnsZone> = {};
  private readonly zoneIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id, props);
    this.addressSpace = [...props.addressSpace];
    validateAddressSpace(this, this.addressSpace);
    this.dnsZones = props.dnsZones ?? "create";
    this.existingZoneIds = { ...props.existingPrivateDnsZoneIds };

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

    const specs = props.subnets ?? defaultSubnets(this, this.addressSpace[0]);
    this.privateEndpointSubnetKey = choosePrivateEndpointSubnet(this, specs, props.privateEndpointSubnet);
    // The private endpoint subnet first, so its checks (and errors) come before the others'.
    this.createSubnet(this.privateEndpointSubnetKey, specs[this.privateEndpointSubnetKey], true);
    for (const [key, spec] of Object.entries(specs)) {
      if (key !== this.privateEndpointSubnetKey) this.createSubnet(key, spec, false);
    }
    this.privateEndpointSubnetId = this.subnetResources[this.privateEndpointSubnetKey].id;
    const integration = Object.keys(specs).find((key) => specs[key].delegation === "Microsoft.Web/serverFarms");
    this.integrationSubnetId = integration ? this.subnetResources[integration].id : undefined;
    this.diagnostics = addDiagnostics(this, "Diagnostics", this.vnetId, props.diagnostics);
  }

  /** The subnet L1s by key (a copy; use {@link addSubnet} to add one). */
  public get subnets(): Readonly<Record<string, Subnet>> {
    return { ...this.subnetResources };
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

  /** The resource id of the subnet with this key; a clear error when there is none. */
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
    return found.id;
  }

  /**
   * The id of the private DNS zone `zoneName`: an existing one from `existingPrivateDnsZoneIds`,
   * `undefined` with `dnsZones: "external"`, else a zone created on first call and linked to this
   * VNet (later calls return the same zone).
   */
  public privateDnsZoneId(zoneName: string): string | undefined {
    const existing = this.existingZoneIds[zoneName];
    if (existing !== undefined) return existing;
    if (this.dnsZones === "external") return undefined;
    // The same token every call, so callers can compare ids.
    this.zoneIds[zoneName] ??= this.privateDnsZone(zoneName).id;
    return this.zoneIds[zoneName];
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
    if (isUnresolved(zoneName) || !DNS_ZONE.test(zoneName)) {
      invalid(this, {
        field: "zoneName",
        value: zoneName,
        rule: "is not a literal DNS zone name",
        fix: 'pass a zone such as "privatelink.blob.core.windows.net"',
      });
    }
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

  private createSubnet(key: string, spec: SubnetSpec, forPrivateEndpoints: boolean): Subnet {
    validateSubnet(this, { key, spec, forPrivateEndpoints, addressSpace: this.addressSpace, planned: this.subnetPlan });
    const name = resourceName(this, "subnet", spec.name, { base: key });
    validateSubnetName(this, key, name, this.subnetPlan);
    const delegation = spec.delegation;
    const subnet = new Subnet(this, `Subnet${key.charAt(0).toUpperCase()}${key.slice(1)}`, {
      name,
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: this.resource.name,
      addressPrefixes: [spec.addressPrefix],
      // Private subnets: outbound internet access needs an explicit NAT gateway or firewall.
      defaultOutboundAccessEnabled: false,
      privateEndpointNetworkPolicies: forPrivateEndpoints ? "Disabled" : undefined,
      serviceEndpoints: spec.serviceEndpoints ? [...spec.serviceEndpoints] : undefined,
      delegation: delegation
        ? [{ name: "delegation", serviceDelegation: { name: delegation, actions: [...SUBNET_DELEGATIONS[delegation]] } }]
        : undefined,
    });
    this.subnetResources[key] = subnet;
    this.subnetPlan[key] = { name, prefix: spec.addressPrefix };
    return subnet;
  }
}
