import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** API Management pricing tiers; `sku_name` is `<tier>_<capacity>` (azurerm 4.55 accepts the v2 tiers). */
export type ApiManagementTier = "Consumption" | "Developer" | "Basic" | "Standard" | "Premium" | "BasicV2" | "StandardV2" | "PremiumV2";

/** How an instance attaches to a virtual network (`virtual_network_type`). */
export type VirtualNetworkType = "External" | "Internal";

/** What a tier allows; checked at synth so a wrong combination fails before a 30-90 minute deployment. */
export interface TierCapabilities {
  /** Units allowed per region. */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** `virtual_network_type` values the tier accepts (empty: no VNet support). */
  readonly virtualNetworkTypes: readonly VirtualNetworkType[];
  /** Inbound private endpoint (`Gateway` sub-resource). */
  readonly privateEndpoint: boolean;
  readonly availabilityZones: boolean;
  readonly additionalLocations: boolean;
}

/**
 * Per-tier limits from the API Management feature matrix and azurerm's `sku_name` rule. Classic
 * Developer/Premium inject into a subnet (External or Internal). StandardV2 only integrates with a
 * subnet for outbound calls (`External`, subnet delegated to Microsoft.Web/serverFarms); PremiumV2
 * also supports injection (`Internal`, subnet delegated to Microsoft.Web/hostingEnvironments).
 */
export const API_MANAGEMENT_TIERS: Readonly<Record<ApiManagementTier, TierCapabilities>> = {
  Consumption: {
    minCapacity: 0,
    maxCapacity: 0,
    virtualNetworkTypes: [],
    privateEndpoint: false,
    availabilityZones: false,
    additionalLocations: false,
  },
  Developer: {
    minCapacity: 1,
    maxCapacity: 1,
    virtualNetworkTypes: ["External", "Internal"],
    privateEndpoint: true,
    availabilityZones: false,
    additionalLocations: false,
  },
  Basic: { minCapacity: 1, maxCapacity: 2, virtualNetworkTypes: [], privateEndpoint: true, availabilityZones: false, additionalLocations: false },
  Standard: { minCapacity: 1, maxCapacity: 4, virtualNetworkTypes: [], privateEndpoint: true, availabilityZones: false, additionalLocations: false },
  Premium: {
    minCapacity: 1,
    maxCapacity: 12,
    virtualNetworkTypes: ["External", "Internal"],
    privateEndpoint: true,
    availabilityZones: true,
    additionalLocations: true,
  },
  BasicV2: { minCapacity: 1, maxCapacity: 10, virtualNetworkTypes: [], privateEndpoint: false, availabilityZones: false, additionalLocations: false },
  StandardV2: {
    minCapacity: 1,
    maxCapacity: 10,
    virtualNetworkTypes: ["External"],
    privateEndpoint: true,
    availabilityZones: false,
    additionalLocations: false,
  },
  PremiumV2: {
    minCapacity: 1,
    maxCapacity: 30,
    virtualNetworkTypes: ["External", "Internal"],
    privateEndpoint: true,
    availabilityZones: false,
    additionalLocations: false,
  },
};

/** The tier's default capacity: 0 for Consumption, else 1. */
export function defaultCapacity(tier: ApiManagementTier): number {
  return API_MANAGEMENT_TIERS[tier].minCapacity;
}

/** Throws when `tier` is not a known tier (e.g. a typo from untyped configuration). */
export function validateTier(scope: IConstruct, tier: ApiManagementTier): void {
  if (!Object.prototype.hasOwnProperty.call(API_MANAGEMENT_TIERS, tier)) {
    invalid(scope, {
      field: "sku",
      value: tier,
      rule: "is not an API Management tier",
      fix: `use one of ${Object.keys(API_MANAGEMENT_TIERS).join(", ")}`,
    });
  }
}

/** Throws when `tier` is not a known tier or `capacity` is outside the tier's range. */
export function validateSku(scope: IConstruct, tier: ApiManagementTier, capacity: number, field = "capacity"): void {
  validateTier(scope, tier);
  if (isUnresolved(capacity)) return;
  const { minCapacity, maxCapacity } = API_MANAGEMENT_TIERS[tier];
  if (!Number.isInteger(capacity) || capacity < minCapacity || capacity > maxCapacity) {
    const range = minCapacity === maxCapacity ? `exactly ${minCapacity}` : `${minCapacity}-${maxCapacity}`;
    invalid(scope, {
      field,
      value: capacity,
      rule: `is not a valid number of units for sku "${tier}" (${range})`,
      fix: `set ${field} to ${range} or choose a tier that scales further`,
    });
  }
}

/** Tiers that support a feature, for error messages. */
export function tiersWith(feature: (c: TierCapabilities) => boolean): string {
  const names = (Object.keys(API_MANAGEMENT_TIERS) as ApiManagementTier[]).filter((t) => feature(API_MANAGEMENT_TIERS[t])).map((t) => `"${t}"`);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
