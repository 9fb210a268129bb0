// Props that contradict each other or the chosen host stop synthesis before anything is created.
import { Construct } from "constructs";
import { exclusiveProps, invalid, isUnresolved } from "../../constructs/core";
import type { ApiGatewayProps } from "./props";

/** Props of the other host are a mistake: they would be silently ignored. */
export function checkWorkflowHostProps(scope: Construct, host: "consumption" | "standard", props: ApiGatewayProps): void {
  const field = host === "standard" ? "allowedCallerIpRanges" : "workflowAppProps";
  if (props[field] === undefined) return;
  invalid(scope, {
    field,
    rule: host === "standard"
      ? 'shapes the Consumption workflows\' triggers, but workflowHost is "standard" (the app is reached through its private endpoint)'
      : 'shapes the Standard app, but workflowHost is "consumption"',
    fix:
      host === "standard"
        ? 'drop it (workflowAppProps.allowedIpRanges shapes the app\'s access restrictions), or set workflowHost: "consumption"'
        : 'drop it, or set workflowHost: "standard"',
  });
}

/** The props that shape a new API Management service, which `existingApiManagement` excludes. */
const SERVICE_SHAPING = [
  "publisherName",
  "publisherEmail",
  "apiManagementSku",
  "apiManagementVirtualNetwork",
  "apiManagementSubnetPrefix",
  "ingress",
  "monitoring",
] as const;
/** The props that shape a new orders database, which `existingSqlDatabase` excludes. */
const DATABASE_SHAPING = ["sqlAdministrator", "sqlDatabaseProps"] as const;

/** Refuses props that contradict each other or that Azure refuses, before anything is created. */
export function validateProps(scope: Construct, props: ApiGatewayProps): void {
  validateResources(scope, props);
  validateCallerChecks(scope, props);
}

/** The service and the database: existing xor new, and what a new one needs. */
function validateResources(scope: Construct, props: ApiGatewayProps): void {
  exclusiveProps(scope, [
    ...SERVICE_SHAPING.map((k) => ["existingApiManagement", props.existingApiManagement, k, props[k]] as const),
    ...DATABASE_SHAPING.map((k) => ["existingSqlDatabase", props.existingSqlDatabase, k, props[k]] as const),
  ]);
  if (!props.existingApiManagement) {
    const missing = (["publisherName", "publisherEmail"] as const).filter((k) => props[k] === undefined);
    if (missing.length > 0) {
      invalid(scope, {
        field: missing.join(" and "),
        rule: "is required for a new API Management service",
        fix: "pass the publisher's name and email (e.g. environment.apiPublisher), or existingApiManagement",
      });
    }
  }
  if (props.existingSqlDatabase && isUnresolved(props.existingSqlDatabase.name)) {
    invalid(scope, {
      field: "existingSqlDatabase.name",
      rule: "is known only at deploy time, but the grant script is written at synth",
      fix: "import the database with SqlDatabase.fromId and its literal resource id",
    });
  }
  if (props.existingSqlDatabase && props.sqlSetupAtDeploy === true) {
    invalid(scope, {
      field: "sqlSetupAtDeploy",
      value: true,
      rule: "runs only against the database the pattern creates",
      fix: "run grantScript() in the existing database where it is managed, or drop existingSqlDatabase",
    });
  }
}

/** What the gateway checks of each call: the token's issuer and audience, and the rate limit. */
function validateCallerChecks(scope: Construct, props: ApiGatewayProps): void {
  if (props.jwt?.audience !== undefined && props.apiRegistration !== undefined) {
    invalid(scope, {
      field: "apiRegistration",
      rule: "is given together with jwt.audience, which names an app registration managed elsewhere",
      fix: "drop jwt.audience to let the pattern register the API, or drop apiRegistration",
    });
  }
  const issuer = props.jwt?.issuer;
  if (issuer !== undefined && !isUnresolved(issuer) && (!issuer.startsWith("https://") || issuer.endsWith("/"))) {
    invalid(scope, {
      field: "jwt.issuer",
      value: issuer,
      rule: "is not an https issuer without a trailing '/' (the policy reads <issuer>/.well-known/openid-configuration)",
      fix: "use the v2.0 issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0",
    });
  }
  const audience = props.jwt?.audience;
  if (audience !== undefined && !isUnresolved(audience) && audience.trim() === "") {
    invalid(scope, { field: "jwt.audience", value: audience, rule: "is empty", fix: "pass the API's application ID URI (api://...) or client id" });
  }
  const rateLimit = [
    ["rateLimit.calls", props.rateLimit?.calls],
    ["rateLimit.renewalPeriodSeconds", props.rateLimit?.renewalPeriodSeconds],
  ] as const;
  for (const [field, value] of rateLimit) {
    if (value !== undefined && !isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
      invalid(scope, { field, value, rule: "is not a whole number of at least 1", fix: "pass a positive whole number" });
    }
  }
}
