// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/messaging-guide.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
const app = { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/func-orders" };
// --- example ---
import { EventDestination, EventGridTopic, UserAssignedIdentity } from "azure-integration-cdktf";

const events = new EventGridTopic(stack, "Events");
events.addSubscription("to-func", {
  destination: EventDestination.azureFunction(app.id, "onOrder"), // app: a FunctionApp; the subscription waits for its code
  includedEventTypes: ["Orders.Created"],
});

events.grantPublish(new UserAssignedIdentity(stack, "OrderService")); // EventGrid Data Sender
