// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/messaging-guide.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { EventHubNamespace, UserAssignedIdentity } from "azure-integration-cdktf";

const telemetry = new EventHubNamespace(stack, "Telemetry");
const readings = telemetry.addEventHub("device-readings", { partitionCount: 8, consumerGroups: ["analytics"] });

readings.grantSend(new UserAssignedIdentity(stack, "Gateway")); // Azure Event Hubs Data Sender
readings.grantReceive(new UserAssignedIdentity(stack, "Analytics")); // Azure Event Hubs Data Receiver
// Functions trigger setting: EventHubConnection__fullyQualifiedNamespace = telemetry.fullyQualifiedNamespace
