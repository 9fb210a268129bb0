// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/function-app/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import * as path from "path";
import { FunctionApp, ServiceBusNamespace, EventGridTopic } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const bus = new ServiceBusNamespace(stack, "Bus");
bus.addQueue("orders");
bus.addTopic("order-events");
const topic = new EventGridTopic(stack, "Topic");
// --- example ---
const orders = new FunctionApp(stack, "Orders", {
  code: { path: path.resolve(__dirname, "functions/orders") },
});
orders.connectServiceBus("ServiceBusConnection", bus, "both");
orders.connectEventGrid("EventGridConnection", topic);
