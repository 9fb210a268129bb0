/** An Azure naming rule: CAF abbreviation, length, characters, and whether the name is global. */
export interface NamingRule {
  /** Cloud Adoption Framework abbreviation used as the name's first part. */
  readonly abbreviation: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** The whole name must match this (characters, first and last character). */
  readonly pattern: RegExp;
  /** The rule in words, for error messages. */
  readonly description: string;
  /** Lower-case letters and digits only: generated names drop separators. */
  readonly compact?: boolean;
  /** Part of a public DNS name: generated names get a suffix derived from the construct path. */
  readonly globallyUnique?: boolean;
  /** Endings Azure reserves, compared without regard to case, e.g. `-sb`. @default none */
  readonly reservedSuffixes?: readonly string[];
  /** What messages call the resource, e.g. "consumer group". @default the resource type key */
  readonly label?: string;
}

const ALNUM_HYPHEN = "letters, digits and hyphens, starting with a letter and ending with a letter or digit";
const NETWORK = "letters, digits, '_', '.' and '-', starting with a letter or digit and ending with a letter, digit or '_'";

/**
 * Azure naming rules (learn.microsoft.com "Naming rules and restrictions for Azure resources").
 * Child resources with no CAF abbreviation (domain topics, subscription rules, consumer groups)
 * carry a short one of ours; they are named by users.
 */
export const NAMING_RULES = {
  resourceGroup: {
    abbreviation: "rg",
    minLength: 1,
    maxLength: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    description: "letters, digits, '_', '-', '.', '(' and ')', not ending with '.'",
  },
  logAnalyticsWorkspace: {
    abbreviation: "log",
    minLength: 4,
    maxLength: 63,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: "letters, digits and hyphens, starting and ending with a letter or digit",
  },
  // Microsoft.Insights names (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules): the character sets are
  // unverified; generated names use letters, digits and hyphens only.
  actionGroup: {
    abbreviation: "ag",
    minLength: 1,
    maxLength: 260,
    pattern: /^[^:<>+/&%\\?|]*[^:<>+/&%\\?|. ]$/,
    description: "any characters except :<>+/&%\\?|, not ending with '.' or a space",
    label: "action group",
  },
  // metricAlerts (1-260, no *#&+:<>?@%{}\/) and scheduledQueryRules (1-260, no *<>%{}&:\?/#|): one rule for both, the union of what each refuses.
  alertRule: {
    abbreviation: "ar",
    minLength: 1,
    maxLength: 260,
    pattern: /^[^*#&+:<>?@%{}\\/|]*[^*#&+:<>?@%{}\\/|. ]$/,
    description: "any characters except *#&+:<>?@%{}\\/|, not ending with '.' or a space",
    label: "alert rule",
  },
  applicationInsights: {
    abbreviation: "appi",
    minLength: 1,
    maxLength: 260,
    pattern: /^[^%&\\?/]*[^%&\\?/. ]$/,
    description: "any characters except %&\\?/, not ending with '.' or a space",
  },
  virtualNetwork: { abbreviation: "vnet", minLength: 2, maxLength: 64, pattern: /^[A-Za-z0-9][\w.-]*\w$/, description: NETWORK },
  subnet: { abbreviation: "snet", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  networkSecurityGroup: { abbreviation: "nsg", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  routeTable: { abbreviation: "rt", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  natGateway: { abbreviation: "ng", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  // Application Gateway and WAF policy names: Learn "Naming rules ... Microsoft.Network" (1-80, as the other network resources).
  applicationGateway: { abbreviation: "agw", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  wafPolicy: { abbreviation: "waf", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  publicIp: { abbreviation: "pip", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  virtualNetworkPeering: { abbreviation: "peer", minLength: 1, maxLength: 80, pattern: /^[A-Za-z0-9]([\w.-]*\w)?$/, description: NETWORK },
  privateEndpoint: { abbreviation: "pep", minLength: 2, maxLength: 64, pattern: /^[A-Za-z0-9][\w.-]*\w$/, description: NETWORK },
  userAssignedIdentity: {
    abbreviation: "id",
    minLength: 3,
    maxLength: 128,
    pattern: /^[A-Za-z0-9][\w-]*$/,
    description: "letters, digits, '_' and '-', starting with a letter or digit",
  },
  keyVault: {
    abbreviation: "kv",
    minLength: 3,
    maxLength: 24,
    pattern: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: `${ALNUM_HYPHEN}, no consecutive hyphens`,
    globallyUnique: true,
  },
  storageAccount: {
    abbreviation: "st",
    minLength: 3,
    maxLength: 24,
    pattern: /^[a-z0-9]+$/,
    description: "lower-case letters and digits only",
    compact: true,
    globallyUnique: true,
  },
  serviceBusNamespace: {
    abbreviation: "sbns",
    minLength: 6,
    maxLength: 50,
    pattern: /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: ALNUM_HYPHEN,
    globallyUnique: true,
    reservedSuffixes: ["-sb", "-mgmt"],
  },
  eventHubNamespace: {
    abbreviation: "evhns",
    minLength: 6,
    maxLength: 50,
    pattern: /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: ALNUM_HYPHEN,
    globallyUnique: true,
  },
  eventGridTopic: {
    abbreviation: "evgt",
    minLength: 3,
    maxLength: 50,
    pattern: /^[A-Za-z0-9-]+$/,
    description: "letters, digits and hyphens",
    globallyUnique: false,
  },
  eventGridDomain: { abbreviation: "evgd", minLength: 3, maxLength: 50, pattern: /^[A-Za-z0-9-]+$/, description: "letters, digits and hyphens" },
  eventGridDomainTopic: {
    abbreviation: "evgdt",
    minLength: 3,
    maxLength: 128,
    pattern: /^[A-Za-z0-9-]+$/,
    description: "letters, digits and hyphens",
    label: "domain topic",
  },
  eventGridSystemTopic: {
    abbreviation: "egst",
    minLength: 3,
    maxLength: 128,
    pattern: /^[A-Za-z0-9-]+$/,
    description: "letters, digits and hyphens",
  },
  apiManagement: {
    abbreviation: "apim",
    minLength: 1,
    maxLength: 50,
    pattern: /^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    description: ALNUM_HYPHEN,
    globallyUnique: true,
  },
  apiConnection: {
    abbreviation: "con",
    minLength: 1,
    maxLength: 80,
    pattern: /^[A-Za-z0-9][\w().-]*$/,
    description: "letters, digits, '_', '-', '.', '(' and ')', starting with a letter or digit",
    label: "connection",
  },
  logicApp: {
    abbreviation: "logic",
    minLength: 1,
    maxLength: 80,
    pattern: /^[\w().-]+$/,
    description: "letters, digits, '_', '-', '.', '(' and ')'",
  },
  functionApp: {
    abbreviation: "func",
    minLength: 2,
    maxLength: 60,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: "letters, digits and hyphens, starting and ending with a letter or digit",
    globallyUnique: true,
  },
  // A Standard logic app is an App Service site: a global `<name>.azurewebsites.net` host name; azurerm @v4.55.0:
  // internal/services/logic/validate/logic_app_standard_name.go allows letters, digits and hyphens, up to 60.
  logicAppStandard: {
    abbreviation: "logic",
    minLength: 2,
    maxLength: 60,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: "letters, digits and hyphens, starting and ending with a letter or digit",
    globallyUnique: true,
    label: "Standard logic app",
  },
  appServicePlan: { abbreviation: "asp", minLength: 1, maxLength: 60, pattern: /^[A-Za-z0-9-]+$/, description: "letters, digits and hyphens" },
  dataFactory: {
    abbreviation: "adf",
    minLength: 3,
    maxLength: 63,
    pattern: /^[A-Za-z0-9](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: "letters, digits and single hyphens, starting and ending with a letter or digit",
    globallyUnique: true,
  },
  cosmosDbAccount: {
    abbreviation: "cosmos",
    minLength: 3,
    maxLength: 44,
    pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/,
    description: "lower-case letters, digits and hyphens, starting and ending with a letter or digit",
    globallyUnique: true,
  },
  sqlServer: {
    abbreviation: "sql",
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    description: "lower-case letters, digits and hyphens, not starting or ending with a hyphen",
    globallyUnique: true,
  },
  sqlDatabase: {
    abbreviation: "sqldb",
    minLength: 1,
    maxLength: 128,
    pattern: /^[^<>*%&:\\/?]*[^<>*%&:\\/?. ]$/,
    description: "no <>*%&:\\/?, not ending with '.' or a space",
  },
  serviceBusQueue: {
    abbreviation: "sbq",
    minLength: 1,
    maxLength: 260,
    pattern: /^[A-Za-z0-9]([\w./-]*[A-Za-z0-9_])?$/,
    description: "letters, digits, '.', '-', '_' and '/', starting with a letter or digit and ending with a letter, digit or '_'",
  },
  serviceBusTopic: {
    abbreviation: "sbt",
    minLength: 1,
    maxLength: 260,
    pattern: /^[A-Za-z0-9]([\w./-]*[A-Za-z0-9_])?$/,
    description: "letters, digits, '.', '-', '_' and '/', starting with a letter or digit and ending with a letter, digit or '_'",
  },
  serviceBusSubscription: {
    abbreviation: "sbts",
    minLength: 1,
    maxLength: 50,
    pattern: /^[A-Za-z0-9]([\w.-]*[A-Za-z0-9_])?$/,
    description: "letters, digits, '.', '-' and '_', starting with a letter or digit and ending with a letter, digit or '_'",
  },
  serviceBusSubscriptionRule: {
    abbreviation: "sbsr",
    minLength: 1,
    maxLength: 50,
    pattern: /^[A-Za-z0-9]([\w.-]*[A-Za-z0-9_])?$/,
    description: "letters, digits, '.', '-' and '_', starting with a letter or digit and ending with a letter, digit or '_'",
    label: "subscription rule",
  },
  eventHub: {
    abbreviation: "evh",
    minLength: 1,
    maxLength: 256,
    pattern: /^[A-Za-z0-9]([\w.-]*[A-Za-z0-9])?$/,
    description: "letters, digits, '.', '-' and '_', starting and ending with a letter or digit",
  },
  eventHubConsumerGroup: {
    abbreviation: "evhcg",
    minLength: 1,
    maxLength: 50,
    pattern: /^[A-Za-z0-9]([\w.-]*[A-Za-z0-9])?$/,
    description: "letters, digits, '.', '-' and '_', starting and ending with a letter or digit",
    label: "consumer group",
  },
  eventGridSubscription: {
    abbreviation: "evgs",
    minLength: 3,
    maxLength: 64,
    pattern: /^[A-Za-z0-9-]+$/,
    description: "letters, digits and hyphens",
  },
  synapseWorkspace: {
    abbreviation: "synw",
    minLength: 1,
    maxLength: 50,
    pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    description: "lower-case letters, digits and hyphens, starting and ending with a letter or digit",
    globallyUnique: true,
  },
} as const satisfies Record<string, NamingRule>;

export type ResourceType = keyof typeof NAMING_RULES;
