import { absent, all, equals, noSecretsIn, oneOf, present } from "../checks";
import { PolicyRule } from "../types";
import { sharedRules } from "./common";

const APPS = ["azurerm_linux_function_app", "azurerm_function_app_flex_consumption"];

// The Application Insights connection string names the component; with local auth off (the
// Monitoring default) it grants nothing without an Entra token.
const APP_INSIGHTS_SETTING = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

/** `connection_string` blocks hold credentials by nature; only Key Vault references are fine. */
const noConnectionStrings: PolicyRule["check"] = ({ config }) => {
  const blocks = config.connection_string;
  const list: { value?: unknown }[] = Array.isArray(blocks) ? blocks : blocks ? [blocks] : [];
  return list.every((b) => typeof b.value === "string" && b.value.startsWith("@Microsoft.KeyVault("));
};

export const FUNCTIONS_RULES: PolicyRule[] = [
  {
    id: "AIC-FN-001",
    level: "error",
    resourceTypes: APPS,
    title: "Function apps accept HTTPS only",
    remediation: "keep `https_only` true",
    check: equals("https_only", true),
  },
  {
    id: "AIC-FN-002",
    level: "error",
    resourceTypes: APPS,
    title: "Function apps require TLS 1.2",
    remediation: "keep `site_config.minimum_tls_version` \"1.2\"",
    check: oneOf("site_config.minimum_tls_version", ["1.2", "1.3"], true),
  },
  {
    id: "AIC-FN-003",
    level: "error",
    resourceTypes: ["azurerm_linux_function_app"],
    title: "Function apps disable FTP",
    remediation: "keep `site_config.ftps_state` \"Disabled\" and FTP basic auth off",
    check: all(equals("site_config.ftps_state", "Disabled", true), equals("ftp_publish_basic_authentication_enabled", false)),
  },
  {
    id: "AIC-FN-004",
    level: "error",
    resourceTypes: ["azurerm_linux_function_app"],
    title: "Function apps reach their storage with a managed identity, not an account key",
    remediation: "keep `storage_uses_managed_identity` true; do not set `storage_account_access_key`",
    check: all(equals("storage_uses_managed_identity", true), absent("storage_account_access_key")),
  },
  {
    id: "AIC-FN-005",
    level: "error",
    resourceTypes: ["azurerm_function_app_flex_consumption"],
    title: "Flex Consumption apps reach their deployment storage with a managed identity",
    remediation: "use `storage_authentication_type` SystemAssignedIdentity or UserAssignedIdentity",
    check: all(absent("storage_access_key"), oneOf("storage_authentication_type", ["SystemAssignedIdentity", "UserAssignedIdentity"])),
  },
  {
    id: "AIC-FN-006",
    level: "error",
    resourceTypes: APPS,
    title: "Function app settings hold no keys, passwords or connection strings",
    remediation: "use identity-based connections (`connectServiceBus`, `connectStorage`, ...) or Key Vault references",
    check: all(noSecretsIn("app_settings", APP_INSIGHTS_SETTING), noConnectionStrings),
  },
  {
    id: "AIC-FN-007",
    level: "warning",
    resourceTypes: APPS,
    title: "Function apps use HTTP/2",
    remediation: "keep `site_config.http2_enabled` true",
    check: equals("site_config.http2_enabled", true),
  },
  {
    id: "AIC-FN-008",
    level: "warning",
    resourceTypes: APPS,
    profiles: ["prod"],
    title: "Function apps are integrated into the VNet in prod",
    remediation: "use the prod profile's network (its integration subnet) or set `virtual_network_subnet_id`",
    check: present("virtual_network_subnet_id"),
  },
  {
    id: "AIC-FN-009",
    level: "warning",
    resourceTypes: ["azurerm_service_plan"],
    profiles: ["prod"],
    title: "App Service plans balance instances across zones in prod",
    remediation: "keep `zone_balancing_enabled` true on Premium plans in prod",
    check: equals("zone_balancing_enabled", true),
  },
  ...sharedRules("FN", APPS, "Function apps", { diagnostics: true, privateEndpoint: true, publicAccess: true, identity: { level: "error" } }),
];
