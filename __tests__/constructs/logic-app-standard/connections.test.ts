import { CosmosDbAccount } from "../../../constructs/cosmos-db";
import { BUILT_IN_CONNECTORS } from "../../../constructs/logic-app-standard";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { SqlDatabase } from "../../../constructs/sql";
import { StorageAccount } from "../../../constructs/storage";
import { Testing } from "cdktf";
import { PolicyPack } from "../../../policy/policy-pack";
import { Json, messageOf, resources, single } from "../../helpers";
import { standardApp } from "./app";

const ADMIN = { login: "sql-admins", objectId: "11111111-1111-1111-1111-111111111111" };
const PRINCIPAL = "${azurerm_logic_app_standard.Orders_A9B65338.identity[0].principal_id}";

/** The role assignments granted to the app's system-assigned identity, as `role @ scope`. */
function grantsToApp(stack: Parameters<typeof resources>[0]): string[] {
  return Object.values(resources(stack, "azurerm_role_assignment"))
    .filter((r: Json) => r.principal_id === PRINCIPAL && r.role_definition_name !== "Monitoring Metrics Publisher")
    .map((r: Json) => `${r.role_definition_name} @ ${r.scope}`)
    .sort();
}

const connectionsJson = (app: ReturnType<typeof standardApp>["app"]) => JSON.parse(app.package.files["connections.json"]).serviceProviderConnections;

describe("built-in connections", () => {
  test("Service Bus: the namespace host name in an app setting, receive and send roles on the namespace", () => {
    const { stack, app } = standardApp();
    app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "both");
    expect(single(stack, "azurerm_logic_app_standard").config.app_settings.serviceBus_fullyQualifiedNamespace).toBe(
      "${azurerm_servicebus_namespace.Bus_EA82B648.name}.servicebus.windows.net",
    );
    expect(connectionsJson(app).serviceBus.serviceProvider.id).toBe(BUILT_IN_CONNECTORS.serviceBus.serviceProviderId);
    expect(grantsToApp(stack)).toEqual([
      "Azure Service Bus Data Receiver @ ${azurerm_servicebus_namespace.Bus_EA82B648.id}",
      "Azure Service Bus Data Sender @ ${azurerm_servicebus_namespace.Bus_EA82B648.id}",
    ]);
  });

  test("Service Bus receive only grants no send", () => {
    const { stack, app } = standardApp();
    app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "receive");
    expect(grantsToApp(stack)).toEqual(["Azure Service Bus Data Receiver @ ${azurerm_servicebus_namespace.Bus_EA82B648.id}"]);
  });

  test("Service Bus on a subscription and a topic: the namespace host name, roles on those entities only", () => {
    const { stack, app } = standardApp();
    const topic = new ServiceBusNamespace(stack, "Bus").addTopic("events");
    const subscription = topic.addSubscription("shipping");
    app.connectServiceBus("serviceBus", subscription, "receive");
    app.connectServiceBus("publish", topic, "send");
    expect(single(stack, "azurerm_logic_app_standard").config.app_settings.serviceBus_fullyQualifiedNamespace).toBe(
      "${azurerm_servicebus_namespace.Bus_EA82B648.name}.servicebus.windows.net",
    );
    const [sub, top] = [single(stack, "azurerm_servicebus_subscription").ref("id"), single(stack, "azurerm_servicebus_topic").ref("id")];
    expect(grantsToApp(stack)).toEqual([`Azure Service Bus Data Receiver @ ${sub}`, `Azure Service Bus Data Sender @ ${top}`]);
  });

  test("Cosmos DB: the account endpoint, a data-plane role (not a control-plane one)", () => {
    const { stack, app } = standardApp();
    app.connectCosmosDb("cosmos", new CosmosDbAccount(stack, "Cosmos"), "write");
    expect(single(stack, "azurerm_logic_app_standard").config.app_settings.cosmos_accountURI).toBe(
      "${azurerm_cosmosdb_account.Cosmos_3C6CEA13.endpoint}",
    );
    const roles = Object.values(resources(stack, "azurerm_cosmosdb_sql_role_assignment"));
    expect(roles).toEqual([expect.objectContaining({ principal_id: PRINCIPAL })]);
    expect(roles[0].role_definition_id).toContain("00000000-0000-0000-0000-000000000002");
    expect(grantsToApp(stack)).toEqual([]);
  });

  test("SQL: server FQDN and database name in app settings; the database user is in the grant script under the app's name", () => {
    const { stack, app } = standardApp();
    const database = new SqlDatabase(stack, "Sql", { administrator: ADMIN });
    app.connectSql("sql", database, "write");
    const settings = single(stack, "azurerm_logic_app_standard").config.app_settings;
    expect(settings.sql_serverName).toBe("${azurerm_mssql_server.Sql_Server_813F8187.fully_qualified_domain_name}");
    expect(settings.sql_databaseName).toBe("${azurerm_mssql_database.Sql_DEACEA0E.name}");
    expect(app.sqlPrincipalName).toBe("logic-test-orders-af8a70");
    expect(database.databaseUsers).toEqual([{ principalName: "logic-test-orders-af8a70", roles: ["db_datareader", "db_datawriter"] }]);
    expect(database.userScript()).toContain("CREATE USER [logic-test-orders-af8a70] FROM EXTERNAL PROVIDER;");
    expect(connectionsJson(app).sql.parameterValues).toEqual({
      authProvider: { Type: "ManagedServiceIdentity" },
      serverName: "@appsetting('sql_serverName')",
      databaseName: "@appsetting('sql_databaseName')",
    });
  });

  test("SQL read grants db_datareader only", () => {
    const { stack, app } = standardApp();
    const database = new SqlDatabase(stack, "Sql", { administrator: ADMIN });
    app.connectSql("sql", database, "read");
    expect(database.databaseUsers).toEqual([{ principalName: "logic-test-orders-af8a70", roles: ["db_datareader"] }]);
  });

  test("Blob storage: the blob endpoint, reader and contributor on one container", () => {
    const { stack, app } = standardApp();
    const data = new StorageAccount(stack, "Data", { containers: ["orders"] });
    app.connectBlobStorage("blob", data, "both", "orders");
    expect(single(stack, "azurerm_logic_app_standard").config.app_settings.blob_blobStorageEndpoint).toBe(
      "${azurerm_storage_account.Data_666C94C7.primary_blob_endpoint}",
    );
    const container = "${azurerm_storage_account.Data_666C94C7.id}/blobServices/default/containers/orders";
    expect(grantsToApp(stack)).toEqual([`Storage Blob Data Contributor @ ${container}`, `Storage Blob Data Reader @ ${container}`]);
  });

  test("Queue storage: the queue endpoint; read is Message Processor and Reader, write is Message Sender", () => {
    const { stack, app } = standardApp();
    const data = new StorageAccount(stack, "Data", { queues: ["jobs"] });
    app.connectQueueStorage("queues", data, "both", "jobs");
    expect(single(stack, "azurerm_logic_app_standard").config.app_settings.queues_queueServiceUri).toBe(
      "${azurerm_storage_account.Data_666C94C7.primary_queue_endpoint}",
    );
    const queue = "${azurerm_storage_account.Data_666C94C7.id}/queueServices/default/queues/jobs";
    expect(grantsToApp(stack)).toEqual([
      `Storage Queue Data Message Processor @ ${queue}`,
      `Storage Queue Data Message Sender @ ${queue}`,
      `Storage Queue Data Reader @ ${queue}`,
    ]);
    expect(connectionsJson(app).queues.serviceProvider.id).toBe("/serviceProviders/azurequeues");
  });
});

describe("built-in connections are recorded flows, judged from the synthesized app (AIC-NET-010)", () => {
  test("prod: the VNet-integrated app reaches private-only targets through their private endpoints", () => {
    const { stack, app } = standardApp("prod");
    const pack = PolicyPack.apply(stack);
    app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "receive");
    app.connectCosmosDb("cosmos", new CosmosDbAccount(stack, "Cosmos"), "write");
    app.connectBlobStorage("blob", new StorageAccount(stack, "Files"), "read");
    expect(pack.report().flows.map((f) => [f.caller, f.target, f.purpose, f.runsIn, f.path])).toEqual([
      ["test/Orders", "test/Bus/Resource", "built-in connection serviceBus", "vnet", "private endpoint (namespace)"],
      ["test/Orders", "test/Cosmos/Resource", "built-in connection cosmos", "vnet", "private endpoint (Sql)"],
      ["test/Orders", "test/Files/Resource", "built-in connection blob", "vnet", "private endpoint (blob)"],
    ]);
  });

  test("without VNet integration the connection to a private-only namespace fails synthesis, naming the app, the target and the fix", () => {
    const { stack, app } = standardApp("prod", { integrationSubnetId: false });
    PolicyPack.apply(stack);
    app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "receive");
    expect(messageOf(() => Testing.synth(stack, true))).toContain(
      "test/Orders → test/Bus/Resource (built-in connection serviceBus): the app has no VNet integration: it calls from App Service's " +
        "shared outbound addresses and cannot use private endpoints, and the namespace has public network access off; " +
        "fix: integrate the app into the VNet (integrationSubnetId) through the namespace's private endpoint",
    );
  });
});
