import { Construct } from "constructs";
import { AppSettings } from "../core/app-settings";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { ResolvedTelemetry } from "../monitoring";

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
