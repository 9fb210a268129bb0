import * as path from "path";

/** The workload files the pattern deploys (absolute paths, so synthesis works from any directory). */
export const MESSAGE_BROKER_WORKLOADS = {
  /** OpenAPI document of the `orders-intake` API. */
  ordersIntakeOpenApi: path.resolve(__dirname, "../../workloads/apim/orders-intake.openapi.json"),
  /** API policy: order → Service Bus queue with `send-request` and the APIM identity, 202. */
  ordersIntakePolicy: path.resolve(__dirname, "../../workloads/apim/orders-intake.xml"),
  /** Workflow: queue (peek-lock, sessions) → Cosmos DB upsert → `order-events` topic. */
  processOrderWorkflow: path.resolve(__dirname, "../../workloads/logic-apps/process-order.workflow.json"),
  /** Workflow: `shipping` subscription → webhook (a secure parameter). */
  notifyShippingWorkflow: path.resolve(__dirname, "../../workloads/logic-apps/notify-shipping.workflow.json"),
  /** process-order for Logic Apps Standard: built-in Service Bus (sessions) and Cosmos DB operations. */
  processOrderStandardWorkflow: path.resolve(__dirname, "../../workloads/logic-apps/process-order.standard.workflow.json"),
  /** notify-shipping for Logic Apps Standard: built-in Service Bus peek-lock trigger, complete and abandon. */
  notifyShippingStandardWorkflow: path.resolve(__dirname, "../../workloads/logic-apps/notify-shipping.standard.workflow.json"),
  /** Function app: Event Grid (CloudEvents) → validation → Data Lake blob output. */
  telemetryIngestApp: path.resolve(__dirname, "../../workloads/functions/telemetry-ingest"),
} as const;

/** Names the workloads and the resources share; the workloads reference them (see README.md). */
export const MESSAGE_BROKER_NAMES = {
  ordersQueue: "orders",
  orderEventsTopic: "order-events",
  billingSubscription: "billing",
  shippingSubscription: "shipping",
  cosmosDatabase: "orders",
  cosmosContainer: "orders",
  /** Partition key of the orders container: orders of one customer share a logical partition. */
  cosmosPartitionKey: "/customerId",
  telemetryContainer: "telemetry",
  deadLetterContainer: "dead-letters",
  deviceTopic: "device-events",
  telemetryFunction: "ingestTelemetry",
  /** Bindings of the telemetry function name this connection; `connectStorage` defines it. */
  dataLakeConnection: "DataLakeConnection",
  api: "orders-intake",
  apiPath: "orders",
  /** Named values the `orders-intake` policy reads. */
  serviceBusEndpointNamedValue: "servicebus-endpoint",
  ordersQueueNamedValue: "orders-queue",
  /** `$connections` keys of the workflows. */
  serviceBusConnection: "servicebus",
  cosmosDbConnection: "documentdb",
  /** Workflow names (folders) in the Standard app. */
  processOrderWorkflow: "process-order",
  notifyShippingWorkflow: "notify-shipping",
  /** Built-in connections of the Standard app (`serviceProviderConfiguration.connectionName` in the Standard files). */
  standardServiceBusConnection: "serviceBus",
  standardCosmosDbConnection: "cosmosDb",
} as const;

/** Event types the telemetry subscription delivers by default. */
export const DEFAULT_TELEMETRY_EVENT_TYPES = ["Devices.TelemetryReported"] as const;

/**
 * What the process-order workflow stamps on each `order-events` message, and the subscription
 * filters that read it: the workflow's `Publish_order_accepted` action and these rules must agree.
 */
export const ORDER_EVENT_FILTERS = {
  /** Billing takes every accepted or cancelled order: a SQL filter (IN is beyond a correlation filter). */
  billing: { "billable-events": { sqlFilter: "eventType IN ('OrderAccepted', 'OrderCancelled')" } },
  /** Shipping takes accepted orders with a shipping address: a correlation filter (cheaper, equality only). */
  shipping: { "shippable-orders": { correlationFilter: { subject: "order-accepted", properties: { shippable: "true" } } } },
} as const;
