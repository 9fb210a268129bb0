// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/messaging-guide.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { ServiceBusNamespace, UserAssignedIdentity } from "azure-integration-cdktf";

const bus = new ServiceBusNamespace(stack, "Bus", { sku: "Premium" });
const orders = bus.addQueue("orders", { requiresSession: true, requiresDuplicateDetection: true });

const api = new UserAssignedIdentity(stack, "OrderApi");
orders.grantSend(api); // Azure Service Bus Data Sender on this queue only
