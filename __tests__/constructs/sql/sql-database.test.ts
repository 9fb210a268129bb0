import "cdktf/lib/testing/adapters/jest";
import { Lazy, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { MssqlDatabase } from "@cdktf/provider-azurerm/lib/mssql-database";
import { MssqlServerExtendedAuditingPolicy } from "@cdktf/provider-azurerm/lib/mssql-server-extended-auditing-policy";
import { MssqlFirewallRule } from "@cdktf/provider-azurerm/lib/mssql-firewall-rule";
import { MssqlServer } from "@cdktf/provider-azurerm/lib/mssql-server";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { SqlDatabase, SqlDatabaseProps } from "../../../constructs/sql";

import { makeStack, messageOf, PROD_CONTEXT as PROD, resourcesOfType as resources, single, outsideEncryptionKey } from "../../helpers";

Testing.setupJest();

const ADMIN_ID = "11111111-1111-1111-1111-111111111111";
const APP_ID = "22222222-2222-2222-2222-222222222222";
const ADMIN = { login: "sql-admins", objectId: ADMIN_ID };
const SERVER = "${azurerm_mssql_server.Orders_Server_F73F78FA.id}";
const DATABASE = "${azurerm_mssql_database.Orders_A9B65338.id}";
const METRICS = [{ category: "Basic" }, { category: "InstanceAndAppAdvanced" }, { category: "WorkloadManagement" }];

type Props = Omit<SqlDatabaseProps, "administrator"> & { administrator?: SqlDatabaseProps["administrator"] };

function database(props: Props = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; sql: SqlDatabase } {
  const stack = makeStack(extra);
  return { stack, sql: new SqlDatabase(stack, "Orders", { administrator: ADMIN, ...props }) };
}

describe("SqlDatabase defaults (dev)", () => {
  const { stack, sql } = database();
  const synth = Testing.synth(stack);

  test("the server is Entra-only with TLS 1.2 and an identity", () => {
    expect(synth).toHaveResourceWithProperties(MssqlServer, {
      name: "sql-test-orders-af8a70",
      resource_group_name: "rg-test",
      location: "westeurope",
      version: "12.0",
      minimum_tls_version: "1.2",
      azuread_administrator: { login_username: "sql-admins", object_id: ADMIN_ID, azuread_authentication_only: true },
      public_network_access_enabled: true,
      outbound_network_restriction_enabled: false,
      identity: { type: "SystemAssigned" },
    });
  });

  test("no SQL login or password is written anywhere", () => {
    const [server] = resources(stack, "azurerm_mssql_server");
    for (const attribute of ["administrator_login", "administrator_login_password", "administrator_login_password_wo", "primary_user_assigned_identity_id"]) {
      expect(server).not.toHaveProperty(attribute);
    }
    expect(synth).not.toMatch(/password/i);
    expect(JSON.parse(synth).output).toBeUndefined();
  });

  test("the database is serverless with auto-pause, encrypted and backed up", () => {
    expect(synth).toHaveResourceWithProperties(MssqlDatabase, {
      name: "sqldb-test-orders",
      server_id: SERVER,
      sku_name: "GP_S_Gen5_1",
      auto_pause_delay_in_minutes: 60,
      min_capacity: 0.5,
      zone_redundant: false,
      storage_account_type: "Local",
      transparent_data_encryption_enabled: true,
      short_term_retention_policy: { retention_days: 7 },
    });
    expect(resources(stack, "azurerm_mssql_database")[0]).not.toHaveProperty("long_term_retention_policy");
  });

  test("dev has no private endpoint, firewall rule, diagnostics, auditing or lock", () => {
    const types = [PrivateEndpoint, MssqlFirewallRule, MonitorDiagnosticSetting, MssqlServerExtendedAuditingPolicy, ManagementLock, RoleAssignment];
    for (const type of types) {
      expect(synth).not.toHaveResource(type);
    }
    expect(sql.privateEndpoint).toBeUndefined();
    expect(sql.firewallRules).toEqual([]);
    expect(sql.diagnostics).toBeUndefined();
    expect(sql.auditing).toBeUndefined();
    expect(sql.lock).toBeUndefined();
  });

  test("exposes the L1s and their attributes", () => {
    expect(sql.resource).toBeInstanceOf(MssqlDatabase);
    expect(sql.resource.node.id).toBe("Resource");
    expect(sql.server).toBeInstanceOf(MssqlServer);
    const { stack: outputs, sql: other } = database();
    const attrs = { id: other.id, name: other.name, serverId: other.serverId, serverName: other.serverName, fqdn: other.fullyQualifiedDomainName };
    for (const [key, value] of Object.entries(attrs)) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(DATABASE);
    expect(output.name.value).toBe("${azurerm_mssql_database.Orders_A9B65338.name}");
    expect(output.serverId.value).toBe(SERVER);
    expect(output.serverName.value).toBe("${azurerm_mssql_server.Orders_Server_F73F78FA.name}");
    expect(output.fqdn.value).toBe("${azurerm_mssql_server.Orders_Server_F73F78FA.fully_qualified_domain_name}");
  });
});

describe("SqlDatabase in prod", () => {
  const { stack, sql } = database({}, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const synth = Testing.synth(stack);

  test("the database is provisioned General Purpose, zone-redundant, with geo-redundant backups", () => {
    expect(synth).toHaveResourceWithProperties(MssqlDatabase, { sku_name: "GP_Gen5_2", zone_redundant: true, storage_account_type: "Geo" });
    const [db] = resources(stack, "azurerm_mssql_database");
    expect(db).not.toHaveProperty("auto_pause_delay_in_minutes");
    expect(db).not.toHaveProperty("min_capacity");
  });

  test("the server has a sqlServer private endpoint with the database DNS zone, public access off and no firewall rules", () => {
    expect(synth).toHaveResourceWithProperties(MssqlServer, { public_network_access_enabled: false });
    expect(resources(stack, "azurerm_private_endpoint").filter(outsideEncryptionKey)).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-sql-test-orders-af8a70-sql-server",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: SERVER, subresource_names: ["sqlServer"] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.database.windows.net"] }),
    });
    expect(synth).not.toHaveResource(MssqlFirewallRule);
    expect(sql.privateEndpoint).toBeDefined();
  });

  test("audits to Log Analytics: database logs and the metrics SQL accepts, with auditing to Azure Monitor on", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: DATABASE,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: METRICS,
    });
    // Server-level auditing (every database once), its events through the master database's setting; no per-database policy.
    expect(synth).toHaveResourceWithProperties(MssqlServerExtendedAuditingPolicy, { server_id: SERVER, enabled: true, log_monitoring_enabled: true });
    expect(resources(stack, "azurerm_mssql_server_extended_auditing_policy")[0]).not.toHaveProperty("storage_endpoint");
    expect(Object.keys(resources(stack, "azurerm_mssql_database_extended_auditing_policy"))).toEqual([]);
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: `${SERVER}/databases/master`,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category: "SQLSecurityAuditEvents" }],
    });
    expect(sql.auditing).toBeDefined();
    expect(sql.auditDiagnostics).toBeDefined();
  });

  test("the database is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-sqldb-test-orders", scope: DATABASE, lock_level: "CanNotDelete" });
    expect(sql.lock).toBeDefined();
  });
});

describe("SqlDatabase firewall", () => {
  test("one rule per allowed range from context, as start and end addresses; no Azure-services rule", () => {
    const { stack, sql } = database({}, { allowedIpRanges: ["198.51.100.0/24", "203.0.113.7", "203.0.113.7/32", "192.0.2.77/30"] });
    const rules = resources(stack, "azurerm_mssql_firewall_rule").map((r) => [r.name, r.start_ip_address, r.end_ip_address, r.server_id]);
    expect(rules).toHaveLength(3);
    expect(rules).toEqual(expect.arrayContaining([
      ["allow-198.51.100.0-24", "198.51.100.0", "198.51.100.255", SERVER],
      ["allow-203.0.113.7-32", "203.0.113.7", "203.0.113.7", SERVER],
      ["allow-192.0.2.76-30", "192.0.2.76", "192.0.2.79", SERVER],
    ]));
    expect(sql.firewallRules).toHaveLength(3);
    expect(JSON.stringify(rules)).not.toContain("0.0.0.0");
  });

  test("props allowedIpRanges replace the context's", () => {
    const { stack } = database({ allowedIpRanges: ["203.0.113.0/28"] }, { allowedIpRanges: ["198.51.100.0/24"] });
    expect(resources(stack, "azurerm_mssql_firewall_rule").map((r) => r.name)).toEqual(["allow-203.0.113.0-28"]);
  });

  test("allowAzureServices adds the 0.0.0.0 rule only when asked", () => {
    const { stack } = database({ allowAzureServices: true });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MssqlFirewallRule, {
      name: "AllowAllWindowsAzureIps",
      server_id: SERVER,
      start_ip_address: "0.0.0.0",
      end_ip_address: "0.0.0.0",
    });
  });

  test("public access in prod keeps the private endpoint and adds the rules", () => {
    const { stack } = database({ publicNetworkAccess: true }, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(MssqlServer, { public_network_access_enabled: true });
    expect(synth).toHaveResource(PrivateEndpoint);
    expect(resources(stack, "azurerm_mssql_firewall_rule")).toHaveLength(1);
  });

  test("publicNetworkAccess false without an endpoint survives and creates no rules", () => {
    const { stack } = database({ publicNetworkAccess: false }, { allowedIpRanges: ["198.51.100.0/24"] });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(MssqlServer, { public_network_access_enabled: false });
    expect(synth).not.toHaveResource(MssqlFirewallRule);
  });
});

describe("SqlDatabase overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack } = database(
      {
        customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
        name: "orders",
        serverName: "sql-contoso-orders",
        administrator: { login: "dba@contoso.com", objectId: ADMIN_ID, tenantId: "44444444-4444-4444-4444-444444444444" },
        sku: "GP_S_Gen5_2",
        autoPauseDelayInMinutes: -1,
        minCapacity: 1,
        zoneRedundant: false,
        storageAccountType: "GeoZone",
        shortTermRetentionDays: 35,
        longTermRetention: { weeklyRetention: "P4W", monthlyRetention: "P12M", yearlyRetention: "P5Y", weekOfYear: 1 },
        outboundNetworkRestriction: true,
        identity: { systemAssigned: false },
        tags: { owner: "team" },
        diagnostics: false,
        privateEndpoint: false,
        lock: false,
      },
      PROD,
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(MssqlServer, {
      name: "sql-contoso-orders",
      azuread_administrator: { login_username: "dba@contoso.com", object_id: ADMIN_ID, tenant_id: "44444444-4444-4444-4444-444444444444", azuread_authentication_only: true },
      outbound_network_restriction_enabled: true,
      tags: { owner: "team" },
    });
    expect(resources(stack, "azurerm_mssql_server")[0]).not.toHaveProperty("identity");
    expect(synth).toHaveResourceWithProperties(MssqlDatabase, {
      name: "orders",
      sku_name: "GP_S_Gen5_2",
      auto_pause_delay_in_minutes: -1,
      min_capacity: 1,
      zone_redundant: false,
      storage_account_type: "GeoZone",
      short_term_retention_policy: { retention_days: 35 },
      long_term_retention_policy: { weekly_retention: "P4W", monthly_retention: "P12M", yearly_retention: "P5Y", week_of_year: 1 },
      tags: { owner: "team" },
    });
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, MssqlServerExtendedAuditingPolicy, ManagementLock]) {
      expect(synth).not.toHaveResource(type);
    }
    // Without the endpoint public access comes back on, behind an empty firewall.
    expect(synth).toHaveResourceWithProperties(MssqlServer, { public_network_access_enabled: true });
  });

  test("a provisioned SKU in dev gets no serverless settings", () => {
    const { stack } = database({ sku: "GP_Gen5_4" });
    const [db] = resources(stack, "azurerm_mssql_database");
    expect(db.sku_name).toBe("GP_Gen5_4");
    expect(db).not.toHaveProperty("auto_pause_delay_in_minutes");
    expect(db).not.toHaveProperty("min_capacity");
  });

  test("a serverless SKU in prod pauses after 60 minutes unless told otherwise", () => {
    const { stack } = database({ sku: "GP_S_Gen5_2" }, PROD);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MssqlDatabase, { sku_name: "GP_S_Gen5_2", auto_pause_delay_in_minutes: 60, min_capacity: 0.5, zone_redundant: true });
  });

  test("user-assigned identities join the system-assigned one and the first is the primary", () => {
    const stack = makeStack();
    const uami = new UserAssignedIdentity(stack, "Identity");
    new SqlDatabase(stack, "Orders", { administrator: ADMIN, identity: { userAssigned: [uami] } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MssqlServer, {
      identity: expect.objectContaining({ type: "SystemAssigned, UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Identity_2D60E2CC.id}"] }),
      primary_user_assigned_identity_id: "${azurerm_user_assigned_identity.Identity_2D60E2CC.id}",
    });
  });

  test("user diagnostics options replace the defaults; auditing follows diagnostics", () => {
    const { stack } = database({ diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" }, logCategoryGroups: ["audit"], metricCategories: ["Basic"] } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      log_analytics_workspace_id: "/other",
      enabled_log: [{ category_group: "audit" }],
      enabled_metric: [{ category: "Basic" }],
    });
    expect(synth).toHaveResource(MssqlServerExtendedAuditingPolicy);
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: `${SERVER}/databases/master`,
      log_analytics_workspace_id: "/other",
    });
  });
});

describe("SqlDatabase validation", () => {
  const at = (message: string) => `test/Orders: ${message}`;

  test.each([
    [{ login: " ", objectId: ADMIN_ID }, 'administrator.login " " is empty; use the display name of the Entra user, group or application'],
    [{ login: "dba", objectId: "dba@contoso.com" }, 'administrator.objectId "dba@contoso.com" is not a GUID; use the Entra object id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'],
    [{ login: "dba", objectId: ADMIN_ID, tenantId: "contoso" }, 'administrator.tenantId "contoso" is not a GUID; use the Entra tenant id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'],
  ])("administrator %p is rejected", (administrator, message) => {
    expect(() => database({ administrator })).toThrow(at(message));
  });

  test.each([
    [
      { login: "dba", objectId: "00000000-0000-0000-0000-000000000000" },
      'administrator.objectId "00000000-0000-0000-0000-000000000000" is the nil GUID, a placeholder that names no Entra principal: ' +
        "nobody could sign in as administrator; use the object id of the Entra group or user that administers the databases, " +
        "or leave administrator unset (the deploying principal)",
    ],
    [
      { login: "dba", objectId: ADMIN_ID, tenantId: "00000000-0000-0000-0000-000000000000" },
      'administrator.tenantId "00000000-0000-0000-0000-000000000000" is the nil GUID, a placeholder that names no Entra principal: ' +
        "nobody could sign in as administrator; use the real Entra tenant id, or leave tenantId unset (the deploying principal's tenant)",
    ],
  ])("the nil GUID %p is refused", (administrator, message) => {
    expect(messageOf(() => database({ administrator }))).toBe(at(message));
  });

  test("without an administrator the deploying principal administers the server", () => {
    const stack = makeStack();
    new SqlDatabase(stack, "Orders");
    expect(single(stack, "azurerm_mssql_server").config.azuread_administrator).toEqual({
      login_username: "deploying-principal",
      object_id: "${data.azurerm_client_config.ClientConfig.object_id}",
      tenant_id: "${data.azurerm_client_config.ClientConfig.tenant_id}",
      azuread_authentication_only: true,
    });
  });

  test("an administrator known only at deploy time is accepted", () => {
    expect(() => database({ administrator: { login: "pipeline", objectId: Lazy.stringValue({ produce: () => ADMIN_ID }) } })).not.toThrow();
  });

  test.each([
    [{ sku: "GP_Gen5_2", autoPauseDelayInMinutes: 60 }, 'autoPauseDelayInMinutes 60 applies to serverless SKUs only, not "GP_Gen5_2"; use a serverless SKU such as "GP_S_Gen5_1" or leave autoPauseDelayInMinutes out'],
    [{ sku: "BC_Gen5_2", minCapacity: 1 }, 'minCapacity 1 applies to serverless SKUs only, not "BC_Gen5_2"; use a serverless SKU such as "GP_S_Gen5_1" or leave minCapacity out'],
    [{ autoPauseDelayInMinutes: 10 }, "autoPauseDelayInMinutes 10 is not -1 or a whole number of minutes from 15 to 10080; use -1 (never pause) or 15-10080 minutes (up to seven days)"],
    [{ autoPauseDelayInMinutes: 10081 }, "autoPauseDelayInMinutes 10081 is not -1 or a whole number of minutes from 15 to 10080; use -1 (never pause) or 15-10080 minutes (up to seven days)"],
    [{ autoPauseDelayInMinutes: 0 }, "autoPauseDelayInMinutes 0 is not -1 or a whole number of minutes from 15 to 10080; use -1 (never pause) or 15-10080 minutes (up to seven days)"],
    [{ minCapacity: 0.25 }, "minCapacity 0.25 is below the serverless minimum of 0.5 vCores; set minCapacity to 0.5 or more"],
    [{ sku: "GP_S_Gen5_2", minCapacity: 4 }, 'minCapacity 4 is above the 2 vCores of SKU "GP_S_Gen5_2"; set minCapacity from 0.5 to 2, or choose a larger SKU'],
  ])("serverless settings %p are rejected", (props, message) => {
    expect(() => database(props)).toThrow(at(message));
  });

  test.each([15, 10080, -1])("autoPauseDelayInMinutes %p is accepted", (autoPauseDelayInMinutes) => {
    expect(() => database({ autoPauseDelayInMinutes })).not.toThrow();
  });

  test.each(["Basic", "S0", "S3"])("zone redundancy on %p is rejected", (sku) => {
    expect(() => database({ sku, zoneRedundant: true })).toThrow(
      at(`zoneRedundant true is not available for SKU "${sku}"; use a General Purpose, Business Critical, Premium or Hyperscale SKU (e.g. "GP_Gen5_2") or set zoneRedundant: false`),
    );
  });

  test("a DTU SKU in prod must opt out of the profile's zone redundancy", () => {
    expect(() => database({ sku: "S1" }, PROD)).toThrow(at('zoneRedundant true is not available for SKU "S1"'));
    expect(() => database({ sku: "S1", zoneRedundant: false }, PROD)).not.toThrow();
  });

  test.each([0, 36, 2.5])("shortTermRetentionDays %p is rejected", (days) => {
    expect(() => database({ shortTermRetentionDays: days })).toThrow(
      at(`shortTermRetentionDays ${days} is not a whole number of days from 1 to 35; set shortTermRetentionDays to 1-35 (the point-in-time restore window Azure allows)`),
    );
  });

  test.each([1, 35])("shortTermRetentionDays %p is accepted", (days) => {
    expect(() => database({ shortTermRetentionDays: days })).not.toThrow();
  });

  test.each([
    [{ weeklyRetention: "4 weeks" }, 'longTermRetention.weeklyRetention "4 weeks" is not an ISO-8601 duration of one unit; use e.g. "P4W", "P12M" or "P5Y"'],
    [{ monthlyRetention: "P1Y6M" }, 'longTermRetention.monthlyRetention "P1Y6M" is not an ISO-8601 duration of one unit; use e.g. "P4W", "P12M" or "P5Y"'],
    [{ weeklyRetention: "P0W" }, 'longTermRetention.weeklyRetention "P0W" is not an ISO-8601 duration of one unit; use e.g. "P4W", "P12M" or "P5Y"'],
    [{ weeklyRetention: "P521W" }, 'longTermRetention.weeklyRetention "P521W" is outside one week to ten years; use a duration from "P1W" to "P10Y"'],
    [{ weeklyRetention: "P3651D" }, 'longTermRetention.weeklyRetention "P3651D" is outside one week to ten years; use a duration from "P1W" to "P10Y"'],
    [{ weeklyRetention: "P6D" }, 'longTermRetention.weeklyRetention "P6D" is outside one week to ten years; use a duration from "P1W" to "P10Y"'],
    [{ monthlyRetention: "P121M" }, 'longTermRetention.monthlyRetention "P121M" is outside one week to ten years; use a duration from "P1W" to "P10Y"'],
    [{ yearlyRetention: "P11Y", weekOfYear: 1 }, 'longTermRetention.yearlyRetention "P11Y" is outside one week to ten years; use a duration from "P1W" to "P10Y"'],
    [{ yearlyRetention: "P5Y" }, "longTermRetention.weekOfYear is required with yearlyRetention; set weekOfYear (1-52) to the week whose backup is kept"],
    [{ yearlyRetention: "P5Y", weekOfYear: 53 }, "longTermRetention.weekOfYear 53 is not a week from 1 to 52; set weekOfYear to 1-52"],
  ])("longTermRetention %p is rejected", (longTermRetention, message) => {
    expect(() => database({ longTermRetention })).toThrow(at(message));
  });

  test.each([{ weeklyRetention: "P1W" }, { weeklyRetention: "P7D", monthlyRetention: "P120M", yearlyRetention: "P10Y", weekOfYear: 52 }, { weeklyRetention: "P520W", monthlyRetention: "P3650D" }])("longTermRetention %p is accepted", (longTermRetention) => {
    expect(() => database({ longTermRetention })).not.toThrow();
  });

  test("allowAzureServices without public access is rejected", () => {
    expect(() => database({ allowAzureServices: true }, PROD)).toThrow(
      at("allowAzureServices true has no effect while public network access is off; set publicNetworkAccess: true or leave allowAzureServices out"),
    );
  });

  test.each(["198.51.100.0/33", "example.com", "10.0.0.256"])("allowed range %p is rejected", (range) => {
    expect(() => database({ allowedIpRanges: [range] })).toThrow(at(`allowedIpRanges "${range}" is not an IPv4 address or CIDR range; use e.g. "203.0.113.7" or "198.51.100.0/24"`));
  });

  test("an allowed range known only at deploy time is rejected", () => {
    expect(() => database({ allowedIpRanges: [Lazy.stringValue({ produce: () => "198.51.100.0/24" })] })).toThrow(
      at("allowedIpRanges contains a value known only at deploy time; firewall rules are split into address ranges at synth; pass literal CIDR ranges"),
    );
  });

  test("bad explicit names name the rule and the fix", () => {
    expect(() => database({ serverName: "SQL_Orders" })).toThrow(
      at('serverName "SQL_Orders" breaks the sqlServer naming rule; use lower-case letters, digits and hyphens, not starting or ending with a hyphen'),
    );
    expect(() => database({ name: "orders?" })).toThrow(at('name "orders?" breaks the sqlDatabase naming rule; use no <>*%&:\\/?, not ending with \'.\' or a space'));
  });

  test("the generated names are valid", () => {
    const { stack } = database();
    expect(resources(stack, "azurerm_mssql_server")[0].name).toMatch(NAMING_RULES.sqlServer.pattern);
    expect(resources(stack, "azurerm_mssql_database")[0].name).toMatch(NAMING_RULES.sqlDatabase.pattern);
  });
});

describe("SqlDatabase users and grants", () => {
  const HEADER = [
    "-- Database access for Microsoft Entra principals (server sql-test-orders-af8a70, database sqldb-test-orders).",
    "-- Run connected to the database itself (not master), signed in as the server's Microsoft Entra",
    "-- administrator (the pattern stacks run it during terraform apply when the deployer can reach the server).",
  ].join("\n");

  test("database users deploy nothing and render a re-runnable T-SQL script", () => {
    const { stack, sql } = database();
    expect(sql.userScript()).toBe("");
    expect(sql.addDatabaseUser("func-reports")).toEqual({ principalName: "func-reports", roles: ["db_datareader"] });
    const writer = ["db_datareader", "db_datawriter"] as const;
    expect(sql.addDatabaseUser("func-orders", { roles: writer })).toEqual({ principalName: "func-orders", roles: writer });
    expect(sql.userScript()).toBe(
      [
        HEADER,
        "",
        "IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'func-reports')",
        "    CREATE USER [func-reports] FROM EXTERNAL PROVIDER;",
        "ALTER ROLE db_datareader ADD MEMBER [func-reports];",
        "",
        "IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'func-orders')",
        "    CREATE USER [func-orders] FROM EXTERNAL PROVIDER;",
        "ALTER ROLE db_datareader ADD MEMBER [func-orders];",
        "ALTER ROLE db_datawriter ADD MEMBER [func-orders];",
        "",
      ].join("\n"),
    );
    const synth = Testing.synth(stack);
    expect(synth).not.toHaveResource(RoleAssignment);
    expect(synth).not.toContain("func-orders");
  });

  test("users of one principal merge without repeating a role", () => {
    const { sql } = database();
    sql.addDatabaseUser("app");
    sql.addDatabaseUser("app", { roles: ["db_datareader", "db_datawriter"] });
    expect(sql.addDatabaseUser("app")).toEqual({ principalName: "app", roles: ["db_datareader", "db_datawriter"] });
    expect(sql.databaseUsers).toEqual([{ principalName: "app", roles: ["db_datareader", "db_datawriter"] }]);
    expect(sql.userScript().match(/CREATE USER/g)).toHaveLength(1);
  });

  test("names are quoted for T-SQL", () => {
    const { sql } = database();
    sql.addDatabaseUser("O'Brien [ops]");
    expect(sql.userScript()).toContain(
      ["IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'O''Brien [ops]')", "    CREATE USER [O'Brien [ops]]] FROM EXTERNAL PROVIDER;", "ALTER ROLE db_datareader ADD MEMBER [O'Brien [ops]]];"].join("\n"),
    );
  });

  test("the script leaves out names known only at deploy time", () => {
    const { sql } = database({ name: Lazy.stringValue({ produce: () => "orders" }) });
    sql.addDatabaseUser("app");
    expect(sql.userScript().split("\n")[0]).toBe("-- Database access for Microsoft Entra principals (server sql-test-orders-af8a70).");
  });

  test.each([
    ["", 'principalName "" is empty; pass the Entra display name of the user, group or managed identity'],
    ["  ", 'principalName "  " is empty; pass the Entra display name of the user, group or managed identity'],
    ["x".repeat(129), `principalName "${"x".repeat(129)}" is 129 characters; a database user name must be 1-128; pass the Entra display name of the user, group or managed identity`],
  ])("principal name %p is rejected", (name, message) => {
    expect(() => database().sql.addDatabaseUser(name, { roles: ["db_datareader", "db_datawriter"] })).toThrow(`test/Orders: ${message}`);
  });

  test("a principal name known only at deploy time is rejected", () => {
    const { stack, sql } = database();
    const uami = new UserAssignedIdentity(stack, "Identity");
    expect(() => sql.addDatabaseUser(uami.name)).toThrow(
      "test/Orders: principalName is known only at deploy time, but the user script is written at synth; " +
        "pass the literal Entra name of the identity (e.g. the Function App or user-assigned identity name)",
    );
  });

  test("grantContributor assigns SQL DB Contributor on the database", () => {
    const { stack, sql } = database();
    expect(sql.grantContributor(Principal.fromObjectId(APP_ID, "Group"))).toBeInstanceOf(RoleAssignment);
    expect(sql.grantContributor(Principal.fromObjectId(APP_ID, "Group"))).toBe(sql.grantContributor(Principal.fromObjectId(APP_ID, "Group")));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: DATABASE,
      role_definition_name: "SQL DB Contributor",
      principal_id: APP_ID,
      principal_type: "Group",
    });
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
  });

  test("grantContributor to a managed identity skips the Entra replication check", () => {
    const { stack, sql } = database();
    sql.grantContributor(new UserAssignedIdentity(stack, "Identity"));
    expect(resources(stack, "azurerm_role_assignment")[0]).toMatchObject({ principal_type: "ServicePrincipal", skip_service_principal_aad_check: true });
  });
});

test("fully-featured SqlDatabase snapshot", () => {
  const { stack, sql } = database(
    {
      longTermRetention: { weeklyRetention: "P4W", monthlyRetention: "P12M", yearlyRetention: "P5Y", weekOfYear: 1 },
      shortTermRetentionDays: 14,
      publicNetworkAccess: true,
      allowedIpRanges: ["198.51.100.0/24", "203.0.113.7"],
      tags: { owner: "team" },
    },
    PROD,
  );
  sql.grantContributor(Principal.fromObjectId(APP_ID, "Group"));
  sql.addDatabaseUser("func-contoso-orders", { roles: ["db_datareader", "db_datawriter"] });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
  expect(sql.userScript()).toMatchSnapshot();
});
