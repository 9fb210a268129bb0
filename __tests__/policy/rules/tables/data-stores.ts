import { CheckedResource } from "../../../../policy/types";
import {
  KnownDefect,
  RuleTable,
  checked,
  ref,
  diagnosticsTable,
  identityTable,
  lockTable,
  privateEndpointTable,
  publicAccessTable,
} from "../harness";

const ADMIN = { login_username: "sql-admins", object_id: "00000000-0000-0000-0000-000000000001" };
const WEST = { location: "westeurope", failover_priority: 0 };
const NORTH = { location: "northeurope", failover_priority: 1 };

const GENERATED = "${random_password.Syn.result}";


/** Server-level auditing of `server`, with overrides. */
function serverAuditing(server: CheckedResource, config: Record<string, unknown> = {}): CheckedResource {
  const policy = { server_id: ref(server.address), enabled: true, log_monitoring_enabled: true, ...config };
  return checked("azurerm_mssql_server_extended_auditing_policy", policy, server.profile, "Audit");
}

/** The master database's audit diagnostic setting of `server` to the workspace `Logs`. */
function masterAudit(
  server: CheckedResource,
  log: Record<string, unknown> = { category: "SQLSecurityAuditEvents" },
  target = "/databases/master",
): CheckedResource {
  return checked(
    "azurerm_monitor_diagnostic_setting",
    {
      target_resource_id: `${ref(server.address)}${target}`,
      log_analytics_workspace_id: ref("azurerm_log_analytics_workspace.Logs"),
      enabled_log: [log],
    },
    server.profile,
    "AuditDiagnostics",
  );
}

const workspace = (days: number) => checked("azurerm_log_analytics_workspace", { retention_in_days: days }, "prod", "Logs");

export const DATA_STORE_TABLES: RuleTable[] = [
  // --- Cosmos DB
  {
    id: "AIC-COS-001",
    pass: [
      { name: "local_authentication_disabled true", config: { local_authentication_disabled: true } },
      { name: "local_authentication_disabled is a reference", config: { local_authentication_disabled: "${var.no_keys}" } },
    ],
    fail: [
      { name: "local_authentication_disabled false", config: { local_authentication_disabled: false } },
      { name: "local_authentication_disabled absent (azurerm default: false)", config: {} },
    ],
  },
  {
    id: "AIC-COS-002",
    pass: [
      { name: "minimal_tls_version Tls12", config: { minimal_tls_version: "Tls12" } },
      { name: "minimal_tls_version absent (absentOk: the azurerm default complies)", config: {} },
    ],
    fail: [
      { name: "minimal_tls_version Tls", config: { minimal_tls_version: "Tls" } },
      { name: "minimal_tls_version Tls11", config: { minimal_tls_version: "Tls11" } },
      { name: "the App Service spelling 1.2 does not count", config: { minimal_tls_version: "1.2" } },
    ],
  },
  {
    id: "AIC-COS-003",
    pass: [
      { name: "backup as an object, Continuous", config: { backup: { type: "Continuous", tier: "Continuous7Days" } } },
      { name: "backup as a one-element list, Continuous", config: { backup: [{ type: "Continuous", tier: "Continuous30Days" }] } },
    ],
    fail: [
      { name: "backup Periodic", config: { backup: { type: "Periodic", interval_in_minutes: 240, retention_in_hours: 8 } } },
      { name: "backup Periodic (list)", config: { backup: [{ type: "Periodic" }] } },
      { name: "backup absent (Azure default: Periodic)", config: {} },
    ],
  },
  {
    id: "AIC-COS-004",
    pass: [{ name: "automatic_failover_enabled true", config: { automatic_failover_enabled: true } }],
    fail: [
      { name: "automatic_failover_enabled false", config: { automatic_failover_enabled: false } },
      { name: "automatic_failover_enabled absent", config: {} },
    ],
    notApplicable: [{ name: "no automatic failover in dev (prod-only)", config: { automatic_failover_enabled: false }, profile: "dev" }],
  },
  {
    id: "AIC-COS-005",
    pass: [
      { name: "geo_location as a one-element list, zone-redundant", config: { geo_location: [{ ...WEST, zone_redundant: true }] } },
      { name: "geo_location as an object, zone-redundant", config: { geo_location: { ...WEST, zone_redundant: true } } },
      { name: "two locations, both zone-redundant", config: { geo_location: [{ ...WEST, zone_redundant: true }, { ...NORTH, zone_redundant: true }] } },
    ],
    fail: [
      { name: "zone_redundant false", config: { geo_location: [{ ...WEST, zone_redundant: false }] } },
      { name: "zone_redundant absent (azurerm default: false)", config: { geo_location: [WEST] } },
      { name: "geo_location absent", config: {} },
    ],
    notApplicable: [{ name: "single zone in dev (prod-only)", config: { geo_location: [{ ...WEST, zone_redundant: false }] }, profile: "dev" }],
  },
  {
    id: "AIC-COS-006",
    pass: [{ name: "access_key_metadata_writes_enabled false", config: { access_key_metadata_writes_enabled: false } }],
    fail: [
      { name: "access_key_metadata_writes_enabled true", config: { access_key_metadata_writes_enabled: true } },
      { name: "access_key_metadata_writes_enabled absent (azurerm default: true)", config: {} },
    ],
  },
  diagnosticsTable("AIC-COS-020"),
  lockTable("AIC-COS-021"),
  privateEndpointTable("AIC-COS-022"),
  publicAccessTable("AIC-COS-023"),

  // --- SQL
  {
    id: "AIC-SQL-001",
    pass: [
      { name: "minimum_tls_version 1.2", config: { minimum_tls_version: "1.2" } },
      { name: "minimum_tls_version absent (absentOk: the azurerm default complies)", config: {} },
    ],
    fail: [
      { name: "minimum_tls_version 1.0", config: { minimum_tls_version: "1.0" } },
      { name: "minimum_tls_version Disabled", config: { minimum_tls_version: "Disabled" } },
    ],
  },
  {
    id: "AIC-SQL-002",
    pass: [
      { name: "azuread_administrator as an object, Entra-only", config: { azuread_administrator: { ...ADMIN, azuread_authentication_only: true } } },
      { name: "azuread_administrator as a one-element list, Entra-only", config: { azuread_administrator: [{ ...ADMIN, azuread_authentication_only: true }] } },
    ],
    fail: [
      { name: "azuread_authentication_only false", config: { azuread_administrator: { ...ADMIN, azuread_authentication_only: false } } },
      { name: "azuread_authentication_only absent", config: { azuread_administrator: [ADMIN] } },
      { name: "azuread_administrator absent", config: { administrator_login: "sqladmin" } },
    ],
  },
  {
    id: "AIC-SQL-003",
    pass: [{ name: "no administrator_login_password", config: { azuread_administrator: { ...ADMIN, azuread_authentication_only: true } } }],
    fail: [
      { name: "a literal password", config: { administrator_login: "sqladmin", administrator_login_password: "hunter2!Hunter2" } },
      { name: "a password from a reference (still a SQL password)", config: { administrator_login: "sqladmin", administrator_login_password: "${random_password.Sql.result}" } },
    ],
  },
  {
    id: "AIC-SQL-004",
    pass: [
      { name: "a /24", config: { start_ip_address: "203.0.113.0", end_ip_address: "203.0.113.255" } },
      { name: "Azure services (0.0.0.0-0.0.0.0)", config: { start_ip_address: "0.0.0.0", end_ip_address: "0.0.0.0" } },
      { name: "references", config: { start_ip_address: "${var.start}", end_ip_address: "${var.end}" } },
    ],
    fail: [{ name: "0.0.0.0-255.255.255.255", config: { start_ip_address: "0.0.0.0", end_ip_address: "255.255.255.255" } }],
  },
  {
    id: "AIC-SQL-007",
    pass: [
      {
        name: "server auditing and the master setting, 90-day workspace",
        config: {},
        with: (self) => [serverAuditing(self), masterAudit(self), workspace(90)],
      },
      {
        name: "log_monitoring_enabled absent (azurerm default true), the audit category group",
        config: {},
        with: (self) => [serverAuditing(self, { log_monitoring_enabled: undefined }), masterAudit(self, { category_group: "audit" })],
      },
    ],
    fail: [
      { name: "no auditing", config: {} },
      {
        name: "database-level auditing only (the SqlDatabase default before server auditing)",
        config: {},
        with: (self) => [
          checked(
            "azurerm_mssql_database_extended_auditing_policy",
            { database_id: ref("azurerm_mssql_database.Db"), log_monitoring_enabled: true },
            "prod",
            "DbAudit",
          ),
          masterAudit(self, { category_group: "allLogs" }, "/databases/db"),
        ],
      },
      { name: "server auditing without the master setting", config: {}, with: (self) => [serverAuditing(self)] },
      { name: "the master setting without server auditing", config: {}, with: (self) => [masterAudit(self)] },
      {
        name: "auditing to Azure Monitor off",
        config: {},
        with: (self) => [serverAuditing(self, { log_monitoring_enabled: false }), masterAudit(self)],
      },
      { name: "auditing disabled", config: {}, with: (self) => [serverAuditing(self, { enabled: false }), masterAudit(self)] },
      {
        name: "the setting targets a user database",
        config: {},
        with: (self) => [serverAuditing(self), masterAudit(self, undefined, "/databases/orders")],
      },
      { name: "the setting sends no audit logs", config: {}, with: (self) => [serverAuditing(self), masterAudit(self, { category: "Errors" })] },
      { name: "the workspace keeps 30 days", config: {}, with: (self) => [serverAuditing(self), masterAudit(self), workspace(30)] },
    ],
    notApplicable: [{ name: "no auditing in dev (prod-only)", config: {}, profile: "dev" }],
  },
  {
    id: "AIC-SQL-005",
    pass: [{ name: "zone_redundant true", config: { zone_redundant: true } }],
    fail: [
      { name: "zone_redundant false", config: { zone_redundant: false } },
      { name: "zone_redundant absent", config: {} },
    ],
    notApplicable: [{ name: "not zone-redundant in dev (prod-only)", config: { zone_redundant: false }, profile: "dev" }],
  },
  {
    id: "AIC-SQL-006",
    pass: [
      { name: "short_term_retention_policy as an object, 7 days", config: { short_term_retention_policy: { retention_days: 7 } } },
      { name: "short_term_retention_policy as a one-element list, 35 days", config: { short_term_retention_policy: [{ retention_days: 35, backup_interval_in_hours: 12 }] } },
      { name: "short_term_retention_policy absent (absentOk: Azure default 7)", config: {} },
      { name: "retention_days is a reference", config: { short_term_retention_policy: { retention_days: "${var.pitr_days}" } } },
    ],
    fail: [
      { name: "1 day (object)", config: { short_term_retention_policy: { retention_days: 1 } } },
      { name: "6 days (list)", config: { short_term_retention_policy: [{ retention_days: 6 }] } },
    ],
  },
  diagnosticsTable("AIC-SQL-020"),
  lockTable("AIC-SQL-021"),
  privateEndpointTable("AIC-SQL-022"),
  publicAccessTable("AIC-SQL-023"),
  identityTable("AIC-SQL-024"),

  // --- Synapse
  {
    id: "AIC-SYN-001",
    pass: [{ name: "managed_virtual_network_enabled true", config: { managed_virtual_network_enabled: true } }],
    fail: [
      { name: "managed_virtual_network_enabled false", config: { managed_virtual_network_enabled: false } },
      { name: "managed_virtual_network_enabled absent", config: {} },
    ],
  },
  {
    id: "AIC-SYN-002",
    pass: [{ name: "azuread_authentication_only true", config: { azuread_authentication_only: true } }],
    fail: [
      { name: "azuread_authentication_only false", config: { azuread_authentication_only: false } },
      { name: "azuread_authentication_only absent", config: {} },
    ],
  },
  {
    id: "AIC-SYN-003",
    pass: [
      { name: "no sql_administrator_login_password", config: { azuread_authentication_only: true } },
      {
        name: "a generated password with SQL authentication off",
        config: { sql_administrator_login: "sqladmin", sql_administrator_login_password: GENERATED, azuread_authentication_only: true },
      },
    ],
    fail: [
      {
        name: "a literal password",
        config: { sql_administrator_login: "sqladmin", sql_administrator_login_password: "hunter2!Hunter2", azuread_authentication_only: true },
      },
      {
        name: "a literal with an interpolation in it",
        config: { sql_administrator_login: "sqladmin", sql_administrator_login_password: "Pw-${random_id.x.hex}", azuread_authentication_only: true },
      },
      { name: "a generated password, SQL authentication on", config: { sql_administrator_login_password: GENERATED } },
    ],
  },
  {
    id: "AIC-SYN-004",
    pass: [{ name: "data_exfiltration_protection_enabled true", config: { data_exfiltration_protection_enabled: true } }],
    fail: [
      { name: "data_exfiltration_protection_enabled false", config: { data_exfiltration_protection_enabled: false } },
      { name: "data_exfiltration_protection_enabled absent", config: {} },
    ],
    notApplicable: [{ name: "no exfiltration protection in dev (prod-only)", config: { data_exfiltration_protection_enabled: false }, profile: "dev" }],
  },
  diagnosticsTable("AIC-SYN-020"),
  lockTable("AIC-SYN-021"),
  privateEndpointTable("AIC-SYN-022"),
  publicAccessTable("AIC-SYN-023"),
];

export const DATA_STORE_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-COS-005",
    type: "azurerm_cosmosdb_account",
    name: "only the first geo_location is read: a second, non-zone-redundant location passes",
    config: { geo_location: [{ ...WEST, zone_redundant: true }, { ...NORTH, zone_redundant: false }] },
    should: "violate",
  },
  {
    id: "AIC-SQL-003",
    type: "azurerm_mssql_server",
    name: "the write-only administrator_login_password_wo (azurerm 4.55) is not checked",
    config: { administrator_login: "sqladmin", administrator_login_password_wo: "${ephemeral.random_password.Sql.result}", administrator_login_password_wo_version: 1 },
    should: "violate",
  },
];
