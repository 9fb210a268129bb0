import { absent, all, atLeast, equals, everyBlock, valueAt } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule, identityRule, prodLockRule, prodPrivateEndpointRule, prodPublicAccessRule } from "./common";

const COSMOS = ["azurerm_cosmosdb_account"];
const SQL_SERVER = ["azurerm_mssql_server"];
const SQL_DATABASE = ["azurerm_mssql_database"];
const SYNAPSE = ["azurerm_synapse_workspace"];

/** A firewall rule that opens the service to the whole internet. */
const opensEverything = (config: Record<string, unknown>) => config.start_ip_address === "0.0.0.0" && config.end_ip_address === "255.255.255.255";

export const DATA_STORE_RULES: PolicyRule[] = [
  { id: "AIC-COS-001", level: "error", resourceTypes: COSMOS, title: "Cosmos DB accounts disable key-based (local) authentication", remediation: "keep `local_authentication_disabled` true; grant with `grantDataRead`/`grantDataWrite`", check: equals("local_authentication_disabled", true) },
  { id: "AIC-COS-002", level: "error", resourceTypes: COSMOS, title: "Cosmos DB accounts require TLS 1.2", remediation: "keep `minimal_tls_version` \"Tls12\"", check: equals("minimal_tls_version", "Tls12", true) },
  { id: "AIC-COS-003", level: "warning", resourceTypes: COSMOS, title: "Cosmos DB accounts use continuous backup", remediation: "keep `backup.type` \"Continuous\"", check: equals("backup.type", "Continuous") },
  { id: "AIC-COS-004", level: "warning", resourceTypes: COSMOS, profiles: ["prod"], title: "Cosmos DB accounts fail over automatically in prod", remediation: "keep `automatic_failover_enabled` true in prod", check: equals("automatic_failover_enabled", true) },
  { id: "AIC-COS-005", level: "warning", resourceTypes: COSMOS, profiles: ["prod"], title: "Cosmos DB accounts are zone-redundant in prod", remediation: "keep `geo_location.zone_redundant` true in prod", check: everyBlock("geo_location", equals("zone_redundant", true)) },
  { id: "AIC-COS-006", level: "warning", resourceTypes: COSMOS, title: "Cosmos DB accounts forbid metadata writes with keys", remediation: "keep `access_key_metadata_writes_enabled` false", check: equals("access_key_metadata_writes_enabled", false) },
  diagnosticsRule("AIC-COS-020", COSMOS, "Cosmos DB accounts"),
  prodLockRule("AIC-COS-021", COSMOS, "Cosmos DB accounts"),
  prodPrivateEndpointRule("AIC-COS-022", COSMOS, "Cosmos DB accounts"),
  prodPublicAccessRule("AIC-COS-023", COSMOS, "Cosmos DB accounts"),

  { id: "AIC-SQL-001", level: "error", resourceTypes: SQL_SERVER, title: "SQL servers require TLS 1.2", remediation: "keep `minimum_tls_version` \"1.2\"", check: equals("minimum_tls_version", "1.2", true) },
  { id: "AIC-SQL-002", level: "error", resourceTypes: SQL_SERVER, title: "SQL servers allow Entra ID authentication only", remediation: "keep `azuread_administrator.azuread_authentication_only` true", check: equals("azuread_administrator.azuread_authentication_only", true) },
  { id: "AIC-SQL-003", level: "error", resourceTypes: SQL_SERVER, title: "SQL servers have no SQL administrator password", remediation: "do not set `administrator_login_password`; use the Entra administrator", check: all(absent("administrator_login_password"), absent("administrator_login_password_wo")) },
  { id: "AIC-SQL-004", level: "error", resourceTypes: ["azurerm_mssql_firewall_rule", "azurerm_synapse_firewall_rule"], title: "Database firewalls never open to the whole internet", remediation: "list the CIDRs that need access in `allowedIpRanges`", check: ({ config }) => !opensEverything(config) },
  { id: "AIC-SQL-005", level: "warning", resourceTypes: SQL_DATABASE, profiles: ["prod"], title: "SQL databases are zone-redundant in prod", remediation: "keep `zone_redundant` true in prod", check: equals("zone_redundant", true) },
  { id: "AIC-SQL-006", level: "warning", resourceTypes: SQL_DATABASE, title: "SQL databases keep at least 7 days of point-in-time backups", remediation: "set `backup.shortTermRetentionDays` to 7-35", check: atLeast("short_term_retention_policy.retention_days", 7, true) },
  diagnosticsRule("AIC-SQL-020", SQL_DATABASE, "SQL databases"),
  prodLockRule("AIC-SQL-021", SQL_DATABASE, "SQL databases"),
  prodPrivateEndpointRule("AIC-SQL-022", SQL_SERVER, "SQL servers"),
  prodPublicAccessRule("AIC-SQL-023", SQL_SERVER, "SQL servers"),
  identityRule("AIC-SQL-024", SQL_SERVER, "SQL servers"),

  { id: "AIC-SYN-001", level: "error", resourceTypes: SYNAPSE, title: "Synapse workspaces run in a managed virtual network", remediation: "keep `managed_virtual_network_enabled` true", check: equals("managed_virtual_network_enabled", true) },
  { id: "AIC-SYN-002", level: "error", resourceTypes: SYNAPSE, title: "Synapse workspaces allow Entra ID authentication only", remediation: "keep `azuread_authentication_only` true", check: equals("azuread_authentication_only", true) },
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
  { id: "AIC-SYN-004", level: "warning", resourceTypes: SYNAPSE, profiles: ["prod"], title: "Synapse workspaces prevent data exfiltration in prod", remediation: "keep `data_exfiltration_protection_enabled` true in prod", check: equals("data_exfiltration_protection_enabled", true) },
  diagnosticsRule("AIC-SYN-020", SYNAPSE, "Synapse workspaces"),
  prodLockRule("AIC-SYN-021", SYNAPSE, "Synapse workspaces"),
  prodPrivateEndpointRule("AIC-SYN-022", SYNAPSE, "Synapse workspaces"),
  prodPublicAccessRule("AIC-SYN-023", SYNAPSE, "Synapse workspaces"),
];
