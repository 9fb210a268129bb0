import { IConstruct } from "constructs";
import { IDiagnosticsDestination } from "../core/context";
import { invalid } from "../core/errors";
import { Monitoring } from "./monitoring";

/** An Application Insights component an app sends telemetry to. */
export interface TelemetryTarget {
  /** `APPLICATIONINSIGHTS_CONNECTION_STRING` of the component (it carries no secret once local auth is off). */
  readonly connectionString: string;
  /** Resource id of the component, where Monitoring Metrics Publisher is granted. */
  readonly id: string;
}

/** Where an app (Functions, Logic Apps Standard) sends telemetry: the props both constructs take, read by {@link resolveTelemetry}. */
export interface TelemetryProps {
  /**
   * Monitoring whose Application Insights receives telemetry (Entra ID auth, Monitoring Metrics
   * Publisher granted). Cannot be combined with `applicationInsights`.
   * @default the IntegrationContext's diagnostics destination when it is a Monitoring with Application Insights
   */
  readonly monitoring?: Monitoring;
  /**
   * An Application Insights component to use instead of `monitoring`'s; `false` sends no telemetry.
   * @default the component of `monitoring`
   */
  readonly applicationInsights?: TelemetryTarget | false;
}

/** Where an app's telemetry goes; `monitoring` when it is a Monitoring, which grants its own metrics role. */
export type ResolvedTelemetry = TelemetryTarget & { monitoring?: Monitoring };

/**
 * The Application Insights component of an app (Functions, Logic Apps Standard): `applicationInsights`,
 * else `monitoring`'s, else the IntegrationContext's diagnostics destination when that is a Monitoring
 * with a component; `applicationInsights: false` sends none.
 */
export function resolveTelemetry(
  scope: IConstruct,
  props: TelemetryProps,
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
