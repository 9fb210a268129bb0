import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusSubscription } from "@cdktf/provider-azurerm/lib/servicebus-subscription";
import { ServicebusSubscriptionRule } from "@cdktf/provider-azurerm/lib/servicebus-subscription-rule";
import { ServicebusTopic } from "@cdktf/provider-azurerm/lib/servicebus-topic";
import { Principal } from "../../../constructs/core/grants";
import {
  ServiceBusNamespace,
  ServiceBusNamespaceProps,
  ServiceBusSubscription,
  ServiceBusTopic,
  SubscriptionOptions,
  SubscriptionRuleOptions,
  TopicOptions,
} from "../../../constructs/service-bus";

import { makeStack, messageOf, resourcesOfType as resources, single } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const TOPIC = "${azurerm_servicebus_topic.Bus_Topic-events_A2E96803.id}";
const SUBSCRIPTION = "${azurerm_servicebus_subscription.Bus_Topic-events_Subscription-billing_78D9E0E0.id}";

function topic(options: TopicOptions = {}, props: ServiceBusNamespaceProps = {}): { stack: TerraformStack; bus: ServiceBusNamespace; events: ServiceBusTopic } {
  const stack = makeStack();
  const bus = new ServiceBusNamespace(stack, "Bus", props);
  return { stack, bus, events: bus.addTopic("events", options) };
}

function subscriptionError(options: SubscriptionOptions): string {
  return messageOf(() => topic().events.addSubscription("billing", options));
}

function ruleError(rule: SubscriptionRuleOptions, name = "filter"): string {
  return subscriptionError({ rules: { [name]: rule } });
}

describe("ServiceBusNamespace.addTopic", () => {
  test("defaults: not partitioned, no duplicate detection", () => {
    const { stack, events, bus } = topic();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServicebusTopic, {
      name: "events",
      namespace_id: "${azurerm_servicebus_namespace.Bus_EA82B648.id}",
      partitioning_enabled: false,
      requires_duplicate_detection: false,
    });
    const config = single(stack, "azurerm_servicebus_topic").config;
    for (const attribute of ["duplicate_detection_history_time_window", "default_message_ttl", "max_size_in_megabytes"]) expect(config).not.toHaveProperty(attribute);
    expect(events.resource.node.id).toBe("Resource");
    expect(events.entityType).toBe("topic");
    expect(events.namespace).toBe(bus);
    expect(bus.topics.get("events")).toBe(events);
    new TerraformOutput(stack, "id", { value: events.id });
    expect(JSON.parse(Testing.synth(stack)).output.id.value).toBe(TOPIC);
  });

  test("overrides", () => {
    const { stack } = topic({ defaultMessageTtl: "P1D", requiresDuplicateDetection: true, duplicateDetectionWindow: "PT30M", partitioning: true, maxSizeInMegabytes: 2048 });
    expect(single(stack, "azurerm_servicebus_topic").config).toMatchObject({
      default_message_ttl: "P1D",
      requires_duplicate_detection: true,
      duplicate_detection_history_time_window: "PT30M",
      partitioning_enabled: true,
      max_size_in_megabytes: 2048,
    });
    const { stack: premium } = topic({}, { sku: "Premium", capacity: 4, premiumMessagingPartitions: 4 });
    expect(single(premium, "azurerm_servicebus_topic").config.partitioning_enabled).toBe(true);
  });

  test("Basic has no topics", () => {
    expect(messageOf(() => topic({}, { sku: "Basic" }))).toBe(
      'test/Bus/Topic-events: topic "events" is not available in the Basic tier; use sku "Standard" or "Premium", or use a queue',
    );
  });

  test.each([
    [{ defaultMessageTtl: "7 days" }, 'defaultMessageTtl "7 days" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D'],
    [{ duplicateDetectionWindow: "PT1M" }, 'duplicateDetectionWindow "PT1M" applies only with duplicate detection; set requiresDuplicateDetection: true or remove duplicateDetectionWindow'],
    [{ maxSizeInMegabytes: 20480 }, 'maxSizeInMegabytes 20480 is above the Standard tier\'s 5120; use 1024, 2048, 3072, 4096, 5120, or sku "Premium"'],
  ] as [TopicOptions, string][])("%p is refused", (options, message) => {
    expect(messageOf(() => topic(options))).toBe(`test/Bus/Topic-events: ${message}`);
  });

  test("a topic of a partitioned Premium namespace cannot opt out of partitioning", () => {
    expect(messageOf(() => topic({ partitioning: false }, { sku: "Premium", capacity: 2, premiumMessagingPartitions: 2 }))).toBe(
      "test/Bus/Topic-events: partitioning false is not possible in a Premium namespace with 2 partitions, where every entity is partitioned; leave partitioning unset",
    );
  });
});

describe("ServiceBusTopic.addSubscription", () => {
  test("defaults: dead-lettering on expiry and on filter errors, 10 deliveries, one-minute lock, no rules", () => {
    const { stack, events } = topic();
    const billing = events.addSubscription("billing");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServicebusSubscription, {
      name: "billing",
      topic_id: TOPIC,
      max_delivery_count: 10,
      lock_duration: "PT1M",
      dead_lettering_on_message_expiration: true,
      dead_lettering_on_filter_evaluation_error: true,
      requires_session: false,
    });
    expect(resources(stack, "azurerm_servicebus_subscription_rule")).toHaveLength(0);
    expect(billing).toBeInstanceOf(ServiceBusSubscription);
    expect(billing.resource.node.id).toBe("Resource");
    expect(billing.topic).toBe(events);
    expect(events.subscriptions.get("billing")).toBe(billing);
    expect(billing.rules.size).toBe(0);
    new TerraformOutput(stack, "id", { value: billing.id });
    expect(JSON.parse(Testing.synth(stack)).output.id.value).toBe(SUBSCRIPTION);
  });

  test("overrides, including false, and forwarding to a queue of the namespace", () => {
    const { stack, bus, events } = topic();
    const audit = bus.addQueue("audit");
    events.addSubscription("billing", {
      maxDeliveryCount: 5,
      lockDuration: "PT30S",
      defaultMessageTtl: "P2D",
      deadLetteringOnMessageExpiration: false,
      deadLetteringOnFilterEvaluationError: false,
      requiresSession: true,
      forwardTo: audit,
      forwardDeadLetteredMessagesTo: "poison",
    });
    expect(single(stack, "azurerm_servicebus_subscription").config).toMatchObject({
      max_delivery_count: 5,
      lock_duration: "PT30S",
      default_message_ttl: "P2D",
      dead_lettering_on_message_expiration: false,
      dead_lettering_on_filter_evaluation_error: false,
      requires_session: true,
      forward_to: "${azurerm_servicebus_queue.Bus_Queue-audit_41565049.name}",
      forward_dead_lettered_messages_to: "poison",
    });
  });

  test("a filtered subscription gets its rules as rule resources, SQL and correlation", () => {
    const { stack, events } = topic();
    const billing = events.addSubscription("billing", {
      rules: {
        large: { sqlFilter: "amount > 1000", action: "SET priority = 'high'" },
        invoices: { correlationFilter: { subject: "invoice-created", contentType: "application/json", properties: { region: "eu" } } },
      },
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ServicebusSubscriptionRule, {
      name: "large",
      subscription_id: SUBSCRIPTION,
      filter_type: "SqlFilter",
      sql_filter: "amount > 1000",
      action: "SET priority = 'high'",
    });
    expect(synth).toHaveResourceWithProperties(ServicebusSubscriptionRule, {
      name: "invoices",
      subscription_id: SUBSCRIPTION,
      filter_type: "CorrelationFilter",
      correlation_filter: { label: "invoice-created", content_type: "application/json", properties: { region: "eu" } },
    });
    const correlation = resources(stack, "azurerm_servicebus_subscription_rule").find((r) => r.name === "invoices");
    expect(correlation).not.toHaveProperty("sql_filter");
    expect(correlation).not.toHaveProperty("action");
    expect([...billing.rules.keys()]).toEqual(["large", "invoices"]);
    expect(billing.rules.get("large")?.node.path).toBe("test/Bus/Topic-events/Subscription-billing/Rule-large");
  });

  test("addRule adds a rule later", () => {
    const { stack, events } = topic();
    const rule = events.addSubscription("billing").addRule("eu", { correlationFilter: { properties: { region: "eu" } } });
    expect(rule).toBeInstanceOf(ServicebusSubscriptionRule);
    expect(single(stack, "azurerm_servicebus_subscription_rule").config).toMatchObject({
      name: "eu",
      filter_type: "CorrelationFilter",
      correlation_filter: { properties: { region: "eu" } },
    });
  });

  test.each([
    [{}, 'rule "filter" has no filter; give each rule exactly one of sqlFilter or correlationFilter'],
    [{ sqlFilter: "a = 1", correlationFilter: { subject: "x" } }, 'rule "filter" has both sqlFilter and correlationFilter; give each rule exactly one of sqlFilter or correlationFilter'],
    [{ sqlFilter: " " }, 'rule "filter" sqlFilter " " is empty; write a SQL filter of 1-1024 characters, e.g. priority > 5'],
    [{ sqlFilter: "a".repeat(1025) }, 'rule "filter" sqlFilter "aaaaaaaaaaaaaaaaaaaa..." is 1025 characters; a SQL filter has at most 1024; write a SQL filter of 1-1024 characters, e.g. priority > 5'],
    [
      { correlationFilter: { properties: {} } },
      'rule "filter" correlationFilter matches on nothing; set at least one of its fields, e.g. { subject: "order-created" } or { properties: { region: "eu" } }',
    ],
    [{ sqlFilter: "a = 1", action: "" }, 'rule "filter" action "" is empty; write a SQL action such as SET routed = 1, or leave action out'],
  ] as [SubscriptionRuleOptions, string][])("rule %p is refused", (rule, message) => {
    expect(ruleError(rule)).toBe(`test/Bus/Topic-events/Subscription-billing: ${message}`);
  });

  test("rule names: $Default is Azure's, others follow the naming rule and are unique", () => {
    expect(ruleError({ sqlFilter: "1=1" }, "$Default")).toBe(
      'test/Bus/Topic-events/Subscription-billing: rule name "$Default" is the match-all rule Azure creates itself; give the rule a name of your own',
    );
    expect(ruleError({ sqlFilter: "1=1" }, "bad rule")).toBe(
      "test/Bus/Topic-events/Subscription-billing: rule name \"bad rule\" breaks the subscription rule naming rule; " +
        "use letters, digits, '.', '-' and '_', starting with a letter or digit and ending with a letter, digit or '_'",
    );
    expect(ruleError({ sqlFilter: "1=1" }, "r".repeat(51))).toBe(
      `test/Bus/Topic-events/Subscription-billing: rule name "${"r".repeat(51)}" is 51 characters; a subscription rule name must be 1-50; choose a name of 1 to 50 characters`,
    );
    const { events } = topic();
    const billing = events.addSubscription("billing", { rules: { eu: { sqlFilter: "region = 'eu'" } } });
    expect(messageOf(() => billing.addRule("eu", { sqlFilter: "1=1" }))).toBe(
      'test/Bus/Topic-events/Subscription-billing: rule name "eu" is already defined on this subscription; add each rule once',
    );
  });

  test.each([
    [{ lockDuration: "PT10M" }, 'lockDuration "PT10M" is longer than PT5M, the maximum Azure allows; set lockDuration to at least PT1S and at most PT5M'],
    [{ maxDeliveryCount: -1 }, "maxDeliveryCount -1 is not a whole number of at least 1; set maxDeliveryCount to 1 or more"],
    [{ defaultMessageTtl: "soon" }, 'defaultMessageTtl "soon" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D'],
  ] as [SubscriptionOptions, string][])("subscription %p is refused", (options, message) => {
    expect(subscriptionError(options)).toBe(`test/Bus/Topic-events/Subscription-billing: ${message}`);
  });

  test("subscription names are validated and unique per topic", () => {
    const { events } = topic();
    events.addSubscription("billing");
    expect(messageOf(() => events.addSubscription("billing"))).toBe(
      'test/Bus/Topic-events: subscription name "billing" is already defined on this topic; add each subscription once',
    );
    expect(messageOf(() => events.addSubscription("a".repeat(51)))).toBe(
      `test/Bus/Topic-events: subscription name "${"a".repeat(51)}" is 51 characters; a serviceBusSubscription name must be 1-50; choose a name of 1 to 50 characters`,
    );
  });

  test("a subscription forwards only within its namespace", () => {
    const { stack, events } = topic();
    const elsewhere = new ServiceBusNamespace(stack, "Other").addQueue("audit");
    expect(messageOf(() => events.addSubscription("billing", { forwardTo: elsewhere }))).toBe(
      'test/Bus/Topic-events/Subscription-billing: forwardTo "test/Other/Queue-audit" is a queue of another namespace; ' +
        "Service Bus forwards only within a namespace; forward to a queue or topic of this namespace",
    );
  });
});

describe("ServiceBusTopic and ServiceBusSubscription grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantSend", "Azure Service Bus Data Sender"],
    ["grantReceive", "Azure Service Bus Data Receiver"],
    ["grantManage", "Azure Service Bus Data Owner"],
  ] as const)("topic %s grants %s on the topic", (method, role) => {
    const { stack, events } = topic();
    expect(events[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: TOPIC,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("subscription grantReceive grants Azure Service Bus Data Receiver on the subscription only", () => {
    const { stack, events } = topic();
    events.addSubscription("billing").grantReceive(Principal.fromObjectId(APP_ID, "Group"));
    expect(single(stack, "azurerm_role_assignment").config).toEqual({
      scope: SUBSCRIPTION,
      role_definition_name: "Azure Service Bus Data Receiver",
      principal_id: APP_ID,
      principal_type: "Group",
    });
  });
});
