import { Construct } from "constructs";
import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { NatGatewayPublicIpAssociation } from "@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { SubnetNatGatewayAssociation } from "@cdktf/provider-azurerm/lib/subnet-nat-gateway-association";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { addDependency } from "../core/depends-on";
import { NetworkEgress } from "./egress";

/** The egress resources a network shares between its subnets, created on first use (a subnet nothing uses costs no NAT gateway). */
export interface EgressResources {
  natGateway?: NatGateway;
  natPublicIp?: PublicIp;
  natPublicIpAssociation?: NatGatewayPublicIpAssociation;
  routeTable?: RouteTable;
}

export interface EgressAttachInput {
  /** Suffix of the subnet's construct ids, e.g. `Integration`. */
  readonly suffix: string;
  readonly subnetId: string;
  readonly egress: NetworkEgress;
  /** Names the shared resource of that kind (called only when it is created). */
  readonly nameFor: (type: "routeTable" | "natGateway" | "publicIp") => string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags?: Record<string, string>;
}

/**
 * Associates the subnet with the NAT gateway or the firewall route table, creating it (in
 * `resources`, under `scope`) on first use.
 */
export function attachEgress(
  scope: Construct,
  resources: EgressResources,
  input: EgressAttachInput,
): SubnetNatGatewayAssociation | SubnetRouteTableAssociation {
  const { suffix, subnetId, egress } = input;
  if (egress.type === "firewall") {
    resources.routeTable ??= new RouteTable(scope, "RouteTable", {
      name: input.nameFor("routeTable"),
      resourceGroupName: input.resourceGroupName,
      location: input.location,
      // azurerm @v4.55.0 website/docs/r/route_table.html.markdown; a 0.0.0.0/0 UDR to a virtual
      // appliance takes precedence over a NAT gateway (learn.microsoft.com/azure/nat-gateway/nat-overview).
      route: [{ name: "internet-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: egress.privateIp }],
      bgpRoutePropagationEnabled: false,
      tags: input.tags,
    });
    return new SubnetRouteTableAssociation(scope, `RouteTableAssociation${suffix}`, { subnetId, routeTableId: resources.routeTable.id });
  }
  if (!resources.natGateway) {
    const zones = egress.zone ? [egress.zone] : undefined;
    resources.natGateway = new NatGateway(scope, "NatGateway", {
      name: input.nameFor("natGateway"),
      resourceGroupName: input.resourceGroupName,
      location: input.location,
      skuName: "Standard",
      idleTimeoutInMinutes: egress.idleTimeoutInMinutes,
      zones,
      tags: input.tags,
    });
    // A zonal NAT gateway takes a public IP of its zone (or zone-redundant); a no-zone one any.
    resources.natPublicIp = new PublicIp(scope, "NatGatewayPublicIp", {
      name: input.nameFor("publicIp"),
      resourceGroupName: input.resourceGroupName,
      location: input.location,
      sku: "Standard",
      allocationMethod: "Static",
      zones,
      tags: input.tags,
    });
    resources.natPublicIpAssociation = new NatGatewayPublicIpAssociation(scope, "NatGatewayPublicIpAssociation", {
      natGatewayId: resources.natGateway.id,
      publicIpAddressId: resources.natPublicIp.id,
    });
  }
  const natGatewayId = resources.natGateway.id;
  const association = new SubnetNatGatewayAssociation(scope, `NatGatewayAssociation${suffix}`, { subnetId, natGatewayId });
  // The gateway carries traffic only once it has its public IP.
  addDependency(association, resources.natPublicIpAssociation!);
  return association;
}
