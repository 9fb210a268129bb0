import * as path from "path";
import { EventDestination, EventGridTopic } from "../../constructs/event-grid";
import { FunctionApp } from "../../constructs/function-app";
import { ServiceBusNamespace } from "../../constructs/service-bus";
import { StorageAccount } from "../../constructs/storage";
import { PolicyPack } from "../../policy/policy-pack";
import { makeStack, PROD_CONTEXT, withProvider } from "../helpers";

// The diagram users get next to every stack: services by network boundary, calls with path and roles, the access matrix.
const CODE = path.resolve(__dirname, "../constructs/function-app/fixtures/orders");

function build(extra = {}) {
  const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" }, ...extra }));
  const pack = PolicyPack.apply(stack);
  const bus = new ServiceBusNamespace(stack, "Bus", { sku: "Premium" });
  const queue = bus.addQueue("orders");
  const app = new FunctionApp(stack, "Orders", { code: { path: CODE }, integrationSubnetId: false });
  app.connectServiceBus("ServiceBusConnection", bus, "receive");
  const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["dead-letters"], firewallDefaultAction: "Allow" });
  new EventGridTopic(stack, "Events").addSubscription("to-queue", {
    destination: EventDestination.serviceBusQueue(queue.id),
    deadLetter: { storageAccountId: lake.id, containerName: "dead-letters" },
  });
  pack.evaluate();
  return pack.diagram("test");
}

const lines = (text: string) => text.split("\n");

test("each recorded call is an edge labelled with what it does, the roles its caller holds on the target and its path", () => {
  const diagram = build();
  const node = (name: string) => new RegExp(`^    (n\\d+)\\["${name}<br/>`, "m").exec(diagram)?.[1];
  const [app, bus, subscription, lake] = ["Orders", "Bus", "Events/Subscription-to-queue", "Lake"].map(node);
  expect([app, bus, subscription, lake].every(Boolean)).toBe(true);
  expect(lines(diagram)).toContainEqual(
    `  ${app} -->|"connection ServiceBusConnection [namespace]<br/>role: Azure Service Bus Data Receiver<br/>public: all networks"| ${bus}`,
  );
  expect(diagram).toMatch(new RegExp(`  ${subscription} -->\\|"dead-lettering \\[blob\\]<br/>role: Storage Blob Data Contributor<br/>[^"]+"\\| ${lake}`));
});

test("services sit in their network boundary: multi-tenant callers apart, private-endpoint targets inside the VNet in prod", () => {
  const dev = build();
  expect(dev).toMatch(/subgraph multi_tenant\["Azure multi-tenant services"\]\n( {4}.*\n)* {4}n\d+\["Events\/Subscription-to-queue/);
  expect(dev).not.toContain("subgraph vnet");
  const prod = build(PROD_CONTEXT);
  expect(prod).toMatch(/subgraph vnet\[[^\]]*\]\n( {4}.*\n)* {4}n\d+\["Bus<br\/>/);
});

test("the access matrix lists every role assignment by principal, role and scope", () => {
  const matrix = lines(build()).filter((l) => l.startsWith("| `"));
  expect(matrix).toContainEqual("| `Orders` | Azure Service Bus Data Receiver | `Bus` |");
  expect(matrix).toContainEqual("| `Events` | Azure Service Bus Data Sender | `Bus/Queue-orders` |");
  // Sorted and without duplicates, so the README diff of a change is the change.
  expect([...matrix].sort((a, b) => a.localeCompare(b))).toEqual(matrix);
  expect(new Set(matrix).size).toBe(matrix.length);
});
