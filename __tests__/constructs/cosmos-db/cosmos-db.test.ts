import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { CosmosdbAccount } from "@cdktf/provider-azurerm/lib/cosmosdb-account";
import { CosmosdbSqlContainer } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-container";
import { CosmosdbSqlDatabase } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-database";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { ResourceGroup } from "../../../constructs/resource-group";
import { CosmosDbAccount, CosmosDbAccountProps, CosmosDbDataRoles, CosmosDbSqlContainer, CosmosDbSqlDatabase } from "../../../constructs/cosmos-db";

import {
  makeStack,
  PROD_CONTEXT as PROD,
  resolved,
  resourcesOfType as resources,
  SUBSCRIPTION_ID,
  outsideEncryptionKey,
  withProvider,
} from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const ACCOUNT = "${azurerm_cosmosdb_account.Cosmos_3C6CEA13.id}";
const ACCOUNT_NAME = "${azurerm_cosmosdb_account.Cosmos_3C6CEA13.name}";
const DATABASE = "azurerm_cosmosdb_sql_database.Cosmos_Database-app_885EEFBC";
const CONTAINER = "azurerm_cosmosdb_sql_container.Cosmos_Database-app_Container-orders_C43CBAC5";
const READER = `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`;
const CONTRIBUTOR = `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`;

function account(props: CosmosDbAccountProps = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; cosmos: CosmosDbAccount } {
  const stack = makeStack(extra);
  return { stack, cosmos: new CosmosDbAccount(stack, "Cosmos", props) };
}

describe("CosmosDbAccount defaults (dev)", () => {
  const { stack, cosmos } = account();
  const synth = Testing.synth(stack);

  test("is hardened", () => {
    expect(synth).toHaveResourceWithProperties(CosmosdbAccount, {
      name: "cosmos-test-cosmos-a7153b",
      resource_group_name: "rg-test",
      location: "westeurope",
      offer_type: "Standard",
      kind: "GlobalDocumentDB",
      local_authentication_disabled: true,
      access_key_metadata_writes_enabled: false,
      minimal_tls_version: "Tls12",
      network_acl_bypass_for_azure_services: false,
      public_network_access_enabled: true,
      is_virtual_network_filter_enabled: true,
      ip_range_filter: [],
      automatic_failover_enabled: false,
      consistency_policy: { consistency_level: "Session" },
      geo_location: [{ location: "westeurope", failover_priority: 0, zone_redundant: false }],
      backup: { type: "Continuous", tier: "Continuous7Days" },
      identity: { type: "SystemAssigned" },
    });
  });

  test("uses current attribute names and writes no key anywhere", () => {
    const [config] = resources(stack, "azurerm_cosmosdb_account");
    for (const deprecated of ["enable_automatic_failover", "enable_free_tier", "enable_multiple_write_locations"]) expect(config).not.toHaveProperty(deprecated);
    expect(synth).not.toMatch(/primary_key|connection_strings|primary_sql_connection_string/);
    expect(JSON.parse(synth).output).toBeUndefined();
  });

  test("dev has no private endpoint, diagnostics, lock, databases or grants", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock, CosmosdbSqlDatabase, CosmosdbSqlRoleAssignment, RoleAssignment]) {
      expect(synth).not.toHaveResource(type);
    }
    expect(cosmos.privateEndpoint).toBeUndefined();
    expect(cosmos.diagnostics).toBeUndefined();
    expect(cosmos.lock).toBeUndefined();
    expect(cosmos.databases.size).toBe(0);
  });

  test("exposes the L1 and its attributes", () => {
    expect(cosmos.resource).toBeInstanceOf(CosmosdbAccount);
    expect(cosmos.resource.node.id).toBe("Resource");
    const { stack: outputs, cosmos: other } = account();
    for (const [key, value] of Object.entries({ id: other.id, name: other.name, endpoint: other.endpoint })) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(ACCOUNT);
    expect(output.name.value).toBe(ACCOUNT_NAME);
    expect(output.endpoint.value).toBe("${azurerm_cosmosdb_account.Cosmos_3C6CEA13.endpoint}");
    expect(other.resourceGroupName).toBe("rg-test");
  });

  test("fromName refers to an existing account", () => {
    const stack = makeStack();
    const existing = CosmosDbAccount.fromName(stack, "Shared", "cosmos-shared", ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-data", "westeurope"));
    expect({ id: existing.id, name: existing.name, resourceGroupName: existing.resourceGroupName, endpoint: existing.endpoint }).toEqual({
      id: SHARED_ID,
      name: "cosmos-shared",
      resourceGroupName: "rg-data",
      endpoint: "https://cosmos-shared.documents.azure.com:443/",
    });
    expect(CosmosDbAccount.fromName(stack, "InContext", "cosmos-shared").resourceGroupName).toBe("rg-test");
    expect(() => CosmosDbAccount.fromName(stack, "Bad", "Cosmos_Shared")).toThrow(/^test\/Bad: name "Cosmos_Shared" /);
  });
});

const SHARED_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-shared`;

describe("CosmosDbAccount.fromId", () => {
  test("a literal id gives its names, the public-cloud endpoint and the same grants and databases as a created account", () => {
    const stack = makeStack();
    const existing = CosmosDbAccount.fromId(stack, "Shared", SHARED_ID);
    expect([existing.name, existing.resourceGroupName, existing.endpoint]).toEqual([
      "cosmos-shared",
      "rg-data",
      "https://cosmos-shared.documents.azure.com:443/",
    ]);
    const app = Principal.fromObjectId(APP_ID, "ServicePrincipal");
    const read = existing.grantDataRead(app);
    expect(existing.grantDataRead(app)).toBe(read);
    existing.grantDataWrite(app);
    const reader = existing.grant(app, "Cosmos DB Account Reader Role");
    const db = existing.addDatabase("app");
    expect(existing.databases.get("app")).toBe(db);
    expect(() => existing.addDatabase("app")).toThrow('test/Shared: database name "app" is already defined on this account; add each database once');
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      account_name: "cosmos-shared",
      resource_group_name: "rg-data",
      scope: SHARED_ID,
      role_definition_id: `${SHARED_ID}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
      principal_id: APP_ID,
    });
    const contributor = `${SHARED_ID}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`;
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, { role_definition_id: contributor });
    expect(reader).toBeInstanceOf(RoleAssignment);
    expect(synth).toHaveResourceWithProperties(RoleAssignment, { scope: SHARED_ID, role_definition_name: "Cosmos DB Account Reader Role" });
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlDatabase, { name: "app", account_name: "cosmos-shared", resource_group_name: "rg-data" });
    expect(synth).not.toHaveResource(CosmosdbAccount);
  });

  test("an id known only at deploy time is split by Terraform", () => {
    const stack = makeStack();
    const id = new TerraformVariable(stack, "accountId", { type: "string" }).stringValue;
    const existing = CosmosDbAccount.fromId(stack, "Shared", id);
    for (const [key, value] of Object.entries({ name: existing.name, rg: existing.resourceGroupName })) new TerraformOutput(stack, key, { value });
    const { output } = JSON.parse(Testing.synth(stack));
    expect(output.name.value).toBe('${element(split("/", var.accountId), 8)}');
    expect(output.rg.value).toBe('${element(split("/", var.accountId), 4)}');
  });

  test("a wrong id names the import, the id, the rule and the fix", () => {
    const wrong = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared`;
    expect(() => CosmosDbAccount.fromId(makeStack(), "Shared", wrong)).toThrow(
      `test/Shared: accountId "${wrong}" is not the id of a Microsoft.DocumentDB/databaseAccounts resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.DocumentDB/databaseAccounts/<name>",
    );
  });
});

describe("CosmosDbAccount principal", () => {
  test("is the system-assigned identity by default, a user-assigned one without it, and an error with neither", () => {
    const { stack: created, cosmos } = account();
    expect(resolved(created, cosmos.principal)).toEqual({
      principalId: "${azurerm_cosmosdb_account.Cosmos_3C6CEA13.identity[0].principal_id}",
      principalType: "ServicePrincipal",
      grantKey: "test/Cosmos",
    });
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Id");
    expect(new CosmosDbAccount(stack, "User", { identity: { systemAssigned: false, userAssigned: [identity] } }).principal).toBe(identity);
    const none = new CosmosDbAccount(stack, "None", { identity: { systemAssigned: false } });
    expect(() => none.principal).toThrow(/^test\/None: principal is not available: the resource has no managed identity/);
  });

  test("grants take the account itself as grantee (its principal)", () => {
    const { stack, cosmos } = account();
    const other = new CosmosDbAccount(stack, "Other");
    const grant = other.grantDataRead(cosmos);
    expect(resolved(stack, grant.principalIdInput)).toBe("${azurerm_cosmosdb_account.Cosmos_3C6CEA13.identity[0].principal_id}");
    expect(other.grantDataRead(cosmos.principal)).toBe(grant);
  });
});

describe("CosmosDbAccount in prod", () => {
  const { stack, cosmos } = account({ additionalLocations: ["northeurope"] }, PROD);
  const synth = Testing.synth(stack);

  test("is zone-redundant in every region with automatic failover", () => {
    expect(synth).toHaveResourceWithProperties(CosmosdbAccount, {
      automatic_failover_enabled: true,
      geo_location: [
        { location: "westeurope", failover_priority: 0, zone_redundant: true },
        { location: "northeurope", failover_priority: 1, zone_redundant: true },
      ],
    });
  });

  test("has a Sql private endpoint with the documents DNS zone and public access off", () => {
    expect(synth).toHaveResourceWithProperties(CosmosdbAccount, { public_network_access_enabled: false, is_virtual_network_filter_enabled: true });
    expect(resources(stack, "azurerm_private_endpoint").filter(outsideEncryptionKey)).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-cosmos-test-cosmos-a7153b-sql",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: ACCOUNT, subresource_names: ["Sql"] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.documents.azure.com"] }),
    });
    expect(cosmos.privateEndpoint).toBeDefined();
  });

  test("sends allLogs to resource-specific tables and Requests metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: ACCOUNT,
      log_analytics_workspace_id: "/ws",
      log_analytics_destination_type: "Dedicated",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "Requests" }],
    });
    expect(cosmos.diagnostics).toBeDefined();
  });

  test("is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-cosmos-test-cosmos-a7153b", scope: ACCOUNT, lock_level: "CanNotDelete" });
    expect(cosmos.lock).toBeDefined();
  });
});

describe("CosmosDbAccount overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack } = account(
      {
        customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
        name: "cosmos-custom",
        consistencyLevel: "BoundedStaleness",
        zoneRedundant: false,
        automaticFailover: false,
        backupTier: "Continuous30Days",
        publicNetworkAccess: true,
        allowedIpRanges: ["203.0.113.7"],
        identity: { systemAssigned: false },
        tags: { owner: "team" },
        diagnostics: false,
        privateEndpoint: false,
        lock: false,
      },
      { ...PROD, allowedIpRanges: ["198.51.100.0/24"] },
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CosmosdbAccount, {
      name: "cosmos-custom",
      consistency_policy: { consistency_level: "BoundedStaleness" },
      automatic_failover_enabled: false,
      geo_location: [{ location: "westeurope", failover_priority: 0, zone_redundant: false }],
      backup: { type: "Continuous", tier: "Continuous30Days" },
      public_network_access_enabled: true,
      ip_range_filter: ["203.0.113.7"],
      tags: { owner: "team" },
    });
    expect(resources(stack, "azurerm_cosmosdb_account")[0]).not.toHaveProperty("identity");
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
  });

  test("context allowedIpRanges feed the IP filter; publicNetworkAccess false without an endpoint survives", () => {
    const { stack } = account({ publicNetworkAccess: false }, { allowedIpRanges: ["198.51.100.0/24"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbAccount, {
      public_network_access_enabled: false,
      is_virtual_network_filter_enabled: true,
      ip_range_filter: ["198.51.100.0/24"],
    });
  });

  test('firewallDefaultAction "Allow" opens the public endpoint to all networks', () => {
    const { stack } = account({ firewallDefaultAction: "Allow" }, { allowedIpRanges: ["198.51.100.0/24"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbAccount, { is_virtual_network_filter_enabled: false, ip_range_filter: [] });
  });

  test("additional regions follow the primary in failover order", () => {
    const { stack } = account({ additionalLocations: ["northeurope", "swedencentral"] });
    const [config] = resources(stack, "azurerm_cosmosdb_account");
    expect(config.geo_location.map((g: { location: string; failover_priority: number }) => [g.location, g.failover_priority])).toEqual([
      ["westeurope", 0],
      ["northeurope", 1],
      ["swedencentral", 2],
    ]);
  });

  test("user-assigned identities join the system-assigned one", () => {
    const stack = makeStack();
    const uami = new UserAssignedIdentity(stack, "Identity");
    new CosmosDbAccount(stack, "Cosmos", { identity: { userAssigned: [uami] } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbAccount, {
      identity: expect.objectContaining({ type: "SystemAssigned, UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Identity_2D60E2CC.id}"] }),
    });
  });

  test("user diagnostics options replace the defaults", () => {
    const { stack } = account({ diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" }, logCategoryGroups: ["audit"], metricCategories: [] } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      log_analytics_workspace_id: "/other",
      enabled_log: [{ category_group: "audit" }],
      enabled_metric: [],
    });
  });
});

describe("Cosmos DB databases and containers", () => {
  test("a database with shared manual throughput", () => {
    const { stack, cosmos } = account();
    const db = cosmos.addDatabase("app", { throughput: 400 });
    expect(db).toBeInstanceOf(CosmosDbSqlDatabase);
    expect(db.resource.node.id).toBe("Resource");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbSqlDatabase, { name: "app", account_name: ACCOUNT_NAME, resource_group_name: "rg-test", throughput: 400 });
    expect(resources(stack, "azurerm_cosmosdb_sql_database")[0]).not.toHaveProperty("autoscale_settings");
    expect(cosmos.databases.get("app")).toBe(db);
  });

  test("a database with autoscale, and one without throughput", () => {
    const { stack, cosmos } = account();
    cosmos.addDatabase("shared", { autoscaleMaxThroughput: 4000 });
    cosmos.addDatabase("dedicated");
    const byName = Object.fromEntries(resources(stack, "azurerm_cosmosdb_sql_database").map((d) => [d.name, d]));
    expect(byName.shared.autoscale_settings).toEqual({ max_throughput: 4000 });
    expect(byName.shared).not.toHaveProperty("throughput");
    expect(byName.dedicated).not.toHaveProperty("throughput");
    expect(byName.dedicated).not.toHaveProperty("autoscale_settings");
  });

  test("a container defaults to a version-2 hash key and waits for its database", () => {
    const { stack, cosmos } = account();
    const container = cosmos.addDatabase("app").addContainer("orders", { partitionKeyPaths: ["/tenantId"] });
    expect(container).toBeInstanceOf(CosmosDbSqlContainer);
    expect(container.resource.node.id).toBe("Resource");
    const [config] = resources(stack, "azurerm_cosmosdb_sql_container");
    expect(config).toEqual({
      name: "orders",
      resource_group_name: "rg-test",
      account_name: ACCOUNT_NAME,
      database_name: `\${${DATABASE}.name}`,
      partition_key_paths: ["/tenantId"],
      partition_key_kind: "Hash",
      partition_key_version: 2,
    });
  });

  test("hierarchical keys, TTL, unique keys and container throughput", () => {
    const { stack, cosmos } = account();
    const db = cosmos.addDatabase("app");
    db.addContainer("orders", { partitionKeyPaths: ["/tenantId", "/userId", "/sessionId"], defaultTtl: -1, uniqueKeys: [["/email"], ["/a", "/b"]], autoscaleMaxThroughput: 1000 });
    db.addContainer("events", { partitionKeyPaths: ["/device/id"], partitionKeyVersion: 1, defaultTtl: 86400, throughput: 500 });
    const byName = Object.fromEntries(resources(stack, "azurerm_cosmosdb_sql_container").map((c) => [c.name, c]));
    expect(byName.orders).toMatchObject({
      partition_key_paths: ["/tenantId", "/userId", "/sessionId"],
      partition_key_kind: "MultiHash",
      partition_key_version: 2,
      default_ttl: -1,
      unique_key: [{ paths: ["/email"] }, { paths: ["/a", "/b"] }],
      autoscale_settings: { max_throughput: 1000 },
    });
    expect(byName.events).toMatchObject({ partition_key_kind: "Hash", partition_key_version: 1, default_ttl: 86400, throughput: 500 });
    expect([...db.containers.keys()]).toEqual(["orders", "events"]);
  });

  test("a database can be added to an existing account", () => {
    const stack = makeStack();
    const existing = CosmosDbAccount.fromId(stack, "Shared", SHARED_ID);
    const db = new CosmosDbSqlDatabase(stack, "Db", { account: existing, name: "app" });
    db.addContainer("items", { partitionKeyPaths: ["/id"] });
    db.grantDataRead(Principal.fromObjectId(APP_ID, "ServicePrincipal"));
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlDatabase, { name: "app", account_name: "cosmos-shared", resource_group_name: "rg-data" });
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlContainer, { account_name: "cosmos-shared", resource_group_name: "rg-data" });
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      scope: `${existing.id}/dbs/app`,
      role_definition_id: `${existing.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
    });
    expect(synth).not.toHaveResource(CosmosdbAccount);
  });
});

describe("CosmosDbAccount validation", () => {
  const db = () => account().cosmos.addDatabase("app");
  const KEY_FIX = 'start each path with "/" and name a property, e.g. "/tenantId"';

  test.each([300, 450, 400.5])("manual throughput %p is rejected", (throughput) => {
    expect(() => account().cosmos.addDatabase("app", { throughput })).toThrow(
      `test/Cosmos/Database-app: throughput ${throughput} is not at least 400 RU/s in steps of 100; set throughput to 400, 500, 600, ... (manual throughput)`,
    );
  });

  test.each([500, 1500, 0])("autoscale maximum %p is rejected", (max) => {
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/id"], autoscaleMaxThroughput: max })).toThrow(
      `test/Cosmos/Database-app/Container-c: autoscaleMaxThroughput ${max} is not at least 1000 RU/s in steps of 1000; set autoscaleMaxThroughput to 1000, 2000, 3000, ... (autoscale maximum)`,
    );
  });

  test("manual and autoscale throughput together are rejected", () => {
    expect(() => account().cosmos.addDatabase("app", { throughput: 400, autoscaleMaxThroughput: 1000 })).toThrow(
      "test/Cosmos/Database-app: throughput 400 cannot be combined with autoscaleMaxThroughput; set either throughput (manual) or autoscaleMaxThroughput (autoscale)",
    );
  });

  test("valid throughput passes", () => {
    expect(() => account().cosmos.addDatabase("a", { throughput: 400 }).addContainer("c", { partitionKeyPaths: ["/id"], autoscaleMaxThroughput: 10000 })).not.toThrow();
  });

  test.each([
    ["a/b", 'test/Cosmos: database name "a/b" breaks the Cosmos DB database naming rule; use any characters except / \\ # ?, not ending with a space'],
    ["app ", 'test/Cosmos: database name "app " breaks the Cosmos DB database naming rule; use any characters except / \\ # ?, not ending with a space'],
    ["", 'test/Cosmos: database name "" is 0 characters; a database name must be 1-255; choose a name of 1 to 255 characters'],
    ["d".repeat(256), `test/Cosmos: database name "${"d".repeat(256)}" is 256 characters; a database name must be 1-255; choose a name of 1 to 255 characters`],
  ])("database name %p is rejected", (name, message) => {
    expect(() => account().cosmos.addDatabase(name)).toThrow(message);
  });

  test.each(["orders#1", "what?", "back\\slash"])("container name %p is rejected", (name) => {
    expect(() => db().addContainer(name, { partitionKeyPaths: ["/id"] })).toThrow(
      `test/Cosmos/Database-app: container name "${name}" breaks the Cosmos DB container naming rule; use any characters except / \\ # ?, not ending with a space`,
    );
  });

  test("container names longer than 255 characters are rejected, also on a standalone container", () => {
    const long = "c".repeat(256);
    expect(() => db().addContainer(long, { partitionKeyPaths: ["/id"] })).toThrow(
      `test/Cosmos/Database-app: container name "${long}" is 256 characters; a container name must be 1-255; choose a name of 1 to 255 characters`,
    );
    const stack = makeStack();
    const existing = CosmosDbAccount.fromId(stack, "Shared", SHARED_ID);
    expect(() => new CosmosDbSqlContainer(stack, "Items", { account: existing, databaseName: "app", name: "a#b", partitionKeyPaths: ["/id"] })).toThrow(
      'test/Items: container name "a#b" breaks the Cosmos DB container naming rule',
    );
    expect(() => new CosmosDbSqlDatabase(stack, "Db", { account: existing, name: "app", throughput: 100 })).toThrow("test/Db: throughput 100 is not at least 400 RU/s");
  });

  test("duplicates are rejected", () => {
    const { cosmos } = account();
    const database = cosmos.addDatabase("app");
    expect(() => cosmos.addDatabase("app")).toThrow('test/Cosmos: database name "app" is already defined on this account; add each database once');
    database.addContainer("orders", { partitionKeyPaths: ["/id"] });
    expect(() => database.addContainer("orders", { partitionKeyPaths: ["/id"] })).toThrow(
      'test/Cosmos/Database-app: container name "orders" is already defined in this database; add each container once',
    );
  });

  test.each([
    [[], 'partitionKeyPaths [] is empty; give one to three paths, e.g. ["/tenantId"]'],
    [["/a", "/b", "/c", "/d"], 'partitionKeyPaths ["/a","/b","/c","/d"] has 4 paths; a hierarchical partition key has at most 3; use one to three paths'],
    [["tenantId"], `partitionKeyPaths "tenantId" is not a path into the item; ${KEY_FIX}`],
    [["/"], `partitionKeyPaths "/" is not a path into the item; ${KEY_FIX}`],
    [["/a//b"], `partitionKeyPaths "/a//b" is not a path into the item; ${KEY_FIX}`],
    [["/tenant id"], `partitionKeyPaths "/tenant id" is not a path into the item; ${KEY_FIX}`],
    [["/a", "/a"], 'partitionKeyPaths "/a" is listed twice; list each path once'],
  ])("partition key %p is rejected", (paths, message) => {
    expect(() => db().addContainer("c", { partitionKeyPaths: paths })).toThrow(`test/Cosmos/Database-app/Container-c: ${message}`);
  });

  test("partition key versions", () => {
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/id"], partitionKeyVersion: 3 })).toThrow(
      "test/Cosmos/Database-app/Container-c: partitionKeyVersion 3 is not 1 or 2; use 2 (large partition keys) unless an existing container needs 1",
    );
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/a", "/b"], partitionKeyVersion: 1 })).toThrow(
      "test/Cosmos/Database-app/Container-c: partitionKeyVersion 1 does not support hierarchical partition keys; use partitionKeyVersion 2 with more than one partition key path",
    );
  });

  test("unique keys", () => {
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/id"], uniqueKeys: [[]] })).toThrow(
      'test/Cosmos/Database-app/Container-c: uniqueKeys [] contains an empty key; give each unique key one or more paths, e.g. ["/email"]',
    );
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/id"], uniqueKeys: [["email"]] })).toThrow(
      `test/Cosmos/Database-app/Container-c: uniqueKeys "email" is not a path into the item; ${KEY_FIX}`,
    );
  });

  test.each([0, -2, 1.5, 2147483648])("defaultTtl %p is rejected", (ttl) => {
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/id"], defaultTtl: ttl })).toThrow(
      `test/Cosmos/Database-app/Container-c: defaultTtl ${ttl} is not -1 or a whole number of seconds from 1 to 2147483647; use -1 (no expiry unless an item sets ttl) or a number of seconds, or leave defaultTtl out to turn TTL off`,
    );
  });

  test.each([-1, 1, 2147483647])("defaultTtl %p is accepted", (ttl) => {
    expect(() => db().addContainer("c", { partitionKeyPaths: ["/id"], defaultTtl: ttl })).not.toThrow();
  });

  test.each([["West Europe"], ["northeurope", "North Europe"]])("repeated regions %p are rejected", (...regions) => {
    const repeated = regions[regions.length - 1];
    expect(() => account({ additionalLocations: regions })).toThrow(
      `test/Cosmos: additionalLocations "${repeated}" repeats a region of this account; list each region once and leave out the primary location`,
    );
  });

  test("a bad explicit account name names the rule and the fix", () => {
    expect(() => account({ name: "Cosmos_Bad" })).toThrow(
      'test/Cosmos: name "Cosmos_Bad" breaks the cosmosDbAccount naming rule; use lower-case letters, digits and hyphens, starting and ending with a letter or digit',
    );
  });

  test("the generated name is valid and stable", () => {
    const name = resources(account().stack, "azurerm_cosmosdb_account")[0].name;
    expect(name).toMatch(NAMING_RULES.cosmosDbAccount.pattern);
    expect(resources(account().stack, "azurerm_cosmosdb_account")[0].name).toBe(name);
  });
});

describe("Cosmos DB data-plane grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test("the built-in data roles have their fixed definition ids", () => {
    expect(CosmosDbDataRoles.reader).toEqual({ name: "Cosmos DB Built-in Data Reader", definitionGuid: "00000000-0000-0000-0000-000000000001" });
    expect(CosmosDbDataRoles.contributor).toEqual({ name: "Cosmos DB Built-in Data Contributor", definitionGuid: "00000000-0000-0000-0000-000000000002" });
  });

  test.each([
    ["grantDataRead", READER],
    ["grantDataWrite", CONTRIBUTOR],
  ] as const)("account %s assigns the Cosmos DB role on the account, not an Azure role", (method, definition) => {
    const { stack, cosmos } = account();
    expect(cosmos[method](principal)).toBeInstanceOf(CosmosdbSqlRoleAssignment);
    const [assignment] = resources(stack, "azurerm_cosmosdb_sql_role_assignment");
    expect(assignment).toEqual({
      resource_group_name: "rg-test",
      account_name: ACCOUNT_NAME,
      role_definition_id: definition,
      principal_id: APP_ID,
      scope: ACCOUNT,
    });
    expect(Testing.synth(stack)).not.toHaveResource(RoleAssignment);
  });

  test.each([
    ["grantDataRead", READER],
    ["grantDataWrite", CONTRIBUTOR],
  ] as const)("database %s is scoped to the database and waits for it", (method, definition) => {
    const { stack, cosmos } = account();
    cosmos.addDatabase("app")[method](principal);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      role_definition_id: definition,
      principal_id: APP_ID,
      scope: `${ACCOUNT}/dbs/app`,
      depends_on: [DATABASE],
    });
  });

  test.each([
    ["grantDataRead", READER],
    ["grantDataWrite", CONTRIBUTOR],
  ] as const)("container %s is scoped to the container and waits for it", (method, definition) => {
    const { stack, cosmos } = account();
    cosmos.addDatabase("app").addContainer("orders", { partitionKeyPaths: ["/tenantId"] })[method](principal);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      role_definition_id: definition,
      scope: `${ACCOUNT}/dbs/\${${DATABASE}.name}/colls/orders`,
      depends_on: [CONTAINER],
    });
  });

  test("granting twice yields one assignment; account, database and container grants stay distinct", () => {
    const { stack, cosmos } = account();
    const database = cosmos.addDatabase("app");
    const container = database.addContainer("orders", { partitionKeyPaths: ["/tenantId"] });
    const first = cosmos.grantDataRead(principal);
    expect(cosmos.grantDataRead(principal)).toBe(first);
    expect(database.grantDataRead(principal)).not.toBe(first);
    expect(database.grantDataRead(principal)).toBe(database.grantDataRead(principal));
    container.grantDataRead(principal);
    cosmos.grantDataWrite(principal);
    cosmos.grantDataRead(Principal.fromObjectId("33333333-3333-3333-3333-333333333333", "User"));
    expect(resources(stack, "azurerm_cosmosdb_sql_role_assignment")).toHaveLength(5);
  });

  test("a managed identity's grant uses its principal id", () => {
    const { stack, cosmos } = account();
    cosmos.grantDataWrite(new UserAssignedIdentity(stack, "Identity"));
    expect(resources(stack, "azurerm_cosmosdb_sql_role_assignment")[0].principal_id).toBe("${azurerm_user_assigned_identity.Identity_2D60E2CC.principal_id}");
  });
});

test("fully-featured CosmosDbAccount snapshot", () => {
  const { cosmos, stack } = account(
    { additionalLocations: ["northeurope"], consistencyLevel: "Session", backupTier: "Continuous30Days", allowedIpRanges: ["198.51.100.0/24"], tags: { owner: "team" } },
    PROD,
  );
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");
  const db = cosmos.addDatabase("app", { autoscaleMaxThroughput: 4000 });
  const orders = db.addContainer("orders", { partitionKeyPaths: ["/tenantId", "/orderId"], defaultTtl: -1, uniqueKeys: [["/orderNumber"]] });
  db.addContainer("audit", { partitionKeyPaths: ["/tenantId"], defaultTtl: 2592000 });
  cosmos.grantDataRead(principal);
  db.grantDataWrite(principal);
  orders.grantDataRead(Principal.fromObjectId("33333333-3333-3333-3333-333333333333", "Group"));
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});

describe("CosmosDbAccount serverless", () => {
  const serverless = (set: (cosmos: CosmosDbAccount) => void, props: CosmosDbAccountProps = {}) => {
    const { stack, cosmos } = account(props);
    set(cosmos);
    return () => Testing.synth(withProvider(stack), true);
  };
  const refused = (regions: string) =>
    `[test/Cosmos] test/Cosmos: geo_location ${regions} has 2 regions, but the account is serverless (capability EnableServerless), which runs in a single region; `
    + "keep one region (drop additionalLocations), or remove EnableServerless and use provisioned throughput for a multi-region account";

  test("a second region on a serverless account (capabilities set on the L1) fails synth", () => {
    const run = serverless((c) => c.resource.putCapabilities([{ name: "EnableServerless" }]), { additionalLocations: ["northeurope"] });
    expect(run).toThrow(refused('["westeurope","northeurope"]'));
  });

  test("the same through raw overrides of both (an array override adds to the construct's list)", () => {
    const run = serverless((c) => {
      c.resource.addOverride("capabilities", [{ name: "EnableServerless" }]);
      c.resource.addOverride("geo_location", [{ location: "swedencentral", failover_priority: 1 }]);
    });
    expect(run).toThrow(refused('["westeurope","swedencentral"]'));
  });

  test("serverless in one region, and provisioned in two, synthesize", () => {
    expect(serverless((c) => c.resource.putCapabilities([{ name: "EnableServerless" }]))).not.toThrow();
    expect(serverless(() => undefined, { additionalLocations: ["northeurope"] })).not.toThrow();
  });
});
