import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformStack, Token } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusQueue } from "@cdktf/provider-azurerm/lib/servicebus-queue";
import { Principal } from "../../../constructs/core/grants";
import { QueueOptions, ServiceBusNamespace, ServiceBusNamespaceProps, ServiceBusQueue } from "../../../constructs/service-bus";

import { makeStack, messageOf, resourcesOfType as resources, single } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const QUEUE = "${azurerm_servicebus_queue.Bus_Queue-orders_E3BB628F.id}";

function namespace(props: ServiceBusNamespaceProps = {}): { stack: TerraformStack; bus: ServiceBusNamespace } {
  const stack = makeStack();
  return { stack, bus: new ServiceBusNamespace(stack, "Bus", props) };
}

function queueConfig(options: QueueOptions, props: ServiceBusNamespaceProps = {}) {
  const { stack, bus } = namespace(props);
  bus.addQueue("orders", options);
  return single(stack, "azurerm_servicebus_queue").config;
}

function queueError(options: QueueOptions, props: ServiceBusNamespaceProps = {}): string {
  return messageOf(() => namespace(props).bus.addQueue("orders", options));
}

describe("ServiceBusNamespace.addQueue defaults", () => {
  const { stack, bus } = namespace();
  const queue = bus.addQueue("orders");

  test("dead-letters expired messages, delivers 10 times and locks for a minute", () => {
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServicebusQueue, {
      name: "orders",
      namespace_id: "${azurerm_servicebus_namespace.Bus_EA82B648.id}",
      max_delivery_count: 10,
      lock_duration: "PT1M",
      dead_lettering_on_message_expiration: true,
      requires_session: false,
      requires_duplicate_detection: false,
      partitioning_enabled: false,
    });
    const config = single(stack, "azurerm_servicebus_queue").config;
    for (const attribute of ["duplicate_detection_history_time_window", "default_message_ttl", "forward_to", "forward_dead_lettered_messages_to", "max_size_in_megabytes"]) {
      expect(config).not.toHaveProperty(attribute);
    }
  });

  test("exposes the L1, its attributes and its namespace; the namespace lists it", () => {
    expect(queue).toBeInstanceOf(ServiceBusQueue);
    expect(queue.resource.node.id).toBe("Resource");
    expect(queue.node.path).toBe("test/Bus/Queue-orders");
    expect(queue.entityType).toBe("queue");
    expect(queue.namespace).toBe(bus);
    expect(bus.queues.get("orders")).toBe(queue);
    const { stack: outputs, bus: other } = namespace();
    const again = other.addQueue("orders");
    new TerraformOutput(outputs, "id", { value: again.id });
    new TerraformOutput(outputs, "name", { value: again.name });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(QUEUE);
    expect(output.name.value).toBe("${azurerm_servicebus_queue.Bus_Queue-orders_E3BB628F.name}");
  });
});

describe("ServiceBusNamespace.addQueue overrides", () => {
  test("user values win over defaults, including false", () => {
    expect(
      queueConfig({
        maxDeliveryCount: 3,
        lockDuration: "PT5M",
        defaultMessageTtl: "P7D",
        deadLetteringOnMessageExpiration: false,
        requiresSession: true,
        requiresDuplicateDetection: true,
        duplicateDetectionWindow: "PT1H",
        partitioning: true,
        maxSizeInMegabytes: 5120,
      }),
    ).toMatchObject({
      max_delivery_count: 3,
      lock_duration: "PT5M",
      default_message_ttl: "P7D",
      dead_lettering_on_message_expiration: false,
      requires_session: true,
      requires_duplicate_detection: true,
      duplicate_detection_history_time_window: "PT1H",
      partitioning_enabled: true,
      max_size_in_megabytes: 5120,
    });
  });

  test("duplicate detection defaults its window to PT10M", () => {
    expect(queueConfig({ requiresDuplicateDetection: true }).duplicate_detection_history_time_window).toBe("PT10M");
  });

  test("forwarding takes a construct (a reference, so the target comes first) or a name", () => {
    const { stack, bus } = namespace();
    const poison = bus.addQueue("poison");
    const events = bus.addTopic("events");
    bus.addQueue("orders", { forwardTo: events, forwardDeadLetteredMessagesTo: poison });
    bus.addQueue("legacy", { forwardTo: "existing-queue" });
    const queues = resources(stack, "azurerm_servicebus_queue");
    expect(queues.find((q) => q.name === "orders")).toMatchObject({
      forward_to: "${azurerm_servicebus_topic.Bus_Topic-events_A2E96803.name}",
      forward_dead_lettered_messages_to: "${azurerm_servicebus_queue.Bus_Queue-poison_BDB9DAB6.name}",
    });
    expect(queues.find((q) => q.name === "legacy")?.forward_to).toBe("existing-queue");
  });

  test("Premium entities follow the namespace's partitioning", () => {
    expect(queueConfig({}, { sku: "Premium", premiumMessagingPartitions: 2, capacity: 2 }).partitioning_enabled).toBe(true);
    expect(queueConfig({}, { sku: "Premium" }).partitioning_enabled).toBe(false);
    expect(queueConfig({ partitioning: true }, { sku: "Premium", premiumMessagingPartitions: 4, capacity: 4 }).partitioning_enabled).toBe(true);
    expect(queueConfig({ maxSizeInMegabytes: 81920 }, { sku: "Premium" }).max_size_in_megabytes).toBe(81920);
  });

  test("Basic takes a plain queue with a TTL up to 14 days", () => {
    expect(queueConfig({ defaultMessageTtl: "P14D" }, { sku: "Basic" })).toMatchObject({ default_message_ttl: "P14D", requires_session: false });
  });

  test("durations known only at deploy time are not validated", () => {
    expect(queueConfig({ lockDuration: Token.asString({ Ref: "lock" }) }).lock_duration).toBeDefined();
  });
});

describe("ServiceBusNamespace.addQueue validation", () => {
  test.each([
    [{ lockDuration: "1m" }, 'lockDuration "1m" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D'],
    [{ lockDuration: "PT6M" }, 'lockDuration "PT6M" is longer than PT5M, the maximum Azure allows; set lockDuration to at least PT1S and at most PT5M'],
    [{ lockDuration: "PT0S" }, 'lockDuration "PT0S" is shorter than PT1S, the minimum Azure allows; set lockDuration to at least PT1S and at most PT5M'],
    [{ defaultMessageTtl: "P1W" }, 'defaultMessageTtl "P1W" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D'],
    [{ defaultMessageTtl: "PT0S" }, 'defaultMessageTtl "PT0S" is shorter than PT1S, the minimum Azure allows; set defaultMessageTtl to at least PT1S'],
    [{ maxDeliveryCount: 0 }, "maxDeliveryCount 0 is not a whole number of at least 1; set maxDeliveryCount to 1 or more"],
    [{ maxDeliveryCount: 2.5 }, "maxDeliveryCount 2.5 is not a whole number of at least 1; set maxDeliveryCount to 1 or more"],
    [
      { duplicateDetectionWindow: "PT5M" },
      'duplicateDetectionWindow "PT5M" applies only with duplicate detection; set requiresDuplicateDetection: true or remove duplicateDetectionWindow',
    ],
    [
      { requiresDuplicateDetection: true, duplicateDetectionWindow: "PT10S" },
      'duplicateDetectionWindow "PT10S" is shorter than PT20S, the minimum Azure allows; set duplicateDetectionWindow to at least PT20S and at most P7D',
    ],
    [
      { requiresDuplicateDetection: true, duplicateDetectionWindow: "P8D" },
      'duplicateDetectionWindow "P8D" is longer than P7D, the maximum Azure allows; set duplicateDetectionWindow to at least PT20S and at most P7D',
    ],
    [{ maxSizeInMegabytes: 1000 }, "maxSizeInMegabytes 1000 is not a size Service Bus offers; use one of 1024, 2048, 3072, 4096, 5120 (Premium also 10240, 20480, 40960, 81920)"],
    [{ maxSizeInMegabytes: 10240 }, 'maxSizeInMegabytes 10240 is above the Standard tier\'s 5120; use 1024, 2048, 3072, 4096, 5120, or sku "Premium"'],
    [{ forwardTo: "orders" }, 'forwardTo "orders" is the entity itself; forward to another queue or topic'],
    [{ forwardDeadLetteredMessagesTo: "orders" }, 'forwardDeadLetteredMessagesTo "orders" is the entity itself; forward to another queue or topic'],
    [
      { forwardTo: "bad queue" },
      'forwardTo "bad queue" breaks the serviceBusQueue naming rule; use letters, digits, \'.\', \'-\', \'_\' and \'/\', starting with a letter or digit and ending with a letter, digit or \'_\'',
    ],
  ] as [QueueOptions, string][])("%p is refused", (options, message) => {
    expect(queueError(options)).toBe(`test/Bus/Queue-orders: ${message}`);
  });

  test.each([
    [{ requiresSession: true }, 'requiresSession true is not available in the Basic tier; use sku "Standard" or "Premium", or leave requiresSession off'],
    [
      { requiresDuplicateDetection: true },
      'requiresDuplicateDetection true is not available in the Basic tier; use sku "Standard" or "Premium", or leave requiresDuplicateDetection off',
    ],
    [{ forwardTo: "audit" }, 'forwardTo "audit" is not available in the Basic tier; use sku "Standard" or "Premium", or remove forwardTo'],
    [
      { forwardDeadLetteredMessagesTo: "poison" },
      'forwardDeadLetteredMessagesTo "poison" is not available in the Basic tier; use sku "Standard" or "Premium", or remove forwardDeadLetteredMessagesTo',
    ],
    [{ defaultMessageTtl: "P15D" }, 'defaultMessageTtl "P15D" is longer than P14D, the maximum Azure allows; set defaultMessageTtl to at least PT1S and at most P14D'],
  ] as [QueueOptions, string][])("Basic refuses %p", (options, message) => {
    expect(queueError(options, { sku: "Basic" })).toBe(`test/Bus/Queue-orders: ${message}`);
  });

  test("Basic refuses forwarding to a construct too", () => {
    const { bus } = namespace({ sku: "Basic" });
    const audit = bus.addQueue("audit");
    expect(messageOf(() => bus.addQueue("orders", { forwardTo: audit }))).toBe(
      'test/Bus/Queue-orders: forwardTo is not available in the Basic tier; use sku "Standard" or "Premium", or remove forwardTo',
    );
  });

  test("Premium partitioning is the namespace's choice", () => {
    expect(queueError({ partitioning: true }, { sku: "Premium" })).toBe(
      "test/Bus/Queue-orders: partitioning true is set per namespace in the Premium tier, and this namespace has 1 partition; " +
        "set premiumMessagingPartitions to 2 or 4 on the namespace, or leave partitioning unset",
    );
    expect(queueError({ partitioning: false }, { sku: "Premium", capacity: 2, premiumMessagingPartitions: 2 })).toBe(
      "test/Bus/Queue-orders: partitioning false is not possible in a Premium namespace with 2 partitions, where every entity is partitioned; leave partitioning unset",
    );
  });

  test("a queue cannot forward to another namespace", () => {
    const { stack, bus } = namespace();
    const other = new ServiceBusNamespace(stack, "Other").addTopic("audit");
    expect(messageOf(() => bus.addQueue("copy", { forwardTo: other }))).toBe(
      'test/Bus/Queue-copy: forwardTo "test/Other/Topic-audit" is a topic of another namespace; Service Bus forwards only within a namespace; forward to a queue or topic of this namespace',
    );
  });

  test("names are validated, literal, and unique across queues and topics (case-insensitive)", () => {
    const { bus } = namespace();
    bus.addQueue("orders");
    expect(messageOf(() => bus.addQueue("Orders"))).toBe('test/Bus: queue name "Orders" is already used by a queue of this namespace; give each queue and topic its own name');
    expect(messageOf(() => bus.addTopic("orders"))).toBe('test/Bus: topic name "orders" is already used by a queue of this namespace; give each queue and topic its own name');
    expect(messageOf(() => bus.addQueue("bad name"))).toBe(
      'test/Bus: queue name "bad name" breaks the serviceBusQueue naming rule; use letters, digits, \'.\', \'-\', \'_\' and \'/\', starting with a letter or digit and ending with a letter, digit or \'_\'',
    );
    expect(messageOf(() => bus.addQueue(Token.asString({ Ref: "name" })))).toBe(
      "test/Bus: queue name is a value known only at deploy time, but it names a construct (its Terraform address); pass a literal name",
    );
  });
});

describe("ServiceBusQueue grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantSend", "Azure Service Bus Data Sender"],
    ["grantReceive", "Azure Service Bus Data Receiver"],
    ["grantManage", "Azure Service Bus Data Owner"],
  ] as const)("%s grants %s on the queue only", (method, role) => {
    const { stack, bus } = namespace();
    const queue = bus.addQueue("orders");
    expect(queue[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: QUEUE,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("the same role on the namespace and on a queue are two assignments", () => {
    const { stack, bus } = namespace();
    bus.grantSend(principal);
    bus.addQueue("orders").grantSend(principal);
    const scopes = resources(stack, "azurerm_role_assignment").map((a) => a.scope);
    expect(scopes.sort()).toEqual(["${azurerm_servicebus_namespace.Bus_EA82B648.id}", QUEUE]);
  });
});
