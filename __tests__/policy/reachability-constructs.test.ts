import * as path from "path";
import { Testing } from "cdktf";
import { ApiManagement } from "../../constructs/api-management";
import { recordedFlows } from "../../constructs/core/flows";
import { DataFactory } from "../../constructs/data-factory";
import { EventDestination, EventGridTopic } from "../../constructs/event-grid";
import { FunctionApp } from "../../constructs/function-app";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { ServiceBusNamespace } from "../../constructs/service-bus";
import { StorageAccount } from "../../constructs/storage";
import { PolicyPack } from "../../policy/policy-pack";
import { makeStack, withProvider } from "../helpers";

// Each construct that makes a connection records it where it makes it; the report judges them.
const FIXTURES = path.resolve(__dirname, "../constructs");

describe("the constructs record the connections they make", () => {
  const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
  const pack = PolicyPack.apply(stack);
  const bus = new ServiceBusNamespace(stack, "Bus");
  const queue = bus.addQueue("orders");
  const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["dead-letters"], firewallDefaultAction: "Allow" });

  const events = new EventGridTopic(stack, "Events");
  const app = new FunctionApp(stack, "Orders", { code: { path: path.join(FIXTURES, "function-app/fixtures/orders") } });
  app.connectServiceBus("ServiceBusConnection", bus, "receive");
  app.connectEventGrid("EventGridConnection", events);

  const workflow = new LogicAppWorkflow(stack, "Approval", {
    definitionFile: path.join(FIXTURES, "logic-app/fixtures/order-approval.workflow.json"),
  });
  workflow.addConnection("servicebus", {
    api: "servicebus",
    managedIdentity: true,
    parameterValues: { namespaceEndpoint: `sb://${bus.fullyQualifiedNamespace}/` },
  });
  workflow.addConnection("blob", { api: "azureblob", managedIdentity: true, target: lake });
  workflow.addConnection("office", {
    api: "office365",
    existingConnectionId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/connections/o365",
  });

  const apim = new ApiManagement(stack, "Apim", { publisherName: "Contoso", publisherEmail: "api@contoso.example" });
  apim.addBackend("literal", { url: "https://api.example.com" });
  apim.recordCall(bus, "send-request: orders");

  events.addSubscription("to-queue", {
    destination: EventDestination.serviceBusQueue(queue.id),
    deadLetter: { storageAccountId: lake.id, containerName: "dead-letters" },
  });

  const factory = new DataFactory(stack, "Factory", { publicNetworkAccess: true });
  PolicyPack.suppress(
    factory,
    "AIC-ADF-001",
    "Without a private network, on-premises runtime nodes reach the factory only over its public endpoint (review F4).",
  );
  factory.addDataLakeLinkedService("Lake", { storage: lake });
  factory.addSelfHostedIntegrationRuntime("onprem");

  test("each at the point of connection, with its caller and purpose (a literal URL and a connection without target record nothing)", () => {
    expect(recordedFlows(stack).map((f) => [f.scope.node.path, f.purpose, f.caller.runsIn, f.caller.service, f.endpoint])).toEqual([
      ["test/Orders", "host storage (AzureWebJobsStorage)", "multi-tenant", undefined, "blob"],
      ["test/Orders", "connection ServiceBusConnection", "multi-tenant", undefined, undefined],
      ["test/Orders", "connection EventGridConnection", "multi-tenant", undefined, undefined],
      ["test/Approval", "servicebus connector", "multi-tenant", "AzureConnectors", "namespace"],
      ["test/Approval", "azureblob connector (connection blob)", "multi-tenant", "AzureConnectors", "blob"],
      ["test/Apim", "send-request: orders", "multi-tenant", "ApiManagement", undefined],
      ["test/Events/Subscription-to-queue", "event delivery (serviceBusQueue)", "multi-tenant", "EventGrid", "namespace"],
      ["test/Events/Subscription-to-queue", "dead-lettering", "multi-tenant", "EventGrid", "blob"],
      ["test/Factory/LinkedService-Lake", "linked service Lake", "managed-vnet", "DataFactory", "dfs"],
      [
        "test/Factory/SelfHostedIntegrationRuntime-onprem",
        "self-hosted runtime nodes connect to the factory",
        "on-premises",
        undefined,
        "dataFactory",
      ],
    ]);
  });

  test("the report judges every one against the synthesized targets, with the caller's place derived from its L1", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(pack.report().flows.map((f) => [f.caller, f.target, f.runsIn, f.path])).toEqual([
      ["test/Orders", "test/Orders/Storage/Resource", "multi-tenant", "public: all networks"],
      ["test/Orders", "test/Bus/Resource", "multi-tenant", "public: all networks"],
      ["test/Orders", "test/Events/Resource", "multi-tenant", "public: all networks"],
      ["test/Approval", "test/Bus/Resource", "multi-tenant", "public: all networks"],
      ["test/Approval", "test/Lake/Resource", "multi-tenant", "public: all networks"],
      ["test/Apim", "test/Bus/Resource", "multi-tenant", "public: all networks"],
      ["test/Events/Subscription-to-queue", "test/Bus/Resource", "multi-tenant", "public: all networks"],
      ["test/Events/Subscription-to-queue", "test/Lake/Resource", "multi-tenant", "public: all networks"],
      ["test/Factory/LinkedService-Lake", "test/Lake/Resource", "managed-vnet", "managed private endpoint (dfs), once approved"],
      ["test/Factory/SelfHostedIntegrationRuntime-onprem", "test/Factory/Resource", "on-premises", "public: all networks"],
    ]);
  });
});
