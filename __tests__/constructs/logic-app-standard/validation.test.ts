import { Testing } from "cdktf";
import { CosmosDbAccount } from "../../../constructs/cosmos-db";
import { IPrivateNetwork } from "../../../constructs/core/context";
import { LogicAppStandard, LogicAppStandardProps } from "../../../constructs/logic-app-standard";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { messageOf } from "../../helpers";
import { HIGH_VALUE_FILE, ORDERS_FILE, PROCESS_ORDER_FILE, ordersWith, stackFor, standardApp } from "./app";

// The stack's encryption key is not under test here (customer-managed-key.test.ts); its vault would be the first write a public deployer fails.
const NO_KEY = { customerManagedKey: { optOut: "The key vault is not under test: this test is about another endpoint." } } as const;

const PATH = "test/Orders";
const HUB: IPrivateNetwork = { privateEndpointSubnetId: "/subnets/pe", privateDnsZoneId: () => undefined };

/** An app with the orders workflow; `connect` wires what the test needs. */
function ordersApp(connect: (app: LogicAppStandard, stack: ReturnType<typeof stackFor>) => void, document: object | string = ORDERS_FILE) {
  const stack = stackFor("dev");
  const source = typeof document === "string" ? { definitionFile: document } : { definition: document };
  const app = new LogicAppStandard(stack, "Orders", { workflows: { "process-order": source } });
  connect(app, stack);
  return app;
}

const bothConnections = (app: LogicAppStandard, stack: ReturnType<typeof stackFor>) => {
  app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "both");
  app.connectCosmosDb("cosmos", new CosmosDbAccount(stack, "Cosmos"), "write");
};

describe("workflows against connections (checked at synth)", () => {
  test("every ServiceProvider operation has its connection: the twin passes", () => {
    expect(ordersApp(bothConnections).node.validate()).toEqual([]);
  });

  test("a workflow using a connection that was never added", () => {
    const app = ordersApp((a, s) => a.connectServiceBus("serviceBus", new ServiceBusNamespace(s, "Bus"), "both"));
    expect(app.node.validate()).toEqual([
      `${PATH}: action "Upsert_order" of workflow "process-order" in ${ORDERS_FILE} uses connection "cosmos", ` +
        "but the app has no connection of that name " +
        `(it has "serviceBus"); call connectCosmosDb("cosmos", ...) on the app, or fix connectionName`,
    ]);
  });

  test("a connection name pointing at another connector's connection", () => {
    const renamed = ordersWith((d) => {
      d.actions.Process_order.actions.Upsert_order.inputs.serviceProviderConfiguration.connectionName = "serviceBus";
    });
    const app = ordersApp(bothConnections, renamed);
    expect(app.node.validate()).toEqual([
      `${PATH}: action "Upsert_order" of workflow "process-order" in inline definition calls /serviceProviders/AzureCosmosDB ` +
        'through connection "serviceBus", ' +
        "which is a /serviceProviders/serviceBus connection; point connectionName at a connection of that connector, or fix serviceProviderId",
    ]);
  });

  test("synthesis with validations stops on it", () => {
    const stack = stackFor("dev");
    new LogicAppStandard(stack, "Orders", { workflows: { "process-order": { definitionFile: ORDERS_FILE } } });
    expect(() => Testing.synth(stack, true)).toThrow(/uses connection "serviceBus", but the app has no connection of that name \(it has none yet\)/);
  });

  test("an app without workflows; the twin with one passes", () => {
    const empty = new LogicAppStandard(stackFor("dev"), "Orders");
    expect(empty.node.validate()).toEqual([`${PATH}: workflows are empty: the app would run nothing; pass workflows or call addWorkflow`]);
    expect(standardApp().app.node.validate()).toEqual([]);
  });
});

describe("workflow definitions", () => {
  test("a designer file using managed connections ($connections) is refused; a built-in one passes", () => {
    expect(messageOf(() => standardApp("dev", { workflows: { process: { definitionFile: PROCESS_ORDER_FILE } } }))).toBe(
      `${PATH}: action "Complete_message" in ${PROCESS_ORDER_FILE} reads managed API connection "servicebus" from $connections, ` +
        'which a Standard app does not have; use a built-in "ServiceProvider" operation (serviceProviderConfiguration.connectionName) ' +
        "and connectServiceBus/connectSql/... on the app",
    );
    expect(() => ordersApp(bothConnections)).not.toThrow();
  });

  test("LogicAppWorkflow's definition checks run too", () => {
    const broken = ordersWith((d) => (d.actions.Publish_order_accepted.runAfter = { Missing: ["Succeeded"] }));
    expect(messageOf(() => ordersApp(bothConnections, broken))).toMatch(
      /action "Publish_order_accepted" in inline definition runs after "Missing", which is not an action/,
    );
  });

  test("a ServiceProvider operation without a connection name", () => {
    const anonymous = ordersWith((d) => delete d.actions.Publish_order_accepted.inputs.serviceProviderConfiguration.connectionName);
    expect(messageOf(() => ordersApp(bothConnections, anonymous))).toMatch(
      /action "Publish_order_accepted" in inline definition is a ServiceProvider operation without a literal inputs\.serviceProviderConfiguration/,
    );
  });

  test("a workflow name that cannot be a Standard workflow folder; a valid one passes", () => {
    expect(messageOf(() => standardApp("dev", { workflows: { "1 orders/x": { definitionFile: HIGH_VALUE_FILE } } }))).toMatch(
      /^test\/Orders: workflow name "1 orders\/x" is not a Standard workflow name/,
    );
    expect(() => standardApp("dev", { workflows: { "orders_v2-final": { definitionFile: HIGH_VALUE_FILE } } })).not.toThrow();
  });

  test("the same parameter with different values in two workflows; equal values pass", () => {
    const twice = (threshold: number): LogicAppStandardProps => ({
      workflows: {
        a: { definitionFile: HIGH_VALUE_FILE },
        b: { definitionFile: HIGH_VALUE_FILE, parameterValues: { highValueThreshold: threshold } },
      },
    });
    const { app } = standardApp("dev", twice(2000));
    expect(messageOf(() => app.package)).toMatch(
      /parameter "highValueThreshold" of workflow "b" 2000 differs from the same parameter of workflow "a" \(Int 1000\)/,
    );
    expect(() => standardApp("dev", twice(1000)).app.package).not.toThrow();
  });

  test("a deploy-time value for a non-string parameter; a string parameter takes it", () => {
    const stack = stackFor("dev");
    const bus = new ServiceBusNamespace(stack, "Bus");
    const flow = (values: Record<string, unknown>) => () =>
      new LogicAppStandard(stack, `Orders${Object.keys(values)[0]}`, {
        workflows: { f: { definitionFile: HIGH_VALUE_FILE, parameterValues: values } },
      });
    expect(messageOf(flow({ highValueThreshold: bus.name }))).toMatch(/is a Int known only at deploy time/);
    expect(flow({ reviewTeam: bus.name })).not.toThrow();
  });

  test("two workflows of one name; distinct names pass", () => {
    const { app } = standardApp();
    expect(messageOf(() => app.addWorkflow("high-value-order", { definitionFile: HIGH_VALUE_FILE }))).toBe(
      `${PATH}: workflow name "high-value-order" is already a workflow of this app; give each workflow its own name`,
    );
    expect(() => app.addWorkflow("high-value-order-2", { definitionFile: HIGH_VALUE_FILE })).not.toThrow();
  });

  test("nothing can be added once the package is built", () => {
    const { app } = standardApp();
    void app.package;
    expect(messageOf(() => app.addWorkflow("late", { definitionFile: HIGH_VALUE_FILE }))).toMatch(
      /workflow "late" is added after the workflow package was built/,
    );
  });
});

describe("props", () => {
  test("a SKU that is not Workflow Standard; WS2 passes", () => {
    expect(messageOf(() => standardApp("dev", { sku: "WS4" as never }))).toBe(
      `${PATH}: sku "WS4" is not a Workflow Standard SKU; use one of WS1, WS2, WS3 (Standard logic apps run only on Workflow Standard plans)`,
    );
    expect(messageOf(() => standardApp("dev", { sku: "EP1" as never }))).toMatch(/sku "EP1" is not a Workflow Standard SKU/);
    expect(() => standardApp("dev", { sku: "WS2" })).not.toThrow();
  });

  test("one instance on a zone-redundant plan; two pass", () => {
    expect(messageOf(() => standardApp("dev", { zoneRedundant: true, minimumInstances: 1 }))).toBe(
      `${PATH}: minimumInstances 1 is not a whole number from 2 to 20 for a zone-redundant plan; set minimumInstances to 2-20`,
    );
    expect(() => standardApp("dev", { zoneRedundant: true, minimumInstances: 2 })).not.toThrow();
  });

  test("a private endpoint without a network or subnet; with a subnetId it passes", () => {
    expect(messageOf(() => standardApp("dev", { privateEndpoint: {} }))).toBe(
      `${PATH}: privateEndpoint {} asks for a private endpoint, but names no subnetId and no IntegrationContext network provides one; ` +
        "pass privateEndpoint: { subnetId }, set the IntegrationContext network (the prod profile has one), or leave privateEndpoint out",
    );
    expect(() => standardApp("dev", { privateEndpoint: { subnetId: "/subnets/pe" } })).not.toThrow();
  });

  test("a private network without an integration subnet; opting out of VNet integration passes", () => {
    expect(messageOf(() => standardApp("dev", {}, { network: HUB }))).toMatch(
      /integrationSubnetId is not set, and in the IntegrationContext's private network the app needs a subnet/,
    );
    expect(() => standardApp("dev", { integrationSubnetId: false }, { network: HUB })).not.toThrow();
  });

  test("an app setting the construct manages; another name passes", () => {
    expect(messageOf(() => standardApp("dev", { appSettings: { AzureWebJobsStorage: "UseDevelopmentStorage=true" } }))).toMatch(
      /app setting "AzureWebJobsStorage" is managed by the LogicAppStandard/,
    );
    expect(() => standardApp("dev", { appSettings: { Region: "EU" } })).not.toThrow();
  });

  test("a built-in connection without the system-assigned identity; with it the connection is added", () => {
    const { stack, app } = standardApp("dev", { identity: { systemAssigned: false } });
    expect(messageOf(() => app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "send"))).toMatch(
      /connection "serviceBus" needs the system-assigned identity/,
    );
    const twin = standardApp();
    expect(() => twin.app.connectServiceBus("serviceBus", new ServiceBusNamespace(twin.stack, "Bus"), "send")).not.toThrow();
  });

  test("a connection name twice, and a name that cannot name app settings", () => {
    const { stack, app } = standardApp();
    const bus = new ServiceBusNamespace(stack, "Bus");
    app.connectServiceBus("serviceBus", bus, "send");
    expect(messageOf(() => app.connectServiceBus("serviceBus", bus, "receive"))).toMatch(
      /connection name "serviceBus" is already a connection of this app/,
    );
    expect(messageOf(() => app.connectServiceBus("service-bus", bus, "receive"))).toMatch(
      /connection name "service-bus" is not a literal of letters, digits and '_'/,
    );
  });
});

describe("the deployer must reach the host storage", () => {
  test("a public deployer in prod, where the host storage is private; a private one passes", () => {
    expect(messageOf(() => standardApp("prod", { storageAccountProps: NO_KEY }, { deployer: { network: "public" } }))).toMatch(
      /^test\/Orders: deployer\.network "public" cannot reach the blob endpoint of test\/Orders\/Storage to upload the workflows package .*public network access off; deploy from a runner with line of sight/,
    );
    expect(() => standardApp("prod", {}, { deployer: { network: "private" } })).not.toThrow();
  });

  test("a public deployer without egress ranges behind the subnet-only firewall; with ranges it passes", () => {
    const props = { integrationSubnetId: "/subnets/apps" };
    expect(messageOf(() => standardApp("dev", props, { deployer: { network: "public" } }))).toMatch(
      /cannot reach the blob endpoint of test\/Orders\/Storage .*denies by default, and the deployer lists no egress ranges/,
    );
    expect(() => standardApp("dev", props, { deployer: { network: "public", egressIpRanges: ["198.51.100.0/28"] } })).not.toThrow();
  });
});

