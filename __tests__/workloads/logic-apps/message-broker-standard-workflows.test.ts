import { readFileSync } from "fs";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { checkWorkflow } from "../../../constructs/logic-app-standard/workflows";
import { MESSAGE_BROKER_NAMES as NAMES, MESSAGE_BROKER_WORKLOADS as WORKLOADS, ORDER_EVENT_FILTERS } from "../../../patterns/message-broker";
import { Json } from "../../helpers";

// The Standard variants of the message-broker workflows (prod): the same steps as the Consumption files, on built-in
// Service Bus and Cosmos DB operations. Operation ids: Azure/LogicAppsTemplates (Microsoft's Standard templates
// get-message-service-bus-queue-peek-lock-renew-sequential-convoy and get-message-service-bus-topic-peek-lock-abandon),
// Azure/LogicAppsUX builtInOperationResponse.ts (CreateOrUpdateDocument).

const scope = new Construct(Testing.app(), "workflows");
const file = (f: string): Json => JSON.parse(readFileSync(f, "utf8")).definition;

/** Every action by name, nested ones (in scopes) included. */
function actionsOf(definition: Json): Record<string, Json> {
  const found: Record<string, Json> = {};
  const visit = (actions: Record<string, Json> | undefined) => {
    for (const [name, action] of Object.entries(actions ?? {})) {
      found[name] = action;
      visit(action.actions);
    }
  };
  visit(definition.actions);
  return found;
}

const operation = (a: Json) => `${a.inputs.serviceProviderConfiguration.connectionName} ${a.inputs.serviceProviderConfiguration.operationId}`;

describe.each([
  ["process-order", WORKLOADS.processOrderWorkflow, WORKLOADS.processOrderStandardWorkflow],
  ["notify-shipping", WORKLOADS.notifyShippingWorkflow, WORKLOADS.notifyShippingStandardWorkflow],
])("%s on Logic Apps Standard", (name, consumptionFile, standardFile) => {
  const consumption = actionsOf(file(consumptionFile));
  const standard = actionsOf(file(standardFile));

  test("passes the Standard construct's checks: no $connections, every ServiceProvider operation names a connection", () => {
    const checked = checkWorkflow(scope, name, { definitionFile: standardFile });
    const connections = new Set(checked.serviceProviders.map((r) => r.connectionName));
    expect(connections).toEqual(new Set(name === "process-order" ? [NAMES.standardServiceBusConnection, NAMES.standardCosmosDbConnection] : [NAMES.standardServiceBusConnection]));
  });

  test("has the Consumption file's steps in the same order: the same actions, each after the same ones with the same statuses", () => {
    expect(Object.keys(standard)).toEqual(Object.keys(consumption));
    for (const [action, a] of Object.entries(consumption)) expect([action, standard[action].runAfter]).toEqual([action, a.runAfter]);
  });

  test("each managed-connector call became a built-in ServiceProvider operation", () => {
    for (const [action, a] of Object.entries(consumption)) {
      if (a.type === "ApiConnection") expect([action, standard[action].type]).toEqual([action, "ServiceProvider"]);
      else expect([action, standard[action].type]).toEqual([action, a.type]);
    }
  });
});

describe("process-order (Standard)", () => {
  const definition = file(WORKLOADS.processOrderStandardWorkflow);
  const actions = actionsOf(definition);
  const trigger = definition.triggers.When_an_order_is_queued;

  test("peek-locks one message of the next free session and settles it in that session, then closes the session", () => {
    expect(operation(trigger)).toBe("serviceBus onSingleNewMessageFromQueueSession");
    expect(trigger.inputs.parameters).toEqual({ queueName: "@parameters('ordersQueue')" });
    expect(operation(actions.Complete_message)).toBe("serviceBus completeMessageInSession");
    expect(operation(actions.Abandon_message)).toBe("serviceBus abandonMessageInSession");
    expect(actions.Close_session.inputs.parameters).toEqual({ queueName: "@parameters('ordersQueue')", sessionId: "@triggerBody()?['sessionId']" });
    expect(operation(actions.Close_session)).toBe("serviceBus closeQueueSession");
  });

  test("upserts with id = orderId into the customer's partition of the orders container", () => {
    expect(operation(actions.Upsert_order)).toBe("cosmosDb CreateOrUpdateDocument");
    expect(actions.Upsert_order.inputs.parameters).toMatchObject({
      databaseId: "@parameters('cosmosDatabase')",
      containerId: "@parameters('cosmosContainer')",
      partitionKey: "@body('Parse_order')?['customerId']",
      isUpsert: true,
    });
    expect(NAMES.cosmosPartitionKey).toBe("/customerId");
    expect(actions.Upsert_order.inputs.parameters.item).toContain("setProperty(body('Parse_order'), 'id', body('Parse_order')?['orderId'])");
  });

  test("publishes an order-accepted event the billing and shipping filters match, with the duplicate-detection MessageId", () => {
    expect(operation(actions.Publish_order_accepted)).toBe("serviceBus sendMessage");
    const { entityName, message } = actions.Publish_order_accepted.inputs.parameters;
    expect(entityName).toBe("@parameters('orderEventsTopic')");
    const shipping = ORDER_EVENT_FILTERS.shipping["shippable-orders"].correlationFilter;
    expect(message.label).toBe(shipping.subject);
    expect(Object.keys(shipping.properties).every((p) => p in message.userProperties)).toBe(true);
    expect(ORDER_EVENT_FILTERS.billing["billable-events"].sqlFilter).toContain(`'${message.userProperties.eventType}'`);
    expect(message.messageId).toBe("@{body('Parse_order')?['orderId']}:accepted");
  });
});

describe("notify-shipping (Standard)", () => {
  const definition = file(WORKLOADS.notifyShippingStandardWorkflow);
  const actions = actionsOf(definition);
  const subscription = { topicName: "@parameters('orderEventsTopic')", subscriptionName: "@parameters('shippingSubscription')" };

  test("peek-locks the shipping subscription, one run per message, and completes or abandons by lock token", () => {
    const trigger = definition.triggers.When_an_order_needs_shipping;
    expect(operation(trigger)).toBe("serviceBus peekLockTopicMessagesV2");
    expect(trigger).toMatchObject({ inputs: { parameters: subscription }, splitOn: "@triggerOutputs()?['body']" });
    for (const [action, id] of [["Complete_message", "completeTopicMessageV2"], ["Abandon_message", "abandonTopicMessageV2"]]) {
      expect(operation(actions[action])).toBe(`serviceBus ${id}`);
      expect(actions[action].inputs.parameters).toEqual({ lockToken: "@triggerBody()?['lockToken']", ...subscription });
    }
  });

  test("the webhook URL stays a SecureString parameter and run history hides the call's inputs", () => {
    expect(definition.parameters.shippingWebhookUrl).toEqual({ type: "SecureString", defaultValue: "" });
    expect(actions.Notify_shipping.inputs.uri).toBe("@parameters('shippingWebhookUrl')");
    expect(actions.Notify_shipping.runtimeConfiguration).toEqual({ secureData: { properties: ["inputs"] } });
  });
});
