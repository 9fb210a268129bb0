// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/choosing-a-service.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { LogicAppWorkflow } from "azure-integration-cdktf";

new LogicAppWorkflow(stack, "Nightly", {
  definition: {
    definition: {
      $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
      contentVersion: "1.0.0.0",
      triggers: { daily: { type: "Recurrence", recurrence: { frequency: "Day", interval: 1 } } },
      actions: { ping: { type: "Http", inputs: { method: "GET", uri: "https://status.contoso.com/health" }, runAfter: {} } },
    },
  },
});
