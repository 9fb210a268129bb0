import { Construct, IConstruct } from "constructs";
import { AppSettings } from "../core/app-settings";
import { invalid } from "../core/errors";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { IDiagnosticsDestination } from "../core/context";
import { Monitoring } from "../monitoring";
import { FunctionAppProps, FunctionAppTelemetryTarget } from "./props";

/** Where the app's telemetry goes; `monitoring` when it is a Monitoring, which grants its own metrics role. */
export type ResolvedTelemetry = FunctionAppTelemetryTarget & { monitoring?: Monitoring };

/**
 * The Application Insights component from `applicationInsights`, else `monitoring`'s, else the
 * IntegrationContext's diagnostics destination when that is a Monitoring with a component.
 */
export function resolveTelemetry(
  scope: IConstruct,
  props: Pick<FunctionAppProps, "monitoring" | "applicationInsights">,
  contextDiagnostics: IDiagnosticsDestination | undefined,
): ResolvedTelemetry | undefined {
  if (props.monitoring && props.applicationInsights !== undefined) {
    invalid(scope, {
      field: "monitoring",
      rule: "cannot be combined with applicationInsights; both choose where telemetry goes",
      fix: "pass one of them",
    });
  }
  if (props.applicationInsights === false) return undefined;
  if (props.applicationInsights) return props.applicationInsights;
  const fromContext = contextDiagnostics instanceof Monitoring ? contextDiagnostics : undefined;
  const monitoring = props.monitoring ?? fromContext;
  if (props.monitoring && props.monitoring.applicationInsightsConnectionString === undefined) {
    invalid(scope, {
      field: "monitoring",
      rule: "has no Application Insights component (applicationInsights: false)",
      fix: "create the Monitoring with Application Insights, or pass applicationInsights: false to send no telemetry",
    });
  }
  if (!monitoring?.applicationInsightsConnectionString || !monitoring.applicationInsightsId) return undefined;
  return { connectionString: monitoring.applicationInsightsConnectionString, id: monitoring.applicationInsightsId, monitoring };
}

/** Entra ID authentication for telemetry, and Monitoring Metrics Publisher for the app's identity. */
export function configureTelemetry(
  scope: Construct,
  settings: AppSettings,
  principal: IPrincipal,
  clientId: string | undefined,
  telemetry: ResolvedTelemetry,
): void {
  const client = clientId === undefined ? "" : `ClientId=${clientId};`;
  settings.set("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", `${client}Authorization=AAD`);
  if (telemetry.monitoring) telemetry.monitoring.grantMetricsPublisher(principal);
  else grantRole(new Construct(scope, "ApplicationInsightsAccess"), telemetry.id, BuiltInRole.monitoringMetricsPublisher, principal);
}
