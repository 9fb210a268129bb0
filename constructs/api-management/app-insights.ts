import { Construct } from "constructs";
import { ApiManagementDiagnostic } from "@cdktf/provider-azurerm/lib/api-management-diagnostic";
import { ResourceGroupTemplateDeployment } from "@cdktf/provider-azurerm/lib/resource-group-template-deployment";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { addDependency } from "../core/depends-on";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";

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
   * The identity the logger sends telemetry as (it must be in the service's `identity.userAssigned`).
   * It is granted Monitoring Metrics Publisher on the component.
   * @default the service's system-assigned identity
   */
  readonly identity?: UserAssignedIdentity;
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
  /** Resource id of the service. */
  readonly id: string;
  readonly serviceName: string;
  readonly resourceGroupName: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The identity the logger authenticates as. */
export interface LoggerIdentity {
  readonly principal: IPrincipal;
  /** `"SystemAssigned"`, or the client id of a user-assigned identity. */
  readonly clientId: string;
}

/** What {@link addApplicationInsights} creates. */
export interface ApplicationInsightsResources {
  readonly loggerDeployment: ResourceGroupTemplateDeployment;
  /** ARM id of the logger (`<service id>/loggers/appinsights-identity`). */
  readonly loggerId: string;
  readonly metricsPublisherGrant: RoleAssignment;
  readonly diagnostic: ApiManagementDiagnostic;
}

// Not the "applicationinsights" of the former azurerm logger: an upgrade would create the new
// logger and destroy the old one under the same name in no fixed order.
export const APP_INSIGHTS_LOGGER_NAME = "appinsights-identity";

/**
 * ARM template of an Application Insights logger with managed-identity credentials, which
 * azurerm 4.55's `azurerm_api_management_logger` cannot set. Without them a component with local
 * authentication off (the Monitoring default) rejects the gateway's telemetry.
 */
export const APP_INSIGHTS_LOGGER_TEMPLATE = JSON.stringify({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  parameters: {
    serviceName: { type: "string" },
    applicationInsightsId: { type: "string" },
    connectionString: { type: "securestring" },
    identityClientId: { type: "string" },
  },
  resources: [
    {
      type: "Microsoft.ApiManagement/service/loggers",
      apiVersion: "2022-08-01",
      name: `[format('{0}/${APP_INSIGHTS_LOGGER_NAME}', parameters('serviceName'))]`,
      properties: {
        loggerType: "applicationInsights",
        resourceId: "[parameters('applicationInsightsId')]",
        isBuffered: true,
        credentials: {
          connectionString: "[parameters('connectionString')]",
          identityClientId: "[parameters('identityClientId')]",
        },
      },
    },
  ],
});

/**
 * Adds the logger (an ARM deployment, authenticating with `identity`), Monitoring Metrics
 * Publisher for that identity on the component, and the service-wide diagnostic: errors always
 * logged, W3C trace context, no request or response bodies (they may carry personal data or secrets).
 */
export function addApplicationInsights(
  scope: Construct,
  target: ApplicationInsightsTarget,
  options: ApplicationInsightsOptions,
  defaultSampling: number,
  identity: LoggerIdentity,
): ApplicationInsightsResources {
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
    invalid(scope, {
      field: "applicationInsights.samplingPercentage",
      value: sampling,
      rule: "is not within 0-100",
      fix: "set a percentage from 0 to 100",
    });
  }
  const loggerDeployment = new ResourceGroupTemplateDeployment(scope, "AppInsightsLogger", {
    // API Management names have at most 50 characters, so this fits the 64 of a deployment name.
    name: `deploy-logger-${target.serviceName}`,
    resourceGroupName: target.resourceGroupName,
    deploymentMode: "Incremental",
    templateContent: APP_INSIGHTS_LOGGER_TEMPLATE,
    parametersContent: JSON.stringify({
      serviceName: { value: target.serviceName },
      applicationInsightsId: { value: options.id },
      connectionString: { value: options.connectionString },
      identityClientId: { value: identity.clientId },
    }),
    tags: target.tags ? { ...target.tags } : undefined,
  });
  const metricsPublisherGrant = grantRole(scope, options.id, BuiltInRole.monitoringMetricsPublisher, identity.principal);
  const loggerId = `${target.id}/loggers/${APP_INSIGHTS_LOGGER_NAME}`;
  const diagnostic = new ApiManagementDiagnostic(scope, "AppInsightsDiagnostic", {
    identifier: "applicationinsights",
    apiManagementName: target.serviceName,
    resourceGroupName: target.resourceGroupName,
    apiManagementLoggerId: loggerId,
    samplingPercentage: sampling,
    alwaysLogErrors: true,
    verbosity: options.verbosity ?? "information",
    httpCorrelationProtocol: "W3C",
    logClientIp: options.logClientIp ?? false,
  });
  // The logger id is composed, not a reference; the role comes first so the first telemetry is accepted.
  addDependency(diagnostic, loggerDeployment, metricsPublisherGrant);
  return { loggerDeployment, loggerId, metricsPublisherGrant, diagnostic };
}
