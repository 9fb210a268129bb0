// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/choosing-a-service.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { EventDestination, EventGridTopic, ServiceBusNamespace } from "azure-integration-cdktf";

const events = new EventGridTopic(stack, "Events");
const inbox = new ServiceBusNamespace(stack, "Inbox").addQueue("order-created");
events.addSubscription("orders", { destination: EventDestination.serviceBusQueue(inbox.id), includedEventTypes: ["Orders.Created"] });
