import { CallerService } from "../../constructs/core/flows";
import { valueAt } from "../checks";
import { CheckedResource, CheckedScope, ResourceConfig } from "../types";
import { flag, isInterpolation, listOf } from "./terraform";

/** What a target's public endpoint admits, read from its synthesized JSON (and its firewall-rule resources). */
export interface PublicEndpoint {
  /** The public endpoint answers at all (public network access on). */
  readonly enabled: boolean;
  /** Every network is admitted (no firewall, or it allows by default). */
  readonly allowsAll: boolean;
  /** Allow-list entries: literal addresses/CIDRs or interpolations (e.g. a service tag's ranges). */
  readonly ipRules: readonly string[];
  /** Service tags an App Service access restriction allows. */
  readonly serviceTags: readonly string[];
  /** The "Allow Azure services" rule (SQL `0.0.0.0`, Cosmos DB `0.0.0.0`): any address inside Azure. */
  readonly allowsAzure: boolean;
  /** The trusted-Microsoft-services exception is on (and the tier has one). */
  readonly trustedServices: boolean;
  /** Why a trusted-services exception cannot apply, e.g. the tier has none. @default none */
  readonly trustedServicesUnavailable?: string;
}

/** How a resource type is reached: its public endpoint, private endpoints, who its trusted-services exception admits. */
export interface TargetModel {
  /** A noun for messages, e.g. "the namespace". */
  readonly noun: string;
  /** The private-link sub-resource when the type has only one. */
  readonly defaultEndpoint?: string;
  /**
   * A path from the VNet that is not a private endpoint (an injected service's VIP), or undefined.
   * @default none
   */
  readonly vnetPath?: (config: ResourceConfig) => string | undefined;
  /** Why the resource can have no private endpoint (a tier, a service); undefined when it can. */
  readonly noPrivateEndpoint?: (config: ResourceConfig) => string | undefined;
  /** Callers its trusted-services exception admits, and the managed identity each needs. */
  readonly trusted: Partial<Record<CallerService, "SystemAssigned" | "any">>;
  /** The construct props and attributes a fix names. */
  readonly props: { readonly publicAccess: string; readonly ipRules?: string; readonly trusted?: string };
  readonly publicEndpoint: (resource: CheckedResource, scope: CheckedScope) => PublicEndpoint;
}

const strings = (value: unknown): string[] => listOf(value).filter((v): v is string => typeof v === "string");
const CLOSED: Omit<PublicEndpoint, "enabled"> = { allowsAll: false, ipRules: [], serviceTags: [], allowsAzure: false, trustedServices: false };

/**
 * Service Bus and Event Hubs apply no IP firewall until the namespace has an IP or virtual network
 * rule: "If there are no IP and virtual network rules, the namespace can be accessed over the public
 * internet" (learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering,
 * learn.microsoft.com/azure/event-hubs/event-hubs-ip-filtering).
 */
function messagingEndpoint(
  enabled: boolean,
  defaultAction: unknown,
  ipRules: string[],
  networkRules: unknown[],
  trusted: boolean,
  unavailable?: string,
): PublicEndpoint {
  const noRules = ipRules.length === 0 && networkRules.length === 0;
  return {
    enabled,
    allowsAll: enabled && (defaultAction !== "Deny" || noRules),
    ipRules,
    serviceTags: [],
    allowsAzure: false,
    trustedServices: trusted && !unavailable,
    trustedServicesUnavailable: unavailable,
  };
}

/** Firewall-rule resources (SQL, Synapse) that point at `target` through `attribute`. */
function firewallRules(scope: CheckedScope, type: string, attribute: string, target: CheckedResource): PublicEndpoint {
  const rules = scope.referencing(type, attribute, target).map((r) => r.config);
  const literal = (c: ResourceConfig, start: string, end: string) => c.start_ip_address === start && c.end_ip_address === end;
  return {
    enabled: true,
    allowsAll: rules.some((c) => literal(c, "0.0.0.0", "255.255.255.255")),
    // A for_each rule's ranges are its for_each expression; a literal rule is its range.
    ipRules: rules.flatMap((c) => (c.for_each !== undefined ? [JSON.stringify(c.for_each)] : [`${c.start_ip_address}-${c.end_ip_address}`])),
    serviceTags: [],
    // learn.microsoft.com/azure/azure-sql/database/firewall-configure ("Allow Azure services": 0.0.0.0 - 0.0.0.0).
    allowsAzure: rules.some((c) => literal(c, "0.0.0.0", "0.0.0.0")),
    trustedServices: false,
  };
}

const storage: TargetModel = {
  noun: "the storage account",
  trusted: {
    // Event Grid dead-letters and delivers through a storage firewall only with the topic's
    // system-assigned identity and the trusted-services exception
    // (learn.microsoft.com/azure/event-grid/handler-storage-queues, "Note").
    EventGrid: "SystemAssigned",
    // Data Factory is a trusted service of Storage and Key Vault with its managed identity
    // (techcommunity.microsoft.com, "Data Factory is now a 'Trusted Service' in Azure Storage and Azure Key Vault firewall").
    DataFactory: "any",
  },
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges", trusted: 'network_rules.bypass ["AzureServices"]' },
  publicEndpoint: (resource, scope) => {
    const enabled = flag(resource.config, "public_network_access_enabled", true);
    const separate = scope.referencing("azurerm_storage_account_network_rules", "storage_account_id", resource)[0]?.config;
    const rules = (valueAt(resource.config, "network_rules") ?? separate) as ResourceConfig | undefined;
    if (!enabled) return { enabled, ...CLOSED };
    if (!rules) return { enabled, ...CLOSED, allowsAll: true };
    // azurerm leaves `bypass` to Azure when unset, whose default is AzureServices
    // (azurerm @v4.55.0:internal/services/storage/storage_account_resource.go, bypass Optional+Computed).
    const bypass = rules.bypass === undefined ? ["AzureServices"] : strings(rules.bypass);
    return {
      enabled,
      allowsAll: rules.default_action !== "Deny",
      ipRules: strings(rules.ip_rules),
      serviceTags: [],
      allowsAzure: false,
      trustedServices: bypass.includes("AzureServices") || bypass.some(isInterpolation),
    };
  },
};

const serviceBus: TargetModel = {
  noun: "the namespace",
  defaultEndpoint: "namespace",
  noPrivateEndpoint: (c) => (c.sku === "Premium" || isInterpolation(c.sku) ? undefined : `sku "${c.sku}" has none; Premium has`),
  // Event Grid is a trusted service of Service Bus with a managed identity (learn.microsoft.com/azure/event-grid/consume-private-endpoints).
  trusted: { EventGrid: "any" },
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges", trusted: "network_rule_set.trusted_services_allowed" },
  publicEndpoint: ({ config }) => {
    const set = (valueAt(config, "network_rule_set") ?? {}) as ResourceConfig;
    const enabled = flag(config, "public_network_access_enabled", true) && flag(set, "public_network_access_enabled", true);
    // "The Standard SKU supports IP filtering but does not include the 'Trusted Services' option" (service-bus-ip-filtering).
    const unavailable = config.sku === "Premium" || isInterpolation(config.sku) ? undefined : `sku "${config.sku}" has no trusted-services exception`;
    return messagingEndpoint(
      enabled,
      set.default_action,
      strings(set.ip_rules),
      listOf(set.network_rules),
      set.trusted_services_allowed === true,
      unavailable,
    );
  },
};

const eventHubs: TargetModel = {
  noun: "the namespace",
  defaultEndpoint: "namespace",
  noPrivateEndpoint: (c) => (c.sku === "Basic" ? 'sku "Basic" has none' : undefined),
  trusted: { EventGrid: "any" },
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges", trusted: "network_rulesets.trusted_service_access_enabled" },
  publicEndpoint: ({ config }) => {
    const set = (valueAt(config, "network_rulesets") ?? {}) as ResourceConfig;
    const enabled = flag(config, "public_network_access_enabled", true) && flag(set, "public_network_access_enabled", true);
    const ipRules = listOf(set.ip_rule).flatMap((r) => (typeof r === "string" ? [r] : strings((r as ResourceConfig).ip_mask)));
    return messagingEndpoint(enabled, set.default_action, ipRules, listOf(set.virtual_network_rule), set.trusted_service_access_enabled === true);
  },
};

const eventGrid = (defaultEndpoint: string): TargetModel => ({
  noun: defaultEndpoint === "domain" ? "the domain" : "the topic",
  defaultEndpoint,
  trusted: {},
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges" },
  publicEndpoint: ({ config }) => {
    const enabled = flag(config, "public_network_access_enabled", true);
    const ipRules = listOf(config.inbound_ip_rule).flatMap((r) => (typeof r === "string" ? [r] : strings((r as ResourceConfig).ip_mask)));
    return { enabled, ...CLOSED, allowsAll: enabled && ipRules.length === 0, ipRules };
  },
});

const cosmosDb: TargetModel = {
  noun: "the account",
  defaultEndpoint: "Sql",
  trusted: {},
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges" },
  publicEndpoint: ({ config }) => {
    const enabled = flag(config, "public_network_access_enabled", true);
    const ipRules = strings(config.ip_range_filter).flatMap((r: string) =>
      isInterpolation(r)
        ? [r]
        : r
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
    );
    const vnetFilter = config.is_virtual_network_filter_enabled === true;
    return {
      enabled,
      // With no IP filter and no VNet filter the account accepts every network (learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall).
      allowsAll: enabled && ipRules.length === 0 && !vnetFilter,
      ipRules,
      serviceTags: [],
      // "0.0.0.0" accepts connections from within public Azure datacenters (same article).
      allowsAzure: ipRules.includes("0.0.0.0"),
      trustedServices: false,
    };
  },
};

const keyVault: TargetModel = {
  noun: "the vault",
  defaultEndpoint: "vault",
  trusted: { DataFactory: "any" },
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges", trusted: 'network_acls.bypass "AzureServices"' },
  publicEndpoint: ({ config }) => {
    const enabled = flag(config, "public_network_access_enabled", true);
    const acls = valueAt(config, "network_acls") as ResourceConfig | undefined;
    if (!enabled) return { enabled, ...CLOSED };
    if (!acls) return { enabled, ...CLOSED, allowsAll: true };
    return {
      enabled,
      ...CLOSED,
      allowsAll: acls.default_action !== "Deny",
      ipRules: strings(acls.ip_rules),
      trustedServices: acls.bypass !== "None",
    };
  },
};

const sqlServer: TargetModel = {
  noun: "the server",
  defaultEndpoint: "sqlServer",
  trusted: {},
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges (firewall rules)" },
  publicEndpoint: (resource, scope) => {
    const enabled = flag(resource.config, "public_network_access_enabled", true);
    return enabled ? firewallRules(scope, "azurerm_mssql_firewall_rule", "server_id", resource) : { enabled, ...CLOSED };
  },
};

const synapse: TargetModel = {
  noun: "the workspace",
  defaultEndpoint: "Sql",
  trusted: {},
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges (firewall rules)" },
  publicEndpoint: (resource, scope) => {
    const enabled = flag(resource.config, "public_network_access_enabled", true);
    return enabled ? firewallRules(scope, "azurerm_synapse_firewall_rule", "synapse_workspace_id", resource) : { enabled, ...CLOSED };
  },
};

const appService: TargetModel = {
  noun: "the app",
  defaultEndpoint: "sites",
  trusted: {},
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges (access restrictions)" },
  publicEndpoint: ({ config }) => {
    const enabled = flag(config, "public_network_access_enabled", true);
    const site = (valueAt(config, "site_config") ?? {}) as ResourceConfig;
    const restrictions = listOf(site.ip_restriction).filter(
      (r): r is ResourceConfig => typeof r === "object" && (r as ResourceConfig).action !== "Deny",
    );
    // azurerm: ip_restriction_default_action defaults to Allow (website/docs/r/linux_function_app.html.markdown).
    const defaultAction = site.ip_restriction_default_action ?? config.ip_restriction_default_action ?? "Allow";
    return {
      enabled,
      allowsAll: enabled && defaultAction !== "Deny",
      ipRules: restrictions.flatMap((r) => strings(r.ip_address)),
      serviceTags: restrictions.flatMap((r) => strings(r.service_tag)),
      allowsAzure: false,
      trustedServices: false,
    };
  },
};

/**
 * A Standard logic app: `public_network_access` is a string (azurerm @v4.55.0:website/docs/r/logic_app_standard.html.markdown,
 * default "Enabled") and it has no `ip_restriction_default_action`: App Service allows everything without rules and adds
 * an implicit deny once an allow rule exists (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions).
 */
const logicAppStandard: TargetModel = {
  noun: "the app",
  defaultEndpoint: "sites",
  trusted: {},
  props: { publicAccess: "publicNetworkAccess", ipRules: "allowedIpRanges (access restrictions)" },
  publicEndpoint: ({ config }) => {
    const enabled = config.public_network_access !== "Disabled";
    const site = (valueAt(config, "site_config") ?? {}) as ResourceConfig;
    const rules = listOf(site.ip_restriction).filter((r): r is ResourceConfig => typeof r === "object");
    const allows = rules.filter((r) => r.action !== "Deny");
    return {
      enabled,
      allowsAll: enabled && allows.length === 0 && rules.length === 0,
      ipRules: allows.flatMap((r) => strings(r.ip_address)),
      serviceTags: allows.flatMap((r) => strings(r.service_tag)),
      allowsAzure: false,
      trustedServices: false,
    };
  },
};

const logicAppWorkflow: TargetModel = {
  noun: "the workflow's trigger",
  noPrivateEndpoint: () => "Consumption workflows have no private endpoints",
  trusted: {},
  props: { publicAccess: "(always public)", ipRules: "allowedCallerIpRanges (trigger access control)" },
  publicEndpoint: ({ config }) => {
    const trigger = valueAt(config, "access_control.trigger") as ResourceConfig | undefined;
    const ranges =
      trigger === undefined
        ? []
        : listOf(trigger.allowed_caller_ip_address_range).flatMap((r) =>
            typeof r === "string" ? [r] : strings((r as ResourceConfig).address_range),
          );
    return { enabled: true, ...CLOSED, allowsAll: trigger === undefined, ipRules: ranges };
  },
};

const dataFactory: TargetModel = {
  noun: "the factory",
  defaultEndpoint: "dataFactory",
  trusted: {},
  props: { publicAccess: "publicNetworkAccess" },
  // The factory has no IP firewall: public network access is all or nothing (learn.microsoft.com/azure/data-factory/data-factory-private-link).
  publicEndpoint: ({ config }) => {
    const enabled = flag(config, "public_network_enabled", true);
    return { enabled, ...CLOSED, allowsAll: enabled };
  },
};

// An injected service answers on a VIP in its subnet: private for Internal, public and private for External
// (learn.microsoft.com/azure/api-management/virtual-network-concepts). The gateway has no IP firewall of its own.
const apiManagement: TargetModel = {
  noun: "the API Management service",
  defaultEndpoint: "Gateway",
  vnetPath: (c) =>
    c.virtual_network_type === "Internal"
      ? "VNet injection: the Internal service's private VIP"
      : c.virtual_network_type === "External"
      ? "VNet injection: the External service's private VIP"
      : undefined,
  trusted: {},
  props: { publicAccess: "publicNetworkAccess" },
  publicEndpoint: ({ config }) => {
    const enabled = config.virtual_network_type !== "Internal" && flag(config, "public_network_access_enabled", true);
    return { enabled, ...CLOSED, allowsAll: enabled };
  },
};

/** The models of the resource types flows reach, by Terraform type. */
export const TARGET_MODELS: Readonly<Record<string, TargetModel>> = {
  azurerm_storage_account: storage,
  azurerm_servicebus_namespace: serviceBus,
  azurerm_eventhub_namespace: eventHubs,
  azurerm_eventgrid_topic: eventGrid("topic"),
  azurerm_eventgrid_domain: eventGrid("domain"),
  azurerm_cosmosdb_account: cosmosDb,
  azurerm_key_vault: keyVault,
  azurerm_mssql_server: sqlServer,
  azurerm_synapse_workspace: synapse,
  azurerm_linux_function_app: appService,
  azurerm_function_app_flex_consumption: appService,
  azurerm_linux_web_app: appService,
  azurerm_windows_web_app: appService,
  azurerm_windows_function_app: appService,
  azurerm_logic_app_workflow: logicAppWorkflow,
  azurerm_logic_app_standard: logicAppStandard,
  azurerm_data_factory: dataFactory,
  azurerm_api_management: apiManagement,
};
