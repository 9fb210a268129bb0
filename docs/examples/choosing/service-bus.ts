// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/choosing-a-service.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { ServiceBusNamespace } from "azure-integration-cdktf";

const bus = new ServiceBusNamespace(stack, "Bus", { sku: "Premium" });
bus.addQueue("orders", { requiresSession: true, requiresDuplicateDetection: true });
bus.addTopic("order-events").addSubscription("eu", { rules: { eu: { sqlFilter: "region = 'eu'" } } });
