import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";
import { closestRegion, isAzureRegion, normalizeLocation } from "./regions";

/**
 * Disaster recovery of a pattern: its stateful parts get a second region. What each pattern pairs
 * (a Service Bus geo-DR secondary, a Cosmos DB read region with automatic failover, an API
 * Management gateway, geo-zone-redundant storage) is in its README's "Disaster recovery" section.
 * It roughly doubles the cost of what it pairs.
 */
export interface DisasterRecoveryOptions {
  /**
   * The region the stateful parts are paired with: an Azure region other than the primary one.
   * Azure's own pair of the primary ({@link pairedRegion}) is the usual choice (recovery order,
   * staggered updates), and where geo-redundant storage replicates to anyway.
   */
  readonly pairedLocation: string;
}

/**
 * Azure's region pairs, as "Azure region pairs and nonpaired regions" lists them:
 * https://learn.microsoft.com/azure/reliability/cross-region-replication-azure (read December 2026;
 * the Asia Pacific to China rows checked against the page, the rest from it as recalled: unverified).
 * Most pairs go both ways; a one-way pair (West US 3 -> East US, Brazil Southeast -> Brazil South,
 * West India -> South India) is listed for its first region only. Regions not listed are nonpaired:
 * any other region of the geography can still be the `pairedLocation`.
 */
export const AZURE_REGION_PAIRS: Readonly<Record<string, string>> = (() => {
  const both: [string, string][] = [
    ["eastasia", "southeastasia"], ["australiaeast", "australiasoutheast"], ["australiacentral", "australiacentral2"],
    ["canadacentral", "canadaeast"], ["chinanorth", "chinaeast"], ["chinanorth2", "chinaeast2"], ["chinanorth3", "chinaeast3"],
    ["northeurope", "westeurope"], ["francecentral", "francesouth"], ["germanywestcentral", "germanynorth"],
    ["centralindia", "southindia"], ["jioindiawest", "jioindiacentral"], ["japaneast", "japanwest"], ["koreacentral", "koreasouth"],
    ["norwayeast", "norwaywest"], ["southafricanorth", "southafricawest"], ["swedencentral", "swedensouth"],
    ["switzerlandnorth", "switzerlandwest"], ["uaenorth", "uaecentral"], ["uksouth", "ukwest"],
    ["eastus", "westus"], ["eastus2", "centralus"], ["northcentralus", "southcentralus"], ["westus2", "westcentralus"],
    ["brazilsouth", "southcentralus"],
    ["usgovvirginia", "usgovtexas"], ["usdodeast", "usdodcentral"],
  ];
  const oneWay: [string, string][] = [
    ["westus3", "eastus"], ["brazilsoutheast", "brazilsouth"], ["westindia", "southindia"], ["usgovarizona", "usgovtexas"],
  ];
  const pairs: Record<string, string> = {};
  for (const [a, b] of both) {
    pairs[a] ??= b;
    pairs[b] ??= a;
  }
  for (const [a, b] of oneWay) pairs[a] = b;
  return pairs;
})();

/** Azure's pair of `location` (see {@link AZURE_REGION_PAIRS}); undefined for a nonpaired region. */
export function pairedRegion(location: string): string | undefined {
  return AZURE_REGION_PAIRS[normalizeLocation(location)];
}

/**
 * The paired region of `options` (normalized), after checking that it is an Azure region other
 * than `primaryLocation`; undefined when disaster recovery is off. Tokens pass unchecked.
 */
export function resolveDisasterRecovery(
  scope: IConstruct,
  options: DisasterRecoveryOptions | undefined,
  primaryLocation: string,
): string | undefined {
  if (options === undefined) return undefined;
  const paired = options.pairedLocation;
  const field = "disasterRecovery.pairedLocation";
  const pair = isUnresolved(primaryLocation) ? undefined : pairedRegion(primaryLocation);
  const pairOf = `Azure's pair of ${normalizeLocation(primaryLocation)}`;
  const suggestion = pair ? `use "${pair}" (${pairOf})` : "use another region of the same geography";
  if (isUnresolved(paired)) return paired;
  if (!isAzureRegion(paired)) {
    const guess = closestRegion(paired);
    const fix = !guess
      ? suggestion
      : guess === pair
      ? `use "${guess}" (the closest region name, and ${pairOf})`
      : `use "${guess}" (the closest region name), or ${suggestion}`;
    invalid(scope, { field, value: paired, rule: "is not an Azure region", fix });
  }
  if (!isUnresolved(primaryLocation) && normalizeLocation(paired) === normalizeLocation(primaryLocation)) {
    invalid(scope, {
      field,
      value: paired,
      rule: "is the primary region, and a disaster recovery copy in the same region fails with it",
      fix: suggestion,
    });
  }
  return normalizeLocation(paired);
}

/**
 * Cosmos DB props with the paired region as the failover region and automatic failover on, unless
 * the caller chose regions or failover: https://learn.microsoft.com/azure/reliability/reliability-cosmos-db-nosql
 * (with automatic failover, Azure promotes the read region when the write region is lost).
 */
export function withCosmosFailover<T extends { readonly additionalLocations?: readonly string[]; readonly automaticFailover?: boolean }>(
  props: T | undefined,
  paired: string | undefined,
): T | undefined {
  if (paired === undefined) return props;
  return { ...props, additionalLocations: props?.additionalLocations ?? [paired], automaticFailover: props?.automaticFailover ?? true } as T;
}

/**
 * Storage props with geo-zone-redundant replication (a copy in the primary's Azure pair, failed
 * over by the customer), unless the caller chose a replication. GZRS replicates to the primary's
 * pair, not to `pairedLocation`: https://learn.microsoft.com/azure/storage/common/storage-redundancy
 */
export function withGeoRedundantStorage<T extends { readonly replication?: string }>(
  props: T | undefined,
  paired: string | undefined,
): T | undefined {
  if (paired === undefined) return props;
  return { ...props, replication: props?.replication ?? "GZRS" } as T;
}

/**
 * SQL Database props with geo-redundant backup storage, so the database can be geo-restored in
 * another region, unless the caller chose a redundancy: https://learn.microsoft.com/azure/azure-sql/database/recovery-using-backups#geo-restore
 */
export function withGeoBackups<T extends { readonly storageAccountType?: string }>(props: T | undefined, paired: string | undefined): T | undefined {
  if (paired === undefined) return props;
  return { ...props, storageAccountType: props?.storageAccountType ?? "Geo" } as T;
}
