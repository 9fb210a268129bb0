// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/choosing-a-service.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { EventHubNamespace } from "azure-integration-cdktf";

const telemetry = new EventHubNamespace(stack, "Telemetry");
telemetry.addEventHub("device-readings", { partitionCount: 8, consumerGroups: ["analytics"] });
