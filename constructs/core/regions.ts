import { IConstruct } from "constructs";
import { closest } from "./closest";
import { invalid, isUnresolved } from "./errors";

/**
 * Programmatic names of the Azure regions (public cloud, Azure Government, Azure China), as
 * `az account list-locations` and the "Azure regions list" give them:
 * https://learn.microsoft.com/azure/reliability/regions-list (read December 2026). azurerm itself
 * ships no region list (it normalizes `location` and lets Resource Manager refuse an unknown one
 * at apply), so the list is shipped here; a region opened later than this list is refused until
 * it is added. The EUAP (early access) regions are included; "taiwannorth" and
 * "taiwannorthwest" are unverified.
 */
export const AZURE_REGIONS: readonly string[] = [
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
  "belgiumcentral", "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast",
  "centralindia", "centralus", "centraluseuap", "chilecentral", "denmarkeast",
  "eastasia", "eastus", "eastus2", "eastus2euap", "francecentral", "francesouth",
  "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
  "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth",
  "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope",
  "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth", "southafricawest",
  "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral", "swedensouth",
  "switzerlandnorth", "switzerlandwest", "taiwannorth", "taiwannorthwest", "uaecentral", "uaenorth",
  "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
  // Azure Government and Azure China (21Vianet).
  "usdodcentral", "usdodeast", "usgovarizona", "usgovtexas", "usgovvirginia",
  "chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3",
];

const REGIONS = new Set(AZURE_REGIONS);

/** `location` as Resource Manager normalizes it: lower case, no spaces ("West Europe" -> "westeurope"). */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** True when `location` (display name or programmatic name) is an Azure region. */
export function isAzureRegion(location: string): boolean {
  return REGIONS.has(normalizeLocation(location));
}

/** The region closest in spelling to `location`, for "did you mean". */
export function closestRegion(location: string): string | undefined {
  return closest(normalizeLocation(location), AZURE_REGIONS);
}

/**
 * Refuses a literal `location` that is not an Azure region, naming the closest one; tokens pass.
 * `global` is the location of subscription-wide resources (e.g. a resource group's Event Grid
 * system topic); a resource group itself cannot live there.
 */
export function checkLocation(scope: IConstruct, location: string, options: { allowGlobal?: boolean } = {}): void {
  if (isUnresolved(location) || isAzureRegion(location)) return;
  if ((options.allowGlobal ?? true) && location.toLowerCase() === "global") return;
  const field = "location";
  const guess = closestRegion(location);
  invalid(scope, {
    field,
    value: location,
    rule: "is not an Azure region",
    fix: guess
      ? `use "${guess}" (the closest region name), or another name from az account list-locations`
      : "use a region name from az account list-locations, e.g. westeurope",
  });
}
