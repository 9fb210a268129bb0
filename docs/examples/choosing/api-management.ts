// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/choosing-a-service.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { ApiManagement } from "azure-integration-cdktf";

const gateway = new ApiManagement(stack, "Gateway", { publisherName: "Contoso", publisherEmail: "api@contoso.com" });
gateway.addApi("orders", {
  path: "orders",
  serviceUrl: "https://orders.contoso.com",
  operations: [{ id: "get-order", method: "GET", urlTemplate: "/orders/{id}" }],
});
