import { absent, all, either, equals, isReference, noLiteralCredentialsIn, present, valueAt } from "../checks";
import { CheckedResource, PolicyRule } from "../types";
import { sharedRules } from "./common";

const SERVICE = ["azurerm_api_management"];
const OLD_PROTOCOLS = [
  "security.frontend_ssl30_enabled",
  "security.frontend_tls10_enabled",
  "security.frontend_tls11_enabled",
  "security.backend_ssl30_enabled",
  "security.backend_tls10_enabled",
  "security.backend_tls11_enabled",
];

export const API_MANAGEMENT_RULES: PolicyRule[] = [
  {
    id: "AIC-APIM-001",
    level: "error",
    resourceTypes: SERVICE,
    title: "API Management turns off SSL 3.0, TLS 1.0 and TLS 1.1 on both sides",
    remediation: "keep the ApiManagement `security` defaults",
    check: all(
      ...OLD_PROTOCOLS.map(
        (p) => either(equals(p, false, true), equals(p.replace(/security\.(\w+?)_(ssl30|tls10|tls11)_enabled/, "security.enable_$1_$2"), false)),
      ),
    ),
  },
  {
    id: "AIC-APIM-002",
    level: "error",
    resourceTypes: SERVICE,
    title: "API Management turns off Triple DES ciphers",
    remediation: "keep `security.triple_des_ciphers_enabled` false",
    check: equals("security.triple_des_ciphers_enabled", false, true),
  },
  {
    id: "AIC-APIM-003",
    level: "warning",
    resourceTypes: SERVICE,
    title: "API Management blocks control-plane API versions older than 2021-08-01",
    remediation: "keep `min_api_version`",
    check: present("min_api_version"),
  },
  {
    id: "AIC-APIM-004",
    level: "warning",
    resourceTypes: SERVICE,
    profiles: ["prod"],
    title: "API Management runs inside the VNet in prod (Internal mode)",
    remediation: "pass `virtualNetwork: { type: \"Internal\", subnetId }` on Developer or Premium",
    check: equals("virtual_network_type", "Internal"),
  },
  {
    id: "AIC-APIM-005",
    level: "error",
    resourceTypes: ["azurerm_api_management_api"],
    title: "APIs are served over HTTPS only",
    remediation: "keep `protocols: [\"https\"]`",
    check: ({ config }) => { const p = valueAt(config, "protocols"); return !Array.isArray(p) || p.every((x) => x === "https" || x === "wss"); },
  },
  {
    id: "AIC-APIM-006",
    level: "warning",
    resourceTypes: ["azurerm_api_management_api", "azurerm_api_management_product"],
    title: "APIs and products require a subscription key",
    remediation: "keep `subscriptionRequired` true or protect the API with validate-jwt and suppress with a reason",
    check: equals("subscription_required", true, true),
  },
  {
    id: "AIC-APIM-007",
    level: "error",
    resourceTypes: ["azurerm_api_management_named_value"],
    title: "Secret named values come from Key Vault, not from literals",
    remediation: "use `addNamedValue(name, { keyVaultSecretId })`",
    check: ({ config }) =>
      config.secret !== true || valueAt(config, "value_from_key_vault") !== undefined || typeof config.value !== "string" ||
      config.value.includes("${"),
  },
  {
    id: "AIC-APIM-008",
    level: "error",
    resourceTypes: ["azurerm_api_management_logger"],
    title: "API Management loggers use Application Insights connection strings, not instrumentation keys",
    remediation: "pass `applicationInsights: { id, connectionString }`",
    check: ({ config }) => valueAt(config, "application_insights.instrumentation_key") === undefined,
  },
  {
    id: "AIC-APIM-010",
    level: "warning",
    resourceTypes: ["azurerm_api_management_logger"],
    title: "API Management sends Application Insights telemetry with a managed identity (components with local authentication off reject a " +
      "connection string alone)",
    remediation: "pass `applicationInsights` to ApiManagement: it deploys the logger with managed-identity credentials, which azurerm's logger " +
      "resource cannot set",
    check: absent("application_insights"),
  },
  {
    id: "AIC-APIM-009",
    level: "error",
    resourceTypes: ["azurerm_api_management_backend"],
    title: "API Management backends carry no credentials in headers or query",
    remediation: "authenticate to backends with `authentication-managed-identity` in policies",
    check: all(
      noLiteralCredentialsIn("credentials.header"),
      noLiteralCredentialsIn("credentials.query"),
      noLiteralCredentialsIn("credentials.authorization.parameter"),
    ),
  },
  {
    id: "AIC-APIM-011",
    level: "warning",
    resourceTypes: SERVICE,
    profiles: ["prod"],
    title: "API Management is zone-redundant in prod: Premium with two or more units, spread over the zones (listed zones get a unit each)",
    remediation: "keep the prod default (Premium, 3 units over zones 1-3) or pass `zones` and a `capacity` of at least one unit per zone",
    check: zoneRedundant,
  },
  ...sharedRules("APIM", SERVICE, "API Management services", { diagnostics: true, identity: true }),
];

/**
 * Premium spreads its units over zones by itself when `zones` is left out ("automatic"), and
 * Microsoft asks for at least two units per region so a zone outage leaves one; listed zones need
 * a unit each (Learn https://learn.microsoft.com/azure/api-management/enable-availability-zone-support).
 * `sku_name` is `<tier>_<units>` (azurerm @v4.55.0 website/docs/r/api_management.html.markdown).
 */
function zoneRedundant(service: CheckedResource): boolean {
  const sku = service.config.sku_name;
  const zones = service.config.zones;
  if (isReference(sku) || isReference(zones)) return true;
  const [tier, count] = typeof sku === "string" ? sku.split("_") : [];
  const units = Number(count);
  if (!["Premium", "PremiumV2"].includes(tier) || !Number.isInteger(units) || units < 2) return false;
  return zones === undefined || (Array.isArray(zones) && zones.length >= 2 && units >= zones.length);
}
