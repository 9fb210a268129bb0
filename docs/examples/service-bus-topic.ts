// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/messaging-guide.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { ServiceBusNamespace, UserAssignedIdentity } from "azure-integration-cdktf";

const bus = new ServiceBusNamespace(stack, "Bus", { sku: "Premium" });
const orderEvents = bus.addTopic("order-events");
orderEvents.addSubscription("billing", { rules: { eu: { sqlFilter: "region = 'EU'" } } });

orderEvents.grantSend(new UserAssignedIdentity(stack, "OrderService"));
