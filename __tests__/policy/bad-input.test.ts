import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import * as L from "../../index";
import { ProfileName } from "../../index";
import { parseEnvironment, parseJsonFile } from "../../config/environment";
import { checkEnvironmentsApart } from "../../stacks/app";
import { errorOf, RESOURCE_GROUP, withProvider } from "../helpers";
import { removeTempApps, tempApp } from "../constructs/function-app/temp-app";
import { REFERENCE_RULES } from "../../policy/rules/references";

// The catalogue of bad input: each entry is a mistake a user can make, and the exact message they
// get. Every message names the construct path (or file), the offending value and the fix.
const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "__tests__/constructs");
const ADMIN = { login: "sql-admins", objectId: "11111111-1111-1111-1111-111111111111" };
const PEOPLE = { apiPublisher: { name: "Contoso", email: "api@contoso.example" }, databaseAdministrators: { login: "dba", objectId: "00000000-0000-0000-0000-000000000001" } };
const PROD_NETWORK = { network: { privateEndpointSubnetId: "/subnets/pe", privateDnsZoneId: (zone: string) => `/zones/${zone}` } };

function stack(profile: ProfileName = "dev", extra: L.IntegrationContextProps = {}): TerraformStack {
  const s = new TerraformStack(Testing.app(), "bad");
  // One mistake per case: the pack's own findings (no diagnostics here) would bury it; cases about its rules apply it.
  L.IntegrationContext.set(s, { resourceGroup: RESOURCE_GROUP, namePrefix: "bad", profile, policyChecks: false, ...extra });
  return s;
}
const apim = (props: Partial<L.ApiManagementProps> = {}) => new L.ApiManagement(stack(), "A", { publisherName: "Contoso", publisherEmail: "api@contoso.example", ...props });
const topic = () => new L.EventGridTopic(stack(), "T");
const queue = L.EventDestination.serviceBusQueue("/queues/q");
const fixture = (file: string) => path.join(FIXTURES, file);

interface BadInput {
  readonly input: string;
  readonly build: () => unknown;
  readonly message: string;
}

const CATALOGUE: BadInput[] = [
  // Names
  { input: "a Key Vault name with a double hyphen", build: () => new L.KeyVault(stack(), "Vault", { name: "kv--bad" }), message: 'bad/Vault: name "kv--bad" breaks the keyVault naming rule; use letters, digits and hyphens, starting with a letter and ending with a letter or digit, no consecutive hyphens' },
  { input: "a storage account name with upper case and '_'", build: () => new L.StorageAccount(stack(), "Data", { name: "Bad_Name" }), message: 'bad/Data: name "Bad_Name" breaks the storageAccount naming rule; use lower-case letters and digits only' },
  { input: "a resource group name ending with '.'", build: () => new L.ResourceGroup(stack(), "Rg", { name: "rg-bad.", location: "westeurope" }), message: `bad/Rg: name "rg-bad." breaks the resourceGroup naming rule; use letters, digits, '_', '-', '.', '(' and ')', not ending with '.'` },
  { input: "a container name with upper case and '--'", build: () => new L.StorageAccount(stack(), "Data", { containers: ["Raw--Data"] }), message: 'bad/Data: container name "Raw--Data" breaks the container naming rule; use lower-case letters, digits and single hyphens, starting and ending with a letter or digit' },
  { input: "the same queue twice", build: () => new L.StorageAccount(stack(), "Data", { queues: ["jobs", "jobs"] }), message: 'bad/Data: queue name "jobs" is already defined on this account; add each queue once' },
  { input: "an API path with a leading slash", build: () => apim().addApi("o", { path: "/orders", operations: [] }), message: `bad/A: path of api "o" "/orders" starts or ends with '/'; drop the slashes, e.g. "orders"` },
  // Missing references
  { input: "a construct with no resource group anywhere", build: () => new L.KeyVault(new TerraformStack(Testing.app(), "bare"), "Vault"), message: "bare/Vault: resourceGroup is not set and no IntegrationContext above this construct provides one; pass resourceGroup in props or call IntegrationContext.set(stack, { resourceGroup })" },
  { input: "a Synapse workspace on a storage account without hierarchical namespace", build: () => { const s = stack(); new L.SynapseWorkspace(s, "W", { dataLake: new L.StorageAccount(s, "D"), administrator: ADMIN }); }, message: 'bad/W: dataLake "bad/D" is not a Data Lake Gen2 account (hierarchical namespace off); create the StorageAccount with dataLake: true' },
  { input: "an existing workspace id that is not a workspace id", build: () => new L.Monitoring(stack(), "Mon", { existingWorkspaceId: "/ws" }), message: 'bad/Mon: existingWorkspaceId "/ws" is not the id of a Microsoft.OperationalInsights/workspaces resource; use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>' },
  // Ranges
  { input: "Key Vault soft delete below 7 days", build: () => new L.KeyVault(stack(), "Vault", { softDeleteRetentionDays: 3 }), message: "bad/Vault: softDeleteRetentionDays 3 is not a whole number of days from 7 to 90; set softDeleteRetentionDays to 7-90 (the range Azure allows)" },
  { input: "blob soft delete of 0 days", build: () => new L.StorageAccount(stack(), "Data", { blobSoftDeleteDays: 0 }), message: "bad/Data: blobSoftDeleteDays 0 is not a whole number of days from 1 to 365; set blobSoftDeleteDays to 1-365 (the range Azure allows)" },
  { input: "Log Analytics retention of 10 days", build: () => new L.Monitoring(stack(), "Mon", { retentionInDays: 10 }), message: "bad/Mon: retentionInDays 10 is not a whole number of days from 30 to 730; set retentionInDays to 30-730 (the PerGB2018 range)" },
  { input: "Premium Service Bus with 3 messaging units", build: () => new L.ServiceBusNamespace(stack(), "Bus", { sku: "Premium", capacity: 3 }), message: "bad/Bus: capacity 3 is not a number of messaging units Premium offers; use 1, 2, 4, 8 or 16" },
  { input: "Event Grid retries above 30", build: () => topic().addSubscription("sub", { destination: queue, maxDeliveryAttempts: 50 }), message: "bad/T/Subscription-sub: maxDeliveryAttempts 50 is not a whole number from 1 to 30; set maxDeliveryAttempts to 1-30" },
  { input: "Event Grid event TTL above a day", build: () => topic().addSubscription("sub", { destination: queue, eventTimeToLive: 2000 }), message: "bad/T/Subscription-sub: eventTimeToLive 2000 is not a whole number from 1 to 1440; set eventTimeToLive to 1-1440" },
  { input: "26 advanced filters on one subscription", build: () => topic().addSubscription("sub", { destination: queue, advancedFilters: Array.from({ length: 26 }, (_, i) => L.AdvancedFilter.stringIn(`data.k${i}`, ["a"])) }), message: "bad/T/Subscription-sub: advancedFilters has 26 filters; a subscription takes at most 25; merge filters on the same key (one stringIn with several values), use includedEventTypes or subject filters, or filter in the handler" },
  { input: "64 partitions on a Standard event hub", build: () => new L.EventHubNamespace(stack(), "E").addEventHub("h", { partitionCount: 64 }), message: "bad/E/EventHub-h: partitionCount 64 is not a whole number from 1 to 32 (the Standard tier's range); set partitionCount to 1-32; it cannot be lowered later, so size it for peak parallel readers" },
  { input: "30-day retention on a Standard event hub", build: () => new L.EventHubNamespace(stack(), "E").addEventHub("h", { messageRetention: 30 }), message: "bad/E/EventHub-h: messageRetention 30 is not a whole number of days from 1 to 7 (the Standard tier's range); set messageRetention to 1-7" },
  { input: "auto-inflate up to 50 throughput units", build: () => new L.EventHubNamespace(stack(), "E", { autoInflateEnabled: true, maximumThroughputUnits: 50 }), message: "bad/E: maximumThroughputUnits 50 is not a whole number from 1 to 40; set maximumThroughputUnits to 1-40 (the range Azure allows)" },
  { input: "9 units of API Management Standard", build: () => apim({ sku: "Standard", capacity: 9 }), message: 'bad/A: capacity 9 is not a valid number of units for sku "Standard" (1-4); set capacity to 1-4 or choose a tier that scales further' },
  { input: "Cosmos DB throughput of 450 RU/s", build: () => new L.CosmosDbAccount(stack(), "C").addDatabase("d", { throughput: 450 }), message: "bad/C/Database-d: throughput 450 is not at least 400 RU/s in steps of 100; set throughput to 400, 500, 600, ... (manual throughput)" },
  { input: "SQL point-in-time restore of 40 days", build: () => new L.SqlDatabase(stack(), "S", { administrator: ADMIN, shortTermRetentionDays: 40 }), message: "bad/S: shortTermRetentionDays 40 is not a whole number of days from 1 to 35; set shortTermRetentionDays to 1-35 (the point-in-time restore window Azure allows)" },
  { input: "a publisher email that is not an address", build: () => apim({ publisherEmail: "not-an-email" }), message: 'bad/A: publisherEmail "not-an-email" is not an email address of at most 100 characters; use an address such as api-team@contoso.com' },
  // Durations
  { input: "a Service Bus lock longer than 5 minutes", build: () => new L.ServiceBusNamespace(stack(), "Bus").addQueue("q", { lockDuration: "PT10M" }), message: 'bad/Bus/Queue-q: lockDuration "PT10M" is longer than PT5M, the maximum Azure allows; set lockDuration to at least PT1S and at most PT5M' },
  { input: "a message TTL that is not ISO-8601", build: () => new L.ServiceBusNamespace(stack(), "Bus").addQueue("q", { defaultMessageTtl: "10 minutes" }), message: 'bad/Bus/Queue-q: defaultMessageTtl "10 minutes" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D' },
  // Tiers and features that do not combine
  { input: "Service Bus Standard where prod wants a private endpoint", build: () => new L.ServiceBusNamespace(stack("prod", PROD_NETWORK), "Bus", { sku: "Standard" }), message: `bad/Bus: sku "Standard" has no private endpoints, and the IntegrationContext's network asks for one; use sku "Premium" or set privateEndpoint: false (public access then stays on, behind the firewall)` },
  { input: "a topic on Service Bus Basic", build: () => new L.ServiceBusNamespace(stack(), "Bus", { sku: "Basic" }).addTopic("t"), message: 'bad/Bus/Topic-t: topic "t" is not available in the Basic tier; use sku "Standard" or "Premium", or use a queue' },
  { input: "sessions on Service Bus Basic", build: () => new L.ServiceBusNamespace(stack(), "Bus", { sku: "Basic" }).addQueue("q", { requiresSession: true }), message: 'bad/Bus/Queue-q: requiresSession true is not available in the Basic tier; use sku "Standard" or "Premium", or leave requiresSession off' },
  { input: "geo-disaster recovery between Standard namespaces", build: () => { const s = stack(); new L.ServiceBusNamespace(s, "A", { sku: "Standard" }).pairWith(new L.ServiceBusNamespace(s, "B", { sku: "Standard" })); }, message: 'bad/A: geo-disaster recovery (pairWith) is not available in the Standard tier; use sku "Premium", or leave geo-disaster recovery out' },
  { input: "Event Hubs capture on Basic", build: () => new L.EventHubNamespace(stack(), "E", { sku: "Basic" }).addEventHub("h", { capture: { storageAccountId: "/sa", containerName: "cap" } }), message: 'bad/E/EventHub-h: capture is not available on the Basic tier; use sku "Standard" or "Premium", or drop capture' },
  { input: "API Management Basic in a VNet", build: () => apim({ sku: "Basic", virtualNetwork: { subnetId: "/s", type: "Internal" } }), message: 'bad/A: sku "Basic" cannot join a virtual network; use "Developer", "Premium" or "PremiumV2" for injection (type Internal or External) or "StandardV2" for outbound integration (type External), or drop virtualNetwork' },
  { input: "zones on API Management Standard", build: () => apim({ sku: "Standard", zones: ["1", "2"] }), message: 'bad/A: sku "Standard" has no availability zones; use "Premium" or drop zones' },
  { input: "Cosmos DB as an Event Grid system topic", build: () => new L.EventGridSystemTopic(stack(), "T", { sourceResourceId: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/c", topicType: "Microsoft.DocumentDB.DatabaseAccounts" as L.SystemTopicType }), message: 'bad/T: topicType "Microsoft.DocumentDB.DatabaseAccounts" is not an Event Grid system-topic source; Cosmos DB publishes no Event Grid events: read its change feed with a Cosmos DB-triggered function that publishes to an EventGridTopic (topic.grantPublish(functionIdentity)), and subscribe to that topic' },
  { input: "allowAzureServices with public access off", build: () => new L.SqlDatabase(stack(), "S", { administrator: ADMIN, publicNetworkAccess: false, allowAzureServices: true }), message: "bad/S: allowAzureServices true has no effect while public network access is off; set publicNetworkAccess: true or leave allowAzureServices out" },
  { input: "a dedicated SQL pool level that does not exist", build: () => { const s = stack(); new L.SynapseWorkspace(s, "W", { dataLake: new L.StorageAccount(s, "D", { dataLake: true }), administrator: ADMIN }).addSqlPool("p", { sku: "DW7c" as L.SqlPoolSku }); }, message: 'bad/W/SqlPool-p: sku "DW7c" is not a dedicated SQL pool performance level; use one of DW100c, DW200c, DW300c, DW400c, DW500c, DW1000c, DW1500c, DW2000c, DW2500c, DW3000c, DW5000c, DW6000c, DW7500c, DW10000c, DW15000c, DW30000c' },
  // Networks
  { input: "an address space with host bits set", build: () => new L.Network(stack(), "Net", { addressSpace: ["10.0.0.1/16"] }), message: 'bad/Net: addressSpace[0] "10.0.0.1/16" has host bits set (it is not the first address of its block); use "10.0.0.0/16"' },
  { input: "two overlapping subnets", build: () => new L.Network(stack(), "Net", { addressSpace: ["10.0.0.0/16"], subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24", privateEndpoints: true }, apps: { addressPrefix: "10.0.0.128/25" } } }), message: 'bad/Net: subnets.apps.addressPrefix "10.0.0.128/25" overlaps subnets.privateEndpoints.addressPrefix "10.0.0.0/24"; give each subnet a range no other subnet uses' },
  { input: "a subnet outside the address space", build: () => new L.Network(stack(), "Net", { addressSpace: ["10.0.0.0/16"], subnets: { privateEndpoints: { addressPrefix: "10.1.0.0/24", privateEndpoints: true } } }), message: 'bad/Net: subnets.privateEndpoints.addressPrefix "10.1.0.0/24" is outside the address space ["10.0.0.0/16"]; choose a prefix inside the address space or add its range to addressSpace' },
  { input: "an address space too small for the default subnets", build: () => new L.Network(stack(), "Net", { addressSpace: ["10.0.0.0/28"] }), message: 'bad/Net: addressSpace[0] "10.0.0.0/28" is too small to split into the default subnets (two /28 at the smallest); use a /27 or larger address space, or pass subnets explicitly' },
  // Secrets
  { input: "a webhook URL carrying a key", build: () => topic().addSubscription("sub", { destination: L.EventDestination.webhook("https://x.example/hook?code=abc") }), message: 'bad/T/Subscription-sub: destination.url is a literal URL with a credential in its "code" query parameter, which would be stored in clear in the synthesized JSON and state; pass the URL as a token instead (e.g. the Logic App trigger\'s callbackUrl, or a TerraformVariable with sensitive: true)' },
  { input: "a plain-HTTP webhook", build: () => topic().addSubscription("sub", { destination: L.EventDestination.webhook("http://x.example/hook") }), message: "bad/T/Subscription-sub: destination.url is not an https:// URL; use an HTTPS endpoint; Event Grid delivers webhooks over HTTPS only" },
  { input: "a literal secret named value", build: () => apim().addNamedValue("k", { secretValue: "hunter2" }), message: 'bad/A: secretValue of named value "k" is a literal string, which would be written in plain text into the synthesized Terraform JSON; store the secret in Key Vault and pass keyVaultSecretId (with keyVault), or pass a token such as a sensitive TerraformVariable' },
  { input: "a literal password for a Logic App connection", build: () => new L.LogicAppWorkflow(stack(), "W", { definitionFile: fixture("logic-app/fixtures/order-approval.workflow.json") }).addConnection("sql", { api: "sql", parameterValues: { password: "hunter2" } }), message: 'bad/W: connection "sql" parameterValues.password is a literal secret, which would sit in the Terraform configuration and state; use managedIdentity: true (supported by servicebus, eventhubs, azureblob, keyvault, sql, documentdb) and grant the workflow\'s identity a role on the target' },
  // Malformed workflow, policy and pipeline files
  { input: "a workflow action running after a missing action", build: () => new L.LogicAppWorkflow(stack(), "W", { definitionFile: fixture("logic-app/fixtures/mistakes/missing-run-after-target.workflow.json") }), message: `bad/W: action "Respond" in ${fixture("logic-app/fixtures/mistakes/missing-run-after-target.workflow.json")} runs after "Compose_orders", which is not an action of the workflow; name an action of the same block (the top level: one of "Compose_order")` },
  { input: "a workflow whose runAfter has a cycle", build: () => new L.LogicAppWorkflow(stack(), "W", { definitionFile: fixture("logic-app/fixtures/mistakes/cycle.workflow.json") }), message: `bad/W: runAfter in ${fixture("logic-app/fixtures/mistakes/cycle.workflow.json")} has a cycle in the top level: Enrich -> Validate -> Respond -> Enrich (each action runs after the next); remove one runAfter entry of the cycle so the actions can be ordered` },
  { input: "a policy file that is not well-formed XML", build: () => apim().addApi("o", { path: "o", openApiFile: fixture("api-management/fixtures/orders.openapi.json"), policyFile: fixture("api-management/fixtures/malformed.xml") }), message: `bad/A: policy file "${fixture("api-management/fixtures/malformed.xml")}" is not well-formed XML (line 4: Expected closing tag 'set-header' (opened in line 3, col 5) instead of closing tag 'inbound'.); fix the XML` },
  { input: "a policy with an unknown section", build: () => apim().addApi("o", { path: "o", openApiFile: fixture("api-management/fixtures/orders.openapi.json"), policyFile: fixture("api-management/fixtures/unknown-section.xml") }), message: `bad/A: policy file "${fixture("api-management/fixtures/unknown-section.xml")}" has an unknown section <rate-limit> in <policies>; use only <inbound>, <backend>, <outbound> and <on-error> (each at most once); policies go inside a section` },
  { input: "a Cosmos DB partition key without '/'", build: () => new L.CosmosDbAccount(stack(), "C").addDatabase("d").addContainer("c", { partitionKeyPaths: ["tenantId"] }), message: 'bad/C/Database-d/Container-c: partitionKeyPaths "tenantId" is not a path into the item; start each path with "/" and name a property, e.g. "/tenantId"' },
  // Guardrails
  { input: "a suppression without a reason", build: () => L.PolicyPack.suppress(stack(), "AIC-KV-002", "because"), message: 'bad: suppression of AIC-KV-002: reason "because" is not a sentence explaining why; say why the rule cannot hold here, e.g. the Azure or azurerm limit, in at least one sentence' },
  // Environment files
  { input: "an environment name prefix with upper case", build: () => parseEnvironment("dev", { ...PEOPLE, location: "westeurope", namePrefix: "Bad", profile: "dev" }, "config/dev.json"), message: 'config/dev.json: invalid environment\n  namePrefix: "Bad" must be 2-12 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit' },
  { input: "a prod environment without a network", build: () => parseEnvironment("prod", { ...PEOPLE, location: "westeurope", namePrefix: "ok", profile: "prod" }, "config/prod.json"), message: 'config/prod.json: invalid environment\n  network: is required by the "prod" profile (private endpoints need a VNet); add { "addressSpace": ["10.x.0.0/16"] }' },
  { input: "an unknown backend type", build: () => parseEnvironment("dev", { ...PEOPLE, location: "westeurope", namePrefix: "ok", profile: "dev", backend: { type: "s3" } }, "config/dev.json"), message: 'config/dev.json: invalid environment\n  backend.type: "s3" must be "local", "azurerm" or "hcp"' },
];

const DEF = {
  triggers: { manual: { type: "Request", kind: "Http", inputs: { method: "POST" } } },
  actions: {
    Compose: { type: "Compose", inputs: "@triggerBody()", runAfter: {} },
    Respond: { type: "Response", inputs: { statusCode: 200, body: "@body('Compose')" }, runAfter: { Compose: ["Succeeded"] } },
  },
  outputs: {},
};
const withAction = (name: string, action: object) => ({ ...DEF, actions: { ...DEF.actions, [name]: action } });
/** An API whose policy routes to backend-id "orders-backend", validated as synth validates it. */
const routed = (withBackend: boolean) => {
  const a = apim();
  if (withBackend) a.addBackend("orders-backend", { url: "https://orders.contoso.example" });
  a.addApi("o", { path: "o", openApiFile: fixture("api-management/fixtures/orders.openapi.json"), policyFile: fixture("api-management/fixtures/backend-routing.xml") });
  return Testing.synth(withProvider(TerraformStack.of(a)), true);
};
/** An API imported from an OpenAPI fixture, which synth reads and checks. */
const imported = (file: string) => apim().addApi("o", { path: "o", openApiFile: fixture(`api-management/fixtures/${file}`) });
const bus = () => new L.ServiceBusNamespace(stack(), "Bus").addTopic("t");
const workflow = (definition: object) => new L.LogicAppWorkflow(stack(), "W", { definition });
const ENV = { ...PEOPLE, location: "westeurope", namePrefix: "ok", profile: "dev" };
/** Builds into a fresh stack, applies the policy pack and synthesizes it: what a whole stack knows. */
const packed = (build: (s: TerraformStack) => void) => {
  const s = stack();
  build(s);
  // Only the reference rules: a bare stack has no Monitoring or network, which other rules ask for.
  L.PolicyPack.apply(s, { rules: REFERENCE_RULES });
  return Testing.synth(withProvider(s), true);
};
/** A function app whose code registers `registration`, built lazily (after the test starts). */
const codeApp = (s: TerraformStack, registration: string) =>
  new L.FunctionApp(s, "Fn", {
    code: { path: tempApp({ "index.ts": `import { app, output } from "@azure/functions";\nvoid output;\n${registration}\n` }) },
  });
const BLOB_OUTPUT =
  'app.http("archive", { extraOutputs: [output.storageBlob({ path: "archive/{rand-guid}.json", connection: "Archive" })], ' +
  "handler: async () => ({}) });";
const archive = (containers: string[]) =>
  packed((s) => codeApp(s, BLOB_OUTPUT).connectStorage("Archive", new L.StorageAccount(s, "Data", { containers }), "write"));
const SB_QUEUE = `app.serviceBusQueue("work", { queueName: "orders", connection: "Bus", handler: async () => undefined });`;
const SB_TOPIC =
  'app.serviceBusTopic("audit", { topicName: "events", subscriptionName: "audit", connection: "Bus", handler: async () => undefined });';
const busApp = (registration: string, entities: (bus: L.ServiceBusNamespace) => void) =>
  packed((s) => {
    const bus = new L.ServiceBusNamespace(s, "Bus");
    entities(bus);
    codeApp(s, registration).connectServiceBus("Bus", bus, "receive");
  });
const STORAGE_QUEUE = `app.storageQueue("jobs", { queueName: "jobs", connection: "Jobs", handler: async () => undefined });`;
const jobs = (queues: string[]) =>
  packed((s) => codeApp(s, STORAGE_QUEUE).connectStorage("Jobs", new L.StorageAccount(s, "Data", { queues }), "read"));
const deadLettered = (containers: string[]) =>
  packed((s) => {
    const account = new L.StorageAccount(s, "Data", { containers });
    const deadLetter = { storageAccountId: account.id, containerName: "deadletter" };
    new L.EventGridTopic(s, "T").addSubscription("sub", { destination: queue, deadLetter });
  });
const lakeDataset = (containers: string[]) =>
  packed((s) => {
    const factory = new L.DataFactory(s, "Factory");
    const lake = factory.addDataLakeLinkedService("lake", { storage: new L.StorageAccount(s, "Lake", { dataLake: true, containers }) });
    factory.addParquetDataset("raw", { linkedService: lake, fileSystem: "raw", path: "in" });
  });
/** The pack's error as synth reports it: validated at the stack, located at the finding's construct `path`. */
const refMessage = (path: string, rule: string, title: string, remediation: string) =>
  `Validation failed with the following errors:\n  [bad] ${path}: [${rule}] ${title}; ${remediation} (or PolicyPack.suppress with a reason)\n\n` +
  "If you wish to ignore these validations, pass 'skipValidation: true' to your App configuration.\n";
const REF_001 = "Function bindings name containers, queues, topics and subscriptions the stack creates on the accounts and namespaces it creates";
const REF_002 = "Event Grid dead-letter destinations name a container the stack creates on the account it creates";
const REF_003 = "Data Factory datasets name a file system or container the stack creates on the account it creates";
const fnRef = (remediation: string) => refMessage("bad/Fn", "AIC-REF-001", REF_001, remediation);
/** A factory with a self-hosted runtime "onprem-ir" and a pipeline whose Web activity runs on `runtime`. */
const factoryCalling = (runtime: string) => {
  const factory = new L.DataFactory(stack(), "F");
  factory.addSelfHostedIntegrationRuntime("onprem-ir");
  return factory.addPipeline("Ping", { activities: [L.Activity.web({ name: "Call", url: "https://erp.contoso.example/ping", method: "GET", integrationRuntime: runtime })] });
};
/** A serverless Cosmos DB account (switched on through the L1) in `regions` extra regions, synthesized with validations. */
const serverlessCosmos = (additionalLocations: string[]) => {
  const cosmos = new L.CosmosDbAccount(stack(), "C", { additionalLocations });
  cosmos.resource.putCapabilities([{ name: "EnableServerless" }]);
  return Testing.synth(withProvider(TerraformStack.of(cosmos)), true);
};
/** A Flex Consumption app integrated with a subnet delegated to `delegation`, synthesized with validations. */
const flexOn = (delegation: L.SubnetDelegationName) => {
  const s = withProvider(stack());
  const network = new L.Network(s, "Net", {
    addressSpace: ["10.0.0.0/24"],
    subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/26", privateEndpoints: true }, apps: { addressPrefix: "10.0.0.64/26", delegation } },
  });
  new L.FunctionApp(s, "F", { code: { path: fixture("function-app/fixtures/hello") }, plan: "FlexConsumption", integrationSubnetId: network.subnetId("apps") });
  return Testing.synth(s, true);
};
/** A storage account's system topic with a subscription to `eventType`. */
const STORAGE_ID = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
const blobEvents = (eventType: string) =>
  new L.EventGridSystemTopic(stack(), "T", { sourceResourceId: STORAGE_ID, topicType: "Microsoft.Storage.StorageAccounts" })
    .addSubscription("sub", { destination: queue, includedEventTypes: [eventType] });
/** A factory with a daily trigger in `timeZone`. */
const dailyAt = (timeZone: string) => {
  const factory = new L.DataFactory(stack(), "F");
  const pipeline = factory.addPipeline("Ping", { activities: [L.Activity.fromJson({ name: "Pause", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } })] });
  return factory.addScheduleTrigger("Daily", { pipeline, frequency: "Day", timeZone, schedule: { hours: [6], minutes: [0] } }).resource;
};

const env = (data: object) => parseEnvironment("dev", data, "config/dev.json");
const json = (text: string) => parseJsonFile(text, "config/dev.json");

interface BadInputClass extends BadInput {
  /** The same input with the mistake corrected: it must build (and synthesize) without error. */
  readonly fixed: () => unknown;
}

// Mistakes Azure or the provider would refuse at plan or apply, each with its corrected twin.
const policyApi = (file: string) => {
  const a = apim();
  a.addApi("o", { path: "o", openApiFile: fixture("api-management/fixtures/orders.openapi.json"), policyFile: fixture(`api-management/fixtures/${file}`) });
  return a;
};

const REFUSED_AT_SYNTH: BadInputClass[] = [
  // APIM policy elements, checked against the policy reference (2)
  { input: "a policy element that is not in the policy reference", build: () => policyApi("unknown-policy.xml"), fixed: () => policyApi("known-policy.xml"), message: `bad/A: policy file "${fixture("api-management/fixtures/unknown-policy.xml")}" has <rate-limt> in <inbound>, which is not a policy of the API Management policy reference (did you mean "rate-limit"?); use a policy listed at https://learn.microsoft.com/azure/api-management/api-management-policies` },
  { input: "a misspelt policy inside a <when> branch", build: () => policyApi("unknown-policy-in-when.xml"), fixed: () => policyApi("known-policy.xml"), message: `bad/A: policy file "${fixture("api-management/fixtures/unknown-policy-in-when.xml")}" has <set-headr> in <when>, which is not a policy of the API Management policy reference (did you mean "set-header"?); use a policy listed at https://learn.microsoft.com/azure/api-management/api-management-policies` },
  // Environment files (1)
  { input: "a profile that is not one", build: () => env({ ...ENV, profile: "production" }), fixed: () => env({ ...ENV, profile: "prod", network: { addressSpace: ["10.20.0.0/16"] } }), message: 'config/dev.json: invalid environment\n  profile: "production" must be "dev" or "prod"' },
  { input: "a missing apiPublisher", build: () => env({ location: "westeurope", namePrefix: "ok", profile: "dev" }), fixed: () => env(ENV), message: 'config/dev.json: invalid environment\n  apiPublisher: is missing; add "apiPublisher": { "name": "Contoso Integration", "email": "integration@contoso.com" }' },
  { input: "a misspelt key", build: () => env({ ...ENV, locaton: "westeurope" }), fixed: () => env(ENV), message: 'config/dev.json: invalid environment\n  locaton: is not a known key; did you mean "location"? rename it to "location"' },
  { input: "a location that is not an Azure region", build: () => env({ ...ENV, location: "westeurop" }), fixed: () => env({ ...ENV, location: "westeurope" }), message: 'config/dev.json: invalid environment\n  location: "westeurop" is not an Azure region; use "westeurope" (the closest region name)' },
  { input: "a value of the wrong type", build: () => env({ ...ENV, allowedIpRanges: "203.0.113.0/24" }), fixed: () => env({ ...ENV, allowedIpRanges: ["203.0.113.0/24"] }), message: 'config/dev.json: invalid environment\n  allowedIpRanges: "203.0.113.0/24" is a string, not an array; write it as an array' },
  { input: "a trailing comma in the JSON", build: () => json('{\n  "location": "westeurope",\n}'), fixed: () => json('{\n  "location": "westeurope"\n}'), message: "config/dev.json:3:1: not valid JSON: Expected double-quoted property name (line 3, column 1); fix the JSON there (no comments or trailing commas)" },
  { input: "two environments owning the same resource groups", build: () => checkEnvironmentsApart([{ ...env(ENV), name: "dev" }, { ...env(ENV), name: "test" }]), fixed: () => checkEnvironmentsApart([{ ...env(ENV), name: "dev" }, { ...env({ ...ENV, namePrefix: "ok2" }), name: "test" }]), message: "environments \"dev\" and \"test\": namePrefix \"ok\" is the same in both and neither sets subscriptionId (both deploy where Terraform runs), so both would deploy resource groups \"rg-ok-<pattern>\" and own each other's resources; give each environment its own namePrefix, or set subscriptionId to different subscriptions" },
  { input: "a resource group outside any Azure region", build: () => new L.ResourceGroup(stack(), "Rg", { location: "westeurop" }), fixed: () => new L.ResourceGroup(stack(), "Rg", { location: "westeurope" }), message: 'bad/Rg: location "westeurop" is not an Azure region; use "westeurope" (the closest region name), or another name from az account list-locations' },
  // Workflow files (2)
  { input: "an ARM template as a workflow file", build: () => workflow({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", resources: [] }), fixed: () => workflow({ type: "Microsoft.Logic/workflows", properties: { definition: DEF } }), message: "bad/W: definition \"inline definition\" is an ARM deployment template, not a workflow definition; pass the workflow resource's \"properties\" (its definition and parameters), or export the workflow from the designer's code view" },
  { input: "an empty workflow", build: () => workflow({ parameters: {} }), fixed: () => workflow(DEF), message: "bad/W: definition in inline definition has no trigger and no action, so it would deploy an empty workflow; pass the workflow definition (the object with \"triggers\" and \"actions\" from the designer's code view)" },
  { input: "a portal export without its definition", build: () => workflow({ properties: { state: "Enabled" } }), fixed: () => workflow({ properties: { state: "Enabled", definition: DEF } }), message: "bad/W: definition \"inline definition\" has \"properties\" without a \"definition\"; pass the file the portal exports ({ \"properties\": { \"definition\": ... } }) or the definition from the designer's code view" },
  { input: "body() of an action that does not exist", build: () => workflow(withAction("Log", { type: "Compose", inputs: "@body('Composee')", runAfter: {} })), fixed: () => workflow(withAction("Log", { type: "Compose", inputs: "@body('Compose')", runAfter: { Compose: ["Succeeded"] } })), message: "bad/W: action \"Log\" in inline definition \"@body('Composee')\" calls body('Composee'), but the workflow has no action \"Composee\"; did you mean 'Compose'? name an action of the workflow" },
  { input: "a function that does not exist", build: () => workflow(withAction("Log", { type: "Compose", inputs: "@{toLowr(triggerBody()?['id'])}", runAfter: {} })), fixed: () => workflow(withAction("Log", { type: "Compose", inputs: "@{toLower(triggerBody()?['id'])}", runAfter: {} })), message: "bad/W: action \"Log\" in inline definition \"@{toLowr(triggerBody()?['id'])}\" calls toLowr(), which is not a Workflow Definition Language function; did you mean toLower()? use a function of https://learn.microsoft.com/azure/logic-apps/workflow-definition-language-functions-reference" },
  { input: "items() of an action that is no loop", build: () => workflow(withAction("Log", { type: "Compose", inputs: "@items('Compose')", runAfter: {} })), fixed: () => workflow(withAction("Each", { type: "Foreach", foreach: "@triggerBody()", actions: { Log: { type: "Compose", inputs: "@items('Each')", runAfter: {} } }, runAfter: {} })), message: "bad/W: action \"Log\" in inline definition \"@items('Compose')\" calls items('Compose'), but \"Compose\" is a Compose, not a Foreach or Until action; name a Foreach or Until action of the workflow (it has none)" },
  { input: "an action type that is not one", build: () => workflow(withAction("Call", { type: "HttpRequest", inputs: { method: "GET", uri: "https://x.example" }, runAfter: {} })), fixed: () => workflow(withAction("Call", { type: "Http", inputs: { method: "GET", uri: "https://x.example" }, runAfter: {} })), message: 'bad/W: action "Call" in inline definition type "HttpRequest" is not a Logic Apps action type; use one of ApiConnection, ApiConnectionWebhook, ApiManagement, AppendToArrayVariable, AppendToStringVariable, Batch, ChunkText, Compose, DecrementVariable, Expression, FlatFileDecoding, FlatFileEncoding, Foreach, Function, Http, HttpWebhook, If, IncrementVariable, InitializeVariable, IntegrationAccountArtifactLookup, InvokeFunction, JavaScriptCode, Join, Liquid, ParseDocument, ParseJson, Query, Response, Scope, Select, SendToBatch, ServiceProvider, SetVariable, Switch, Table, Terminate, Until, Wait, Workflow, Xslt, XmlCompose, XmlParse, XmlValidation' },
  { input: "an HTTP method that is not one", build: () => workflow(withAction("Call", { type: "Http", inputs: { method: "FETCH", uri: "https://x.example" }, runAfter: {} })), fixed: () => workflow(withAction("Call", { type: "Http", inputs: { method: "GET", uri: "https://x.example" }, runAfter: {} })), message: 'bad/W: action "Call" in inline definition inputs.method "FETCH" is not an HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE' },
  // Values the provider or Resource Manager refuses (5)
  { input: "a Key Vault name that is a reserved word", build: () => new L.KeyVault(stack(), "Vault", { name: "azure" }), fixed: () => new L.KeyVault(stack(), "Vault", { name: "azure-kv1" }), message: 'bad/Vault: name "azure" is the reserved word AZURE, which Resource Manager refuses (ReservedResourceName); choose a name without the reserved word' },
  { input: "a storage account name containing a trademark", build: () => new L.StorageAccount(stack(), "Data", { name: "microsoftdata1" }), fixed: () => new L.StorageAccount(stack(), "Data", { name: "contosodata1" }), message: 'bad/Data: name "microsoftdata1" contains the trademark MICROSOFT, which Resource Manager refuses anywhere in a name (ReservedResourceName); choose a name without the reserved word' },
  { input: "a /31 storage IP rule", build: () => new L.StorageAccount(stack(), "Data", { allowedIpRanges: ["203.0.113.6/31"] }), fixed: () => new L.StorageAccount(stack(), "Data", { allowedIpRanges: ["203.0.113.6", "203.0.113.7"] }), message: "bad/Data: allowedIpRanges[0] \"203.0.113.6/31\" has a /31 prefix, which a storage account firewall refuses (prefixes 0-30, or a single address without a prefix); list each of its two addresses (without a prefix), or use a /30" },
  { input: "a private range as a storage IP rule", build: () => new L.StorageAccount(stack(), "Data", { allowedIpRanges: ["10.1.0.0/16"] }), fixed: () => new L.StorageAccount(stack(), "Data", { allowedIpRanges: ["203.0.113.0/24"] }), message: "bad/Data: allowedIpRanges[0] \"10.1.0.0/16\" is a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), which a storage account firewall refuses; list public egress ranges only; reach the account from a VNet through its private endpoint (or a virtual network rule)" },
  { input: "a Key Vault tenant id that is a domain", build: () => new L.KeyVault(stack(), "Vault", { tenantId: "contoso.onmicrosoft.com" }), fixed: () => new L.KeyVault(stack(), "Vault", { tenantId: "11111111-2222-4333-8444-555555555555" }), message: "bad/Vault: tenantId \"contoso.onmicrosoft.com\" is not a GUID (the provider requires the Entra tenant id, not its domain name); use the tenant id from az account show --query tenantId, or leave tenantId out (the tenant Terraform signs in to)" },
  // Artefacts of other services (4)
  { input: "a Service Bus SQL filter with ==", build: () => bus().addSubscription("s", { rules: { high: { sqlFilter: "priority == 5" } } }), fixed: () => bus().addSubscription("s", { rules: { high: { sqlFilter: "priority = 5" } } }), message: "bad/Bus/Topic-t/Subscription-s: rule \"high\" sqlFilter \"priority == 5\" is not Service Bus SQL: \"==\" is not an operator at character 10; compare with a single \"=\", e.g. sys.Label = 'order' (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter)" },
  { input: "a Service Bus SQL filter with &&", build: () => bus().addSubscription("s", { rules: { eu: { sqlFilter: "region = 'eu' && priority > 2" } } }), fixed: () => bus().addSubscription("s", { rules: { eu: { sqlFilter: "region = 'eu' AND priority > 2" } } }), message: "bad/Bus/Topic-t/Subscription-s: rule \"eu\" sqlFilter \"region = 'eu' && priority > 2\" is not Service Bus SQL: \"&&\" is not an operator at character 15; write AND (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter)" },
  { input: "a Service Bus SQL filter cut short", build: () => bus().addSubscription("s", { rules: { eu: { sqlFilter: "sys.Label = 'order' OR" } } }), fixed: () => bus().addSubscription("s", { rules: { eu: { sqlFilter: "sys.Label = 'order' OR sys.Label = 'refund'" } } }), message: "bad/Bus/Topic-t/Subscription-s: rule \"eu\" sqlFilter \"sys.Label = 'order' OR\" is not Service Bus SQL: expected a value, property or function but found the end of the filter at character 23; write a predicate of the SQL filter syntax (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter)" },
  { input: "a policy routing to a backend that does not exist", build: () => routed(false), fixed: () => routed(true), message: `Validation failed with the following errors:\n  [bad/A] bad/A: policy file "${fixture("api-management/fixtures/backend-routing.xml")}" routes to backend-id "orders-backend", which is not a backend of this service; add it with addBackend("orders-backend", { ... }) or fix the backend-id\n\nIf you wish to ignore these validations, pass 'skipValidation: true' to your App configuration.\n` },
  {
    input: "an OpenAPI $ref to a schema the document lacks",
    build: () => imported("refs-typo.openapi.json"),
    fixed: () => imported("refs.openapi.json"),
    message:
      `bad/A: openApiFile of api "o" "${fixture("api-management/fixtures/refs-typo.openapi.json")}" has a $ref "#/components/schemas/Ordr" ` +
      'at paths["/orders/{id}"].get.responses["200"].content["application/json"].schema that resolves to nothing in the document: ' +
      '#/components/schemas has no "Ordr" (did you mean "Order"?); point the $ref at something the document defines, or add the definition',
  },
  {
    input: "a YAML OpenAPI document with the same path twice",
    build: () => imported("duplicate-path.openapi.yaml"),
    fixed: () => imported("refs.openapi.yaml"),
    message:
      `bad/A: openApiFile of api "o" "${fixture("api-management/fixtures/duplicate-path.openapi.yaml")}" is not valid YAML ` +
      "(Map keys must be unique at line 12, column 3); fix the YAML there",
  },
  // Whole-app mistakes: references to entities nothing creates (policy pack AIC-REF-001..003)
  {
    input: "a blob output to a container the account lacks",
    build: () => archive(["raw"]),
    fixed: () => archive(["raw", "archive"]),
    message: fnRef(
      'function "archive" (blob output) names blob container "archive", which the stack does not create on ' +
      'bad/Data (azurerm_storage_account.Data_666C94C7); it has "raw": add it with addContainer("archive") ' +
      'on the StorageAccount, or name one the stack creates',
    ),
  },
  {
    input: "a Service Bus queue trigger on a queue the namespace lacks",
    build: () => busApp(SB_QUEUE, (b) => b.addQueue("payments")),
    fixed: () => busApp(SB_QUEUE, (b) => b.addQueue("orders")),
    message: fnRef(
      'function "work" (serviceBusTrigger) names servicebus queue "orders", which the stack does not create ' +
      'on bad/Bus (azurerm_servicebus_namespace.Bus_EA82B648); it has "payments": add it with ' +
      'addQueue("orders") on the ServiceBusNamespace, or name one the stack creates',
    ),
  },
  {
    input: "a topic trigger on a subscription the topic lacks",
    build: () => busApp(SB_TOPIC, (b) => b.addTopic("events")),
    fixed: () => busApp(SB_TOPIC, (b) => b.addTopic("events").addSubscription("audit")),
    message: fnRef(
      'function "audit" (serviceBusTrigger) names servicebus subscription "audit" of topic "events", which ' +
      'the stack does not create on bad/Bus (azurerm_servicebus_namespace.Bus_EA82B648): add it with ' +
      'addSubscription("audit") on the topic "events" (ServiceBusTopic), or name one the stack creates',
    ),
  },
  {
    input: "a topic trigger on a topic the namespace lacks",
    build: () => busApp(SB_TOPIC, () => undefined),
    fixed: () => busApp(SB_TOPIC, (b) => b.addTopic("events").addSubscription("audit")),
    message: fnRef(
      'function "audit" (serviceBusTrigger) names servicebus topic "events", which the stack does not ' +
      'create on bad/Bus (azurerm_servicebus_namespace.Bus_EA82B648): add it with addTopic("events") on the ' +
      'ServiceBusNamespace, or name one the stack creates',
    ),
  },
  {
    input: "a storage queue trigger on a queue the account lacks",
    build: () => jobs([]),
    fixed: () => jobs(["jobs"]),
    message: fnRef(
      'function "jobs" (queueTrigger) names storage queue "jobs", which the stack does not create on ' +
      'bad/Data (azurerm_storage_account.Data_666C94C7): add it with addQueue("jobs") on the ' +
      'StorageAccount, or name one the stack creates',
    ),
  },
  {
    input: "an Event Grid dead-letter container the account lacks",
    build: () => deadLettered(["raw"]),
    fixed: () => deadLettered(["raw", "deadletter"]),
    message: refMessage("bad/T/Subscription-sub/Resource", "AIC-REF-002", REF_002, 
      'the dead-letter destination (deadLetter.containerName) names blob container "deadletter", which the ' +
      'stack does not create on bad/Data (azurerm_storage_account.Data_666C94C7); it has "raw": add it with ' +
      'addContainer("deadletter") on the StorageAccount, or name one the stack creates',
    ),
  },
  {
    input: "a dataset on a file system the Data Lake lacks",
    build: () => lakeDataset([]),
    fixed: () => lakeDataset(["raw"]),
    message: refMessage("bad/Factory/Dataset-raw", "AIC-REF-003", REF_003, 
      'its location (fileSystem) names file system "raw", which the stack does not create on bad/Lake ' +
      '(azurerm_storage_account.Lake_5F1B88EA): add it with addContainer("raw") on the StorageAccount, or ' +
      'name one the stack creates',
    ),
  },
  // Data Factory references and values (issue 13)
  { input: "an activity on an integration runtime that does not exist", build: () => factoryCalling("onprem-shir"), fixed: () => factoryCalling("onprem-ir"), message: 'bad/F: pipeline "Ping" activity "Call" integration runtime reference "onprem-shir" is not an integration runtime of this factory; use "onprem-ir", or define the integration runtime in the factory before the pipeline (defined: "ir-managed-vnet", "onprem-ir"), or list it in externalReferences.integrationRuntimes' },
  { input: "a schedule trigger in an IANA time zone", build: () => dailyAt("Europe/Amsterdam"), fixed: () => dailyAt("W. Europe Standard Time"), message: 'bad/F: trigger "Daily" timeZone "Europe/Amsterdam" is not a time zone Data Factory knows (it takes Windows time zone ids, not IANA names); use "W. Europe Standard Time" (DATA_FACTORY_TIME_ZONES lists them)' },
  { input: "a schedule trigger in a misspelt Windows time zone", build: () => dailyAt("Pacific Standard Tme"), fixed: () => dailyAt("Pacific Standard Time"), message: 'bad/F: trigger "Daily" timeZone "Pacific Standard Tme" is not a time zone Data Factory knows (it takes Windows time zone ids, not IANA names); use "Pacific Standard Time" (DATA_FACTORY_TIME_ZONES lists them)' },
  { input: "a storage event type the account does not publish", build: () => blobEvents("Microsoft.Storage.BlobUpdated"), fixed: () => blobEvents("Microsoft.Storage.BlobCreated"), message: 'bad/T/Subscription-sub: includedEventTypes "Microsoft.Storage.BlobUpdated" is not an event type a Microsoft.Storage.StorageAccounts system topic publishes, so the subscription would never deliver it; use "Microsoft.Storage.BlobCreated"' },
  // Combinations the service refuses at apply (issue 13)
  { input: "a second region on a serverless Cosmos DB account", build: () => serverlessCosmos(["northeurope"]), fixed: () => serverlessCosmos([]), message: "Validation failed with the following errors:\n  [bad/C] bad/C: geo_location [\"westeurope\",\"northeurope\"] has 2 regions, but the account is serverless (capability EnableServerless), which runs in a single region; keep one region (drop additionalLocations), or remove EnableServerless and use provisioned throughput for a multi-region account\n\nIf you wish to ignore these validations, pass 'skipValidation: true' to your App configuration.\n" },
  { input: "a Flex Consumption app on a subnet delegated to App Service", build: () => flexOn("Microsoft.Web/serverFarms"), fixed: () => flexOn("Microsoft.App/environments"), message: 'Validation failed with the following errors:\n  [bad/F] bad/F: integrationSubnetId names a subnet delegated to Microsoft.Web/serverFarms, but a FlexConsumption app integrates only with a subnet delegated to Microsoft.App/environments; pass a subnet delegated to Microsoft.App/environments (Network subnets: { <key>: { addressPrefix, delegation: "Microsoft.App/environments" } }); one subnet cannot serve both\n\nIf you wish to ignore these validations, pass \'skipValidation: true\' to your App configuration.\n' },
  // Whole-app mistakes (6)
  { input: "two constructs with one id", build: () => { const s = stack(); new L.KeyVault(s, "Vault"); new L.KeyVault(s, "Vault"); }, fixed: () => { const s = stack(); new L.KeyVault(s, "Vault"); new L.KeyVault(s, "Vault2"); }, message: 'bad: construct id "Vault" is already used by another construct in this scope ("bad/Vault"); give each construct in one scope its own id; the id is part of the Terraform address, so rename the new construct, not one already deployed' },
];

afterAll(removeTempApps);

describe("the bad-input catalogue", () => {
  test("has at least 40 entries", () => expect(CATALOGUE.length).toBeGreaterThanOrEqual(40));

  test.each(CATALOGUE)("$input", ({ build, message }) => {
    const error = errorOf(build);
    expect(error.message).toBe(message);
    // Every message locates the problem and says what to do.
    expect(error.message).toMatch(/^(bad|bare)(\/[\w-]+)*: |^config\/\w+\.json: /);
    expect(error.message).toMatch(/; |\n {2}/);
  });

  test.each(REFUSED_AT_SYNTH)("$input", ({ build, message }) => {
    const error = errorOf(build);
    expect(error.message).toBe(message);
    const located = /^(bad|bare)(\/[\w-]+)*: |^config\/\w+\.json(:\d+:\d+)?: |^environments /;
    const validated = /^Validation failed with the following errors:\n {2}\[bad(\/\w+)?\] bad(\/[\w-]+)*: /;
    expect(located.test(error.message) || validated.test(error.message)).toBe(true);
    expect(error.message).toMatch(/; |\n {2}/);
  });

  // The twin proves the rejection comes from the bad value: corrected, the same input builds and synthesizes.
  test.each(REFUSED_AT_SYNTH)("corrected: $input", ({ fixed }) => {
    const built = fixed();
    const scope = built instanceof Construct ? TerraformStack.of(built) : undefined;
    if (scope) expect(() => Testing.synth(scope)).not.toThrow();
  });
});


test("a bad input at synth exits non-zero and leaves no cdktf.out behind", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
  fs.mkdirSync(path.join(dir, "config"));
  // The prod network is too small for the stacks' subnets: the address plan refuses it as the environment loads.
  fs.writeFileSync(path.join(dir, "config", "prod.json"), JSON.stringify({ location: "westeurope", namePrefix: "tiny", profile: "prod", network: { addressSpace: ["10.0.0.0/28"] }, ...PEOPLE }));
  const run = spawnSync("node", [path.join(ROOT, "scripts/synth.mjs")], { cwd: dir, encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/synth failed: \S+config\/prod\.json: invalid environment\n/);
  expect(run.stderr).toContain('  network.addressSpace.0: "10.0.0.0/28" split in four gives');
  expect(run.stderr).toContain("cdktf.out was left as it was");
  expect(fs.readdirSync(dir)).toEqual(["config"]);
});



