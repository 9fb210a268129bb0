import { Construct, IConstruct } from "constructs";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { invalid, isUnresolved } from "../core/errors";
import { NetworkProps } from "./props";

const RESOURCE_GROUP_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+$/i;
const DNS_ZONE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export type DnsZonesMode = NonNullable<NetworkProps["dnsZones"]>;

/** `privateDnsZoneResourceGroupId` must be a resource group id, and says the zones exist (so `dnsZones` must agree). */
export function validateDnsSource(scope: IConstruct, zoneResourceGroupId: string | undefined, dnsZones: DnsZonesMode): void {
  const rg = zoneResourceGroupId;
  if (rg !== undefined && !isUnresolved(rg) && !RESOURCE_GROUP_ID.test(rg)) {
    invalid(scope, {
      field: "privateDnsZoneResourceGroupId",
      value: rg,
      rule: "is not a resource group id",
      fix: 'use "/subscriptions/<subscription id>/resourceGroups/<name>" of the group holding the central zones',
    });
  }
  if (rg !== undefined && dnsZones !== "existing") {
    invalid(scope, {
      field: "dnsZones",
      value: dnsZones,
      rule: "contradicts privateDnsZoneResourceGroupId, which says the zones already exist",
      fix: 'drop dnsZones (or set it to "existing"), or drop privateDnsZoneResourceGroupId',
    });
  }
}

/** A zone name must be a literal: it names the zone resource and its construct id. */
export function checkZoneName(scope: IConstruct, zoneName: string): void {
  if (isUnresolved(zoneName) || !DNS_ZONE.test(zoneName)) {
    invalid(scope, {
      field: "zoneName",
      value: zoneName,
      rule: "is not a literal DNS zone name",
      fix: 'pass a zone such as "privatelink.blob.core.windows.net"',
    });
  }
}

export interface LinkedZoneInput {
  readonly zoneName: string;
  readonly resourceGroupName: string;
  /** The VNet the zone is linked to. */
  readonly vnetName: string;
  readonly vnetId: string;
  readonly tags?: Record<string, string>;
}

/** The private DNS zone `zoneName` under `scope`, linked to the VNet: the one created before, else a new one. */
export function linkedPrivateDnsZone(scope: Construct, input: LinkedZoneInput): PrivateDnsZone {
  const { zoneName } = input;
  // The construct id comes from the zone name, so each zone keeps its Terraform address.
  const zoneId = `PrivateDnsZone-${zoneName}`;
  const found = scope.node.tryFindChild(zoneId);
  if (found) return found as PrivateDnsZone;
  checkZoneName(scope, zoneName);
  const zone = new PrivateDnsZone(scope, zoneId, { name: zoneName, resourceGroupName: input.resourceGroupName, tags: input.tags });
  new PrivateDnsZoneVirtualNetworkLink(scope, `PrivateDnsZoneLink-${zoneName}`, {
    name: `link-${input.vnetName}`,
    resourceGroupName: input.resourceGroupName,
    privateDnsZoneName: zone.name,
    virtualNetworkId: input.vnetId,
    // Private endpoints register through DNS zone groups; VM auto-registration stays off.
    registrationEnabled: false,
    tags: input.tags,
  });
  return zone;
}
