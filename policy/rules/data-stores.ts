import { absent, all, atLeast, equals, everyBlock, valueAt } from "../checks";
import { CheckedResource, CheckedScope, PolicyRule } from "../types";
import { RuleTarget, sharedRules } from "./common";

const COSMOS = ["azurerm_cosmosdb_account"];
const SQL_SERVER = ["azurerm_mssql_server"];
const SQL_SERVERS: RuleTarget = { resourceTypes: SQL_SERVER, what: "SQL servers" };
const SQL_DATABASE = ["azurerm_mssql_database"];
const SYNAPSE = ["azurerm_synapse_workspace"];

/** A firewall rule that opens the service to the whole internet. */
const opensEverything = (config: Record<string, unknown>) => config.start_ip_address === "0.0.0.0" && config.end_ip_address === "255.255.255.255";


const blocks = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v && typeof v === "object" ? [v as Record<string, unknown>] : []);
/** Log categories and groups that carry SQL audit events (`SQLSecurityAuditEvents`, in the `audit` and `allLogs` groups). */
const AUDIT_LOGS = (log: Record<string, unknown>) =>
  log.category === "SQLSecurityAuditEvents" || log.category_group === "audit" || log.category_group === "allLogs";

/**
 * Server-level auditing to Log Analytics: an enabled `azurerm_mssql_server_extended_auditing_policy` with
 * `log_monitoring_enabled` (azurerm default true) and a diagnostic setting on the server's master database sending its
 * audit events to a workspace that keeps them 90 days or more (when the workspace is in the stack). Azure Policy's
 * built-in "Configure SQL servers to have auditing enabled to Log Analytics workspace" deploys the same pair;
 * azurerm @v4.55.0:website/docs/r/mssql_server_extended_auditing_policy.html.markdown.
 */
function auditsToLogAnalytics(server: CheckedResource, s: CheckedScope): boolean {
  const serverId = `\${${server.address}.id}`;
  const policy = s.resources.some(
    (r) =>
      r.type === "azurerm_mssql_server_extended_auditing_policy" &&
      r.config.server_id === serverId &&
      r.config.enabled !== false &&
      r.config.log_monitoring_enabled !== false,
  );
  if (!policy) return false;
  return s.resources.some((r) => {
    if (r.type !== "azurerm_monitor_diagnostic_setting" || r.config.target_resource_id !== `${serverId}/databases/master`) return false;
    if (typeof r.config.log_analytics_workspace_id !== "string" || !blocks(r.config.enabled_log).some(AUDIT_LOGS)) return false;
    const workspace = /^\$\{(azurerm_log_analytics_workspace\.[\w-]+)\.id\}$/.exec(r.config.log_analytics_workspace_id)?.[1];
    const found = s.resources.find((w) => w.address === workspace);
    const retention = found?.config.retention_in_days;
    return found === undefined || typeof retention !== "number" || retention >= 90;
  });
}

export const DATA_STORE_RULES: PolicyRule[] = [
  {
    id: "AIC-COS-001",
    level: "error",
    resourceTypes: COSMOS,
    title: "Cosmos DB accounts disable key-based (local) authentication",
    remediation: "keep `local_authentication_disabled` true; grant with `grantDataRead`/`grantDataWrite`",
    check: equals("local_authentication_disabled", true),
  },
  {
    id: "AIC-COS-002",
    level: "error",
    resourceTypes: COSMOS,
    title: "Cosmos DB accounts require TLS 1.2",
    remediation: "keep `minimal_tls_version` \"Tls12\"",
    check: equals("minimal_tls_version", "Tls12", true),
  },
  {
    id: "AIC-COS-003",
    level: "warning",
    resourceTypes: COSMOS,
    title: "Cosmos DB accounts use continuous backup",
    remediation: "keep `backup.type` \"Continuous\"",
    check: equals("backup.type", "Continuous"),
  },
  {
    id: "AIC-COS-004",
    level: "warning",
    resourceTypes: COSMOS,
    profiles: ["prod"],
    title: "Cosmos DB accounts fail over automatically in prod",
    remediation: "keep `automatic_failover_enabled` true in prod",
    check: equals("automatic_failover_enabled", true),
  },
  {
    id: "AIC-COS-005",
    level: "warning",
    resourceTypes: COSMOS,
    profiles: ["prod"],
    title: "Cosmos DB accounts are zone-redundant in prod",
    remediation: "keep `geo_location.zone_redundant` true in prod",
    check: everyBlock("geo_location", equals("zone_redundant", true)),
  },
  {
    id: "AIC-COS-006",
    level: "warning",
    resourceTypes: COSMOS,
    title: "Cosmos DB accounts forbid metadata writes with keys",
    remediation: "keep `access_key_metadata_writes_enabled` false",
    check: equals("access_key_metadata_writes_enabled", false),
  },
  ...sharedRules("COS", COSMOS, "Cosmos DB accounts", { diagnostics: true, lock: true, privateEndpoint: true, publicAccess: true }),

  {
    id: "AIC-SQL-001",
    level: "error",
    resourceTypes: SQL_SERVER,
    title: "SQL servers require TLS 1.2",
    remediation: "keep `minimum_tls_version` \"1.2\"",
    check: equals("minimum_tls_version", "1.2", true),
  },
  {
    id: "AIC-SQL-002",
    level: "error",
    resourceTypes: SQL_SERVER,
    title: "SQL servers allow Entra ID authentication only",
    remediation: "keep `azuread_administrator.azuread_authentication_only` true",
    check: equals("azuread_administrator.azuread_authentication_only", true),
  },
  {
    id: "AIC-SQL-003",
    level: "error",
    resourceTypes: SQL_SERVER,
    title: "SQL servers have no SQL administrator password",
    remediation: "do not set `administrator_login_password`; use the Entra administrator",
    check: all(absent("administrator_login_password"), absent("administrator_login_password_wo")),
  },
  {
    id: "AIC-SQL-004",
    level: "error",
    resourceTypes: ["azurerm_mssql_firewall_rule", "azurerm_synapse_firewall_rule"],
    title: "Database firewalls never open to the whole internet",
    remediation: "list the CIDRs that need access in `allowedIpRanges`",
    check: ({ config }) => !opensEverything(config),
  },
  {
    id: "AIC-SQL-007",
    level: "error",
    resourceTypes: SQL_SERVER,
    profiles: ["prod"],
    title: "SQL servers audit at server level to Log Analytics, kept 90 days or more",
    remediation: "keep the SqlDatabase `diagnostics` default (server auditing and the master database's SQLSecurityAuditEvents setting)",
    check: auditsToLogAnalytics,
  },
  {
    id: "AIC-SQL-005",
    level: "warning",
    resourceTypes: SQL_DATABASE,
    profiles: ["prod"],
    title: "SQL databases are zone-redundant in prod",
    remediation: "keep `zone_redundant` true in prod",
    check: equals("zone_redundant", true),
  },
  {
    id: "AIC-SQL-006",
    level: "warning",
    resourceTypes: SQL_DATABASE,
    title: "SQL databases keep at least 7 days of point-in-time backups",
    remediation: "set `backup.shortTermRetentionDays` to 7-35",
    check: atLeast("short_term_retention_policy.retention_days", 7, true),
  },
  // Logs and the lock on the database; the network and the identity are the server's.
  ...sharedRules("SQL", SQL_DATABASE, "SQL databases", {
    diagnostics: true,
    lock: true,
    privateEndpoint: { target: SQL_SERVERS },
    publicAccess: { target: SQL_SERVERS },
    identity: { target: SQL_SERVERS },
  }),

  {
    id: "AIC-SYN-001",
    level: "error",
    resourceTypes: SYNAPSE,
    title: "Synapse workspaces run in a managed virtual network",
    remediation: "keep `managed_virtual_network_enabled` true",
    check: equals("managed_virtual_network_enabled", true),
  },
  {
    id: "AIC-SYN-002",
    level: "error",
    resourceTypes: SYNAPSE,
    title: "Synapse workspaces allow Entra ID authentication only",
    remediation: "keep `azuread_authentication_only` true",
    check: equals("azuread_authentication_only", true),
  },
  // Synapse is created with a SQL login (F7); its password may only be a generated value, with SQL authentication off.
  {
    id: "AIC-SYN-003",
    level: "error",
    resourceTypes: SYNAPSE,
    title: "Synapse workspaces have no literal SQL administrator password, and SQL authentication is off",
    remediation: "take the password from a reference such as `random_password.<name>.result` and keep `azuread_authentication_only` true",
    check: ({ config }) => {
      const password = valueAt(config, "sql_administrator_login_password");
      if (password === undefined) return true;
      return typeof password === "string" && /^\$\{[^{}]+\}$/.test(password) && config.azuread_authentication_only === true;
    },
  },
  {
    id: "AIC-SYN-004",
    level: "warning",
    resourceTypes: SYNAPSE,
    profiles: ["prod"],
    title: "Synapse workspaces prevent data exfiltration in prod",
    remediation: "keep `data_exfiltration_protection_enabled` true in prod",
    check: equals("data_exfiltration_protection_enabled", true),
  },
  ...sharedRules("SYN", SYNAPSE, "Synapse workspaces", { diagnostics: true, lock: true, privateEndpoint: true, publicAccess: true }),
];
