// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/logic-app-standard/README.md shows it, verbatim.
// --- example ---
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  ActionGroup, Alerts, CosmosDbAccount, IntegrationContext, LogicAppStandard, Monitoring, Network, ResourceGroup, ServiceBusNamespace,
} from "azure-integration-cdktf";

const app = new App();
const stack = new TerraformStack(app, "orders-prod");
new AzurermProvider(stack, "azurerm", { features: [{}], storageUseAzuread: true });
const rg = new ResourceGroup(stack, "Rg", { name: "rg-orders-prod", location: "westeurope" });
IntegrationContext.set(stack, { resourceGroup: rg, namePrefix: "orders", profile: "prod" });
IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });
IntegrationContext.set(stack, { network: new Network(stack, "Network", { addressSpace: ["10.20.0.0/16"] }) });

const bus = new ServiceBusNamespace(stack, "Bus");
bus.addQueue("orders");
bus.addTopic("order-events");
const cosmos = new CosmosDbAccount(stack, "Cosmos");

const orders = new LogicAppStandard(stack, "Orders", {
  workflows: { "process-order": { definitionFile: path.resolve(__dirname, "workflows/process-order.workflow.json") } },
});
orders.connectServiceBus("serviceBus", bus, "both"); // Azure Service Bus Data Receiver + Sender
orders.connectCosmosDb("cosmos", cosmos, "write"); // Cosmos DB Built-in Data Contributor

// Dead letters and failed runs reach the on-call team; last, so it sees everything above.
new Alerts(stack, "Alerts", { actionGroupId: new ActionGroup(stack, "OnCall", { emailReceivers: ["ops@contoso.com"] }).id }).watch(stack);
app.synth();
