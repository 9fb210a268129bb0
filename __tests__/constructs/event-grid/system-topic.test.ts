import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { EventgridSystemTopic } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic";
import { EventgridSystemTopicEventSubscription } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import {
  AdvancedFilter,
  EventDestination,
  EventGridSystemTopic,
  EventGridSystemTopicProps,
  SYSTEM_TOPIC_TYPES,
  SystemTopicType,
} from "../../../constructs/event-grid";
import { makeStack, messageOf, PROD_CONTEXT as PROD, resolved, resourcesOfType as resources, single, SUBSCRIPTION_ID } from "../../helpers";
import { COSMOS_ID, FUNCTION_APP_ID, KEY_VAULT_ID, QUEUE_ID, RESOURCE_GROUP_ID, STORAGE_ID } from "./resource-ids";

Testing.setupJest();

const SYSTEM_TOPIC = "${azurerm_eventgrid_system_topic.Blobs_F0F01DC6.id}";
const STORAGE_EVENTS: EventGridSystemTopicProps = { sourceResourceId: STORAGE_ID, topicType: "Microsoft.Storage.StorageAccounts" };
const COSMOS_FIX =
  "Cosmos DB publishes no Event Grid events: read its change feed with a Cosmos DB-triggered function that publishes to an EventGridTopic (topic.grantPublish(functionIdentity)), and subscribe to that topic";

const systemTopicIn = (props: Partial<EventGridSystemTopicProps> = {}, extra = {}) => {
  const stack = makeStack(extra);
  return { stack, topic: new EventGridSystemTopic(stack, "Blobs", { ...STORAGE_EVENTS, ...props }) };
};

describe("EventGridSystemTopic defaults (dev)", () => {
  const { stack, topic } = systemTopicIn();
  const synth = Testing.synth(stack);

  test("publishes the storage account's events with a system-assigned identity", () => {
    expect(synth).toHaveResourceWithProperties(EventgridSystemTopic, {
      name: "egst-test-blobs",
      resource_group_name: "rg-test",
      location: "westeurope",
      source_resource_id: STORAGE_ID,
      topic_type: "Microsoft.Storage.StorageAccounts",
      identity: { type: "SystemAssigned" },
    });
    const [config] = resources(stack, "azurerm_eventgrid_system_topic");
    expect(config).not.toHaveProperty("source_arm_resource_id");
    expect(topic.topicType).toBe("Microsoft.Storage.StorageAccounts");
  });

  test("dev has no diagnostics or lock, and a system topic never has a private endpoint", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
    expect(topic.diagnostics).toBeUndefined();
    expect(topic.lock).toBeUndefined();
  });

  test("exposes the L1, its attributes and the system-assigned principal", () => {
    expect(topic.resource).toBeInstanceOf(EventgridSystemTopic);
    expect(topic.resource.node.id).toBe("Resource");
    const { stack: outputs, topic: other } = systemTopicIn();
    new TerraformOutput(outputs, "id", { value: other.id });
    new TerraformOutput(outputs, "name", { value: other.name });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(SYSTEM_TOPIC);
    expect(output.name.value).toBe("${azurerm_eventgrid_system_topic.Blobs_F0F01DC6.name}");
    expect(resolved(stack, topic.principal?.principalId)).toBe("${azurerm_eventgrid_system_topic.Blobs_F0F01DC6.identity[0].principal_id}");
  });
});

describe("EventGridSystemTopic in prod", () => {
  const { stack } = systemTopicIn({}, PROD);
  const synth = Testing.synth(stack);

  test("sends delivery-failure logs and metrics to Log Analytics; no private endpoint, no lock", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: SYSTEM_TOPIC,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
    expect(synth).not.toHaveResource(PrivateEndpoint);
    expect(synth).not.toHaveResource(ManagementLock);
  });
});

describe("EventGridSystemTopic overrides", () => {
  test("user values win over defaults, including false", () => {
    const stack = makeStack(PROD);
    const identity = new UserAssignedIdentity(stack, "Delivery");
    new EventGridSystemTopic(stack, "Blobs", {
      ...STORAGE_EVENTS,
      name: "egst-custom",
      location: "northeurope",
      identity: { systemAssigned: false, userAssigned: [identity] },
      diagnostics: false,
      lock: true,
      tags: { owner: "team" },
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(EventgridSystemTopic, {
      name: "egst-custom",
      location: "northeurope",
      identity: { type: "UserAssigned", identity_ids: [resolved(stack, identity.id)] },
      tags: { owner: "team" },
    });
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-egst-custom", lock_level: "CanNotDelete" });
  });

  test("a system topic may hold both kinds of identity", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    new EventGridSystemTopic(stack, "Blobs", { ...STORAGE_EVENTS, identity: { userAssigned: [identity] } });
    expect(resources(stack, "azurerm_eventgrid_system_topic")[0].identity.type).toBe("SystemAssigned, UserAssigned");
  });

  test("identity off", () => {
    const { stack, topic } = systemTopicIn({ identity: { systemAssigned: false } });
    expect(resources(stack, "azurerm_eventgrid_system_topic")[0]).not.toHaveProperty("identity");
    expect(() => topic.principal).toThrow("test/Blobs: principal is not available: the resource has no managed identity");
  });
});

describe("EventGridSystemTopic sources", () => {
  test.each([
    ["Microsoft.ServiceBus.Namespaces", `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb`],
    ["Microsoft.KeyVault.vaults", KEY_VAULT_ID],
    ["Microsoft.EventHub.Namespaces", `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/evh`],
    ["Microsoft.Web.Sites", FUNCTION_APP_ID],
  ] as const)("%s from a matching source", (topicType, sourceResourceId) => {
    const { stack } = systemTopicIn({ topicType, sourceResourceId });
    expect(resources(stack, "azurerm_eventgrid_system_topic")[0]).toMatchObject({ topic_type: topicType, source_resource_id: sourceResourceId, location: "westeurope" });
  });

  test.each([
    ["Microsoft.Resources.ResourceGroups", RESOURCE_GROUP_ID],
    ["Microsoft.Resources.Subscriptions", `/subscriptions/${SUBSCRIPTION_ID}`],
  ] as const)("a %s system topic lives in location global", (topicType, sourceResourceId) => {
    const { stack } = systemTopicIn({ topicType, sourceResourceId });
    expect(resources(stack, "azurerm_eventgrid_system_topic")[0].location).toBe("global");
    expect(() => systemTopicIn({ topicType, sourceResourceId, location: "Global" })).not.toThrow();
  });

  test("a resource-group system topic elsewhere than global", () => {
    expect(messageOf(() => systemTopicIn({ topicType: "Microsoft.Resources.ResourceGroups", sourceResourceId: RESOURCE_GROUP_ID, location: "westeurope" }))).toBe(
      'test/Blobs: location "westeurope" is not "global"; a Microsoft.Resources.ResourceGroups system topic lives in location "global"; leave location unset or set it to "global"',
    );
  });

  test("the topic type is matched case-insensitively and written canonically", () => {
    const topicType = "Microsoft.Eventhub.Namespaces" as SystemTopicType;
    const { stack, topic } = systemTopicIn({ topicType, sourceResourceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/evh` });
    expect(topic.topicType).toBe("Microsoft.EventHub.Namespaces");
    expect(resources(stack, "azurerm_eventgrid_system_topic")[0].topic_type).toBe("Microsoft.EventHub.Namespaces");
  });

  test("Cosmos DB as a topic type is refused with the function → custom topic route", () => {
    const topicType = "Microsoft.DocumentDB.DatabaseAccounts" as SystemTopicType;
    expect(messageOf(() => systemTopicIn({ topicType, sourceResourceId: COSMOS_ID }))).toBe(
      `test/Blobs: topicType "Microsoft.DocumentDB.DatabaseAccounts" is not an Event Grid system-topic source; ${COSMOS_FIX}`,
    );
  });

  test("a Cosmos DB account as the source is refused the same way", () => {
    expect(messageOf(() => systemTopicIn({ sourceResourceId: COSMOS_ID }))).toBe(
      `test/Blobs: sourceResourceId "${COSMOS_ID}" is a Cosmos DB account, which is not an Event Grid system-topic source; ${COSMOS_FIX}`,
    );
  });

  test("an unknown topic type lists the known ones", () => {
    const topicType = "Microsoft.DataFactory.Factories" as SystemTopicType;
    expect(messageOf(() => systemTopicIn({ topicType }))).toBe(
      `test/Blobs: topicType "Microsoft.DataFactory.Factories" is not a system topic type this library knows; use one of ${Object.keys(SYSTEM_TOPIC_TYPES).join(", ")} (for a type not listed yet, override the L1: resource.addOverride("topic_type", "<type>"))`,
    );
  });

  test("a source that is not what the topic type publishes for", () => {
    expect(messageOf(() => systemTopicIn({ sourceResourceId: KEY_VAULT_ID }))).toBe(
      `test/Blobs: sourceResourceId "${KEY_VAULT_ID}" is not the id of a Microsoft.Storage/storageAccounts (the source of topicType "Microsoft.Storage.StorageAccounts"); pass the id of the resource whose events you want, or the topicType matching it`,
    );
    expect(messageOf(() => systemTopicIn({ topicType: "Microsoft.Resources.ResourceGroups", sourceResourceId: STORAGE_ID }))).toContain(
      'is not the id of a resource group (the source of topicType "Microsoft.Resources.ResourceGroups")',
    );
    expect(messageOf(() => systemTopicIn({ topicType: "Microsoft.Resources.Subscriptions", sourceResourceId: RESOURCE_GROUP_ID }))).toContain("is not the id of a subscription");
  });

  test("a source id known only at deploy time is not checked", () => {
    const stack = makeStack();
    const sourceResourceId = new TerraformVariable(stack, "account_id", { type: "string" }).stringValue;
    new EventGridSystemTopic(stack, "Blobs", { ...STORAGE_EVENTS, sourceResourceId });
    expect(resources(stack, "azurerm_eventgrid_system_topic")[0].source_resource_id).toBe("${var.account_id}");
  });

  test("a bad explicit name", () => {
    expect(messageOf(() => systemTopicIn({ name: "egst blobs" }))).toBe('test/Blobs: name "egst blobs" breaks the eventGridSystemTopic naming rule; use letters, digits and hyphens');
  });
});

describe("EventGridSystemTopic subscriptions", () => {
  test("address the topic by name and resource group, in the Event Grid schema, delivering with its identity", () => {
    const { stack, topic } = systemTopicIn();
    const subscription = topic.addSubscription("blob-created", {
      destination: EventDestination.serviceBusQueue(QUEUE_ID),
      includedEventTypes: ["Microsoft.Storage.BlobCreated"],
      subjectBeginsWith: "/blobServices/default/containers/incoming/",
    });
    expect(subscription.resource).toBeInstanceOf(EventgridSystemTopicEventSubscription);
    const { config } = single(stack, "azurerm_eventgrid_system_topic_event_subscription");
    expect(config).toMatchObject({
      name: "blob-created",
      system_topic: "${azurerm_eventgrid_system_topic.Blobs_F0F01DC6.name}",
      resource_group_name: "rg-test",
      event_delivery_schema: "EventGridSchema",
      included_event_types: ["Microsoft.Storage.BlobCreated"],
      delivery_identity: { type: "SystemAssigned" },
      retry_policy: { max_delivery_attempts: 30, event_time_to_live: 1440 },
    });
    expect(config).not.toHaveProperty("scope");
    expect(resources(stack, "azurerm_eventgrid_event_subscription")).toHaveLength(0);
    expect(resources(stack, "azurerm_role_assignment")[0]).toMatchObject({
      scope: QUEUE_ID,
      role_definition_name: "Azure Service Bus Data Sender",
      principal_id: "${azurerm_eventgrid_system_topic.Blobs_F0F01DC6.identity[0].principal_id}",
    });
  });

  test("may deliver CloudEvents", () => {
    const { stack, topic } = systemTopicIn();
    topic.addSubscription("blob-created", { destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnBlob"), eventDeliverySchema: "CloudEventSchemaV1_0" });
    expect(single(stack, "azurerm_eventgrid_system_topic_event_subscription").config.event_delivery_schema).toBe("CloudEventSchemaV1_0");
  });
});

describe("EventGridSystemTopic.fromId", () => {
  const ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventGrid/systemTopics/egst-shared`;

  test("subscribes to an existing system topic by its name and resource group", () => {
    const stack = makeStack();
    EventGridSystemTopic.fromId(stack, "Shared", ID).addSubscription("blob-created", { destination: EventDestination.serviceBusQueue(QUEUE_ID) });
    const { config } = single(stack, "azurerm_eventgrid_system_topic_event_subscription");
    expect(config).toMatchObject({ system_topic: "egst-shared", resource_group_name: "rg-shared", event_delivery_schema: "EventGridSchema" });
    expect(config).not.toHaveProperty("delivery_identity");
  });

  test("an id known only at deploy time", () => {
    const stack = makeStack();
    const id = new TerraformVariable(stack, "system_topic_id", { type: "string" }).stringValue;
    expect(messageOf(() => EventGridSystemTopic.fromId(stack, "Shared", id))).toBe(
      "test/Shared: resourceId is a value known only at deploy time, but its names are needed at synth; pass the literal id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventGrid/systemTopics/<name>)",
    );
  });

  test("a literal id of something else", () => {
    expect(messageOf(() => EventGridSystemTopic.fromId(makeStack(), "Shared", STORAGE_ID))).toBe(
      `test/Shared: resourceId "${STORAGE_ID}" is not the id of a Microsoft.EventGrid/systemTopics resource; use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventGrid/systemTopics/<name>`,
    );
  });
});

test("fully-featured EventGridSystemTopic snapshot", () => {
  const { stack, topic } = systemTopicIn({ tags: { owner: "team" } }, PROD);
  topic.addSubscription("csv-uploaded", {
    destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnCsv", { maxEventsPerBatch: 10 }),
    includedEventTypes: ["Microsoft.Storage.BlobCreated"],
    subjectBeginsWith: "/blobServices/default/containers/incoming/",
    subjectEndsWith: ".csv",
    advancedFilters: [AdvancedFilter.numberGreaterThan("data.contentLength", 0)],
    deadLetter: { storageAccountId: STORAGE_ID, containerName: "dead-letters" },
  });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});

describe("EventGridSystemTopic event types", () => {
  const subscribe = (includedEventTypes: string[], props: Partial<EventGridSystemTopicProps> = {}) =>
    systemTopicIn(props).topic.addSubscription("sub", { destination: EventDestination.serviceBusQueue(QUEUE_ID), includedEventTypes });
  const refused = (type: string, publisher: string) =>
    `test/Blobs/Subscription-sub: includedEventTypes "${type}" is not an event type a ${publisher} system topic publishes, `
    + "so the subscription would never deliver it; ";

  test("an event type the source does not publish is refused with the closest one", () => {
    expect(messageOf(() => subscribe(["Microsoft.Storage.BlobCreate"]))).toBe(
      `${refused("Microsoft.Storage.BlobCreate", "Microsoft.Storage.StorageAccounts")}use "Microsoft.Storage.BlobCreated"`,
    );
  });

  test("another service's event type lists the ones the source publishes", () => {
    const vault = { topicType: "Microsoft.KeyVault.vaults" as SystemTopicType, sourceResourceId: KEY_VAULT_ID };
    const published = ["Certificate", "Key", "Secret"]
      .flatMap((kind) => ["NewVersionCreated", "NearExpiry", "Expired"].map((event) => `Microsoft.KeyVault.${kind}${event}`))
      .concat("Microsoft.KeyVault.VaultAccessPolicyChanged");
    expect(messageOf(() => subscribe(["Microsoft.Storage.BlobCreated"], vault))).toBe(
      `${refused("Microsoft.Storage.BlobCreated", "Microsoft.KeyVault.vaults")}use one of ${published.join(", ")}`,
    );
  });

  test("published types pass, in any case; resource-group events; unlisted topic types are not checked", () => {
    expect(() => subscribe(["Microsoft.Storage.BlobCreated", "microsoft.storage.blobdeleted"])).not.toThrow();
    const group = { topicType: "Microsoft.Resources.ResourceGroups" as SystemTopicType, sourceResourceId: RESOURCE_GROUP_ID };
    expect(() => subscribe(["Microsoft.Resources.ResourceWriteSuccess"], group)).not.toThrow();
    expect(messageOf(() => subscribe(["Microsoft.Resources.ResourceWriteSucceeded"], group)))
      .toContain('use "Microsoft.Resources.ResourceWriteSuccess"');
    const site = { topicType: "Microsoft.Web.Sites" as SystemTopicType, sourceResourceId: FUNCTION_APP_ID };
    expect(() => subscribe(["Microsoft.Web.SomethingNew"], site)).not.toThrow();
  });
});
