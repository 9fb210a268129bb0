// The message broker's workflows: two Consumption workflows (dev) or one Standard app running both (prod).
import { CosmosDbAccount } from "../../constructs/cosmos-db";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { LogicAppStandard } from "../../constructs/logic-app-standard";
import type { MessageBroker } from "./message-broker";
import type { MessageBrokerProps } from "./props";
import { MESSAGE_BROKER_NAMES as NAMES, MESSAGE_BROKER_WORKLOADS as WORKLOADS } from "./workloads";

/** `process-order` then `notify-shipping` on Consumption, each with its own managed-identity connections and grants. */
export function createConsumptionWorkflows(broker: MessageBroker, props: MessageBrokerProps, busNamespace: string) {
  return { processOrder: createProcessOrder(broker, props, busNamespace), notifyShipping: createNotifyShipping(broker, props, busNamespace) };
}

/** Queue (peek-lock, sessions) → Cosmos DB upsert → topic; complete, or abandon for a redelivery. */
function createProcessOrder(broker: MessageBroker, props: MessageBrokerProps, busNamespace: string): LogicAppWorkflow {
  const workflow = new LogicAppWorkflow(broker, "ProcessOrder", {
    allowedCallerIpRanges: [],
    ...props.workflowProps,
    definitionFile: WORKLOADS.processOrderWorkflow,
    parameterValues: {
      ordersQueue: NAMES.ordersQueue,
      orderEventsTopic: NAMES.orderEventsTopic,
      cosmosAccountName: broker.cosmosDb.name,
      cosmosDatabase: NAMES.cosmosDatabase,
      cosmosContainer: NAMES.cosmosContainer,
    },
  });
  addServiceBusConnection(workflow, busNamespace);
  // No parameter is needed: the documentdb connector takes the account from the action's path.
  // An imported account has no L1 here: its endpoint names it for the reachability rule.
  const cosmosTarget = broker.cosmosDb instanceof CosmosDbAccount ? broker.cosmosDb : broker.cosmosDb.endpoint;
  workflow.addConnection(NAMES.cosmosDbConnection, { api: "documentdb", managedIdentity: true, target: cosmosTarget });
  broker.ordersQueue.grantReceive(workflow.principal);
  broker.orderEventsTopic.grantSend(workflow.principal);
  broker.ordersContainer.grantDataWrite(workflow.principal);
  return workflow;
}

/**
 * Both workflows on one VNet-integrated Standard app, from their Standard designer files: built-in Service Bus and
 * Cosmos DB connections with the app's identity, granted on the queue, subscription, topic and container only.
 */
export function createWorkflowApp(broker: MessageBroker, props: MessageBrokerProps, busNamespace: string): LogicAppStandard {
  const app = new LogicAppStandard(broker, "Workflows", {
    ...props.workflowAppProps,
    workflows: {
      [NAMES.processOrderWorkflow]: {
        definitionFile: WORKLOADS.processOrderStandardWorkflow,
        parameterValues: {
          ordersQueue: NAMES.ordersQueue,
          orderEventsTopic: NAMES.orderEventsTopic,
          cosmosDatabase: NAMES.cosmosDatabase,
          cosmosContainer: NAMES.cosmosContainer,
        },
      },
      [NAMES.notifyShippingWorkflow]: {
        definitionFile: WORKLOADS.notifyShippingStandardWorkflow,
        parameterValues: {
          orderEventsTopic: NAMES.orderEventsTopic,
          shippingSubscription: NAMES.shippingSubscription,
          shippingWebhookUrl: props.shippingWebhookUrl,
        },
      },
    },
  });
  // The namespace's endpoint, with grants narrowed to what the workflows touch (not namespace-wide).
  app.connectServiceBus(
    NAMES.standardServiceBusConnection,
    {
      fullyQualifiedNamespace: busNamespace,
      grantReceive: (principal) => [broker.ordersQueue.grantReceive(principal), broker.shippingSubscription.grantReceive(principal)],
      grantSend: (principal) => broker.orderEventsTopic.grantSend(principal),
    },
    "both",
  );
  const container = broker.ordersContainer;
  app.connectCosmosDb(
    NAMES.standardCosmosDbConnection,
    { endpoint: broker.cosmosDb.endpoint, grantDataRead: (p) => container.grantDataRead(p), grantDataWrite: (p) => container.grantDataWrite(p) },
    "write",
  );
  return app;
}

/** Shipping subscription (peek-lock) → webhook; complete, or abandon for a redelivery. */
function createNotifyShipping(broker: MessageBroker, props: MessageBrokerProps, busNamespace: string): LogicAppWorkflow {
  const workflow = new LogicAppWorkflow(broker, "NotifyShipping", {
    allowedCallerIpRanges: [],
    ...props.workflowProps,
    definitionFile: WORKLOADS.notifyShippingWorkflow,
    parameterValues: {
      orderEventsTopic: NAMES.orderEventsTopic,
      shippingSubscription: NAMES.shippingSubscription,
      shippingWebhookUrl: props.shippingWebhookUrl,
    },
  });
  addServiceBusConnection(workflow, busNamespace);
  broker.shippingSubscription.grantReceive(workflow.principal);
  return workflow;
}

function addServiceBusConnection(workflow: LogicAppWorkflow, busNamespace: string): void {
  workflow.addConnection(NAMES.serviceBusConnection, {
    api: "servicebus",
    managedIdentity: true,
    parameterValues: { namespaceEndpoint: `sb://${busNamespace}/` },
  });
}
