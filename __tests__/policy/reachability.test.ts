import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { DataAzurermNetworkServiceTags } from "@cdktf/provider-azurerm/lib/data-azurerm-network-service-tags";
import { ApiManagement } from "../../constructs/api-management";
import { recordFlow, recordHole } from "../../constructs/core/flows";
import { EventDestination, EventGridTopic } from "../../constructs/event-grid";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { ServiceBusNamespace } from "../../constructs/service-bus";
import { StorageAccount } from "../../constructs/storage";
import { concatRanges } from "../../patterns/message-broker/reachability";
import { PolicyPack } from "../../policy/policy-pack";
import { PROD_CONTEXT, makeStack, messageOf, withProvider } from "../helpers";

// The app from the issue, written from the README alone: a Consumption workflow's Service Bus
// connection, a non-injected API Management calling the namespace, and Event Grid delivering to
// it and dead-lettering to a lake, on a private-only namespace and lake (the prod defaults).

const WORKFLOW = path.resolve(__dirname, "../constructs/logic-app/fixtures/order-approval.workflow.json");
const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apim";

interface UserApp {
  readonly stack: TerraformStack;
  readonly pack: PolicyPack;
  readonly bus: ServiceBusNamespace;
  readonly lake: StorageAccount;
  readonly apim: ApiManagement;
}

/** The user's stack; `reachable` opens the paths the fixes name (the twins). */
function userApp(reachable: { connector?: boolean; apim?: boolean; eventGrid?: boolean } = {}): UserApp {
  const stack = withProvider(makeStack(PROD_CONTEXT));
  const pack = PolicyPack.apply(stack);
  const apim = new ApiManagement(stack, "Apim", {
    publisherName: "Contoso",
    publisherEmail: "api@contoso.example",
    sku: "Premium",
    ...(reachable.apim ? { virtualNetwork: { type: "Internal" as const, subnetId: SUBNET } } : {}),
  });
  const connectors = new DataAzurermNetworkServiceTags(stack, "Connectors", {
    service: "AzureConnectors",
    location: "westeurope",
    locationFilter: "westeurope",
  });
  const bus = new ServiceBusNamespace(stack, "Bus", {
    ...(reachable.connector || reachable.eventGrid
      ? { publicNetworkAccess: true, allowedIpRanges: reachable.connector ? concatRanges(connectors.ipv4Cidrs) : ["203.0.113.0/24"] }
      : {}),
  });
  const queue = bus.addQueue("orders");
  const lake = new StorageAccount(stack, "Lake", {
    dataLake: true,
    containers: ["dead-letters"],
    ...(reachable.eventGrid ? { publicNetworkAccess: true } : {}),
  });

  const workflow = new LogicAppWorkflow(stack, "Orders", { definitionFile: WORKFLOW });
  workflow.addConnection("servicebus", {
    api: "servicebus",
    managedIdentity: true,
    parameterValues: { namespaceEndpoint: `sb://${bus.fullyQualifiedNamespace}/` },
  });
  apim.addBackend("orders-queue", { url: `https://${bus.fullyQualifiedNamespace}/orders` });

  const topic = new EventGridTopic(stack, "Events");
  topic.addSubscription("to-queue", {
    destination: EventDestination.serviceBusQueue(queue.id),
    deadLetter: { storageAccountId: lake.id, containerName: "dead-letters" },
  });
  // The twins keep the public endpoints open on purpose, as a pattern would, with the reason.
  if (reachable.connector)
    recordHole(stack, bus, "Azure limit: Consumption managed connectors cannot use private endpoints; the namespace admits AzureConnectors.", [
      "AzureConnectors",
    ]);
  if (reachable.eventGrid) {
    recordHole(stack, bus, "Azure limit: Event Grid cannot deliver through private endpoints; it is a trusted service of Premium namespaces.", [
      "EventGrid",
    ]);
    recordHole(stack, lake, "Azure limit: Event Grid writes dead letters through the public endpoint as a trusted service only.", ["EventGrid"]);
  }
  return { stack, pack, bus, lake, apim };
}

describe("a user-style stack with unreachable flows fails synthesis, naming caller, target and fix", () => {
  const { stack } = userApp();
  const message = messageOf(() => Testing.synth(stack, true));

  test("Consumption workflow → private-only namespace: Logic Apps Standard, or the AzureConnectors tag", () => {
    expect(message).toContain(
      "test/Orders: [AIC-NET-010] Every connection the constructs record has a network path from its caller to its target; " +
        "test/Orders → test/Bus/Resource (servicebus connector): the managed connector runs in Azure's multi-tenant connector service, " +
        "which cannot use private endpoints, and the namespace has public network access off; " +
        "fix: run the workflow on Logic Apps Standard with VNet integration through the namespace's private endpoint; " +
        "or turn publicNetworkAccess on with allowedIpRanges admitting the AzureConnectors service tag (its ranges from " +
        "azurerm_network_service_tags)",
    );
  });

  test("API Management outside a VNet → private-only namespace: inject it (the namespace already has a private endpoint)", () => {
    expect(message).toContain(
      "test/Apim → test/Bus/Resource (backend orders-queue): API Management outside a VNet calls from its public IPs and cannot use private " +
        "endpoints, " +
        "and the namespace has public network access off; fix: inject API Management into the VNet (virtualNetwork, Internal mode on " +
        "Developer or Premium) " +
        "through the namespace's private endpoint; or turn publicNetworkAccess on with allowedIpRanges admitting the service's public IPs " +
        "(public_ip_addresses)",
    );
  });

  test("Event Grid delivery and dead-lettering → private-only namespace and lake: the trusted-services exception behind a firewall", () => {
    expect(message).toContain(
      "test/Events/Subscription-to-queue → test/Bus/Resource (event delivery (serviceBusQueue)): Event Grid delivers from its multi-tenant " +
        "service, " +
        "which cannot use private endpoints, and the namespace has public network access off; fix: turn publicNetworkAccess on behind a " +
        "deny-by-default " +
        "firewall with the trusted-services exception (network_rule_set.trusted_services_allowed)",
    );
    expect(message).toContain(
      "test/Events/Subscription-to-queue → test/Lake/Resource (dead-lettering): Event Grid delivers from its multi-tenant service, which " +
        "cannot use " +
        "private endpoints, and the storage account has public network access off; fix: turn publicNetworkAccess on behind a deny-by-default " +
        "firewall " +
        'with the trusted-services exception (network_rules.bypass ["AzureServices"])',
    );
  });

  test("exactly those four flows fail; the prod public-access rules do not (public access is off)", () => {
    const errors = message.split("\n").filter((l) => l.includes("[AIC-"));
    expect(errors.map((l) => /\[(AIC-[A-Z]+-\d+)\]/.exec(l)?.[1])).toEqual(["AIC-NET-010", "AIC-NET-010", "AIC-NET-010", "AIC-NET-010"]);
  });
});

describe("the same combinations made reachable synthesize", () => {
  test.each([
    ["the namespace admits the AzureConnectors ranges", { connector: true }, "test/Orders", "public: IP rules hold the AzureConnectors ranges"],
    ["API Management is injected (Internal)", { apim: true }, "test/Apim", "private endpoint (namespace)"],
    [
      "the namespace and lake let trusted services through",
      { eventGrid: true },
      "test/Events/Subscription-to-queue",
      "public: trusted services (EventGrid, SystemAssigned identity)",
    ],
  ])("%s: that flow takes its path", (_name, reachable, caller, expected) => {
    const { stack, pack } = userApp(reachable);
    expect(() => Testing.synth(stack, true)).toThrow(); // the other flows still have none
    expect(
      pack
        .report()
        .flows.filter((f) => f.caller === caller)
        .map((f) => f.path),
    ).toContain(expected);
  });

  test("all three together: no error, and the holes' reasons are in the report", () => {
    const { stack, pack } = userApp({ connector: true, apim: true, eventGrid: true });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const report = pack.report();
    expect(report.summary.errors).toBe(0);
    expect(report.flows.map((f) => [f.caller, f.target, f.path])).toEqual([
      ["test/Orders", "test/Bus/Resource", "public: IP rules hold the AzureConnectors ranges"],
      ["test/Apim", "test/Bus/Resource", "private endpoint (namespace)"],
      ["test/Events/Subscription-to-queue", "test/Bus/Resource", "public: trusted services (EventGrid, SystemAssigned identity)"],
      ["test/Events/Subscription-to-queue", "test/Lake/Resource", "public: trusted services (EventGrid, SystemAssigned identity)"],
    ]);
    expect(report.flows.filter((f) => f.hole).map((f) => f.hole)).toEqual([
      expect.stringContaining("Consumption managed connectors"),
      expect.stringContaining("Event Grid cannot deliver"),
      expect.stringContaining("Event Grid writes dead letters"),
    ]);
    // The holes accept the prod public-access findings, with their reason and where they were recorded.
    expect(report.findings.filter((f) => f.ruleId.endsWith("-023")).map((f) => [f.ruleId, f.suppressed?.scope])).toEqual([
      ["AIC-SB-023", "test"],
      ["AIC-ST-023", "test"],
    ]);
  });
});

describe("holes and the prod public-access remediation follow the actual state", () => {
  test("without a hole, AIC-SB-023 names the callers that need the public endpoint and does not ask for the private endpoint it has", () => {
    const stack = withProvider(makeStack(PROD_CONTEXT));
    const pack = PolicyPack.apply(stack);
    const connectors = new DataAzurermNetworkServiceTags(stack, "Connectors", {
      service: "AzureConnectors",
      location: "westeurope",
      locationFilter: "westeurope",
    });
    const bus = new ServiceBusNamespace(stack, "Bus", { publicNetworkAccess: true, allowedIpRanges: concatRanges(connectors.ipv4Cidrs) });
    const workflow = new LogicAppWorkflow(stack, "Orders", { definitionFile: WORKFLOW });
    workflow.addConnection("servicebus", {
      api: "servicebus",
      managedIdentity: true,
      parameterValues: { namespaceEndpoint: `sb://${bus.fullyQualifiedNamespace}/` },
    });
    const finding = pack.report().findings.find((f) => f.ruleId === "AIC-SB-023");
    expect(finding?.remediation).toBe(
      "test/Orders (multi-tenant) reach it over the public endpoint and cannot use a private one: move them first (e.g. Logic Apps Standard, " +
        "VNet integration), " +
        "then set `publicNetworkAccess: false` (it already has a private endpoint); or keep it open and record why with recordHole",
    );
  });

  test("with a private endpoint and no caller on the public endpoint, it only asks to close it", () => {
    const stack = withProvider(makeStack(PROD_CONTEXT));
    const pack = PolicyPack.apply(stack);
    new ServiceBusNamespace(stack, "Bus", { publicNetworkAccess: true, allowedIpRanges: ["203.0.113.0/24"] });
    expect(pack.report().findings.find((f) => f.ruleId === "AIC-SB-023")?.remediation).toBe(
      "it already has a private endpoint: set `publicNetworkAccess: false`",
    );
  });

  test("without a private endpoint it still says to add one", () => {
    const stack = withProvider(makeStack(PROD_CONTEXT));
    const pack = PolicyPack.apply(stack);
    new ServiceBusNamespace(stack, "Bus", { publicNetworkAccess: true, privateEndpoint: false, allowedIpRanges: ["203.0.113.0/24"] });
    expect(pack.report().findings.find((f) => f.ruleId === "AIC-SB-023")?.remediation).toBe(
      "give the construct a private endpoint (public access then defaults to off) or set `publicNetworkAccess: false`",
    );
  });

  test("a hole no multi-tenant flow uses accepts nothing", () => {
    const stack = withProvider(makeStack(PROD_CONTEXT));
    const pack = PolicyPack.apply(stack);
    const bus = new ServiceBusNamespace(stack, "Bus", { publicNetworkAccess: true, allowedIpRanges: ["203.0.113.0/24"] });
    recordHole(stack, bus, "Azure limit: Consumption managed connectors cannot use private endpoints, so it stays open.");
    expect(pack.report().findings.find((f) => f.ruleId === "AIC-SB-023")?.suppressed).toBeUndefined();
  });

  test("a hole for other callers does not accept a flow of a different service", () => {
    const stack = withProvider(makeStack(PROD_CONTEXT));
    const pack = PolicyPack.apply(stack);
    const connectors = new DataAzurermNetworkServiceTags(stack, "Connectors", {
      service: "AzureConnectors",
      location: "westeurope",
      locationFilter: "westeurope",
    });
    const bus = new ServiceBusNamespace(stack, "Bus", { publicNetworkAccess: true, allowedIpRanges: concatRanges(connectors.ipv4Cidrs) });
    recordFlow(stack, { caller: { runsIn: "multi-tenant", service: "AzureConnectors" }, target: bus, purpose: "a connector" });
    recordHole(stack, bus, "Azure limit: Event Grid cannot deliver through private endpoints at all.", ["EventGrid"]);
    const report = pack.report();
    expect(report.flows).toEqual([expect.objectContaining({ path: "public: IP rules hold the AzureConnectors ranges" })]);
    expect(report.flows[0].hole).toBeUndefined();
    expect(report.findings.find((f) => f.ruleId === "AIC-SB-023")?.suppressed).toBeUndefined();
  });
});

describe("escape hatches count: the rule reads the synthesized JSON", () => {
  test("turning the lake's trusted-services bypass off through the L1 blocks Event Grid's dead letters", () => {
    const { stack, lake } = userApp({ connector: true, apim: true, eventGrid: true });
    lake.resource.putNetworkRules({ defaultAction: "Deny", bypass: ["None"] });
    expect(messageOf(() => Testing.synth(stack, true))).toContain(
      "test/Events/Subscription-to-queue → test/Lake/Resource (dead-lettering): Event Grid delivers from its multi-tenant service, which " +
        "cannot use private endpoints, " +
        "and the storage account denies it: its firewall admits neither the caller's addresses nor the AzureEventGrid service tag, and the " +
        "trusted-services exception is off; " +
        'fix: allow trusted Microsoft services (network_rules.bypass ["AzureServices"]) (or PolicyPack.suppress with a reason)',
    );
  });

  test("taking API Management out of the VNet through the L1 brings its finding back", () => {
    const { stack, apim } = userApp({ connector: true, apim: true, eventGrid: true });
    apim.resource.addOverride("virtual_network_type", "None");
    expect(messageOf(() => Testing.synth(stack, true))).toContain(
      "test/Apim → test/Bus/Resource (backend orders-queue): API Management outside a VNet",
    );
  });
});
