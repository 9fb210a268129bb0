import { Construct } from "constructs";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { IDiagnosticsDestination, IntegrationContext } from "./context";

/** Diagnostic settings of a construct (the AVM `diagnostic_settings` interface). */
export interface DiagnosticsOptions {
  /** @default the IntegrationContext's diagnostics destination */
  readonly destination?: IDiagnosticsDestination;
  /** Log category groups to send. @default ["allLogs"] (or none where the resource has no logs) */
  readonly logCategoryGroups?: readonly string[];
  /** Metric categories to send. @default ["AllMetrics"] */
  readonly metricCategories?: readonly string[];
  /**
   * Where logs land in the workspace: resource-specific tables ("Dedicated") or the shared
   * AzureDiagnostics table.
   * @default "Dedicated" where the resource writes resource-specific tables (e.g. Data Factory, Cosmos DB), else Azure's default
   */
  readonly logAnalyticsDestinationType?: LogAnalyticsDestinationType;
}

/** The table layout of logs in Log Analytics. */
export type LogAnalyticsDestinationType = "Dedicated" | "AzureDiagnostics";

/** What a resource type can emit and how; set by the construct, not the user. */
export interface DiagnosticsCapabilities {
  readonly logCategoryGroups?: readonly string[];
  readonly metricCategories?: readonly string[];
  /** The destination type the resource defaults to, e.g. "Dedicated" for resource-specific tables. */
  readonly logAnalyticsDestinationType?: LogAnalyticsDestinationType;
}

/**
 * Sends a resource's logs and metrics to Log Analytics. `options === false` opts out; with no
 * destination in props or context nothing is created (the policy pack reports the gap).
 */
export function addDiagnostics(
  scope: Construct,
  id: string,
  targetResourceId: string,
  options: DiagnosticsOptions | false | undefined,
  capabilities: DiagnosticsCapabilities = {},
): MonitorDiagnosticSetting | undefined {
  if (options === false) return undefined;
  const destination = options?.destination ?? IntegrationContext.of(scope).diagnostics;
  if (!destination) return undefined;
  const logs = options?.logCategoryGroups ?? capabilities.logCategoryGroups ?? ["allLogs"];
  const metrics = options?.metricCategories ?? capabilities.metricCategories ?? ["AllMetrics"];
  if (logs.length === 0 && metrics.length === 0) return undefined;
  return new MonitorDiagnosticSetting(scope, id, {
    name: "diag-log-analytics",
    targetResourceId,
    logAnalyticsWorkspaceId: destination.logAnalyticsWorkspaceId,
    logAnalyticsDestinationType: options?.logAnalyticsDestinationType ?? capabilities.logAnalyticsDestinationType,
    enabledLog: logs.map((categoryGroup) => ({ categoryGroup })),
    enabledMetric: metrics.map((category) => ({ category })),
  });
}
