// The function the FunctionApp README's example deploys: orders from the Service Bus queue, acknowledged on the topic.
import { app, output } from "@azure/functions";

// The acknowledgement is the handler's return value (the `$return` output binding).
app.serviceBusQueue("processOrder", {
  connection: "ServiceBusConnection",
  queueName: "orders",
  return: output.serviceBusTopic({ connection: "ServiceBusConnection", topicName: "order-events" }),
  handler: async (message) => ({ orderId: (message as { id?: string }).id, status: "received" }),
});
