// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/consumer-app.md shows it, verbatim.
// --- example ---
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  ActionGroup, Activity, Alerts, ApiManagement, ApiManagementIngress, ApiManagementSubnet, DataFactory, EventDestination, EventGridTopic, FunctionApp,
  IntegrationContext, LogicAppStandard, Monitoring, Network, ResourceGroup, ServiceBusNamespace, StorageAccount,
} from "azure-integration-cdktf";
import { recordHole } from "azure-integration-cdktf/authoring";

const app = new App();
for (const profile of ["dev", "prod"] as const) {
  const stack = new TerraformStack(app, `orders-${profile}`);
  new AzurermProvider(stack, "azurerm", { features: [{}], storageUseAzuread: true });
  const rg = new ResourceGroup(stack, "Rg", { name: `rg-orders-${profile}`, location: "westeurope" });
  IntegrationContext.set(stack, { resourceGroup: rg, namePrefix: "orders", profile });
  IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });
  // Prod is private: one spoke VNet for endpoints and integrated apps; egress through a NAT gateway.
  const network = profile === "prod" ? new Network(stack, "Network", { addressSpace: ["10.30.0.0/16"] }) : undefined;
  if (network) IntegrationContext.set(stack, { network });

  // Orders arrive on a queue; order events fan out on a topic, EU ones to the "eu" subscription.
  const bus = new ServiceBusNamespace(stack, "Bus");
  bus.addQueue("orders");
  bus.addTopic("order-events").addSubscription("eu", { rules: { eu: { sqlFilter: "region = 'eu'" } } });

  // A function stores a receipt per queued order and hears about large orders from Event Grid.
  // Dev has no VNet: the app calls from shared addresses, so the account admits all networks (Entra ID only;
  // the pack warns, AIC-ST-005). Prod reaches it through a private endpoint.
  const open = profile === "dev" ? ({ firewallDefaultAction: "Allow" } as const) : {};
  const receipts = new StorageAccount(stack, "Receipts", { containers: ["receipts"], ...open });
  // Event Grid pushes from its multi-tenant service, which cannot use private endpoints: the app keeps
  // its public endpoint, denying all but the AzureEventGrid service tag, and the stack records why.
  const functions = new FunctionApp(stack, "Orders", {
    code: { path: path.resolve(__dirname, "consumer/functions/orders") },
    publicNetworkAccess: true,
    firewallDefaultAction: "Deny",
  });
  recordHole(stack, functions, "Azure Event Grid push delivery cannot reach private endpoints; only its service tag is admitted.", ["EventGrid"]);
  functions.connectServiceBus("ServiceBusConnection", bus, "receive");
  functions.connectStorage("ReceiptStorage", receipts, "write");
  // Undeliverable events go to a dedicated account: Event Grid dead-letters from its multi-tenant service
  // too, through the trusted-services exception, so this one account keeps a public endpoint.
  const deadLetters = new StorageAccount(stack, "DeadLetters", { publicNetworkAccess: true, containers: ["dead-letters"] });
  recordHole(stack, deadLetters, "Azure Event Grid dead-letters from its multi-tenant service and cannot use private endpoints.", ["EventGrid"]);
  new EventGridTopic(stack, "Events").addSubscription("large-orders", {
    destination: EventDestination.function(functions, "onLargeOrder"),
    deadLetter: { storageAccountId: deadLetters.id, containerName: "dead-letters" },
    advancedFilters: [{ operator: "numberGreaterThan", key: "data.total", value: 1000 }],
  });

  // A Standard workflow (VNet-integrated in prod) records each EU order event.
  const workflows = new LogicAppStandard(stack, "Workflows", {
    workflows: { "record-eu-event": { definitionFile: path.resolve(__dirname, "consumer/workflows/record-eu-event.workflow.json") } },
  });
  workflows.connectServiceBus("serviceBus", bus, "receive");

  // Data Factory copies raw order files to the curated zone of a lake.
  const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "curated"] });
  const factory = new DataFactory(stack, "Curate");
  const files = factory.addDataLakeLinkedService("Lake", { storage: lake });
  const raw = factory.addJsonDataset("Raw", { linkedService: files, fileSystem: "raw" });
  const curated = factory.addParquetDataset("Curated", { linkedService: files, fileSystem: "curated" });
  factory.addPipeline("CurateOrders", { activities: [Activity.copy({ name: "Copy", source: raw, sink: curated })] });

  // The orders API from its OpenAPI document and policy; in prod Internal behind a WAF_v2 gateway.
  const subnet = network && new ApiManagementSubnet(stack, "ApiManagementSubnet", {
    network, addressPrefix: "10.30.8.0/24", namePrefix: "orders", resourceGroup: rg, location: rg.location,
  });
  const apim = new ApiManagement(stack, "Gateway", {
    publisherName: "Contoso", publisherEmail: "api@contoso.com", sku: profile === "prod" ? "Premium" : "Developer",
    virtualNetwork: subnet && { type: "Internal", subnetId: subnet.subnetId },
  });
  apim.addApi("orders", {
    path: "orders",
    serviceUrl: "https://orders.contoso.com",
    openApiFile: path.resolve(__dirname, "consumer/api/orders.openapi.json"),
    policyFile: path.resolve(__dirname, "consumer/api/orders.xml"),
  });
  if (subnet && network) {
    subnet.inject(apim);
    new ApiManagementIngress(stack, "Ingress", { service: apim, network, subnetPrefix: "10.30.9.0/24" });
  }
  // Dead letters, failed runs and 5xx reach the on-call team; last, so it sees everything above.
  const oncall = new ActionGroup(stack, "OnCall", { emailReceivers: ["ops@contoso.com"] });
  new Alerts(stack, "Alerts", { actionGroupId: oncall.id }).watch(stack);
}
app.synth();
