// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/service-bus/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { ServiceBusNamespace, UserAssignedIdentity } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const functionApp = { principal: new UserAssignedIdentity(stack, "Functions") };
const apiIdentity = new UserAssignedIdentity(stack, "Api");
// --- example ---
const bus = new ServiceBusNamespace(stack, "Bus");              // Premium in prod, Standard in dev
const orders = bus.addQueue("orders", { requiresSession: true });
const events = bus.addTopic("events");
events.addSubscription("invoices", {
  rules: { created: { correlationFilter: { subject: "invoice-created" } } },
  forwardTo: orders,
});
orders.grantReceive(functionApp.principal);                    // Azure Service Bus Data Receiver on the queue
events.grantSend(apiIdentity);                                  // Azure Service Bus Data Sender on the topic
// Functions trigger, identity-based: ServiceBusConnection__fullyQualifiedNamespace = bus.fullyQualifiedNamespace
