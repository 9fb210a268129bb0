import { all, equals, isReference, noSecretsIn, oneOf, present, valueAt } from "../checks";
import { PolicyRule } from "../types";
import { RuleTarget, sharedRules } from "./common";

const WORKFLOW = ["azurerm_logic_app_workflow"];
const STANDARD = ["azurerm_logic_app_standard"];
const BOTH_KINDS: RuleTarget = { resourceTypes: [...WORKFLOW, ...STANDARD], what: "Logic App workflows and Standard logic apps" };

// The Application Insights connection string names the component; with local auth off it grants nothing without an Entra token.
const APP_INSIGHTS_SETTING = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

/** `connection_string` blocks hold credentials by nature; only Key Vault references are fine. */
const noConnectionStrings: PolicyRule["check"] = ({ config }) => {
  const blocks = config.connection_string;
  const list: { value?: unknown }[] = Array.isArray(blocks) ? blocks : blocks ? [blocks] : [];
  return list.every((b) => typeof b.value === "string" && b.value.startsWith("@Microsoft.KeyVault("));
};

/** azurerm 4.55 requires the key (azurerm #25419); it must come from the account, so no literal sits in the configuration. */
const keyIsReference: PolicyRule["check"] = ({ config }) => {
  const key = valueAt(config, "storage_account_access_key");
  return key === undefined || isReference(key);
};

const hasRequestTrigger: PolicyRule["check"] = (resource, scope) =>
  scope.referencing("azurerm_logic_app_trigger_http_request", "logic_app_id", resource).length > 0;

export const LOGIC_APPS_RULES: PolicyRule[] = [
  {
    id: "AIC-LA-001",
    level: "warning",
    resourceTypes: WORKFLOW,
    profiles: ["prod"],
    title: "Logic App request triggers accept calls only from known callers in prod",
    remediation: "pass `allowedCallerIpRanges` (e.g. API Management's) or `triggerAuthentication`",
    // A workflow without a request trigger has no endpoint anyone can call, so there is nothing to restrict.
    check: (resource, scope) => !hasRequestTrigger(resource, scope) || present("access_control.trigger")(resource, scope),
  },
  {
    id: "AIC-LA-002",
    level: "error",
    resourceTypes: ["azurerm_api_connection"],
    title: "API connections hold no literal keys, passwords or connection strings",
    remediation: "use `addConnection(name, { managedIdentity: true })`",
    check: noSecretsIn("parameter_values"),
  },
  {
    id: "AIC-LA-003",
    level: "error",
    resourceTypes: STANDARD,
    title: "Standard logic apps accept HTTPS only",
    remediation: "keep `https_only` true (the LogicAppStandard default)",
    check: equals("https_only", true),
  },
  {
    id: "AIC-LA-004",
    level: "error",
    resourceTypes: STANDARD,
    title: "Standard logic apps require TLS 1.2 on the site and its SCM endpoint",
    remediation: "keep `site_config.min_tls_version` and `scm_min_tls_version` \"1.2\"",
    check: all(oneOf("site_config.min_tls_version", ["1.2", "1.3"], true), oneOf("site_config.scm_min_tls_version", ["1.2", "1.3"], true)),
  },
  {
    id: "AIC-LA-005",
    level: "error",
    resourceTypes: STANDARD,
    title: "Standard logic apps disable FTP",
    remediation: "keep `site_config.ftps_state` \"Disabled\" and FTP basic auth off (azurerm defaults: AllAllowed, on)",
    check: all(equals("site_config.ftps_state", "Disabled"), equals("ftp_publish_basic_authentication_enabled", false)),
  },
  {
    id: "AIC-LA-006",
    level: "error",
    resourceTypes: STANDARD,
    profiles: ["prod"],
    title: "Standard logic apps disable public network access in prod",
    remediation: "give the app a private endpoint (public access then defaults to off) or set `publicNetworkAccess: false`",
    check: equals("public_network_access", "Disabled"),
  },
  {
    id: "AIC-LA-007",
    level: "error",
    resourceTypes: STANDARD,
    profiles: ["prod"],
    title: "Standard logic apps are integrated into the VNet in prod (their host storage and targets are private)",
    remediation: "use the prod profile's network (its integration subnet) or pass `integrationSubnetId`",
    check: present("virtual_network_subnet_id"),
  },
  {
    id: "AIC-LA-008",
    level: "error",
    resourceTypes: STANDARD,
    title: "Standard logic apps take the host storage key from the account, never as a literal",
    remediation: "reference the account's `primary_access_key` (the LogicAppStandard does); a literal key sits in the configuration",
    check: keyIsReference,
  },
  {
    id: "AIC-LA-009",
    level: "error",
    resourceTypes: STANDARD,
    title: "Standard logic app settings hold no keys, passwords or connection strings",
    remediation: "use built-in connections with the managed identity (`connectServiceBus`, ...) or Key Vault references",
    check: all(noSecretsIn("app_settings", APP_INSIGHTS_SETTING), noConnectionStrings),
  },
  {
    id: "AIC-LA-010",
    level: "warning",
    resourceTypes: STANDARD,
    title: "Standard logic apps disable basic-auth publishing to their SCM endpoint",
    remediation: "keep `scm_publish_basic_authentication_enabled` false (azurerm default: true); the workflows deploy as a package",
    check: equals("scm_publish_basic_authentication_enabled", false),
  },
  {
    id: "AIC-LA-011",
    level: "error",
    resourceTypes: STANDARD,
    profiles: ["prod"],
    title: "Standard logic apps reach their content share through the VNet in prod (WEBSITE_CONTENTOVERVNET)",
    remediation: "keep `vnet_content_share_enabled` true with VNet integration (the LogicAppStandard default)",
    check: equals("vnet_content_share_enabled", true),
  },
  // Only Standard logic apps have a private endpoint; both kinds log and have an identity.
  ...sharedRules("LA", STANDARD, "Standard logic apps", {
    diagnostics: { target: BOTH_KINDS },
    privateEndpoint: true,
    identity: { target: BOTH_KINDS },
  }),
];
