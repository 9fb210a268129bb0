// The function the FunctionApp README's example deploys: orders from the Service Bus queue, acknowledged on the topic.
import { app, output } from "@azure/functions";

const acknowledgements = output.serviceBusTopic({ connection: "ServiceBusConnection", topicName: "order-events" });

app.serviceBusQueue("processOrder", {
  connection: "ServiceBusConnection",
  queueName: "orders",
  extraOutputs: [acknowledgements],
  handler: async (message, context) => {
    context.extraOutputs.set(acknowledgements, { orderId: (message as { id?: string }).id, status: "received" });
  },
});
