import { Construct } from "constructs";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { invalid, isUnresolved } from "../core/errors";
import { HubPeeringOptions } from "./props";

const VNET_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Network\/virtualNetworks\/[\w.-]+$/i;

export interface HubPeeringInput {
  /** Name of the peering resource. */
  readonly name: string;
  readonly resourceGroupName: string;
  /** Name of this (spoke) VNet. */
  readonly virtualNetworkName: string;
}

/** The hub's VNet id must be a virtual network id (checked before the peering is named, as errors come in that order). */
export function checkHubPeering(scope: Construct, hub: HubPeeringOptions): void {
  if (!isUnresolved(hub.virtualNetworkId) && !VNET_ID.test(hub.virtualNetworkId)) {
    invalid(scope, {
      field: "hub.virtualNetworkId",
      value: hub.virtualNetworkId,
      rule: "is not a virtual network id",
      fix: 'use "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>"',
    });
  }
}

/** The spoke→hub side of the peering (`<network>/HubPeering`); the hub's owner creates the other side. */
export function peerWithHub(scope: Construct, hub: HubPeeringOptions, input: HubPeeringInput): VirtualNetworkPeering {
  // azurerm @v4.55.0 website/docs/r/virtual_network_peering.html.markdown: one side per resource.
  return new VirtualNetworkPeering(scope, "HubPeering", {
    name: input.name,
    resourceGroupName: input.resourceGroupName,
    virtualNetworkName: input.virtualNetworkName,
    remoteVirtualNetworkId: hub.virtualNetworkId,
    allowVirtualNetworkAccess: true,
    // Replies and traffic a hub firewall forwards (from on-premises or other spokes) come from outside the hub's range.
    allowForwardedTraffic: true,
    allowGatewayTransit: false,
    useRemoteGateways: hub.useRemoteGateways ?? false,
  });
}
