import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { PrivateEndpointOptions } from "../core/private-endpoint";
import { ApiManagementTier, API_MANAGEMENT_TIERS, tiersWith, validateSku, VirtualNetworkType } from "./sku";

/** A subnet the service attaches to. */
export interface VirtualNetworkOptions {
  /**
   * The subnet. Classic Developer/Premium: a dedicated subnet with an NSG for API Management.
   * StandardV2/PremiumV2 `External` (outbound integration): delegated to Microsoft.Web/serverFarms.
   * PremiumV2 `Internal` (injection): delegated to Microsoft.Web/hostingEnvironments.
   */
  readonly subnetId: string;
  /**
   * `Internal`: gateway and portals only reachable in the VNet (the private path for classic tiers).
   * `External`: public endpoints, gateway reaches the VNet (for v2 tiers: outbound integration).
   */
  readonly type: VirtualNetworkType;
}

/** Another region of a Premium service. */
export interface AdditionalLocationOptions {
  readonly location: string;
  /** Units in that region. @default 1 */
  readonly capacity?: number;
  /** Availability zones in that region ("1", "2", "3"). @default none */
  readonly zones?: readonly string[];
  /** Subnet in that region; required when the service is in a VNet, refused otherwise. @default none */
  readonly subnetId?: string;
}

/** Rejects a VNet on a tier without one, and `Internal` where the tier only integrates outbound. */
export function validateVirtualNetwork(scope: IConstruct, tier: ApiManagementTier, network: VirtualNetworkOptions | undefined): void {
  if (!network) return;
  const allowed = API_MANAGEMENT_TIERS[tier].virtualNetworkTypes;
  if (allowed.length === 0) {
    invalid(scope, {
      field: "sku",
      value: tier,
      rule: "cannot join a virtual network",
      fix: `use ${tiersWith((c) => c.virtualNetworkTypes.includes("Internal"))} for injection ` +
        `(type Internal or External) or "StandardV2" for outbound integration (type External), or drop virtualNetwork`,
    });
  }
  if (!allowed.includes(network.type)) {
    invalid(scope, {
      field: "virtualNetwork.type",
      value: network.type,
      rule: `is not supported on sku "${tier}", which only integrates with a VNet for outbound calls (type "External")`,
      fix: `use type "External", or ${tiersWith((c) => c.virtualNetworkTypes.includes("Internal"))} for an Internal (private) gateway`,
    });
  }
}

/** True when the gateway itself sits in the subnet (classic injection or PremiumV2 Internal). */
export function isInjected(tier: ApiManagementTier, network: VirtualNetworkOptions | undefined): boolean {
  if (!network) return false;
  return network.type === "Internal" || tier === "Developer" || tier === "Premium";
}

/**
 * The zones to use: the user's (validated), else in profiles with zone redundancy one zone per
 * unit (up to three) on Premium with at least two units, else none.
 */
export function resolveZones(
  scope: IConstruct,
  tier: ApiManagementTier,
  capacity: number,
  zones: readonly string[] | undefined,
  zoneRedundancy: boolean,
): string[] | undefined {
  if (zones === undefined) {
    if (!zoneRedundancy || tier !== "Premium" || isUnresolved(capacity) || capacity < 2) return undefined;
    return ["1", "2", "3"].slice(0, Math.min(capacity, 3));
  }
  if (!API_MANAGEMENT_TIERS[tier].availabilityZones && zones.length > 0) {
    invalid(scope, {
      field: "sku",
      value: tier,
      rule: "has no availability zones",
      fix: `use ${tiersWith((c) => c.availabilityZones)} or drop zones`,
    });
  }
  validateZoneList(scope, "zones", zones, capacity);
  return zones.length > 0 ? [...zones] : undefined;
}

function validateZoneList(scope: IConstruct, field: string, zones: readonly string[], capacity: number): void {
  for (const zone of zones) {
    if (!["1", "2", "3"].includes(zone)) invalid(scope, { field, value: zones, rule: `has zone "${zone}"`, fix: 'use zones "1", "2" and "3"' });
  }
  if (new Set(zones).size !== zones.length) invalid(scope, { field, value: zones, rule: "lists a zone twice", fix: "list each zone once" });
  if (!isUnresolved(capacity) && zones.length > capacity) {
    invalid(scope, {
      field,
      value: zones,
      rule: `spreads ${capacity} unit(s) over ${zones.length} zones`,
      fix: "use at least one unit per zone (raise capacity or list fewer zones)",
    });
  }
}

/** Additional regions: Premium only; each with a subnet exactly when the service has one. */
export function validateAdditionalLocations(
  scope: IConstruct,
  tier: ApiManagementTier,
  locations: readonly AdditionalLocationOptions[],
  network: VirtualNetworkOptions | undefined,
): void {
  if (locations.length === 0) return;
  if (!API_MANAGEMENT_TIERS[tier].additionalLocations) {
    invalid(scope, {
      field: "sku",
      value: tier,
      rule: "cannot deploy to additional regions",
      fix: `use ${tiersWith((c) => c.additionalLocations)} or drop additionalLocations`,
    });
  }
  for (const location of locations) {
    const field = `additionalLocations[${location.location}]`;
    validateSku(scope, tier, location.capacity ?? 1, `${field}.capacity`);
    validateZoneList(scope, `${field}.zones`, location.zones ?? [], location.capacity ?? 1);
    if (network && location.subnetId === undefined) {
      invalid(scope, {
        field,
        rule: "has no subnetId, but the service is in a virtual network",
        fix: "give every additional location a subnet in its region",
      });
    }
    if (!network && location.subnetId !== undefined) {
      invalid(scope, {
        field,
        rule: "has a subnetId, but the service is not in a virtual network",
        fix: "set virtualNetwork on the service or drop the subnetId",
      });
    }
  }
}

/** The oldest API version azurerm 4.55's API Management resources call (sub-resources use 2022-08-01). */
export const NEWEST_SAFE_MIN_API_VERSION = "2022-08-01";

/** `min_api_version` must be a date-like API version no newer than what Terraform itself uses. */
export function validateMinApiVersion(scope: IConstruct, version: string): void {
  if (isUnresolved(version)) return;
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(version)) {
    invalid(scope, { field: "minApiVersion", value: version, rule: "is not an API version", fix: 'use a version such as "2021-08-01"' });
  }
  if (version.slice(0, 10) > NEWEST_SAFE_MIN_API_VERSION) {
    invalid(scope, {
      field: "minApiVersion",
      value: version,
      rule: `is newer than ${NEWEST_SAFE_MIN_API_VERSION}, the control-plane API version azurerm 4.55 uses for APIs, products and named values, ` +
        `so Terraform would lock itself out`,
      fix: `use ${NEWEST_SAFE_MIN_API_VERSION} or older (default 2021-08-01)`,
    });
  }
}

/**
 * The private endpoint options to apply: an explicit request on a tier without inbound private
 * endpoints, or on a VNet-injected gateway, is an error; the context's default is skipped there.
 */
export function privateEndpointFor(
  scope: IConstruct,
  tier: ApiManagementTier,
  network: VirtualNetworkOptions | undefined,
  options: PrivateEndpointOptions | false | undefined,
): PrivateEndpointOptions | false | undefined {
  const explicit = options !== undefined && options !== false;
  if (!API_MANAGEMENT_TIERS[tier].privateEndpoint) {
    if (explicit) {
      invalid(scope, {
        field: "sku",
        value: tier,
        rule: "has no inbound private endpoints",
        fix: `use ${tiersWith((c) => c.privateEndpoint)} or set privateEndpoint: false`,
      });
    }
    return false;
  }
  if (isInjected(tier, network)) {
    if (explicit) {
      invalid(scope, {
        field: "privateEndpoint",
        rule: `is not supported on a gateway injected in a virtual network (sku "${tier}", type "${network?.type}")`,
        fix: "use the Internal VNet mode as the private path, or drop virtualNetwork to use a private endpoint",
      });
    }
    return false;
  }
  return options;
}
