import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { EventgridEventSubscription } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { LogicAppTriggerHttpRequest } from "@cdktf/provider-azurerm/lib/logic-app-trigger-http-request";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { StorageAccount } from "../../../constructs/storage";
import {
  ADVANCED_FILTER_LIMITS,
  AdvancedFilter,
  EventDestination,
  EventGridSubscription,
  EventGridTopic,
  EventGridTopicProps,
  EventSubscriptionOptions,
  RETRY_DEFAULTS,
} from "../../../constructs/event-grid";
import { Json, makeStack, messageOf, resolved, resources, resourcesOfType, single } from "../../helpers";
import { EVENT_HUB_ID, FUNCTION_APP_ID, QUEUE_ID, SB_TOPIC_ID, STORAGE_ID, TOPIC } from "./resource-ids";

Testing.setupJest();

const PATH = "test/Orders/Subscription-orders";
const QUEUE = EventDestination.serviceBusQueue(QUEUE_ID);
const DEAD_LETTER = { storageAccountId: STORAGE_ID, containerName: "dead-letters" };

interface Built {
  readonly stack: TerraformStack;
  readonly topic: EventGridTopic;
  readonly subscription: EventGridSubscription;
  readonly config: Json;
}

/** A topic `Orders` with subscription `orders` (Service Bus queue destination unless overridden). */
function subscribe(options: Partial<EventSubscriptionOptions> = {}, topicProps: EventGridTopicProps = {}): Built {
  const stack = makeStack();
  const topic = new EventGridTopic(stack, "Orders", topicProps);
  const subscription = topic.addSubscription("orders", { destination: QUEUE, ...options });
  return { stack, topic, subscription, config: single(stack, "azurerm_eventgrid_event_subscription").config };
}

const grants = (stack: TerraformStack): Json[] => resourcesOfType(stack, "azurerm_role_assignment");

describe("EventGridSubscription defaults", () => {
  const { stack, subscription, config } = subscribe();

  test("writes Event Grid's retry policy out explicitly and scopes the subscription to the topic", () => {
    expect(RETRY_DEFAULTS).toEqual({ maxDeliveryAttempts: 30, eventTimeToLive: 1440 });
    expect(config).toMatchObject({
      name: "orders",
      scope: TOPIC.id,
      service_bus_queue_endpoint_id: QUEUE_ID,
      retry_policy: { max_delivery_attempts: 30, event_time_to_live: 1440 },
      event_delivery_schema: "EventGridSchema",
      advanced_filtering_on_arrays_enabled: false,
    });
    for (const absent of ["included_event_types", "subject_filter", "advanced_filter", "storage_blob_dead_letter_destination", "dead_letter_identity"]) {
      expect(config).not.toHaveProperty(absent);
    }
  });

  test("delivers with the topic's system-assigned identity, granted Azure Service Bus Data Sender on the queue first", () => {
    expect(config.delivery_identity).toEqual({ type: "SystemAssigned" });
    const [grant] = grants(stack);
    expect(grant).toMatchObject({
      scope: QUEUE_ID,
      role_definition_name: "Azure Service Bus Data Sender",
      principal_id: TOPIC.principalId,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
    expect(grants(stack)).toHaveLength(1);
    const grantKey = Object.keys(resources(stack, "azurerm_role_assignment"))[0];
    expect(config.depends_on).toEqual([`azurerm_role_assignment.${grantKey}`]);
    expect(subscription.deliveryGrant).toBeInstanceOf(RoleAssignment);
    expect(subscription.deadLetterGrant).toBeUndefined();
  });

  test("exposes the L1 and its attributes", () => {
    expect(subscription.resource).toBeInstanceOf(EventgridEventSubscription);
    expect(subscription.resource.node.id).toBe("Resource");
    expect(subscription.node.id).toBe("Subscription-orders");
    const key = Object.keys(resources(stack, "azurerm_eventgrid_event_subscription"))[0];
    expect(resolved(stack, subscription.id)).toBe(`\${azurerm_eventgrid_event_subscription.${key}.id}`);
    expect(resolved(stack, subscription.name)).toBe(`\${azurerm_eventgrid_event_subscription.${key}.name}`);
  });
});

describe("EventGridSubscription destinations", () => {
  test("an Azure Function: function_id is <app id>/functions/<name>, with batching, and no delivery identity", () => {
    const { stack, config } = subscribe({
      destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder", { maxEventsPerBatch: 10, preferredBatchSizeInKilobytes: 128 }),
    });
    expect(config.azure_function_endpoint).toEqual({
      function_id: `${FUNCTION_APP_ID}/functions/OnOrder`,
      max_events_per_batch: 10,
      preferred_batch_size_in_kilobytes: 128,
    });
    expect(config).not.toHaveProperty("delivery_identity");
    expect(config).not.toHaveProperty("service_bus_queue_endpoint_id");
    expect(grants(stack)).toHaveLength(0);
  });

  test("a Service Bus topic gets Azure Service Bus Data Sender on the topic", () => {
    const { stack, config } = subscribe({ destination: EventDestination.serviceBusTopic(SB_TOPIC_ID) });
    expect(config.service_bus_topic_endpoint_id).toBe(SB_TOPIC_ID);
    expect(grants(stack)[0]).toMatchObject({ scope: SB_TOPIC_ID, role_definition_name: "Azure Service Bus Data Sender" });
  });

  test("a storage queue gets Storage Queue Data Message Sender on that queue only", () => {
    const { stack, config } = subscribe({ destination: EventDestination.storageQueue(STORAGE_ID, "orders", 3600) });
    expect(config.storage_queue_endpoint).toEqual({ storage_account_id: STORAGE_ID, queue_name: "orders", queue_message_time_to_live_in_seconds: 3600 });
    expect(grants(stack)[0]).toMatchObject({
      scope: `${STORAGE_ID}/queueServices/default/queues/orders`,
      role_definition_name: "Storage Queue Data Message Sender",
    });
  });

  test("a storage queue message TTL of -1 (never expires) is accepted, and left out when not given", () => {
    expect(subscribe({ destination: EventDestination.storageQueue(STORAGE_ID, "orders", -1) }).config.storage_queue_endpoint.queue_message_time_to_live_in_seconds).toBe(-1);
    expect(subscribe({ destination: EventDestination.storageQueue(STORAGE_ID, "orders") }).config.storage_queue_endpoint).not.toHaveProperty(
      "queue_message_time_to_live_in_seconds",
    );
  });

  test("an event hub gets Azure Event Hubs Data Sender on the event hub", () => {
    const { stack, config } = subscribe({ destination: EventDestination.eventHub(EVENT_HUB_ID) });
    expect(config.eventhub_endpoint_id).toBe(EVENT_HUB_ID);
    expect(grants(stack)[0]).toMatchObject({ scope: EVENT_HUB_ID, role_definition_name: "Azure Event Hubs Data Sender" });
  });

  test("a webhook takes a token URL (e.g. a Logic App callback URL) and Entra settings, and is never an output", () => {
    const stack = makeStack();
    const callbackUrl = new TerraformVariable(stack, "callback_url", { type: "string", sensitive: true }).stringValue;
    const topic = new EventGridTopic(stack, "Orders");
    topic.addSubscription("orders", {
      destination: EventDestination.webhook(callbackUrl, { maxEventsPerBatch: 5, activeDirectoryTenantId: "tenant", activeDirectoryAppIdOrUri: "api://handler" }),
    });
    const json = JSON.parse(Testing.synth(stack));
    const [config] = Object.values(json.resource.azurerm_eventgrid_event_subscription) as Json[];
    expect(config.webhook_endpoint).toEqual({
      url: "${var.callback_url}",
      max_events_per_batch: 5,
      active_directory_tenant_id: "tenant",
      active_directory_app_id_or_uri: "api://handler",
    });
    expect(config).not.toHaveProperty("delivery_identity");
    expect(json).not.toHaveProperty("output");
  });

  test("a literal webhook URL without a credential is accepted", () => {
    expect(subscribe({ destination: EventDestination.webhook("https://hooks.example.com/events") }).config.webhook_endpoint).toEqual({
      url: "https://hooks.example.com/events",
    });
  });
});

describe("EventGridSubscription destination validation", () => {
  test("a bad function name", () => {
    expect(messageOf(() => subscribe({ destination: EventDestination.azureFunction(FUNCTION_APP_ID, "1-handler") }))).toBe(
      `${PATH}: destination.functionName "1-handler" is not a valid function name; use the function's name as registered in the app: a letter, then up to 127 letters, digits, '_' or '-'`,
    );
  });

  test.each([0, 5001, 2.5])("maxEventsPerBatch %p", (n) => {
    expect(messageOf(() => subscribe({ destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder", { maxEventsPerBatch: n }) }))).toBe(
      `${PATH}: destination.maxEventsPerBatch ${n} is not a whole number from 1 to 5000; set destination.maxEventsPerBatch to 1-5000`,
    );
  });

  test.each([0, 1025])("preferredBatchSizeInKilobytes %p", (n) => {
    expect(messageOf(() => subscribe({ destination: EventDestination.webhook("https://hooks.example.com", { preferredBatchSizeInKilobytes: n }) }))).toBe(
      `${PATH}: destination.preferredBatchSizeInKilobytes ${n} is not a whole number from 1 to 1024; set destination.preferredBatchSizeInKilobytes to 1-1024`,
    );
  });

  test("batch limits 1 and 5000 / 1024 are accepted", () => {
    expect(() => subscribe({ destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder", { maxEventsPerBatch: 5000, preferredBatchSizeInKilobytes: 1024 }) })).not.toThrow();
    expect(() => subscribe({ destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder", { maxEventsPerBatch: 1, preferredBatchSizeInKilobytes: 1 }) })).not.toThrow();
  });

  test.each([0, -2, 1.5])("storage queue message TTL %p", (ttl) => {
    expect(messageOf(() => subscribe({ destination: EventDestination.storageQueue(STORAGE_ID, "orders", ttl) }))).toBe(
      `${PATH}: destination.messageTimeToLiveSeconds ${ttl} is not a positive whole number of seconds or -1; set a positive number of seconds, or -1 for messages that never expire`,
    );
  });

  test("a bad storage queue name", () => {
    expect(messageOf(() => subscribe({ destination: EventDestination.storageQueue(STORAGE_ID, "Orders_Queue") }))).toBe(
      `${PATH}: queue name "Orders_Queue" breaks the queue naming rule; use lower-case letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  });

  test("a webhook must be HTTPS", () => {
    expect(messageOf(() => subscribe({ destination: EventDestination.webhook("http://hooks.example.com/events") }))).toBe(
      `${PATH}: destination.url is not an https:// URL; use an HTTPS endpoint; Event Grid delivers webhooks over HTTPS only`,
    );
  });

  test.each(["sig", "code", "token"])("a literal webhook URL with a %s= credential is rejected without echoing it", (param) => {
    const url = `https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Frun&${param}=SuperSecret123`;
    const message = messageOf(() => subscribe({ destination: EventDestination.webhook(url) }));
    expect(message).toBe(
      `${PATH}: destination.url is a literal URL with a credential in its "${param}" query parameter, which would be stored in clear in the synthesized JSON and state; pass the URL as a token instead (e.g. the Logic App trigger's callbackUrl, or a TerraformVariable with sensitive: true)`,
    );
    expect(message).not.toContain("SuperSecret123");
  });

  test("an unknown destination kind", () => {
    const destination = { kind: "ftp" } as unknown as EventSubscriptionOptions["destination"];
    expect(messageOf(() => subscribe({ destination }))).toBe(
      `${PATH}: destination.kind "ftp" is not a known destination; build the destination with EventDestination.azureFunction/serviceBusQueue/serviceBusTopic/storageQueue/eventHub/webhook`,
    );
  });
});

describe("EventGridSubscription to a Logic App request trigger", () => {
  /** A topic with input `schema` and a subscription to a request trigger taking `method`. */
  type Schema = EventSubscriptionOptions["eventDeliverySchema"];
  function toTrigger(schema: Schema, method: string | undefined, delivery?: Schema) {
    const stack = makeStack();
    const trigger = new LogicAppTriggerHttpRequest(stack, "Trigger", { name: "manual", logicAppId: "/workflows/w", schema: "{}", method });
    const topic = new EventGridTopic(stack, "Orders", { inputSchema: schema });
    topic.addSubscription("orders", { destination: EventDestination.webhook(trigger.callbackUrl), eventDeliverySchema: delivery });
    return stack;
  }

  test("CloudEvents to a POST-only trigger is refused: the OPTIONS handshake never reaches it", () => {
    expect(messageOf(() => toTrigger("CloudEventSchemaV1_0", "POST"))).toBe(
      `${PATH}: eventDeliverySchema "CloudEventSchemaV1_0" makes Event Grid validate the callback URL of Logic App request trigger test/Trigger ` +
        "with an HTTP OPTIONS handshake (WebHook-Request-Origin), which the trigger cannot answer: it accepts POST only; " +
        'deliver "EventGridSchema" (the source must publish the Event Grid schema), or leave the trigger\'s method unset and answer OPTIONS ' +
        "in the workflow with a WebHook-Allowed-Origin header (workloads/logic-apps/high-value-order.workflow.json)",
    );
    const converted = messageOf(() => toTrigger("EventGridSchema", "POST", "CloudEventSchemaV1_0"));
    expect(converted).toContain('eventDeliverySchema "CloudEventSchemaV1_0" makes');
  });

  test("the Event Grid schema to a POST trigger, and CloudEvents to a trigger without a method, are accepted", () => {
    expect(single(toTrigger("EventGridSchema", "POST"), "azurerm_eventgrid_event_subscription").config.event_delivery_schema).toBe("EventGridSchema");
    const open = single(toTrigger("CloudEventSchemaV1_0", undefined), "azurerm_eventgrid_event_subscription").config;
    expect(open).toMatchObject({
      event_delivery_schema: "CloudEventSchemaV1_0",
      webhook_endpoint: { url: "${azurerm_logic_app_trigger_http_request.Trigger.callback_url}" },
    });
  });

  test("a trigger that does not accept POST never receives Event Grid's deliveries, whatever the schema", () => {
    expect(messageOf(() => toTrigger("EventGridSchema", "GET"))).toBe(
      `${PATH}: destination.url is the callback URL of Logic App request trigger test/Trigger, which accepts GET only, ` +
        'but Event Grid delivers events by POST; set the trigger\'s method to "POST" (or leave it unset)',
    );
  });
});

describe("EventGridSubscription filters", () => {
  test("event types, subject filters and typed advanced filters map to their blocks", () => {
    const { config } = subscribe({
      includedEventTypes: ["Contoso.Orders.Created", "Contoso.Orders.Cancelled"],
      subjectBeginsWith: "/orders/",
      subjectEndsWith: ".json",
      caseSensitive: true,
      advancedFilteringOnArrays: true,
      advancedFilters: [
        AdvancedFilter.stringIn("data.region", ["eu", "us"]),
        AdvancedFilter.stringNotIn("data.channel", ["test"]),
        AdvancedFilter.stringBeginsWith("data.sku", ["AB"]),
        AdvancedFilter.stringNotBeginsWith("data.sku", ["ZZ"]),
        AdvancedFilter.stringEndsWith("data.file", [".csv"]),
        AdvancedFilter.stringNotEndsWith("data.file", [".tmp"]),
        AdvancedFilter.stringContains("data.note", ["urgent"]),
        AdvancedFilter.stringNotContains("data.note", ["ignore"]),
        AdvancedFilter.numberIn("data.priority", [1, 2]),
        AdvancedFilter.numberNotIn("data.priority", [9]),
        AdvancedFilter.numberGreaterThan("data.amount", 100),
        AdvancedFilter.numberGreaterThanOrEquals("data.items", 1),
        AdvancedFilter.numberLessThan("data.amount", 10000),
        AdvancedFilter.numberLessThanOrEquals("data.items", 50),
        AdvancedFilter.numberInRange("data.hour", [[8, 18]]),
        AdvancedFilter.numberNotInRange("data.hour", [[0, 5]]),
        AdvancedFilter.boolEquals("data.express", true),
        AdvancedFilter.isNotNull("data.customerId"),
        AdvancedFilter.isNullOrUndefined("data.deletedAt"),
      ],
    });
    expect(config.included_event_types).toEqual(["Contoso.Orders.Created", "Contoso.Orders.Cancelled"]);
    expect(config.subject_filter).toEqual({ subject_begins_with: "/orders/", subject_ends_with: ".json", case_sensitive: true });
    expect(config.advanced_filtering_on_arrays_enabled).toBe(true);
    expect(config.advanced_filter).toEqual({
      string_in: [{ key: "data.region", values: ["eu", "us"] }],
      string_not_in: [{ key: "data.channel", values: ["test"] }],
      string_begins_with: [{ key: "data.sku", values: ["AB"] }],
      string_not_begins_with: [{ key: "data.sku", values: ["ZZ"] }],
      string_ends_with: [{ key: "data.file", values: [".csv"] }],
      string_not_ends_with: [{ key: "data.file", values: [".tmp"] }],
      string_contains: [{ key: "data.note", values: ["urgent"] }],
      string_not_contains: [{ key: "data.note", values: ["ignore"] }],
      number_in: [{ key: "data.priority", values: [1, 2] }],
      number_not_in: [{ key: "data.priority", values: [9] }],
      number_greater_than: [{ key: "data.amount", value: 100 }],
      number_greater_than_or_equals: [{ key: "data.items", value: 1 }],
      number_less_than: [{ key: "data.amount", value: 10000 }],
      number_less_than_or_equals: [{ key: "data.items", value: 50 }],
      number_in_range: [{ key: "data.hour", values: [[8, 18]] }],
      number_not_in_range: [{ key: "data.hour", values: [[0, 5]] }],
      bool_equals: [{ key: "data.express", value: true }],
      is_not_null: [{ key: "data.customerId" }],
      is_null_or_undefined: [{ key: "data.deletedAt" }],
    });
  });

  test("a subject filter alone is case-insensitive, and several filters of one operator stay together", () => {
    const { config } = subscribe({
      subjectEndsWith: ".csv",
      advancedFilters: [AdvancedFilter.stringIn("data.a", ["x"]), AdvancedFilter.stringIn("data.b", ["y"])],
    });
    expect(config.subject_filter).toEqual({ subject_ends_with: ".csv", case_sensitive: false });
    expect(config.advanced_filter).toEqual({ string_in: [{ key: "data.a", values: ["x"] }, { key: "data.b", values: ["y"] }] });
  });

  test("the limits are those of the Azure docs", () => {
    expect(ADVANCED_FILTER_LIMITS).toEqual({ maxFilters: 25, maxValues: 25, maxStringLength: 512 });
  });

  test("25 filters with 25 values in total are accepted", () => {
    const filters = Array.from({ length: 25 }, (_, i) => AdvancedFilter.stringIn(`data.f${i}`, ["v"]));
    expect(() => subscribe({ advancedFilters: filters })).not.toThrow();
  });

  test("a 26th filter is rejected", () => {
    const filters = Array.from({ length: 26 }, (_, i) => AdvancedFilter.isNotNull(`data.f${i}`));
    expect(messageOf(() => subscribe({ advancedFilters: filters }))).toBe(
      `${PATH}: advancedFilters has 26 filters; a subscription takes at most 25; merge filters on the same key (one stringIn with several values), use includedEventTypes or subject filters, or filter in the handler`,
    );
  });

  test("a 26th value across filters is rejected (single values and ranges count one each, presence checks none)", () => {
    const filters = [
      AdvancedFilter.stringIn("data.a", Array.from({ length: 22 }, (_, i) => `v${i}`)),
      AdvancedFilter.numberGreaterThan("data.b", 1),
      AdvancedFilter.numberInRange("data.c", [[1, 2], [3, 4]]),
      AdvancedFilter.isNotNull("data.d"),
      AdvancedFilter.boolEquals("data.e", false),
    ];
    expect(messageOf(() => subscribe({ advancedFilters: filters }))).toBe(
      `${PATH}: advancedFilters have 26 values in total; a subscription takes at most 25 across all its filters; use fewer values (a stringBeginsWith prefix instead of a long stringIn list), or split the events over several subscriptions`,
    );
    expect(() => subscribe({ advancedFilters: filters.slice(0, 4) })).not.toThrow();
  });

  test("an empty key", () => {
    expect(messageOf(() => subscribe({ advancedFilters: [AdvancedFilter.isNotNull(" ")] }))).toBe(
      `${PATH}: advancedFilters[0].key " " is empty; name the event field to filter on, e.g. "data.amount" or "subject"`,
    );
  });

  test.each([
    [AdvancedFilter.stringIn("data.x", []), 'advancedFilters[0] (stringIn on "data.x")'],
    [AdvancedFilter.numberIn("data.x", []), 'advancedFilters[0] (numberIn on "data.x")'],
    [AdvancedFilter.numberInRange("data.x", []), 'advancedFilters[0] (numberInRange on "data.x")'],
  ])("a filter without values: %#", (filter, subject) => {
    expect(messageOf(() => subscribe({ advancedFilters: [filter] }))).toBe(`${PATH}: ${subject} has no values; give at least one value`);
  });

  test("a string value over 512 characters", () => {
    expect(() => subscribe({ advancedFilters: [AdvancedFilter.stringContains("data.x", ["a".repeat(512)])] })).not.toThrow();
    expect(messageOf(() => subscribe({ advancedFilters: [AdvancedFilter.stringContains("data.x", ["a".repeat(513)])] }))).toBe(
      `${PATH}: advancedFilters[0] (stringContains on "data.x") has a value of 513 characters; string values are at most 512; shorten the value to 512 characters or match a prefix with stringBeginsWith`,
    );
  });

  test("a range written high to low", () => {
    expect(messageOf(() => subscribe({ advancedFilters: [AdvancedFilter.numberNotInRange("data.n", [[1, 2], [5, 1]])] }))).toBe(
      `${PATH}: advancedFilters[0] (numberNotInRange on "data.n") [5,1] has a range whose low end is above its high end; write each range as [low, high]`,
    );
  });

  test("an empty includedEventTypes list", () => {
    expect(messageOf(() => subscribe({ includedEventTypes: [] }))).toBe(
      `${PATH}: includedEventTypes [] is empty; list the event types to deliver, or leave includedEventTypes unset for all types`,
    );
  });

  test("caseSensitive without a subject filter", () => {
    expect(messageOf(() => subscribe({ caseSensitive: false }))).toBe(
      `${PATH}: caseSensitive false is set without a subject filter; add subjectBeginsWith or subjectEndsWith, or remove caseSensitive`,
    );
  });
});

describe("EventGridSubscription retries and schema", () => {
  test("user values win, including the minimum", () => {
    expect(subscribe({ maxDeliveryAttempts: 1, eventTimeToLive: 1 }).config.retry_policy).toEqual({ max_delivery_attempts: 1, event_time_to_live: 1 });
    expect(subscribe({ maxDeliveryAttempts: 10, eventTimeToLive: 60 }).config.retry_policy).toEqual({ max_delivery_attempts: 10, event_time_to_live: 60 });
  });

  test.each([0, 31, 2.5])("maxDeliveryAttempts %p", (n) => {
    expect(messageOf(() => subscribe({ maxDeliveryAttempts: n }))).toBe(`${PATH}: maxDeliveryAttempts ${n} is not a whole number from 1 to 30; set maxDeliveryAttempts to 1-30`);
  });

  test.each([0, 1441])("eventTimeToLive %p", (n) => {
    expect(messageOf(() => subscribe({ eventTimeToLive: n }))).toBe(`${PATH}: eventTimeToLive ${n} is not a whole number from 1 to 1440; set eventTimeToLive to 1-1440`);
  });

  test("an Event Grid schema topic can deliver CloudEvents", () => {
    expect(subscribe({ eventDeliverySchema: "CloudEventSchemaV1_0" }).config.event_delivery_schema).toBe("CloudEventSchemaV1_0");
  });

  test("a CloudEvents topic delivers CloudEvents by default and cannot deliver the Event Grid schema", () => {
    expect(subscribe({}, { inputSchema: "CloudEventSchemaV1_0" }).config.event_delivery_schema).toBe("CloudEventSchemaV1_0");
    expect(messageOf(() => subscribe({ eventDeliverySchema: "EventGridSchema" }, { inputSchema: "CloudEventSchemaV1_0" }))).toBe(
      `${PATH}: eventDeliverySchema "EventGridSchema" cannot deliver events of a source whose input schema is CloudEventSchemaV1_0 (Event Grid does not convert CloudEvents to the Event Grid schema); use eventDeliverySchema "CloudEventSchemaV1_0" or leave it unset`,
    );
  });

  test("an unknown delivery schema", () => {
    const eventDeliverySchema = "CustomInputSchema" as EventSubscriptionOptions["eventDeliverySchema"];
    expect(messageOf(() => subscribe({ eventDeliverySchema }))).toBe(
      `${PATH}: eventDeliverySchema "CustomInputSchema" is not a supported schema; use "EventGridSchema" or "CloudEventSchemaV1_0"`,
    );
  });
});

describe("EventGridSubscription dead-lettering", () => {
  test("dead letters go to the container with the topic's identity, granted Storage Blob Data Contributor on that container", () => {
    const { stack, subscription, config } = subscribe({ deadLetter: DEAD_LETTER });
    expect(config.storage_blob_dead_letter_destination).toEqual({ storage_account_id: STORAGE_ID, storage_blob_container_name: "dead-letters" });
    expect(config.dead_letter_identity).toEqual({ type: "SystemAssigned" });
    expect(grants(stack)).toContainEqual(
      expect.objectContaining({
        scope: `${STORAGE_ID}/blobServices/default/containers/dead-letters`,
        role_definition_name: "Storage Blob Data Contributor",
        principal_id: TOPIC.principalId,
        principal_type: "ServicePrincipal",
      }),
    );
    expect(config.depends_on).toHaveLength(2);
    expect(subscription.deadLetterGrant).toBeInstanceOf(RoleAssignment);
  });

  test("a container created in the same stack is waited for by the grant and the subscription", () => {
    const stack = makeStack();
    const account = new StorageAccount(stack, "Letters");
    const container = account.addContainer("dead-letters");
    const topic = new EventGridTopic(stack, "Orders");
    const subscription = topic.addSubscription("orders", { destination: QUEUE, deadLetter: { storageAccountId: account.id, containerName: "dead-letters", container } });
    const containerAddress = `azurerm_storage_container.${resolved(stack, container.friendlyUniqueId)}`;
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.depends_on).toContain(containerAddress);
    const grant = resources(stack, "azurerm_role_assignment")[resolved(stack, subscription.deadLetterGrant!.friendlyUniqueId) as string];
    expect(grant.depends_on).toEqual([containerAddress]);
  });

  test("a function destination still dead-letters with an identity", () => {
    const { config } = subscribe({ destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder"), deadLetter: DEAD_LETTER });
    expect(config).not.toHaveProperty("delivery_identity");
    expect(config.dead_letter_identity).toEqual({ type: "SystemAssigned" });
  });

  test("a bad container name", () => {
    expect(messageOf(() => subscribe({ deadLetter: { storageAccountId: STORAGE_ID, containerName: "Dead_Letters" } }))).toBe(
      `${PATH}: container name "Dead_Letters" breaks the container naming rule; use lower-case letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  });

  test("deadLetterIdentity without deadLetter", () => {
    expect(messageOf(() => subscribe({ deadLetterIdentity: "SystemAssigned" }))).toBe(
      `${PATH}: deadLetterIdentity "SystemAssigned" is set without deadLetter; add deadLetter: { storageAccountId, containerName } or remove deadLetterIdentity`,
    );
  });
});

describe("EventGridSubscription delivery identity", () => {
  test("false opts out of the identities and their grants; a user's false survives", () => {
    const { stack, config } = subscribe({ deliveryIdentity: false, deadLetterIdentity: false, deadLetter: DEAD_LETTER });
    expect(config).not.toHaveProperty("delivery_identity");
    expect(config).not.toHaveProperty("dead_letter_identity");
    expect(config).not.toHaveProperty("depends_on");
    expect(grants(stack)).toHaveLength(0);
  });

  test("grantDeliveryRoles: false keeps the identities but creates no grants", () => {
    const { stack, subscription, config } = subscribe({ grantDeliveryRoles: false, deadLetter: DEAD_LETTER });
    expect(config.delivery_identity).toEqual({ type: "SystemAssigned" });
    expect(config.dead_letter_identity).toEqual({ type: "SystemAssigned" });
    expect(grants(stack)).toHaveLength(0);
    expect(subscription.deliveryGrant).toBeUndefined();
  });

  test("a topic with only a user-assigned identity delivers with it by default, granted to that identity", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    const topic = new EventGridTopic(stack, "Orders", { identity: { userAssigned: [identity] } });
    topic.addSubscription("orders", { destination: QUEUE, deadLetter: DEAD_LETTER });
    const { config } = single(stack, "azurerm_eventgrid_event_subscription");
    const identityId = resolved(stack, identity.id);
    expect(config.delivery_identity).toEqual({ type: "UserAssigned", user_assigned_identity: identityId });
    expect(config.dead_letter_identity).toEqual({ type: "UserAssigned", user_assigned_identity: identityId });
    const principalIds = grants(stack).map((g) => g.principal_id);
    expect(principalIds).toEqual([resolved(stack, identity.principalId), resolved(stack, identity.principalId)]);
  });

  test("an explicit user-assigned identity of the topic", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    const topic = new EventGridTopic(stack, "Orders", { identity: { systemAssigned: false, userAssigned: [identity] } });
    topic.addSubscription("orders", { destination: QUEUE, deliveryIdentity: identity });
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.delivery_identity).toEqual({
      type: "UserAssigned",
      user_assigned_identity: resolved(stack, identity.id),
    });
  });

  test("an identity on a function or webhook destination", () => {
    expect(messageOf(() => subscribe({ destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder"), deliveryIdentity: "SystemAssigned" }))).toBe(
      `${PATH}: deliveryIdentity "SystemAssigned" cannot be used with the azureFunction destination: Event Grid uses managed identities only for Service Bus, Event Hubs and storage-queue destinations; remove deliveryIdentity (protect a webhook with activeDirectoryAppIdOrUri instead)`,
    );
    expect(messageOf(() => subscribe({ destination: EventDestination.webhook("https://hooks.example.com"), deliveryIdentity: "SystemAssigned" }))).toContain(
      "cannot be used with the webhook destination",
    );
  });

  test("SystemAssigned on a topic without a system-assigned identity", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    const topic = new EventGridTopic(stack, "Orders", { identity: { userAssigned: [identity] } });
    expect(messageOf(() => topic.addSubscription("orders", { destination: QUEUE, deliveryIdentity: "SystemAssigned" }))).toBe(
      `${PATH}: deliveryIdentity "SystemAssigned" is not available: the source has no system-assigned identity; turn on identity.systemAssigned on the source, or pass one of its user-assigned identities`,
    );
  });

  test("a user-assigned identity the topic does not have", () => {
    const stack = makeStack();
    const stranger = new UserAssignedIdentity(stack, "Stranger");
    const topic = new EventGridTopic(stack, "Orders");
    expect(messageOf(() => topic.addSubscription("orders", { destination: QUEUE, deliveryIdentity: stranger }))).toBe(
      `${PATH}: deliveryIdentity "test/Stranger" is not assigned to the source; add the identity to the source's identity.userAssigned`,
    );
  });

  test("a topic without any identity delivers with none", () => {
    const { stack, config } = subscribe({}, { identity: { systemAssigned: false } });
    expect(config).not.toHaveProperty("delivery_identity");
    expect(grants(stack)).toHaveLength(0);
  });
});

describe("EventGridSubscription grants are shared per source, destination and role", () => {
  test("two subscriptions to one queue share one role assignment (Azure allows one per scope, role and principal)", () => {
    const stack = makeStack();
    const topic = new EventGridTopic(stack, "Orders");
    const first = topic.addSubscription("created", { destination: QUEUE, includedEventTypes: ["Created"] });
    const second = topic.addSubscription("cancelled", { destination: QUEUE, includedEventTypes: ["Cancelled"] });
    expect(second.deliveryGrant).toBe(first.deliveryGrant);
    expect(grants(stack)).toHaveLength(1);
    const subscriptions = resourcesOfType(stack, "azurerm_eventgrid_event_subscription");
    expect(subscriptions[0].depends_on).toEqual(subscriptions[1].depends_on);
  });

  test("different destinations get their own assignments", () => {
    const stack = makeStack();
    const topic = new EventGridTopic(stack, "Orders");
    topic.addSubscription("to-queue", { destination: QUEUE });
    topic.addSubscription("to-topic", { destination: EventDestination.serviceBusTopic(SB_TOPIC_ID) });
    expect(grants(stack).map((g) => g.scope).sort()).toEqual([QUEUE_ID, SB_TOPIC_ID].sort());
  });

  test("two topics delivering to one queue each get an assignment for their own identity", () => {
    const stack = makeStack();
    new EventGridTopic(stack, "Orders").addSubscription("orders", { destination: QUEUE });
    new EventGridTopic(stack, "Invoices").addSubscription("invoices", { destination: QUEUE });
    expect(new Set(grants(stack).map((g) => g.principal_id)).size).toBe(2);
  });
});

describe("EventGridSubscription names and wiring", () => {
  test("dependsOn orders the subscription after a function's code deployment (azurerm #8415)", () => {
    const stack = makeStack();
    const deployment = new TerraformVariable(stack, "deployed", { type: "string" });
    const topic = new EventGridTopic(stack, "Orders");
    topic.addSubscription("orders", { destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder"), dependsOn: [deployment] });
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.depends_on).toEqual(["var.deployed"]);
  });

  test("a name that breaks the rule", () => {
    const topic = new EventGridTopic(makeStack(), "Orders");
    expect(messageOf(() => topic.addSubscription("on", { destination: QUEUE }))).toBe(
      "test/Orders/Subscription-on: name \"on\" is 2 characters; a eventGridSubscription name must be 3-64; choose a name of 3 to 64 characters",
    );
    expect(messageOf(() => topic.addSubscription("on_order", { destination: QUEUE }))).toBe(
      'test/Orders/Subscription-on_order: name "on_order" breaks the eventGridSubscription naming rule; use letters, digits and hyphens',
    );
  });

  test("a name known only at deploy time", () => {
    const stack = makeStack();
    const topic = new EventGridTopic(stack, "Orders");
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    expect(messageOf(() => topic.addSubscription(name, { destination: QUEUE }))).toBe(
      "test/Orders: subscription name is a value known only at deploy time, but it names a construct (its Terraform address); pass a literal name",
    );
  });

  test("a duplicate name", () => {
    const topic = new EventGridTopic(makeStack(), "Orders");
    topic.addSubscription("orders", { destination: QUEUE });
    expect(messageOf(() => topic.addSubscription("orders", { destination: QUEUE }))).toBe(
      'test/Orders: subscription name "orders" is already defined on this source; give each subscription of a source its own name',
    );
  });

  test("constructed directly, a subscription gets a generated name", () => {
    const stack = makeStack();
    const topic = new EventGridTopic(stack, "Orders");
    new EventGridSubscription(stack, "Audit", { source: topic, destination: QUEUE });
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.name).toBe("evgs-test-audit");
  });

  test("a hand-made system-topic source without its name and resource group", () => {
    const stack = makeStack();
    const source = Object.assign(new Construct(stack, "Odd"), { id: "/x", name: "x", resourceGroupName: "rg", subscriptionTarget: { kind: "systemTopic" as const } });
    expect(messageOf(() => new EventGridSubscription(stack, "Sub", { source, destination: QUEUE }))).toBe(
      "test/Sub: source is a system topic without a name and resource group; subscribe through EventGridSystemTopic",
    );
  });
});

test("fully-featured EventGridSubscription snapshot", () => {
  const { stack } = subscribe({
    includedEventTypes: ["Contoso.Orders.Created"],
    subjectBeginsWith: "/orders/eu/",
    advancedFilters: [AdvancedFilter.numberGreaterThan("data.amount", 100), AdvancedFilter.stringIn("data.channel", ["web", "app"])],
    eventDeliverySchema: "CloudEventSchemaV1_0",
    maxDeliveryAttempts: 10,
    eventTimeToLive: 120,
    deadLetter: DEAD_LETTER,
  });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
