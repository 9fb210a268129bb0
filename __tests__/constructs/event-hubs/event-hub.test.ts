import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack } from "cdktf";
import { Eventhub } from "@cdktf/provider-azurerm/lib/eventhub";
import { EventhubConsumerGroup } from "@cdktf/provider-azurerm/lib/eventhub-consumer-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { EventHub, EventHubCaptureOptions, EventHubNamespace, EventHubOptions, EventHubsSku } from "../../../constructs/event-hubs";
import { StorageAccount } from "../../../constructs/storage";

import { makeStack, messageOf, resolved, resourcesOfType as resources, SUBSCRIPTION_ID } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const NS = "azurerm_eventhub_namespace.Telemetry_1B1C5A07";
const HUB = "azurerm_eventhub.Telemetry_EventHub-readings_8918C05D";
const ACCOUNT = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcapture`;
const CAPTURE: EventHubCaptureOptions = { storageAccountId: ACCOUNT, containerName: "capture" };
const PATH = "test/Telemetry/EventHub-readings";

function hub(options: EventHubOptions = {}, sku: EventHubsSku = "Standard"): { stack: TerraformStack; ns: EventHubNamespace; readings: EventHub } {
  const stack = makeStack();
  const ns = new EventHubNamespace(stack, "Telemetry", { sku });
  return { stack, ns, readings: ns.addEventHub("readings", options) };
}

const errorFor = (options: EventHubOptions, sku: EventHubsSku = "Standard") => messageOf(() => hub(options, sku));

describe("EventHub defaults", () => {
  const { stack, ns, readings } = hub();

  test("4 partitions, 7 days, in the namespace by id, no capture", () => {
    const [config] = resources(stack, "azurerm_eventhub");
    expect(config).toEqual({ name: "readings", namespace_id: `\${${NS}.id}`, partition_count: 4, message_retention: 7 });
    expect(resources(stack, "azurerm_eventhub_consumer_group")).toEqual([]);
    expect(readings.consumerGroups.size).toBe(0);
    expect(readings.partitionCount).toBe(4);
  });

  test("uses namespace_id, not the deprecated namespace_name/resource_group_name", () => {
    const [config] = resources(stack, "azurerm_eventhub");
    expect(config).not.toHaveProperty("namespace_name");
    expect(config).not.toHaveProperty("resource_group_name");
  });

  test("exposes the L1 and its attributes and is listed on the namespace", () => {
    expect(readings.resource).toBeInstanceOf(Eventhub);
    expect(readings.resource.node.id).toBe("Resource");
    expect(readings.node.path).toBe(PATH);
    expect(resolved(stack, [readings.id, readings.name])).toEqual([`\${${HUB}.id}`, `\${${HUB}.name}`]);
    expect(ns.eventHubs.get("readings")).toBe(readings);
  });

  test("Basic keeps events for 1 day by default", () => {
    const { stack: basic } = hub({}, "Basic");
    expect(resources(basic, "azurerm_eventhub")[0].message_retention).toBe(1);
  });
});

describe("EventHub overrides", () => {
  test.each([
    ["Basic", 32, 1],
    ["Standard", 32, 1],
    ["Standard", 1, 7],
    ["Premium", 100, 90],
  ] as const)("%s accepts %p partitions and %p days", (sku, partitionCount, messageRetention) => {
    const { stack } = hub({ partitionCount, messageRetention }, sku);
    expect(resources(stack, "azurerm_eventhub")[0]).toMatchObject({ partition_count: partitionCount, message_retention: messageRetention });
  });
});

describe("EventHub consumer groups", () => {
  test("are created on the event hub, wired by name", () => {
    const { stack, readings } = hub({ consumerGroups: ["analytics", "alerts"] });
    const synth = Testing.synth(stack);
    for (const name of ["analytics", "alerts"]) {
      expect(synth).toHaveResourceWithProperties(EventhubConsumerGroup, {
        name,
        eventhub_name: `\${${HUB}.name}`,
        namespace_name: `\${${NS}.name}`,
        resource_group_name: `\${${NS}.resource_group_name}`,
      });
    }
    expect([...readings.consumerGroups.keys()]).toEqual(["analytics", "alerts"]);
  });

  test("addConsumerGroup returns the L1", () => {
    const { readings } = hub();
    const group = readings.addConsumerGroup("later");
    expect(group).toBeInstanceOf(EventhubConsumerGroup);
    expect(readings.consumerGroups.get("later")).toBe(group);
  });

  test("Standard takes 19 besides $Default", () => {
    const { readings } = hub({ consumerGroups: Array.from({ length: 19 }, (_, i) => `reader${i + 1}`) });
    expect(readings.consumerGroups.size).toBe(19);
    expect(messageOf(() => readings.addConsumerGroup("reader20"))).toBe(
      `${PATH}: consumer group name "reader20" would exceed the 20 consumer groups ($Default included) an event hub has on the Standard tier; share consumer groups between readers or use a higher tier`,
    );
  });

  test("Premium takes 99 besides $Default", () => {
    const { readings } = hub({ consumerGroups: Array.from({ length: 99 }, (_, i) => `reader${i + 1}`) }, "Premium");
    expect(() => readings.addConsumerGroup("reader100")).toThrow("would exceed the 100 consumer groups");
  });
});

describe("EventHub capture", () => {
  test("defaults: Avro every 5 minutes or 300 MiB, empty windows skipped, Azure's default path", () => {
    const { stack } = hub({ capture: CAPTURE });
    expect(resources(stack, "azurerm_eventhub")[0].capture_description).toEqual({
      enabled: true,
      encoding: "Avro",
      interval_in_seconds: 300,
      size_limit_in_bytes: 314572800,
      skip_empty_archives: true,
      destination: {
        name: "EventHubArchive.AzureBlockBlob",
        archive_name_format: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
        blob_container_name: "capture",
        storage_account_id: ACCOUNT,
      },
    });
  });

  test("user values win, including false", () => {
    const archiveNameFormat = "raw/{Namespace}-{EventHub}/{Year}{Month}{Day}/{Hour}{Minute}{Second}-{PartitionId}";
    const capture: EventHubCaptureOptions = {
      ...CAPTURE,
      enabled: false,
      encoding: "AvroDeflate",
      intervalInSeconds: 60,
      sizeLimitInBytes: 10485760,
      skipEmptyArchives: false,
      archiveNameFormat,
    };
    const { stack } = hub({ capture }, "Premium");
    expect(resources(stack, "azurerm_eventhub")[0].capture_description).toMatchObject({
      enabled: false,
      encoding: "AvroDeflate",
      interval_in_seconds: 60,
      size_limit_in_bytes: 10485760,
      skip_empty_archives: false,
      destination: expect.objectContaining({ archive_name_format: archiveNameFormat }),
    });
  });

  test("takes a storage account id known only at deploy time", () => {
    const stack = makeStack();
    const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["capture"] });
    const ns = new EventHubNamespace(stack, "Telemetry");
    ns.addEventHub("readings", { capture: { storageAccountId: lake.id, containerName: "capture" } });
    expect(resources(stack, "azurerm_eventhub")[0].capture_description.destination.storage_account_id).toBe(resolved(stack, lake.id));
  });
});

describe("EventHub validation", () => {
  test.each([
    ["Standard", 0, 32],
    ["Standard", 33, 32],
    ["Standard", 2.5, 32],
    ["Basic", 33, 32],
    ["Premium", 101, 100],
  ] as const)("%s partitionCount %p is rejected", (sku, partitionCount, max) => {
    expect(errorFor({ partitionCount }, sku)).toBe(
      `${PATH}: partitionCount ${partitionCount} is not a whole number from 1 to ${max} (the ${sku} tier's range); set partitionCount to 1-${max}; it cannot be lowered later, so size it for peak parallel readers`,
    );
  });

  test.each([
    ["Standard", 0, 7],
    ["Standard", 8, 7],
    ["Standard", 1.5, 7],
    ["Premium", 91, 90],
  ] as const)("%s messageRetention %p is rejected", (sku, messageRetention, max) => {
    expect(errorFor({ messageRetention }, sku)).toBe(
      `${PATH}: messageRetention ${messageRetention} is not a whole number of days from 1 to ${max} (the ${sku} tier's range); set messageRetention to 1-${max}`,
    );
  });

  test("Basic keeps events for exactly 1 day", () => {
    expect(errorFor({ messageRetention: 2 }, "Basic")).toBe(
      `${PATH}: messageRetention 2 is not 1; the Basic tier keeps events for 1 day; set messageRetention to 1 or use sku "Standard" (7 days) or "Premium" (90 days)`,
    );
  });

  test("Basic has only $Default", () => {
    expect(errorFor({ consumerGroups: ["analytics"] }, "Basic")).toBe(
      `${PATH}: consumer group name "analytics" cannot be added on the Basic tier, which has only $Default; use sku "Standard" or "Premium", or read through $Default`,
    );
  });

  test("consumer group names: $Default, length, characters, duplicates", () => {
    expect(errorFor({ consumerGroups: ["$Default"] })).toBe(`${PATH}: consumer group name "$Default" exists on every event hub already; leave $Default out of consumerGroups`);
    const long = "a".repeat(51);
    expect(errorFor({ consumerGroups: [long] })).toBe(
      `${PATH}: consumer group name "${long}" is 51 characters; a consumer group name must be 1-50; choose a name of 1 to 50 characters`,
    );
    const rule = "use letters, digits, '.', '-' and '_', starting and ending with a letter or digit";
    for (const bad of ["", "-analytics", "analytics_", "ana lytics"]) {
      const message = bad === "" ? `${PATH}: consumer group name "" is 0 characters; a consumer group name must be 1-50; choose a name of 1 to 50 characters` : `${PATH}: consumer group name "${bad}" breaks the consumer group naming rule; ${rule}`;
      expect(errorFor({ consumerGroups: [bad] })).toBe(message);
    }
    expect(() => hub({ consumerGroups: ["a", "analytics.v2_eu-west", "a".repeat(50)] })).not.toThrow();
    expect(errorFor({ consumerGroups: ["analytics", "analytics"] })).toBe(`${PATH}: consumer group name "analytics" is already defined on this event hub; add each consumer group once`);
  });

  test("capture is Standard and Premium only", () => {
    expect(errorFor({ capture: CAPTURE }, "Basic")).toBe(`${PATH}: capture is not available on the Basic tier; use sku "Standard" or "Premium", or drop capture`);
  });

  test.each([
    ["intervalInSeconds", 59, 60, 900],
    ["intervalInSeconds", 901, 60, 900],
    ["intervalInSeconds", 120.5, 60, 900],
    ["sizeLimitInBytes", 10485759, 10485760, 524288000],
    ["sizeLimitInBytes", 524288001, 10485760, 524288000],
  ] as const)("capture.%s %p is rejected", (field, value, min, max) => {
    expect(errorFor({ capture: { ...CAPTURE, [field]: value } })).toBe(
      `${PATH}: capture.${field} ${value} is not a whole number from ${min} to ${max}; set capture.${field} to ${min}-${max} (the range Azure allows)`,
    );
  });

  test("capture range ends are accepted", () => {
    expect(() => hub({ capture: { ...CAPTURE, intervalInSeconds: 900, sizeLimitInBytes: 524288000 } })).not.toThrow();
  });

  test("capture.containerName follows the container rule", () => {
    expect(errorFor({ capture: { ...CAPTURE, containerName: "Capture" } })).toBe(
      `${PATH}: container name "Capture" breaks the container naming rule; use lower-case letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  });

  test("capture.storageAccountId must be a storage account id", () => {
    const bad = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/evhns-x`;
    expect(errorFor({ capture: { ...CAPTURE, storageAccountId: bad } })).toBe(
      `${PATH}: capture.storageAccountId "${bad}" is not a storage account resource id; pass the account's id, e.g. storage.id`,
    );
  });

  test("capture.archiveNameFormat must name every part", () => {
    expect(errorFor({ capture: { ...CAPTURE, archiveNameFormat: "{Namespace}/{EventHub}/{Year}/{Month}/{Day}" } })).toBe(
      `${PATH}: capture.archiveNameFormat "{Namespace}/{EventHub}/{Year}/{Month}/{Day}" lacks {PartitionId}, {Hour}, {Minute}, {Second}; include every one of {Namespace}, {EventHub}, {PartitionId}, {Year}, {Month}, {Day}, {Hour}, {Minute}, {Second}`,
    );
  });
});

describe("EventHub grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantSend", "Azure Event Hubs Data Sender"],
    ["grantReceive", "Azure Event Hubs Data Receiver"],
    ["grantManage", "Azure Event Hubs Data Owner"],
  ] as const)("%s grants %s on the event hub", (method, role) => {
    const { stack, readings } = hub();
    expect(readings[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: `\${${HUB}.id}`,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("event hub and namespace grants of the same role stay distinct; twice yields one", () => {
    const { stack, ns, readings } = hub();
    const onHub = readings.grantSend(principal);
    expect(readings.grantSend(principal)).toBe(onHub);
    expect(ns.grantSend(principal)).not.toBe(onHub);
    expect(resources(stack, "azurerm_role_assignment").map((a) => a.scope).sort()).toEqual([`\${${HUB}.id}`, `\${${NS}.id}`]);
  });

  test("each event hub gets its own assignment", () => {
    const { stack, ns, readings } = hub();
    readings.grantReceive(principal);
    ns.addEventHub("alerts").grantReceive(principal);
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(2);
  });
});
