// The vocabulary of the per-service defaults lives here, so core depends on no service folder.
export type ServiceBusSku = "Basic" | "Standard" | "Premium";
export type SqlBackupStorageRedundancy = "Geo" | "GeoZone" | "Local" | "Zone";
/** The classic API Management tiers a pattern's new service defaults to (no SLA / SLA, zones and VNet injection). */
export type ApiManagementDefaultSku = "Developer" | "Premium";
/** The hosting plans a FunctionApp runs on (Linux, Node.js). */
export type FunctionAppPlan = "FlexConsumption" | "ElasticPremium" | "Dedicated";

/** The environment profiles. A profile only changes defaults; every prop stays overridable. */
export type ProfileName = "dev" | "prod";

/** The defaults a profile sets, in one place for every construct. */
export interface ProfileDefaults {
  /** Private endpoints, VNet and private DNS zones; public network access off. */
  readonly privateNetworking: boolean;
  /** Zone-redundant SKUs and replication where the service offers them. */
  readonly zoneRedundancy: boolean;
  /**
   * `CanNotDelete` locks on the data stores: storage, Cosmos DB, Service Bus, Event Hubs, SQL,
   * Synapse, Key Vault and Log Analytics. Configuration-only services (API Management, Data
   * Factory, Function Apps, Event Grid) are not locked unless their `lock` prop asks.
   */
  readonly locks: boolean;
  /**
   * Customer-managed keys on every data store that supports them (Storage, Cosmos DB, Service Bus
   * Premium, Event Hubs Premium, SQL TDE, Synapse, Data Factory): one Key Vault key per stack.
   */
  readonly customerManagedKeys: boolean;
  /** Log Analytics retention. */
  readonly logRetentionDays: number;
  /**
   * Replication of storage accounts that hold data. GZRS keeps three copies across zones and
   * three in the paired region (https://learn.microsoft.com/azure/storage/common/storage-redundancy);
   * it costs roughly twice ZRS per GB stored.
   */
  readonly storageReplication: "LRS" | "ZRS" | "GZRS";
  /**
   * Replication of a Functions or Logic Apps host's own storage (keys, leases, run state): a geo
   * copy is no use without the app running in the paired region too.
   */
  readonly hostStorageReplication: "LRS" | "ZRS";
  /** Key Vault soft-delete retention. */
  readonly softDeleteRetentionDays: number;
  /** Service Bus tier: Premium has private endpoints and zones, Standard is the cheaper tier with topics. */
  readonly serviceBusSku: ServiceBusSku;
  /** SQL database SKU: serverless (pauses when idle) or provisioned. */
  readonly sqlSku: string;
  /** SQL backup storage redundancy (`Geo` allows geo-restore to the paired region). */
  readonly sqlBackupStorageRedundancy: SqlBackupStorageRedundancy;
  /**
   * The Function App plan and SKU:
   * - Flex Consumption: scales to zero, per-execution billing, identity-based storage built in.
   * - Elastic Premium EP1: pre-warmed instances (no cold start), VNet integration with runtime
   *   scale monitoring for private triggers, and zone redundancy in every zonal region (the
   *   profile's `zoneRedundancy`; Flex Consumption offers it only in some regions).
   */
  readonly functionAppPlan: { readonly plan: FunctionAppPlan; readonly sku: string };
  /** Percentage of API Management requests sent to Application Insights. */
  readonly apiManagementSamplingPercentage: number;
  /**
   * The tier of a new API Management service in the patterns (api-gateway, message-broker): Developer has no SLA
   * and one unit; Premium has the SLA, zones and classic VNet injection
   * (https://learn.microsoft.com/azure/api-management/api-management-features).
   */
  readonly apiManagementSku: ApiManagementDefaultSku;
  /**
   * Whether a pattern's new classic-tier (Developer or Premium) service is injected into the IntegrationContext's
   * `Network` in Internal mode, with its own subnet and an Application Gateway in front, when no virtual network is given.
   */
  readonly apiManagementVnetInjection: boolean;
}

export const PROFILES: Readonly<Record<ProfileName, ProfileDefaults>> = {
  dev: {
    privateNetworking: false,
    zoneRedundancy: false,
    locks: false,
    customerManagedKeys: false,
    logRetentionDays: 30,
    storageReplication: "LRS",
    hostStorageReplication: "LRS",
    softDeleteRetentionDays: 7,
    serviceBusSku: "Standard",
    sqlSku: "GP_S_Gen5_1",
    sqlBackupStorageRedundancy: "Local",
    functionAppPlan: { plan: "FlexConsumption", sku: "FC1" },
    apiManagementSamplingPercentage: 100,
    apiManagementSku: "Developer",
    apiManagementVnetInjection: false,
  },
  prod: {
    privateNetworking: true,
    zoneRedundancy: true,
    locks: true,
    customerManagedKeys: true,
    logRetentionDays: 90,
    storageReplication: "GZRS",
    hostStorageReplication: "ZRS",
    softDeleteRetentionDays: 90,
    serviceBusSku: "Premium",
    sqlSku: "GP_Gen5_2",
    sqlBackupStorageRedundancy: "Geo",
    functionAppPlan: { plan: "ElasticPremium", sku: "EP1" },
    apiManagementSamplingPercentage: 25,
    apiManagementSku: "Premium",
    apiManagementVnetInjection: true,
  },
};
