// The consumer app's functions: an order from the queue becomes a receipt blob; a large order event is logged.
import { app, output } from "@azure/functions";

const receipt = output.storageBlob({ connection: "ReceiptStorage", path: "receipts/{rand-guid}.json" });

app.serviceBusQueue("storeReceipt", {
  connection: "ServiceBusConnection",
  queueName: "orders",
  extraOutputs: [receipt],
  handler: async (order, context) => {
    context.extraOutputs.set(receipt, order);
  },
});

app.eventGrid("onLargeOrder", {
  handler: async (event, context) => {
    context.log(`large order ${event.subject}`);
  },
});
