import * as path from "path";
import { IConstruct } from "constructs";
import { Testing, TerraformStack } from "cdktf";
import {
  ApiManagement,
  CosmosDbAccount,
  DataFactory,
  EventDestination,
  EventGridSystemTopic,
  EventGridTopic,
  EventHubNamespace,
  FunctionApp,
  IntegrationContext,
  KeyVault,
  LogicAppWorkflow,
  Monitoring,
  Network,
  PolicyPack,
  ProfileName,
  ServiceBusNamespace,
  SqlDatabase,
  StorageAccount,
  SynapseWorkspace,
  UserAssignedIdentity,
} from "../../index";
import { RESOURCE_GROUP, withProvider } from "../helpers";
import { carriesSecret, SECRET_LITERAL } from "../../policy/checks";

// Every construct with its defaults, together, as a user would compose them: the secure defaults
// must satisfy our own rule pack in both profiles, and nothing secret may reach the JSON. Defaults
// alone cannot carry every flow (multi-tenant callers and private-only targets): AIC-NET-010 names
// exactly those, and nothing else fails.
const FIXTURES = path.resolve(__dirname, "../constructs");
const ADMIN = { login: "sql-admins", objectId: "11111111-1111-1111-1111-111111111111" };

/** The flows the defaults cannot carry, by profile: AIC-NET-010 findings at their callers. */
const UNREACHABLE: Readonly<Record<ProfileName, readonly string[]>> = {
  // Without a private network the factory keeps public access on, so its self-hosted runtime connects (review F4).
  dev: [],
  // A Consumption connector and Event Grid (delivery and dead letters) cannot use private endpoints.
  prod: ["all-prod/Approval", "all-prod/Events/Subscription-to-queue", "all-prod/Events/Subscription-to-queue"],
};

function everything(profile: ProfileName, acceptUnreachable = false): { stack: TerraformStack; pack: PolicyPack } {
  const stack = withProvider(new TerraformStack(Testing.app(), `all-${profile}`));
  IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "all", profile });
  IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });
  if (profile === "prod") IntegrationContext.set(stack, { network: new Network(stack, "Network", { addressSpace: ["10.30.0.0/16"] }) });
  const pack = PolicyPack.apply(stack);

  const app = new UserAssignedIdentity(stack, "App");
  const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "dead-letters"], queues: ["jobs"] });
  lake.grantBlobWrite(app, "raw");
  new KeyVault(stack, "Vault").grantSecretsRead(app);

  const bus = new ServiceBusNamespace(stack, "Bus");
  const orders = bus.addQueue("orders", { requiresSession: true });
  bus.addTopic("order-events").addSubscription("billing", { rules: { eu: { sqlFilter: "region = 'EU'" } } });
  orders.grantSend(app);

  const events = new EventGridTopic(stack, "Events");
  events.addSubscription("to-queue", {
    destination: EventDestination.serviceBusQueue(orders.id),
    deadLetter: { storageAccountId: lake.id, containerName: "dead-letters" },
  });
  new EventGridSystemTopic(stack, "LakeEvents", { sourceResourceId: lake.id, topicType: "Microsoft.Storage.StorageAccounts" });
  new EventHubNamespace(stack, "Telemetry").addEventHub("readings", { consumerGroups: ["analytics"] });

  const apim = new ApiManagement(stack, "Apim", { publisherName: "Contoso", publisherEmail: "api@contoso.example", sku: profile === "prod" ? "Premium" : "Developer" });
  apim.addApi("orders", { path: "orders", openApiFile: path.join(FIXTURES, "api-management/fixtures/orders.openapi.json") });
  const approval = new LogicAppWorkflow(stack, "Approval", { definitionFile: path.join(FIXTURES, "logic-app/fixtures/order-approval.workflow.json") });
  approval.addConnection("servicebus", { api: "servicebus", managedIdentity: true, parameterValues: { namespaceEndpoint: `sb://${bus.fullyQualifiedNamespace}/` } });
  orders.grantSend(approval.principal);

  new CosmosDbAccount(stack, "Cosmos").addDatabase("orders").addContainer("items", { partitionKeyPaths: ["/tenantId"] });
  new SqlDatabase(stack, "Sql", { administrator: ADMIN });
  new SynapseWorkspace(stack, "Synapse", { dataLake: lake, administrator: ADMIN });

  const functions = new FunctionApp(stack, "Orders", { code: { path: path.join(FIXTURES, "function-app/fixtures/orders") } });
  functions.connectServiceBus("ServiceBusConnection", bus, "receive");
  functions.connectEventGrid("EventGridConnection", events);

  const factory = new DataFactory(stack, "Factory");
  factory.addSelfHostedIntegrationRuntime("onprem-ir").authorizationKeyOutput("onprem-ir-key");
  factory.addParquetDataset("Raw", { linkedService: factory.addDataLakeLinkedService("Lake", { storage: lake }), fileSystem: "raw", path: "orders" });
  if (acceptUnreachable) {
    for (const path of new Set(UNREACHABLE[profile])) {
      const caller = stack.node.findAll().find((n) => n.node.path === path) as IConstruct;
      const reason = "This composition checks each construct's defaults; reachability.test.ts covers these flows and their fixes.";
      PolicyPack.suppress(caller, "AIC-NET-010", reason);
    }
  }
  return { stack, pack };
}

describe.each(["dev", "prod"] as const)("every construct with its defaults (%s)", (profile) => {
  const { stack, pack } = everything(profile);
  const json = Testing.synth(stack);

  test("passes the rule pack with no unsuppressed error but the flows the defaults cannot carry", () => {
    const errors = pack.report().findings.filter((f) => f.level === "error" && !f.suppressed);
    expect(errors.map((f) => `${f.ruleId} ${f.path}`)).toEqual(UNREACHABLE[profile].map((path) => `AIC-NET-010 ${path}`));
  });

  test("synthesizes with cdktf's validations and ours once those are accepted", () => {
    expect(() => Testing.synth(everything(profile, true).stack, true)).not.toThrow();
  });

  test("secret hygiene: no credential literal anywhere in the JSON; every output that carries a secret is sensitive", () => {
    expect(json).not.toMatch(SECRET_LITERAL);
    const outputs: Record<string, { value: unknown; sensitive?: boolean }> = JSON.parse(json).output;
    const secret = Object.entries(outputs).filter(([, o]) => carriesSecret(JSON.stringify(o.value)));
    expect(secret.map(([name, o]) => [name, o.sensitive])).toEqual([["onprem-ir-key", true]]);
    // No deploy command: cdktf deploy deploys the function app's code itself.
    expect(Object.keys(outputs).filter((name) => name.endsWith("-deploy-command"))).toEqual([]);
  });
});
