import { Construct } from "constructs";
import { ApiManagementDiagnostic } from "@cdktf/provider-azurerm/lib/api-management-diagnostic";
import { ApiManagementLogger } from "@cdktf/provider-azurerm/lib/api-management-logger";
import { invalid, isUnresolved } from "../core/errors";

/** Request telemetry to Application Insights (an `applicationinsights` logger and diagnostic). */
export interface ApplicationInsightsOptions {
  /** Resource id of the Application Insights component. */
  readonly id: string;
  /**
   * Its connection string (instrumentation keys alone are retired), e.g. `monitoring.applicationInsightsConnectionString`.
   * It is sensitive, so it must be a token: a literal would be written into the synthesized JSON.
   */
  readonly connectionString: string;
  /**
   * Percentage of requests sampled (0-100).
   * @default 100 in dev (see everything while building), 25 in prod (cost; errors are always logged)
   */
  readonly samplingPercentage?: number;
  /** @default "information" */
  readonly verbosity?: "verbose" | "information" | "error";
  /** Log the caller's IP address (personal data in many jurisdictions). @default false */
  readonly logClientIp?: boolean;
}

export interface ApplicationInsightsTarget {
  readonly serviceName: string;
  readonly resourceGroupName: string;
}

/**
 * Adds the logger and the service-wide diagnostic: errors always logged, W3C trace context, no
 * request or response bodies (they may carry personal data or secrets).
 */
export function addApplicationInsights(
  scope: Construct,
  target: ApplicationInsightsTarget,
  options: ApplicationInsightsOptions,
  defaultSampling: number,
): { logger: ApiManagementLogger; diagnostic: ApiManagementDiagnostic } {
  if (!isUnresolved(options.connectionString)) {
    // The value is left out of the message: it is sensitive.
    invalid(scope, {
      field: "applicationInsights.connectionString",
      rule: "is a literal string, which would be written into the synthesized Terraform JSON",
      fix: "pass the component's connection string attribute (a token), e.g. monitoring.applicationInsightsConnectionString",
    });
  }
  const sampling = options.samplingPercentage ?? defaultSampling;
  if (!isUnresolved(sampling) && (sampling < 0 || sampling > 100)) {
    invalid(scope, { field: "applicationInsights.samplingPercentage", value: sampling, rule: "is not within 0-100", fix: "set a percentage from 0 to 100" });
  }
  const logger = new ApiManagementLogger(scope, "AppInsightsLogger", {
    name: "applicationinsights",
    apiManagementName: target.serviceName,
    resourceGroupName: target.resourceGroupName,
    resourceId: options.id,
    buffered: true,
    applicationInsights: { connectionString: options.connectionString },
  });
  const diagnostic = new ApiManagementDiagnostic(scope, "AppInsightsDiagnostic", {
    identifier: "applicationinsights",
    apiManagementName: target.serviceName,
    resourceGroupName: target.resourceGroupName,
    apiManagementLoggerId: logger.id,
    samplingPercentage: sampling,
    alwaysLogErrors: true,
    verbosity: options.verbosity ?? "information",
    httpCorrelationProtocol: "W3C",
    logClientIp: options.logClientIp ?? false,
  });
  return { logger, diagnostic };
}
