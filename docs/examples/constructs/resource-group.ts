// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/resource-group/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { IntegrationContext, ResourceGroup } from "azure-integration-cdktf";

const rg = new ResourceGroup(stack, "Orders", { location: "westeurope", name: "rg-orders-dev" });
IntegrationContext.set(stack, { resourceGroup: rg, namePrefix: "orders" });

// An existing group: its id is built from the subscription and the name, nothing is read.
const shared = ResourceGroup.fromName("00000000-0000-0000-0000-000000000000", "rg-shared", "westeurope");
IntegrationContext.set(stack, { resourceGroup: shared });
