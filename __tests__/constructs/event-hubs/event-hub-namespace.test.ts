import "cdktf/lib/testing/adapters/jest";
import { App, Testing, TerraformStack } from "cdktf";
import { EventhubNamespace } from "@cdktf/provider-azurerm/lib/eventhub-namespace";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { EventHub, EventHubNamespace, EventHubNamespaceProps } from "../../../constructs/event-hubs";
import { StorageAccount } from "../../../constructs/storage";

import { makeStack, messageOf, PROD_CONTEXT as PROD, resolved, resourcesOfType as resources, SUBSCRIPTION_ID } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const NS = "azurerm_eventhub_namespace.Telemetry_1B1C5A07";
const NAMESPACE_ID = `\${${NS}.id}`;
const CAPTURE_ACCOUNT = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcapture`;

function namespace(props: EventHubNamespaceProps = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; ns: EventHubNamespace } {
  const stack = makeStack(extra);
  return { stack, ns: new EventHubNamespace(stack, "Telemetry", props) };
}

/** Builds a namespace and returns the message of the error it throws. */
const errorFor = (props: EventHubNamespaceProps, extra: IntegrationContextProps = {}) => messageOf(() => namespace(props, extra));

describe("EventHubNamespace defaults (dev)", () => {
  const { stack, ns } = namespace();
  const synth = Testing.synth(stack);

  test("is hardened", () => {
    expect(synth).toHaveResourceWithProperties(EventhubNamespace, {
      name: "evhns-test-telemetry-513469",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "Standard",
      capacity: 1,
      auto_inflate_enabled: false,
      local_authentication_enabled: false,
      minimum_tls_version: "1.2",
      public_network_access_enabled: true,
      identity: { type: "SystemAssigned" },
      network_rulesets: [
        expect.objectContaining({ default_action: "Deny", public_network_access_enabled: true, trusted_service_access_enabled: true, ip_rule: [] }),
      ],
    });
    const [config] = resources(stack, "azurerm_eventhub_namespace");
    expect(config).not.toHaveProperty("maximum_throughput_units");
    expect(config).not.toHaveProperty("zone_redundant");
  });

  test("dev has no private endpoint, diagnostics, lock or event hubs", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
    expect(resources(stack, "azurerm_eventhub")).toEqual([]);
    expect(ns.privateEndpoint).toBeUndefined();
    expect(ns.diagnostics).toBeUndefined();
    expect(ns.lock).toBeUndefined();
    expect(ns.eventHubs.size).toBe(0);
    expect(ns.sku).toBe("Standard");
    expect(ns.capacity).toBe(1);
  });

  test("exposes the L1, its attributes and the identity-based endpoint", () => {
    expect(ns.resource).toBeInstanceOf(EventhubNamespace);
    expect(ns.resource.node.id).toBe("Resource");
    expect(resolved(stack, [ns.id, ns.name, ns.resourceGroupName, ns.fullyQualifiedNamespace])).toEqual([
      NAMESPACE_ID,
      `\${${NS}.name}`,
      `\${${NS}.resource_group_name}`,
      `\${${NS}.name}.servicebus.windows.net`,
    ]);
  });

  test("principal is the system-assigned identity", () => {
    const principal = ns.principal;
    expect(principal.principalType).toBe("ServicePrincipal");
    expect(principal.grantKey).toBe("test/Telemetry");
    expect(resolved(stack, principal.principalId)).toBe(`\${${NS}.identity[0].principal_id}`);
  });
});

describe("EventHubNamespace in prod", () => {
  const { stack, ns } = namespace({}, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const synth = Testing.synth(stack);

  test("stays Standard and turns public access off behind a namespace private endpoint", () => {
    expect(synth).toHaveResourceWithProperties(EventhubNamespace, {
      sku: "Standard",
      public_network_access_enabled: false,
      network_rulesets: [
        expect.objectContaining({
          default_action: "Deny",
          public_network_access_enabled: false,
          trusted_service_access_enabled: true,
          ip_rule: [{ ip_mask: "198.51.100.0/24", action: "Allow" }],
        }),
      ],
    });
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-evhns-test-telemetry-513469-namespace",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({
        private_connection_resource_id: NAMESPACE_ID,
        subresource_names: ["namespace"],
        is_manual_connection: false,
      }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.servicebus.windows.net"] }),
    });
    expect(ns.privateEndpoint).toBeDefined();
  });

  test("sends all logs and metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: NAMESPACE_ID,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
    expect(ns.diagnostics).toBeDefined();
  });

  test("is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-evhns-test-telemetry-513469", scope: NAMESPACE_ID, lock_level: "CanNotDelete" });
    expect(ns.lock).toBeDefined();
  });
});

describe("EventHubNamespace overrides", () => {
  test("user values win over defaults, including false", () => {
    const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
    const uami = new UserAssignedIdentity(stack, "Identity");
    new EventHubNamespace(stack, "Telemetry", {
      customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
      name: "evhns-custom",
      sku: "Premium",
      capacity: 2,
      publicNetworkAccess: true,
      firewallDefaultAction: "Allow",
      allowedIpRanges: ["203.0.113.7/32"],
      trustedServiceAccess: false,
      identity: { systemAssigned: false, userAssigned: [uami] },
      tags: { owner: "team" },
      diagnostics: false,
      privateEndpoint: false,
      lock: false,
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(EventhubNamespace, {
      name: "evhns-custom",
      sku: "Premium",
      capacity: 2,
      public_network_access_enabled: true,
      identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Identity_2D60E2CC.id}"] },
      network_rulesets: [
        expect.objectContaining({
          default_action: "Allow",
          public_network_access_enabled: true,
          trusted_service_access_enabled: false,
          ip_rule: [{ ip_mask: "203.0.113.7/32", action: "Allow" }],
        }),
      ],
      tags: { owner: "team" },
    });
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
  });

  test("no identity at all when the system identity is off and no user identity is given", () => {
    const { stack } = namespace({ identity: { systemAssigned: false } });
    expect(resources(stack, "azurerm_eventhub_namespace")[0]).not.toHaveProperty("identity");
  });

  test("auto-inflate on Standard with a ceiling", () => {
    const { stack } = namespace({ capacity: 2, autoInflateEnabled: true, maximumThroughputUnits: 10 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EventhubNamespace, { capacity: 2, auto_inflate_enabled: true, maximum_throughput_units: 10 });
  });

  test("context allowedIpRanges feed the firewall; publicNetworkAccess false without an endpoint survives in both places", () => {
    const { stack } = namespace({ publicNetworkAccess: false }, { allowedIpRanges: ["198.51.100.0/24"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EventhubNamespace, {
      public_network_access_enabled: false,
      network_rulesets: [expect.objectContaining({ public_network_access_enabled: false, ip_rule: [{ ip_mask: "198.51.100.0/24", action: "Allow" }] })],
    });
  });

  test("an explicit subnet gives a dev namespace an endpoint without DNS; privateDnsZoneIds [] leaves DNS to a hub", () => {
    const { stack: dev } = namespace({ privateEndpoint: { subnetId: "/subnets/own" } });
    const [pe] = resources(dev, "azurerm_private_endpoint");
    expect(pe.subnet_id).toBe("/subnets/own");
    expect(pe).not.toHaveProperty("private_dns_zone_group");
    expect(resources(dev, "azurerm_eventhub_namespace")[0].public_network_access_enabled).toBe(false);

    const { stack: prod } = namespace({ privateEndpoint: { privateDnsZoneIds: [] } }, PROD);
    expect(resources(prod, "azurerm_private_endpoint")[0]).not.toHaveProperty("private_dns_zone_group");
  });

  test("lock options and a diagnostics destination of its own", () => {
    const { stack } = namespace({ lock: { level: "ReadOnly", notes: "frozen" }, diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" } } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "frozen" });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: "/other" });
  });

  test("Basic has no network rule set and stays public (Entra ID only)", () => {
    const { stack } = namespace({ sku: "Basic", privateEndpoint: false }, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
    const [config] = resources(stack, "azurerm_eventhub_namespace");
    expect(config).toMatchObject({ sku: "Basic", public_network_access_enabled: true, local_authentication_enabled: false, minimum_tls_version: "1.2" });
    expect(config).not.toHaveProperty("network_rulesets");
    expect(resources(stack, "azurerm_management_lock")).toHaveLength(1);
  });

  test("eventHubs in props are created like addEventHub", () => {
    const { stack, ns } = namespace({ eventHubs: { orders: {}, audit: { partitionCount: 2 } } });
    expect([...ns.eventHubs.keys()]).toEqual(["orders", "audit"]);
    expect(ns.eventHubs.get("orders")).toBeInstanceOf(EventHub);
    expect(resources(stack, "azurerm_eventhub").map((h) => [h.name, h.partition_count]).sort()).toEqual([
      ["audit", 2],
      ["orders", 4],
    ]);
  });
});

describe("EventHubNamespace validation", () => {
  test.each([
    ["Standard", 0, "1-40 throughput units"],
    ["Standard", 41, "1-40 throughput units"],
    ["Standard", 1.5, "1-40 throughput units"],
    ["Basic", 41, "1-40 throughput units"],
    ["Premium", 3, "1, 2, 4, 8 or 16 processing units"],
    ["Premium", 32, "1, 2, 4, 8 or 16 processing units"],
  ] as const)("%s capacity %p is rejected", (sku, capacity, rule) => {
    expect(errorFor({ sku, capacity, privateEndpoint: false })).toBe(
      `test/Telemetry: capacity ${capacity} is not ${rule} (the ${sku} tier's range); set capacity to ${rule}`,
    );
  });

  test.each([
    ["Basic", 40],
    ["Standard", 1],
    ["Standard", 40],
    ["Premium", 1],
    ["Premium", 16],
  ] as const)("%s capacity %p is accepted", (sku, capacity) => {
    expect(() => namespace({ sku, capacity })).not.toThrow();
  });

  test("auto-inflate is Standard only", () => {
    expect(errorFor({ sku: "Basic", autoInflateEnabled: true, maximumThroughputUnits: 4 })).toBe(
      'test/Telemetry: autoInflateEnabled true is not available on the Basic tier; use sku "Standard" or drop autoInflateEnabled',
    );
    expect(errorFor({ sku: "Premium", autoInflateEnabled: true, maximumThroughputUnits: 4 })).toBe(
      "test/Telemetry: autoInflateEnabled true is not available on the Premium tier; scale Premium by its capacity (processing units) instead",
    );
  });

  test("maximumThroughputUnits needs auto-inflate, and auto-inflate needs it", () => {
    expect(errorFor({ maximumThroughputUnits: 10 })).toBe(
      "test/Telemetry: maximumThroughputUnits 10 only applies with auto-inflate; set autoInflateEnabled: true or drop maximumThroughputUnits",
    );
    expect(errorFor({ autoInflateEnabled: false, maximumThroughputUnits: 10 })).toBe(
      "test/Telemetry: maximumThroughputUnits 10 only applies with auto-inflate; set autoInflateEnabled: true or drop maximumThroughputUnits",
    );
    expect(errorFor({ autoInflateEnabled: true })).toBe(
      "test/Telemetry: maximumThroughputUnits is required with autoInflateEnabled; set maximumThroughputUnits to the ceiling auto-inflate may reach (1-40)",
    );
  });

  test.each([0, 41, 2.5])("maximumThroughputUnits %p is rejected", (maximum) => {
    expect(errorFor({ autoInflateEnabled: true, maximumThroughputUnits: maximum })).toBe(
      `test/Telemetry: maximumThroughputUnits ${maximum} is not a whole number from 1 to 40; set maximumThroughputUnits to 1-40 (the range Azure allows)`,
    );
  });

  test("maximumThroughputUnits below capacity is rejected; equal is accepted", () => {
    expect(errorFor({ capacity: 4, autoInflateEnabled: true, maximumThroughputUnits: 3 })).toBe(
      "test/Telemetry: maximumThroughputUnits 3 is below capacity 4; set maximumThroughputUnits to at least capacity, or lower capacity",
    );
    expect(() => namespace({ capacity: 4, autoInflateEnabled: true, maximumThroughputUnits: 4 })).not.toThrow();
    expect(() => namespace({ capacity: 1, autoInflateEnabled: true, maximumThroughputUnits: 40 })).not.toThrow();
  });

  test("Basic has no private endpoint, from the context network or an explicit subnet", () => {
    const message = 'test/Telemetry: sku "Basic" has no private endpoints; use sku "Standard" or "Premium", or set privateEndpoint: false';
    expect(errorFor({ sku: "Basic" }, PROD)).toBe(message);
    expect(errorFor({ sku: "Basic", privateEndpoint: { subnetId: "/subnets/own" } })).toBe(message);
    expect(() => namespace({ sku: "Basic" })).not.toThrow();
  });

  test("Basic has no IP firewall", () => {
    const message = 'test/Telemetry: sku "Basic" has no IP firewall; use sku "Standard" or "Premium", or drop allowedIpRanges and firewallDefaultAction';
    expect(errorFor({ sku: "Basic", allowedIpRanges: ["203.0.113.7/32"] })).toBe(message);
    expect(errorFor({ sku: "Basic", firewallDefaultAction: "Deny" })).toBe(message);
  });

  test("a bad explicit name names the rule and the fix", () => {
    expect(errorFor({ name: "1-bad-namespace" })).toBe(
      'test/Telemetry: name "1-bad-namespace" breaks the eventHubNamespace naming rule; use letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    );
    expect(errorFor({ name: "evhns" })).toBe('test/Telemetry: name "evhns" is 5 characters; a eventHubNamespace name must be 6-50; choose a name of 6 to 50 characters');
  });

  test("principal needs a managed identity: the system-assigned one, else the first user-assigned one", () => {
    const { ns } = namespace({ identity: { systemAssigned: false } });
    expect(messageOf(() => ns.principal)).toBe(
      "test/Telemetry: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned is given); " +
        "keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
    const stack = makeStack();
    const first = new UserAssignedIdentity(stack, "First");
    const userAssigned = new EventHubNamespace(stack, "Telemetry", { identity: { systemAssigned: false, userAssigned: [first] } });
    expect(userAssigned.principal).toBe(first);
  });

  test("event hub names are validated and unique", () => {
    const { ns } = namespace();
    expect(messageOf(() => ns.addEventHub("-readings"))).toBe(
      `test/Telemetry: event hub name "-readings" breaks the eventHub naming rule; use ${NAMING_RULES.eventHub.description}`,
    );
    ns.addEventHub("readings");
    expect(messageOf(() => ns.addEventHub("readings"))).toBe('test/Telemetry: event hub name "readings" is already defined on this namespace; add each event hub once');
  });

  test("Standard holds 10 event hubs", () => {
    const { ns } = namespace();
    for (let i = 1; i <= 10; i++) ns.addEventHub(`hub${i}`);
    expect(messageOf(() => ns.addEventHub("hub11"))).toBe(
      'test/Telemetry: event hub name "hub11" would exceed the 10 event hubs a Standard namespace holds; spread event hubs over more namespaces or use a higher tier or capacity',
    );
  });

  test("Premium holds 100 event hubs per processing unit", () => {
    const { ns } = namespace({ sku: "Premium" });
    for (let i = 1; i <= 100; i++) ns.addEventHub(`hub${i}`);
    expect(messageOf(() => ns.addEventHub("hub101"))).toBe(
      'test/Telemetry: event hub name "hub101" would exceed the 100 event hubs a Premium namespace with 1 processing units holds; spread event hubs over more namespaces or use a higher tier or capacity',
    );
    const { ns: bigger } = namespace({ sku: "Premium", capacity: 2 });
    for (let i = 1; i <= 101; i++) bigger.addEventHub(`hub${i}`);
    expect(bigger.eventHubs.size).toBe(101);
  });
});

describe("EventHubNamespace grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantSend", "Azure Event Hubs Data Sender"],
    ["grantReceive", "Azure Event Hubs Data Receiver"],
    ["grantManage", "Azure Event Hubs Data Owner"],
  ] as const)("%s grants %s on the namespace", (method, role) => {
    const { stack, ns } = namespace();
    expect(ns[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: NAMESPACE_ID,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  test("granting twice yields one assignment", () => {
    const { stack, ns } = namespace();
    const first = ns.grantSend(principal);
    expect(ns.grantSend(principal)).toBe(first);
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
  });

  test("a group keeps its principal type", () => {
    const { stack, ns } = namespace();
    ns.grantReceive(Principal.fromObjectId(APP_ID, "Group"));
    const [assignment] = resources(stack, "azurerm_role_assignment");
    expect(assignment.principal_type).toBe("Group");
    expect(assignment).not.toHaveProperty("skip_service_principal_aad_check");
  });

  test("the namespace identity can be granted blob write on a capture container", () => {
    const stack = makeStack();
    const storage = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["capture"] });
    const ns = new EventHubNamespace(stack, "Telemetry");
    ns.addEventHub("readings", { capture: { storageAccountId: storage.id, containerName: "capture" } });
    storage.grantBlobWrite(ns.principal, "capture");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: `\${${storage.resource.terraformResourceType}.${stack.getLogicalId(storage.resource)}.id}/blobServices/default/containers/capture`,
      role_definition_name: "Storage Blob Data Contributor",
      principal_id: `\${${NS}.identity[0].principal_id}`,
      principal_type: "ServicePrincipal",
    });
  });
});

describe("EventHubNamespace imports", () => {
  const EXISTING = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventHub/namespaces/evhns-shared`;
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test("fromId parses a literal id and grants on it", () => {
    const stack = makeStack();
    const existing = EventHubNamespace.fromId(stack, "Shared", EXISTING);
    expect(existing.id).toBe(EXISTING);
    expect(existing.name).toBe("evhns-shared");
    expect(existing.resourceGroupName).toBe("rg-shared");
    expect(existing.fullyQualifiedNamespace).toBe("evhns-shared.servicebus.windows.net");
    existing.grantSend(principal);
    existing.grantReceive(principal);
    existing.grantManage(principal);
    const roles = resources(stack, "azurerm_role_assignment").map((a) => [a.scope, a.role_definition_name]);
    expect(roles.sort()).toEqual([
      [EXISTING, "Azure Event Hubs Data Owner"],
      [EXISTING, "Azure Event Hubs Data Receiver"],
      [EXISTING, "Azure Event Hubs Data Sender"],
    ]);
    expect(resources(stack, "azurerm_eventhub_namespace")).toEqual([]);
  });

  test("fromId with a token splits the id at deploy time", () => {
    const stack = makeStack();
    const ns = new EventHubNamespace(stack, "Telemetry");
    const existing = EventHubNamespace.fromId(stack, "Again", ns.id);
    expect(resolved(stack, [existing.name, existing.resourceGroupName, existing.fullyQualifiedNamespace])).toEqual([
      `\${element(split("/", ${NS}.id), 8)}`,
      `\${element(split("/", ${NS}.id), 4)}`,
      `\${element(split("/", ${NS}.id), 8)}.servicebus.windows.net`,
    ]);
  });

  test("fromId rejects what is not a namespace id", () => {
    const bad = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sbns-shared`;
    expect(messageOf(() => EventHubNamespace.fromId(makeStack(), "Shared", bad))).toBe(
      `test/Shared: namespaceId "${bad}" is not the id of a Microsoft.EventHub/namespaces resource; ` +
        "use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<name>",
    );
    const short = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/evh`;
    expect(messageOf(() => EventHubNamespace.fromId(makeStack(), "Shared", short))).toBe(
      'test/Shared: namespaceId "evh" is 3 characters; a eventHubNamespace name must be 6-50; choose a name of 6 to 50 characters',
    );
  });

  test("fromName builds the id in the context's resource group or a given one", () => {
    const stack = makeStack();
    const inContext = EventHubNamespace.fromName(stack, "Shared", "evhns-shared");
    expect(inContext.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers/Microsoft.EventHub/namespaces/evhns-shared`);
    expect(inContext.resourceGroupName).toBe("rg-test");
    expect(inContext.fullyQualifiedNamespace).toBe("evhns-shared.servicebus.windows.net");
    const elsewhere = EventHubNamespace.fromName(stack, "Other", "evhns-shared", { name: "rg-shared", location: "westeurope", id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared` });
    expect(elsewhere.id).toBe(EXISTING);
  });

  test("fromName validates the name and needs a resource group", () => {
    expect(messageOf(() => EventHubNamespace.fromName(makeStack(), "Shared", "bad_name"))).toBe(
      'test/Shared: name "bad_name" breaks the eventHubNamespace naming rule; use letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    );
    const bare = new TerraformStack(new App(), "bare");
    expect(messageOf(() => EventHubNamespace.fromName(bare, "Shared", "evhns-shared"))).toBe(
      "bare/Shared: resourceGroup is not set and no IntegrationContext above this construct provides one; pass resourceGroup in props or call IntegrationContext.set(stack, { resourceGroup })",
    );
  });
});

describe("EventHubNamespace naming", () => {
  const nameAt = (id: string) => {
    const stack = makeStack();
    new EventHubNamespace(stack, id);
    return resources(stack, "azurerm_eventhub_namespace")[0].name as string;
  };

  test("the generated name is stable per path, unique per construct and valid", () => {
    const name = nameAt("Telemetry");
    expect(nameAt("Telemetry")).toBe(name);
    expect(nameAt("Clicks")).not.toBe(name);
    expect(name).toMatch(NAMING_RULES.eventHubNamespace.pattern);
    expect(name).toMatch(/-[0-9a-f]{6}$/);
  });

  test("a long construct id is shortened to at most 50 characters and keeps its suffix", () => {
    const name = nameAt("AVeryLongConstructIdForTheTelemetryNamespaceOfTheWholePlant");
    expect(name.length).toBeLessThanOrEqual(50);
    expect(name.length).toBeGreaterThan(45);
    expect(name).toMatch(NAMING_RULES.eventHubNamespace.pattern);
    expect(name).toMatch(/-[0-9a-f]{6}$/);
  });
});

test("fully-featured EventHubNamespace snapshot", () => {
  const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const ns = new EventHubNamespace(stack, "Telemetry", { capacity: 2, autoInflateEnabled: true, maximumThroughputUnits: 10, tags: { owner: "team" } });
  const readings = ns.addEventHub("device-readings", {
    partitionCount: 8,
    consumerGroups: ["analytics", "alerts"],
    capture: { storageAccountId: CAPTURE_ACCOUNT, containerName: "capture", intervalInSeconds: 600 },
  });
  ns.addEventHub("audit", { partitionCount: 2, messageRetention: 3 });
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");
  ns.grantReceive(principal);
  readings.grantSend(principal);
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
