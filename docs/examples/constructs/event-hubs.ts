// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/event-hubs/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { EventHubNamespace, UserAssignedIdentity } from "azure-integration-cdktf";

// Standard tier: SAS off, TLS 1.2, a deny-by-default firewall; a private endpoint where the context has a network.
const telemetry = new EventHubNamespace(stack, "Telemetry", { capacity: 2, autoInflateEnabled: true, maximumThroughputUnits: 10 });
const readings = telemetry.addEventHub("device-readings", {
  partitionCount: 8, // fixed once created on Standard: size it for the peak number of parallel readers
  messageRetention: 3,
  consumerGroups: ["analytics", "alerts"], // besides $Default
});
telemetry.addEventHub("audit"); // 4 partitions, 7 days

readings.grantSend(new UserAssignedIdentity(stack, "Gateway"));      // Azure Event Hubs Data Sender on that event hub
readings.grantReceive(new UserAssignedIdentity(stack, "Analytics")); // Azure Event Hubs Data Receiver on that event hub
telemetry.grantReceive(new UserAssignedIdentity(stack, "Archiver")); // Data Receiver on every event hub of the namespace
// Clients connect with Entra ID to telemetry.fullyQualifiedNamespace (`<name>.servicebus.windows.net`).
