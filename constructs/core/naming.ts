import { createHash } from "crypto";
import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";
import { reservedNameRule } from "./reserved-names";

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

/** How a generated name is put together. */
export interface NameParts {
  /** Environment/workload prefix, e.g. `contoso-dev`. */
  readonly prefix?: string;
  /** The part naming this resource; defaults to the construct id. */
  readonly base?: string;
  /** A last part kept whole when the name is shortened, e.g. a private endpoint's sub-resource. */
  readonly qualifier?: string;
  /** The prop that holds a user's name, for error messages. @default "name" */
  readonly field?: string;
}

/**
 * A short, stable suffix derived from the construct path: the same on every run and machine,
 * different for every construct, so globally unique names do not collide between stacks.
 */
export function pathSuffix(scope: IConstruct, length = 6): string {
  return createHash("sha256").update(scope.node.path).digest("hex").slice(0, length);
}

/**
 * The name for a resource: the user's name when given (validated), else a generated CAF-style
 * name `<abbreviation>-<prefix>-<base>[-<suffix>]` that satisfies the type's rule.
 */
export function resourceName(scope: IConstruct, type: ResourceType, userName: string | undefined, parts: NameParts = {}): string {
  if (userName !== undefined) {
    validateName(scope, type, userName, parts.field);
    return userName;
  }
  const rule: NamingRule = NAMING_RULES[type];
  const given = [parts.prefix, parts.base, parts.qualifier].find((p) => p !== undefined && isUnresolved(p));
  if (given !== undefined) {
    invalid(scope, {
      field: parts.field ?? "name",
      rule: "cannot be generated from a value known only at deploy time",
      fix: "pass a literal namePrefix or an explicit name",
    });
  }
  const separator = rule.compact ? "" : "-";
  const clean = (s: string) => (rule.compact ? s.replace(/[^a-z0-9]/g, "") : s);
  const join = (words: (string | undefined)[]) => clean(words.filter((w): w is string => !!w).map(kebab).filter(Boolean).join(separator));
  // The abbreviation leads; the qualifier and path suffix stay whole; the middle is shortened to fit.
  const tail = join([parts.qualifier, rule.globallyUnique ? pathSuffix(scope) : undefined]);
  const room = rule.maxLength - (tail ? tail.length + separator.length : 0);
  let name = join([rule.abbreviation, parts.prefix, parts.base ?? scope.node.id]).slice(0, room).replace(/[-_.]+$/, "");
  if (tail) name = `${name}${separator}${tail}`;
  checkName(scope, type, name, `${parts.field ?? "name"} (generated from the prefix and construct id)`, true);
  return name;
}

/**
 * Throws a clear error when `name` breaks the Azure naming rule of `type`; tokens are skipped.
 * `field` names the prop in the message.
 */
export function validateName(scope: IConstruct, type: ResourceType, name: string, field = "name"): void {
  checkName(scope, type, name, field, false);
}

function checkName(scope: IConstruct, type: ResourceType, name: string, field: string, generated: boolean): void {
  if (isUnresolved(name)) return;
  const rule: NamingRule = NAMING_RULES[type];
  const label = rule.label ?? type;
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    invalid(scope, {
      field,
      value: name,
      rule: `is ${name.length} characters; a ${label} name must be ${rule.minLength}-${rule.maxLength}`,
      fix: generated
        ? "shorten the environment's namePrefix or pass an explicit name"
        : `choose a name of ${rule.minLength} to ${rule.maxLength} characters`,
    });
  }
  if (!rule.pattern.test(name)) {
    invalid(scope, {
      field,
      value: name,
      rule: `breaks the ${label} naming rule`,
      fix: `use ${rule.description}`,
    });
  }
  const reservedRule = rule.globallyUnique ? reservedNameRule(name) : undefined;
  if (reservedRule) {
    invalid(scope, {
      field,
      value: name,
      rule: reservedRule,
      fix: generated
        ? "choose an environment namePrefix without the reserved word, or pass an explicit name"
        : "choose a name without the reserved word",
    });
  }
  const reserved = rule.reservedSuffixes ?? [];
  if (reserved.some((suffix) => name.toLowerCase().endsWith(suffix))) {
    invalid(scope, {
      field,
      value: name,
      rule: `ends in ${reserved.map((s) => `"${s}"`).join(" or ")}, which Azure reserves`,
      fix: "choose a name with another ending",
    });
  }
}

/**
 * `OrderWorker` -> `order-worker`: lower-case words joined by single hyphens, everything but
 * letters and digits dropped at the ends. The form every generated name is built from.
 */
export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}
