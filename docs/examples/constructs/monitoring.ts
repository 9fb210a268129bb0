// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/monitoring/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { IntegrationContext, Monitoring, UserAssignedIdentity } from "azure-integration-cdktf";

const monitoring = new Monitoring(stack, "Monitoring", { retentionInDays: 60 });
IntegrationContext.set(stack, { diagnostics: monitoring });
monitoring.grantMetricsPublisher(new UserAssignedIdentity(stack, "Worker")); // Monitoring Metrics Publisher
monitoring.grantLogsRead(new UserAssignedIdentity(stack, "Support"));        // Log Analytics Reader

// Or send to an existing workspace (nothing is created for it; Application Insights still is).
const workspace = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/log";
new Monitoring(stack, "Shared", { existingWorkspaceId: workspace });
