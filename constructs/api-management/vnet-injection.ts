import { Construct } from "constructs";
import { ApiManagement as ApiManagementResource } from "@cdktf/provider-azurerm/lib/api-management";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { IResourceGroup } from "../core/context";
import { addDependency } from "../core/depends-on";
import { invalid, isUnresolved } from "../core/errors";
import * as ipv4 from "../core/ipv4";
import { Network } from "../network";

/** What a VNet-injected (classic stv2) API Management service needs around it. */
export interface ApiManagementSubnetProps {
  /** The network the subnet is added to. */
  readonly network: Network;
  /** The subnet's range. @default the third /24 of the network's first address space */
  readonly addressPrefix?: string;
  readonly namePrefix: string;
  readonly resourceGroup: IResourceGroup;
  readonly location: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * One rule of the API Management subnet's NSG (learn.microsoft.com, "Virtual network
 * configuration reference: API Management"): management and load-balancer probes in, the
 * platform dependencies out. The default rules still allow VNet and internet outbound traffic, so
 * the gateway reaches the Logic Apps endpoints; the explicit rules keep the subnet working when a
 * deny-all rule or forced tunnelling is added later.
 */
export interface ApiManagementNsgRule {
  readonly name: string;
  readonly direction: "Inbound" | "Outbound";
  readonly priority: number;
  readonly source: string;
  readonly destination: string;
  readonly ports: readonly string[];
  readonly description: string;
}

/** The rules of the API Management subnet, in priority order per direction. */
export const API_MANAGEMENT_NSG_RULES: readonly ApiManagementNsgRule[] = [
  {
    name: "AllowApiManagementControlPlane",
    direction: "Inbound",
    priority: 100,
    source: "ApiManagement",
    destination: "VirtualNetwork",
    ports: ["3443"],
    description: "Management endpoint for the Azure portal and Resource Manager",
  },
  {
    name: "AllowAzureLoadBalancer",
    direction: "Inbound",
    priority: 110,
    source: "AzureLoadBalancer",
    destination: "VirtualNetwork",
    ports: ["6390"],
    description: "Azure infrastructure load balancer health probes",
  },
  {
    name: "AllowVnetClientsHttps",
    direction: "Inbound",
    priority: 120,
    source: "VirtualNetwork",
    destination: "VirtualNetwork",
    ports: ["443"],
    description: "Clients of the internal gateway",
  },
  {
    name: "AllowStorage",
    direction: "Outbound",
    priority: 100,
    source: "VirtualNetwork",
    destination: "Storage",
    ports: ["443"],
    description: "Service configuration and logs in Azure Storage",
  },
  {
    name: "AllowSql",
    direction: "Outbound",
    priority: 110,
    source: "VirtualNetwork",
    destination: "Sql",
    ports: ["1433"],
    description: "API Management's own configuration database",
  },
  {
    name: "AllowKeyVault",
    direction: "Outbound",
    priority: 120,
    source: "VirtualNetwork",
    destination: "AzureKeyVault",
    ports: ["443"],
    description: "Key Vault named values and certificates",
  },
  {
    name: "AllowAzureMonitor",
    direction: "Outbound",
    priority: 130,
    source: "VirtualNetwork",
    destination: "AzureMonitor",
    ports: ["1886", "443"],
    description: "Diagnostics, metrics and Application Insights",
  },
  {
    name: "AllowLogicApps",
    direction: "Outbound",
    priority: 140,
    source: "VirtualNetwork",
    destination: "LogicApps",
    ports: ["443"],
    description: "The Logic Apps request triggers behind the API",
  },
];

/**
 * The subnet API Management is injected into, its NSG and the public IP classic injection uses.
 * Both patterns that run API Management create it next to their service (its construct id is
 * `ApiManagementSubnet`, the addresses the api-gateway pattern has always had), then pass
 * `{ type: "Internal", subnetId }` as the service's `virtualNetwork` and {@link addPublicIp}'s id
 * as its `publicIpAddressId` ({@link ApiManagementSubnet.inject} does both).
 */
export class ApiManagementSubnet extends Construct {
  public readonly subnet: Subnet;
  public readonly subnetId: string;
  public readonly networkSecurityGroup: NetworkSecurityGroup;
  public readonly rules: readonly NetworkSecurityRule[];
  /** The NSG's association; API Management refuses a subnet without an NSG, so the service waits for it. */
  public readonly association: SubnetNetworkSecurityGroupAssociation;

  private readonly props: ApiManagementSubnetProps;

  constructor(scope: Construct, id: string, props: ApiManagementSubnetProps) {
    super(scope, id);
    this.props = props;
    const addressPrefix = props.addressPrefix ?? defaultPrefix(this, props.network);
    // Not delegated: classic injection wants a plain subnet (delegation is for the v2 tiers). The
    // NSG is this construct's (API Management's own rules), and egress is left to the service.
    this.subnet = props.network.addSubnet("apiManagement", { addressPrefix, networkSecurityGroup: false, egress: false });
    this.subnetId = this.subnet.id;
    this.networkSecurityGroup = new NetworkSecurityGroup(this, "Nsg", {
      name: `nsg-${props.namePrefix}-apim`,
      resourceGroupName: props.resourceGroup.name,
      location: props.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.rules = API_MANAGEMENT_NSG_RULES.map(
      (rule) =>
        new NetworkSecurityRule(this, `Rule-${rule.name}`, {
          name: rule.name,
          resourceGroupName: props.resourceGroup.name,
          networkSecurityGroupName: this.networkSecurityGroup.name,
          direction: rule.direction,
          priority: rule.priority,
          access: "Allow",
          protocol: "Tcp",
          sourcePortRange: "*",
          sourceAddressPrefix: rule.source,
          destinationAddressPrefix: rule.destination,
          destinationPortRanges: [...rule.ports],
          description: rule.description,
        }),
    );
    this.association = new SubnetNetworkSecurityGroupAssociation(this, "NsgAssociation", {
      subnetId: this.subnetId,
      networkSecurityGroupId: this.networkSecurityGroup.id,
      // The rules belong to the NSG before the service checks the subnet.
      dependsOn: [...this.rules],
    });
  }

  /**
   * Injects `service` into this subnet: the public IP, and the wait for the NSG association
   * (API Management refuses a subnet without one). Pass `virtualNetwork: { type, subnetId }`
   * when creating the service; this adds what the service needs around it.
   */
  public inject(service: { readonly resource: ApiManagementResource }): PublicIp {
    const publicIp = this.addPublicIp(service.resource.nameInput ?? "apim");
    service.resource.publicIpAddressId = publicIp.id;
    addDependency(service.resource, this.association);
    return publicIp;
  }

  /**
   * A Standard static public IP for the injected service (management traffic, and the address the
   * gateway calls out from, which the Logic App triggers allow). Its DNS label is the service name.
   */
  public addPublicIp(serviceName: string): PublicIp {
    return new PublicIp(this, "PublicIp", {
      name: `pip-${serviceName}`,
      resourceGroupName: this.props.resourceGroup.name,
      location: this.props.location,
      sku: "Standard",
      allocationMethod: "Static",
      domainNameLabel: serviceName.toLowerCase(),
      tags: this.props.tags ? { ...this.props.tags } : undefined,
    });
  }
}

/** The third /24 of the first address space: the default Network uses the first two. */
function defaultPrefix(scope: Construct, network: Network): string {
  const space = network.addressSpace[0];
  const length = isUnresolved(space) ? undefined : ipv4.parseCidr(space)?.prefixLength;
  if (length === undefined || length > 22) {
    invalid(scope, {
      field: "apiManagementSubnetPrefix",
      value: isUnresolved(space) ? undefined : space,
      rule: "cannot be derived: the network's first address space is not a literal /22 or larger, so it has no third /24",
      fix: "pass apiManagementSubnetPrefix (a free /27 or larger range of the network)",
    });
  }
  return ipv4.subnet(space, 24, 2);
}
