import { readFileSync } from "fs";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { checkDefinition, loadDefinition } from "../../../constructs/logic-app";
import { expressionsOf, parametersUsedBy } from "../../../constructs/logic-app/expressions";
import { MESSAGE_BROKER_NAMES as NAMES, MESSAGE_BROKER_WORKLOADS as WORKLOADS, ORDER_EVENT_FILTERS } from "../../../patterns/message-broker";
import { Json } from "../../helpers";

const scope = new Construct(Testing.app(), "workflows");

function load(file: string): { definition: Json; analysis: ReturnType<typeof checkDefinition> } {
  const loaded = loadDefinition(scope, file, undefined);
  return { definition: JSON.parse(readFileSync(file, "utf8")).definition, analysis: checkDefinition(scope, loaded) };
}

/** Every string value in a JSON tree. */
function strings(value: Json): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Parameters the definition's expressions read. */
function parametersRead(definition: Json): Set<string> {
  return new Set(strings({ t: definition.triggers, a: definition.actions }).flatMap((s) => expressionsOf(s).expressions.flatMap((e) => parametersUsedBy(e.text))));
}

const connection = (name: string) => ({ connection: { name: `@parameters('$connections')['${name}']['connectionId']` } });

describe("process-order workflow", () => {
  const { definition, analysis } = load(WORKLOADS.processOrderWorkflow);
  const actions = definition.actions;
  const inner = actions.Process_order.actions;
  const queuePath = "/@{encodeURIComponent(encodeURIComponent(parameters('ordersQueue')))}";

  test("passes the construct's definition checks and reads the servicebus and documentdb connections", () => {
    expect([...analysis.connectionsUsed.keys()].sort()).toEqual([NAMES.cosmosDbConnection, NAMES.serviceBusConnection]);
    expect([...analysis.parameterTypes.entries()]).toEqual([
      ["$connections", "Object"],
      ["ordersQueue", "String"],
      ["orderEventsTopic", "String"],
      ["cosmosAccountName", "String"],
      ["cosmosDatabase", "String"],
      ["cosmosContainer", "String"],
    ]);
    expect([...parametersRead(definition)].sort()).toEqual([...analysis.parameterTypes.keys()].sort());
  });

  test("defaults name the pattern's resources", () => {
    const p = definition.parameters;
    expect([p.ordersQueue.defaultValue, p.orderEventsTopic.defaultValue, p.cosmosDatabase.defaultValue, p.cosmosContainer.defaultValue]).toEqual([
      NAMES.ordersQueue,
      NAMES.orderEventsTopic,
      NAMES.cosmosDatabase,
      NAMES.cosmosContainer,
    ]);
  });

  test("is triggered by the queue in peek-lock mode, one free session at a time", () => {
    const [name, trigger] = Object.entries(definition.triggers as Record<string, Json>)[0];
    expect(name).toBe("When_an_order_is_queued");
    expect(trigger).toMatchObject({
      type: "ApiConnection",
      inputs: { host: connection("servicebus"), method: "get", path: `${queuePath}/messages/head/peek`, queries: { queueType: "Main", sessionId: "Next Available" } },
    });
  });

  test("parses the message body and requires the ids the API validated", () => {
    expect(inner.Parse_order.inputs.content).toBe("@base64ToString(triggerBody()?['ContentData'])");
    expect(inner.Parse_order.inputs.schema.required).toEqual(["orderId", "customerId"]);
  });

  test("upserts the order into Cosmos DB with id = orderId in the customer's partition", () => {
    const upsert = inner.Upsert_order;
    expect(upsert.runAfter).toEqual({ Parse_order: ["Succeeded"] });
    expect(upsert.inputs.host).toEqual(connection("documentdb"));
    expect(upsert.inputs.path).toBe(
      "/v2/cosmosdb/@{encodeURIComponent(parameters('cosmosAccountName'))}/dbs/@{encodeURIComponent(parameters('cosmosDatabase'))}/colls/@{encodeURIComponent(parameters('cosmosContainer'))}/docs",
    );
    expect(upsert.inputs.headers["x-ms-documentdb-is-upsert"]).toBe(true);
    // The partition key header carries the value of the container's key path (/customerId).
    expect(NAMES.cosmosPartitionKey).toBe("/customerId");
    expect(upsert.inputs.headers["x-ms-documentdb-raw-partitionkey"]).toBe("\"@{body('Parse_order')?['customerId']}\"");
    expect(upsert.inputs.body).toContain("setProperty(body('Parse_order'), 'id', body('Parse_order')?['orderId'])");
  });

  test("publishes an order-accepted event the billing and shipping filters match", () => {
    const publish = inner.Publish_order_accepted;
    expect(publish.runAfter).toEqual({ Upsert_order: ["Succeeded"] });
    expect(publish.inputs.path).toBe("/@{encodeURIComponent(encodeURIComponent(parameters('orderEventsTopic')))}/messages");
    const message = publish.inputs.body;
    // Shipping: a correlation filter on the subject (Label) and the shippable property.
    const shipping = ORDER_EVENT_FILTERS.shipping["shippable-orders"].correlationFilter;
    expect(message.Label).toBe(shipping.subject);
    expect(Object.keys(shipping.properties).every((p) => p in message.Properties)).toBe(true);
    expect(message.Properties.shippable).toBe("@{if(empty(body('Parse_order')?['shippingAddress']), 'false', 'true')}");
    // Billing: a SQL filter on eventType, which the message carries.
    const billing = ORDER_EVENT_FILTERS.billing["billable-events"].sqlFilter;
    expect(billing).toContain(`'${message.Properties.eventType}'`);
    // A redelivered order publishes the same MessageId, which the topic's duplicate detection drops.
    expect(message.MessageId).toBe("@{body('Parse_order')?['orderId']}:accepted");
    expect(message.SessionId).toBe("@{body('Parse_order')?['customerId']}");
  });

  test("completes on success, abandons on failure, then closes the session; a failure fails the run", () => {
    const lock = { lockToken: "@triggerBody()?['LockToken']", queueType: "Main", sessionId: "@triggerBody()?['SessionId']" };
    expect(actions.Complete_message).toMatchObject({ runAfter: { Process_order: ["Succeeded"] }, inputs: { method: "delete", path: `${queuePath}/messages/complete`, queries: lock } });
    expect(actions.Abandon_message).toMatchObject({ runAfter: { Process_order: ["Failed", "TimedOut"] }, inputs: { method: "post", path: `${queuePath}/messages/abandon`, queries: lock } });
    expect(actions.Close_session.inputs).toMatchObject({ method: "delete", path: `${queuePath}/sessions/@{encodeURIComponent(triggerBody()?['SessionId'])}/close` });
    expect(Object.keys(actions.Close_session.runAfter).sort()).toEqual(["Abandon_message", "Complete_message"]);
    for (const statuses of Object.values(actions.Close_session.runAfter)) expect(statuses).toEqual(["Succeeded", "Failed", "Skipped", "TimedOut"]);
    expect(actions.Report_failure).toMatchObject({ type: "Terminate", inputs: { runStatus: "Failed" } });
    expect(actions.Report_failure.runAfter.Abandon_message).not.toContain("Skipped");
  });

  test("every Service Bus call addresses the queue or topic through parameters, never a literal name", () => {
    const paths = strings(definition).filter((s) => s.startsWith("/@{encodeURIComponent(encodeURIComponent("));
    expect(paths.length).toBeGreaterThanOrEqual(5);
    for (const path of paths) expect(path).toMatch(/^\/@\{encodeURIComponent\(encodeURIComponent\(parameters\('(ordersQueue|orderEventsTopic)'\)\)\)\}/);
  });
});

describe("notify-shipping workflow", () => {
  const { definition, analysis } = load(WORKLOADS.notifyShippingWorkflow);
  const actions = definition.actions;
  const subscriptionPath = "/@{encodeURIComponent(encodeURIComponent(parameters('orderEventsTopic')))}/subscriptions/@{encodeURIComponent(parameters('shippingSubscription'))}";

  test("passes the construct's definition checks and reads only the servicebus connection", () => {
    expect([...analysis.connectionsUsed.keys()]).toEqual([NAMES.serviceBusConnection]);
    expect([...parametersRead(definition)].sort()).toEqual([...analysis.parameterTypes.keys()].sort());
  });

  test("the webhook URL is a SecureString parameter without a default: no secret in the file", () => {
    expect(analysis.parameterTypes.get("shippingWebhookUrl")).toBe("SecureString");
    expect(definition.parameters.shippingWebhookUrl.defaultValue).toBe("");
    expect(strings({ triggers: definition.triggers, actions }).filter((s) => /^https?:\/\//.test(s))).toEqual([]);
  });

  test("is triggered by the shipping subscription in peek-lock mode", () => {
    const trigger = Object.values(definition.triggers as Record<string, Json>)[0];
    expect(trigger).toMatchObject({ type: "ApiConnection", inputs: { host: connection("servicebus"), method: "get", path: `${subscriptionPath}/messages/head/peek`, queries: { subscriptionType: "Main" } } });
    expect(definition.parameters.shippingSubscription.defaultValue).toBe(NAMES.shippingSubscription);
  });

  test("posts the order to the webhook with retries, hiding the inputs from run history", () => {
    const notify = actions.Notify_shipping;
    expect(notify.type).toBe("Http");
    expect(notify.inputs).toMatchObject({ method: "POST", uri: "@parameters('shippingWebhookUrl')" });
    expect(notify.inputs.body.order).toBe("@json(base64ToString(triggerBody()?['ContentData']))");
    expect(notify.inputs.retryPolicy.type).toBe("exponential");
    expect(notify.runtimeConfiguration.secureData.properties).toEqual(["inputs"]);
  });

  test("completes after a successful notification, abandons otherwise (dead-lettered after maxDeliveryCount)", () => {
    const lock = { lockToken: "@triggerBody()?['LockToken']", subscriptionType: "Main" };
    expect(actions.Complete_message).toMatchObject({ runAfter: { Notify_shipping: ["Succeeded"] }, inputs: { method: "delete", path: `${subscriptionPath}/messages/complete`, queries: lock } });
    expect(actions.Abandon_message).toMatchObject({ runAfter: { Notify_shipping: ["Failed", "TimedOut"] }, inputs: { method: "post", path: `${subscriptionPath}/messages/abandon`, queries: lock } });
    expect(actions.Report_failure).toMatchObject({ type: "Terminate", runAfter: { Abandon_message: ["Succeeded", "Failed", "TimedOut"] } });
  });
});
