import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ValidationError } from "../../../constructs/core/errors";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { FunctionApp, isConnectionDefined } from "../../../constructs/function-app";
import { EventDestination } from "../../../constructs/event-grid";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { StorageAccount } from "../../../constructs/storage";
import { errorOf, Json, makeStack, messageOf, resourcesOfType, single } from "../../helpers";
import { cosmosDb, eventGridTopic, eventHubs, serviceBus } from "./targets";
import { removeTempApps, tempApp } from "./temp-app";

const ORDERS = path.resolve(__dirname, "fixtures/orders");
const PRINCIPAL = "${azurerm_function_app_flex_consumption.Orders_A9B65338.identity[0].principal_id}";

afterAll(removeTempApps);

function orders(): { stack: TerraformStack; app: FunctionApp } {
  const stack = makeStack();
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return { stack, app: new FunctionApp(stack, "Orders", { code: { path: ORDERS } }) };
}

function settings(stack: TerraformStack): Record<string, string> {
  return single(stack, "azurerm_function_app_flex_consumption").config.app_settings;
}

function grants(stack: TerraformStack, scope: string): Json[] {
  return resourcesOfType(stack, "azurerm_role_assignment").filter((g) => g.scope === scope);
}

describe("FunctionApp connection check", () => {
  test("fails synthesis for a connection without app settings, naming the function, binding and fix", () => {
    const { stack, app } = orders();
    const error = errorOf(() => Testing.synth(stack, true));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'test/Orders: function "processOrder" binding serviceBusTrigger connection "ServiceBusConnection" has no app setting "ServiceBusConnection" or "ServiceBusConnection__*"; call connectServiceBus("ServiceBusConnection", namespace, "receive") on this FunctionApp',
    );
    expect(() => app.node.validate()).toThrow(ValidationError);
  });

  test("connections added after construction count: the next missing one is reported, then none", () => {
    const { stack, app } = orders();
    app.connectServiceBus("ServiceBusConnection", serviceBus(stack), "both");
    expect(messageOf(() => Testing.synth(stack, true))).toBe(
      'test/Orders: function "processOrder" binding eventGrid connection "EventGridConnection" has no app setting "EventGridConnection" or "EventGridConnection__*"; call connectEventGrid("EventGridConnection", topic) on this FunctionApp',
    );
    app.connectEventGrid("EventGridConnection", eventGridTopic(stack));
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(app.node.validate()).toEqual([]);
  });

  test("a plain setting (connection string or Key Vault reference) also defines a connection", () => {
    const { stack, app } = orders();
    app.addAppSetting("ServiceBusConnection", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/sb)");
    app.addAppSetting("AzureWebJobsEventGridConnection__topicEndpointUri", "https://evgt-x.westeurope-1.eventgrid.azure.net/api/events");
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("a setting is X, X__*, AzureWebJobsX or AzureWebJobsX__*; nothing else matches", () => {
    expect(isConnectionDefined("Bus", ["Bus"])).toBe(true);
    expect(isConnectionDefined("Bus", ["Bus__fullyQualifiedNamespace"])).toBe(true);
    expect(isConnectionDefined("Bus", ["AzureWebJobsBus"])).toBe(true);
    expect(isConnectionDefined("Bus", ["AzureWebJobsBus__fullyQualifiedNamespace"])).toBe(true);
    expect(isConnectionDefined("Bus", ["BusConnection", "Bus_fullyQualifiedNamespace", "MyBus__x", "bus__x"])).toBe(false);
  });

  test("the host storage defines AzureWebJobsStorage, the default of storage bindings", () => {
    const dir = tempApp({
      "index.ts": `import { app } from "@azure/functions";\napp.storageQueue("work", { queueName: "work", connection: "", handler: async () => undefined });\n`,
    });
    for (const plan of ["FlexConsumption", "ElasticPremium", "Dedicated"] as const) {
      const stack = makeStack();
      const app = new FunctionApp(stack, "Work", { code: { path: dir }, plan });
      expect(app.node.validate()).toEqual([]);
    }
  });

  const CASES: [string, string, string][] = [
    [
      "an Event Hubs trigger",
      `app.eventHub("ingest", { eventHubName: "telemetry", connection: "HubConnection", handler: async () => undefined });`,
      'function "ingest" binding eventHubTrigger connection "HubConnection" has no app setting "HubConnection" or "HubConnection__*"; call connectEventHubs("HubConnection", namespace, "receive") on this FunctionApp',
    ],
    [
      "a Service Bus output",
      `app.http("submit", { extraOutputs: [output.serviceBusQueue({ queueName: "q", connection: "BusOut" })], handler: async () => ({}) });`,
      'function "submit" binding serviceBus connection "BusOut" has no app setting "BusOut" or "BusOut__*"; call connectServiceBus("BusOut", namespace, "send") on this FunctionApp',
    ],
    [
      "a blob output",
      `app.http("archive", { extraOutputs: [output.storageBlob({ path: "archive/{rand-guid}", connection: "Archive" })], handler: async () => ({}) });`,
      'function "archive" binding blob connection "Archive" has no app setting "Archive" or "Archive__*"; call connectStorage("Archive", account, "write") on this FunctionApp',
    ],
    [
      "a queue trigger",
      `app.storageQueue("jobs", { queueName: "jobs", connection: "Jobs", handler: async () => undefined });`,
      'function "jobs" binding queueTrigger connection "Jobs" has no app setting "Jobs" or "Jobs__*"; call connectStorage("Jobs", account, "read") on this FunctionApp',
    ],
    [
      "a Cosmos DB trigger",
      `app.cosmosDB("changes", { connection: "Cosmos", databaseName: "db", containerName: "c", createLeaseContainerIfNotExists: true, handler: async () => undefined });`,
      'function "changes" binding cosmosDBTrigger connection "Cosmos" has no app setting "Cosmos" or "Cosmos__*"; call connectCosmosDb("Cosmos", account, "read") on this FunctionApp',
    ],
    [
      "an extension this library has no helper for",
      `app.generic("rabbit", { trigger: trigger.generic({ type: "rabbitMQTrigger", queueName: "q", connection: "Rabbit" }), handler: async () => undefined });`,
      'function "rabbit" binding rabbitMQTrigger connection "Rabbit" has no app setting "Rabbit" or "Rabbit__*"; add the "Rabbit__*" settings of the rabbitMQTrigger extension with addAppSetting()',
    ],
  ];

  test.each(CASES)("%s without settings fails with the matching fix", (_, registration, message) => {
    const dir = tempApp({ "index.ts": `import { app, output, trigger } from "@azure/functions";\nvoid output; void trigger;\n${registration}\n` });
    const stack = makeStack();
    const app = new FunctionApp(stack, "Orders", { code: { path: dir } });
    expect(messageOf(() => app.node.validate())).toBe(`test/Orders: ${message}`);
  });
});

describe("FunctionApp connect helpers", () => {
  test("connectServiceBus sets the namespace setting and grants receive and send", () => {
    const { stack, app } = orders();
    const bus = serviceBus(stack);
    app.connectServiceBus("ServiceBusConnection", bus, "both");
    expect(settings(stack).ServiceBusConnection__fullyQualifiedNamespace).toBe("sbns-bus.servicebus.windows.net");
    expect(grants(stack, bus.id).map((g) => [g.role_definition_name, g.principal_id, g.principal_type])).toEqual([
      ["Azure Service Bus Data Receiver", PRINCIPAL, "ServicePrincipal"],
      ["Azure Service Bus Data Sender", PRINCIPAL, "ServicePrincipal"],
    ]);
  });

  test.each([
    ["receive", ["Azure Service Bus Data Receiver"]],
    ["send", ["Azure Service Bus Data Sender"]],
  ] as const)("connectServiceBus %s grants only %p", (access, roles) => {
    const { stack, app } = orders();
    const bus = serviceBus(stack);
    app.connectServiceBus("ServiceBusConnection", bus, access);
    expect(grants(stack, bus.id).map((g) => g.role_definition_name)).toEqual(roles);
  });

  test("connectServiceBus on entities scopes each role to its queue, topic or subscription, never the namespace", () => {
    const { stack, app } = orders();
    const bus = new ServiceBusNamespace(stack, "Bus", { name: "sbns-bus" });
    const queue = bus.addQueue("orders");
    const topic = bus.addTopic("events");
    const subscription = topic.addSubscription("audit");
    app.connectServiceBus("ServiceBusConnection", [queue, subscription], "receive");
    app.connectServiceBus("Publish", topic, "send");
    const host = "${azurerm_servicebus_namespace.Bus_EA82B648.name}.servicebus.windows.net";
    expect([settings(stack).ServiceBusConnection__fullyQualifiedNamespace, settings(stack).Publish__fullyQualifiedNamespace]).toEqual([host, host]);
    const roles = (type: string) => grants(stack, single(stack, type).ref("id")).map((g) => [g.role_definition_name, g.principal_id]);
    expect(roles("azurerm_servicebus_queue")).toEqual([["Azure Service Bus Data Receiver", PRINCIPAL]]);
    expect(roles("azurerm_servicebus_subscription")).toEqual([["Azure Service Bus Data Receiver", PRINCIPAL]]);
    expect(roles("azurerm_servicebus_topic")).toEqual([["Azure Service Bus Data Sender", PRINCIPAL]]);
    expect(roles("azurerm_servicebus_namespace")).toEqual([]);
  });

  test("connectServiceBus refuses sending to a subscription, mixed namespaces and an empty list", () => {
    const { stack, app } = orders();
    const bus = new ServiceBusNamespace(stack, "Bus", { name: "sbns-bus" });
    const other = new ServiceBusNamespace(stack, "Other", { name: "sbns-other" });
    const subscription = bus.addTopic("events").addSubscription("audit");
    expect(messageOf(() => app.connectServiceBus("Bus", subscription, "both"))).toBe(
      'test/Orders: access "both" asks to send to a subscription, which only receives; ' +
        'pass the subscription with "receive" and its topic for sending (e.g. [subscription, subscription.topic])',
    );
    expect(messageOf(() => app.connectServiceBus("Bus", [bus.addQueue("a"), other.addQueue("b")], "receive"))).toBe(
      'test/Orders: Service Bus target "test/Other/Queue-b" is on another namespace than the first entity ' +
        "(a connection has one fullyQualifiedNamespace); connect each namespace's entities under their own connection name",
    );
    expect(messageOf(() => app.connectServiceBus("Bus", [], "receive"))).toBe(
      'test/Orders: Service Bus target "[]" names no queue, topic or subscription; pass the entities the bindings use, or the namespace',
    );
  });

  test("connectEventHubs sets the namespace setting and grants by access", () => {
    const { stack, app } = orders();
    const hubs = eventHubs(stack);
    app.connectEventHubs("HubConnection", hubs, "receive");
    expect(settings(stack).HubConnection__fullyQualifiedNamespace).toBe("evhns-hubs.servicebus.windows.net");
    expect(grants(stack, hubs.id).map((g) => g.role_definition_name)).toEqual(["Azure Event Hubs Data Receiver"]);
    app.connectEventHubs("HubOut", hubs, "send");
    expect(grants(stack, hubs.id).map((g) => g.role_definition_name)).toEqual(["Azure Event Hubs Data Receiver", "Azure Event Hubs Data Sender"]);
  });

  test("connectEventGrid sets the topic endpoint and grants EventGrid Data Sender", () => {
    const { stack, app } = orders();
    const topic = eventGridTopic(stack);
    app.connectEventGrid("EventGridConnection", topic);
    expect(settings(stack).EventGridConnection__topicEndpointUri).toBe("https://evgt-topic.westeurope-1.eventgrid.azure.net/api/events");
    expect(grants(stack, topic.id)).toEqual([expect.objectContaining({ role_definition_name: "EventGrid Data Sender", principal_id: PRINCIPAL, principal_type: "ServicePrincipal" })]);
  });

  test("connectStorage sets blob, queue and table URIs; read and write grant their data roles", () => {
    const { stack, app } = orders();
    const data = new StorageAccount(stack, "Data");
    app.connectStorage("DataConnection", data, "read");
    const account = "${azurerm_storage_account.Data_666C94C7";
    expect(settings(stack)).toMatchObject({
      DataConnection__blobServiceUri: `${account}.primary_blob_endpoint}`,
      DataConnection__queueServiceUri: `${account}.primary_queue_endpoint}`,
      DataConnection__tableServiceUri: `${account}.primary_table_endpoint}`,
    });
    expect(grants(stack, `${account}.id}`).map((g) => g.role_definition_name).sort()).toEqual([
      "Storage Blob Data Reader",
      "Storage Queue Data Message Processor",
      "Storage Queue Data Reader",
      "Storage Table Data Reader",
    ]);
    app.connectStorage("DataOut", data, "write");
    expect(grants(stack, `${account}.id}`).map((g) => g.role_definition_name).sort()).toEqual([
      "Storage Blob Data Contributor",
      "Storage Blob Data Reader",
      "Storage Queue Data Message Processor",
      "Storage Queue Data Message Sender",
      "Storage Queue Data Reader",
      "Storage Table Data Contributor",
      "Storage Table Data Reader",
    ]);
    for (const grant of grants(stack, `${account}.id}`)) expect(grant).toMatchObject({ principal_id: PRINCIPAL, principal_type: "ServicePrincipal" });
    // A second connection to the same account reuses the grants: Azure refuses duplicate role assignments.
    app.connectStorage("DataAgain", data, "both");
    expect(grants(stack, `${account}.id}`)).toHaveLength(7);
  });

  test("connectStorage grants only what the bindings on the connection use, on the containers and queues they name", () => {
    const dir = tempApp({
      "index.ts": [
        `import { app, output } from "@azure/functions";`,
        `const archive = output.storageBlob({ path: "archive/{rand-guid}.json", connection: "Data" });`,
        `const dynamic = output.storageBlob({ path: "%OUT_CONTAINER%/{rand-guid}", connection: "Dynamic" });`,
        `app.storageQueue("jobs", { queueName: "jobs", connection: "Data", extraOutputs: [archive, dynamic], handler: async () => undefined });`,
      ].join("\n"),
    });
    const stack = makeStack();
    const app = new FunctionApp(stack, "Jobs", { code: { path: dir } });
    const data = new StorageAccount(stack, "Data");
    const account = "${azurerm_storage_account.Data_666C94C7.id}";
    app.connectStorage("Data", data, "both");
    const roles = (scope: string) => grants(stack, scope).map((g) => g.role_definition_name).sort();
    expect(roles(account)).toEqual([]);
    expect(roles(`${account}/blobServices/default/containers/archive`)).toEqual(["Storage Blob Data Contributor", "Storage Blob Data Reader"]);
    expect(roles(`${account}/queueServices/default/queues/jobs`)).toEqual(["Storage Queue Data Message Processor", "Storage Queue Data Message Sender", "Storage Queue Data Reader"]);
    // A container named by an app setting is only known at run time: the whole account's blobs.
    app.connectStorage("Dynamic", data, "write");
    expect(roles(account)).toEqual(["Storage Blob Data Contributor"]);
    // Only the services a connection's bindings use get their URI setting.
    const appSettings = single(stack, "azurerm_function_app_flex_consumption").config.app_settings;
    const uris = (connection: string) => Object.keys(appSettings).filter((k) => k.startsWith(`${connection}__`)).sort();
    expect(uris("Data")).toEqual(["Data__blobServiceUri", "Data__queueServiceUri"]);
    expect(uris("Dynamic")).toEqual(["Dynamic__blobServiceUri"]);
  });

  test("connectCosmosDb sets the account endpoint and grants read and/or write", () => {
    const { stack, app } = orders();
    const cosmos = cosmosDb(stack);
    app.connectCosmosDb("CosmosConnection", cosmos, "both");
    expect(settings(stack).CosmosConnection__accountEndpoint).toBe("https://cosmos-cosmos.documents.azure.com:443/");
    expect(grants(stack, cosmos.id).map((g) => g.role_definition_name).sort()).toEqual(["Cosmos DB Built-in Data Contributor", "Cosmos DB Built-in Data Reader"]);
  });

  test("with a user-assigned identity every connection names it", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Identity");
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS }, identity: { systemAssigned: false, userAssigned: [identity] } });
    const bus = serviceBus(stack);
    app.connectServiceBus("ServiceBusConnection", bus, "receive");
    app.connectEventGrid("EventGridConnection", eventGridTopic(stack));
    expect(settings(stack)).toMatchObject({
      ServiceBusConnection__credential: "managedidentity",
      ServiceBusConnection__clientId: "${azurerm_user_assigned_identity.Identity_2D60E2CC.client_id}",
      EventGridConnection__credential: "managedidentity",
      EventGridConnection__clientId: "${azurerm_user_assigned_identity.Identity_2D60E2CC.client_id}",
    });
    expect(grants(stack, bus.id)[0].principal_id).toBe("${azurerm_user_assigned_identity.Identity_2D60E2CC.principal_id}");
  });

  test("the system-assigned identity needs no credential settings", () => {
    const { stack, app } = orders();
    app.connectServiceBus("ServiceBusConnection", serviceBus(stack), "receive");
    expect(Object.keys(settings(stack)).filter((k) => k.startsWith("ServiceBusConnection"))).toEqual(["ServiceBusConnection__fullyQualifiedNamespace"]);
  });

  test("connecting the same name to the same target twice is harmless; to another target an error", () => {
    const { stack, app } = orders();
    const bus = serviceBus(stack);
    app.connectServiceBus("ServiceBusConnection", bus, "receive");
    app.connectServiceBus("ServiceBusConnection", bus, "receive");
    expect(grants(stack, bus.id)).toHaveLength(1);
    expect(messageOf(() => app.connectServiceBus("ServiceBusConnection", serviceBus(stack, "Other"), "receive"))).toBe(
      'test/Orders: app setting "ServiceBusConnection__fullyQualifiedNamespace" is already set to a different value; give each connection its own name, and set each app setting once',
    );
  });

  test.each(["", "Service-Bus", "1Bus", "Bus Connection"])("connection name %p is rejected", (name) => {
    const { stack, app } = orders();
    expect(messageOf(() => app.connectServiceBus(name, serviceBus(stack), "receive"))).toBe(
      `test/Orders: connectionName ${JSON.stringify(name)} is not a literal of letters, digits and '_' starting with a letter; use the connection name your bindings set, e.g. "ServiceBusConnection"`,
    );
  });
});

describe("FunctionApp app settings and endpoints", () => {
  test("addAppSetting adds settings; managed names are refused", () => {
    const { stack, app } = orders();
    app.addAppSetting("ORDERS_LIMIT", "100");
    expect(settings(stack).ORDERS_LIMIT).toBe("100");
    expect(app.appSettings.ORDERS_LIMIT).toBe("100");
    for (const name of ["AzureWebJobsStorage", "AzureWebJobsStorage__accountName", "WEBSITE_RUN_FROM_PACKAGE", "APPLICATIONINSIGHTS_CONNECTION_STRING", "FUNCTIONS_WORKER_RUNTIME"]) {
      expect(messageOf(() => app.addAppSetting(name, "x"))).toBe(
        `test/Orders: app setting "${name}" is managed by the FunctionApp; configure host storage, Application Insights and code through the FunctionApp props instead`,
      );
    }
    expect(messageOf(() => new FunctionApp(makeStack(), "Orders", { code: { path: ORDERS }, appSettings: { WEBSITE_CONTENTSHARE: "x" } }))).toBe(
      'test/Orders: app setting "WEBSITE_CONTENTSHARE" is managed by the FunctionApp; configure host storage, Application Insights and code through the FunctionApp props instead',
    );
  });

  test("an app setting keeps its first value", () => {
    const { app } = orders();
    app.addAppSetting("ORDERS_LIMIT", "100");
    app.addAppSetting("ORDERS_LIMIT", "100");
    expect(messageOf(() => app.addAppSetting("ORDERS_LIMIT", "200"))).toBe(
      'test/Orders: app setting "ORDERS_LIMIT" is already set to a different value; give each connection its own name, and set each app setting once',
    );
  });

  test("app settings are written in name order, whatever the call order", () => {
    const { stack, app } = orders();
    app.addAppSetting("Zeta", "1");
    app.addAppSetting("Alpha", "2");
    expect(Object.keys(settings(stack))).toEqual([...Object.keys(settings(stack))].sort());
  });

  test("functionEndpointId (and EventDestination.function) names a function with an Event Grid trigger; others are an error", () => {
    const stack = makeStack();
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const code = tempApp({
      "index.ts": [
        'import { app } from "@azure/functions";',
        'app.eventGrid("onOrder", { handler: async () => undefined });',
        'app.serviceBusQueue("archiveOrder", { queueName: "orders", connection: "Bus", handler: async () => undefined });',
      ].join("\n"),
    });
    const app = new FunctionApp(stack, "Orders", { code: { path: code } });
    expect(app.functionEndpointId("onOrder")).toBe(`${app.id}/functions/onOrder`);
    expect(EventDestination.function(app, "onOrder")).toEqual({ kind: "azureFunction", functionAppId: app.id, functionName: "onOrder" });
    expect(messageOf(() => app.functionEndpointId("shipOrder"))).toBe('test/Orders: function "shipOrder" is not registered by the app\'s code; use one of "onOrder"');
    // A Service Bus-triggered function never receives events: the mistake the type system cannot catch.
    expect(messageOf(() => EventDestination.function(app, "archiveOrder"))).toBe(
      'test/Orders: function "archiveOrder" has a serviceBusTrigger, so Event Grid cannot deliver to it; use one of "onOrder", ' +
        "or deliver the events to what its trigger reads (e.g. EventDestination.serviceBusQueue)",
    );
    expect(messageOf(() => orders().app.functionEndpointId("processOrder"))).toContain("register a function with app.eventGrid(...) in the code");
  });
});
