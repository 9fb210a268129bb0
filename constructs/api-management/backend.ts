import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { ApiManagementBackend, ApiManagementBackendCircuitBreakerRule } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { checkDuration } from "../core/duration";
import { invalid, isUnresolved } from "../core/errors";
import { NamedValueOptions } from "./named-value";
import { validateHttpsUrl } from "./names";

/**
 * A Logic App (Consumption) workflow behind an HTTP request trigger, in the shape API Management's
 * own Logic App import gives it (https://learn.microsoft.com/azure/api-management/import-logic-app-as-api):
 * the backend URL is the trigger's address without its query, and the query (`api-version`, `sp`,
 * `sv` and the `sig` signature) comes back in the policy's `rewrite-uri`, read from named values
 * `<backend>-api-version`, `<backend>-sp`, `<backend>-sv` and `<backend>-sig` (a secret).
 * {@link logicAppRewriteUri} writes that element for a policy file.
 */
export interface LogicAppBackendOptions {
  /**
   * The trigger's callback URL, e.g. `trigger.callbackUrl`. It carries the trigger's SAS signature,
   * so it must be a token: a literal URL would put the signature into the synthesized JSON. It is
   * split at deploy time with Terraform functions; nothing of it is known at synth.
   */
  readonly callbackUrl: string;
  /** ARM id of the workflow, shown in the portal and used for navigation. @default none */
  readonly resourceId?: string;
  /**
   * Where the `<backend>-sig` named value reads the signature: a Key Vault secret you keep it in.
   * @default a secret named value fed from the callback URL's `sig` (Terraform state already holds the URL)
   */
  readonly signature?: Pick<NamedValueOptions, "keyVaultSecretId" | "keyVault" | "identity">;
}

/** The callback URL's query parameters a Logic App backend rebuilds in its policy, in URL order. */
export const LOGIC_APP_QUERY_PARAMETERS = ["api-version", "sp", "sv", "sig"] as const;

/** Name of the named value holding `parameter` of a Logic App backend's callback URL, e.g. `orders-workflow-sig`. */
export function logicAppNamedValueName(backendName: string, parameter: (typeof LOGIC_APP_QUERY_PARAMETERS)[number]): string {
  return `${backendName}-${parameter}`;
}

/**
 * The `rewrite-uri` policy element that calls a Logic App backend: the trigger's query rebuilt from
 * the backend's named values, as API Management's Logic App import writes it
 * (`/manual/paths/invoke/?api-version=...&sp=/triggers/manual/run&sv=1.0&sig={{...}}` on a `.../triggers` backend;
 * here the backend already ends in `/paths/invoke`). Put it where the policy picks the backend.
 */
export function logicAppRewriteUri(backendName: string): string {
  const query = LOGIC_APP_QUERY_PARAMETERS.map((p) => `${p}={{${logicAppNamedValueName(backendName, p)}}}`).join("&amp;");
  return `<rewrite-uri template="/?${query}" copy-unmatched-params="false" />`;
}

/**
 * Deploy-time pieces of a trigger callback URL
 * (`https://<host>/workflows/<id>/triggers/<name>/paths/invoke?api-version=...&sp=%2Ftriggers%2F<name>%2Frun&sv=1.0&sig=...`).
 * Terraform has no urldecode: `sp` gets its `%2F` back to `/`, the form the import's template uses.
 */
export function logicAppCallbackParts(callbackUrl: string): { baseUrl: string; query: Record<(typeof LOGIC_APP_QUERY_PARAMETERS)[number], string> } {
  const parameter = (name: string) => Token.asString(Fn.element(Fn.regex(`[?&]${name}=([^&]+)`, callbackUrl), 0));
  return {
    baseUrl: Token.asString(Fn.element(Fn.split("?", callbackUrl), 0)),
    query: {
      "api-version": parameter("api-version"),
      sp: Fn.replace(parameter("sp"), "/%2[Ff]/", "/"),
      sv: parameter("sv"),
      sig: parameter("sig"),
    },
  };
}

/** Opens the circuit when a backend keeps failing (`circuit_breaker_rule`, azurerm 4.55). */
export interface CircuitBreakerOptions {
  /** Rule name. @default "breaker" */
  readonly name?: string;
  /** ISO-8601 window in which failures are counted, e.g. "PT1M". */
  readonly interval: string;
  /** ISO-8601 time the circuit stays open, e.g. "PT1M". */
  readonly tripDuration: string;
  /** Failures in `interval` that trip the circuit (exactly one of count and percentage). @default none */
  readonly failureCount?: number;
  /** Percentage (1-100) of failed calls in `interval` that trips the circuit. @default none */
  readonly failurePercentage?: number;
  /** Status codes counted as failures (200-599, at most 10 ranges). @default [{ min: 500, max: 599 }] unless errorReasons is set */
  readonly statusCodeRanges?: readonly { readonly min: number; readonly max: number }[];
  /** Gateway error reasons counted as failures, e.g. "BackendConnectionFailure". @default none */
  readonly errorReasons?: readonly string[];
  /** Keep the circuit open for the backend's `Retry-After` instead of `tripDuration`. @default true */
  readonly acceptRetryAfter?: boolean;
}

/** A backend: exactly one of `url` and `logicApp`. */
export interface BackendOptions {
  /** Base URL of an HTTP backend; literal URLs must be https. @default none */
  readonly url?: string;
  /** A Logic App workflow as the backend. @default none */
  readonly logicApp?: LogicAppBackendOptions;
  /** @default none */
  readonly description?: string;
  /** Circuit breaker; no breaker when left out. @default none */
  readonly circuitBreaker?: CircuitBreakerOptions;
}

export interface BackendTarget {
  readonly serviceName: string;
  readonly resourceGroupName: string;
}

const RULE_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,78}[A-Za-z0-9])?$/;

/** Creates `azurerm_api_management_backend` `id` under `scope` (protocol http, certificate checks on). */
export function createBackend(scope: Construct, id: string, target: BackendTarget, name: string, options: BackendOptions): ApiManagementBackend {
  const subject = `backend "${name}"`;
  if ((options.url === undefined) === (options.logicApp === undefined)) {
    invalid(scope, {
      field: subject,
      rule: "must set exactly one of url and logicApp",
      fix: "pass { url } for an HTTP backend or { logicApp } for a workflow",
    });
  }
  let url: string;
  let resourceId: string | undefined;
  if (options.logicApp) {
    if (!isUnresolved(options.logicApp.callbackUrl)) {
      invalid(scope, {
        field: `logicApp.callbackUrl of ${subject}`,
        rule: "is a literal URL; it carries the trigger's SAS signature, which would be written into the synthesized Terraform JSON",
        fix: "pass the trigger's callbackUrl attribute (a token), e.g. workflow trigger.callbackUrl",
      });
    }
    // The query (with the signature) is not part of the backend URL: the policy rebuilds it.
    url = logicAppCallbackParts(options.logicApp.callbackUrl).baseUrl;
    const workflowId = options.logicApp.resourceId;
    if (workflowId !== undefined && !isUnresolved(workflowId) && !workflowId.startsWith("/subscriptions/")) {
      invalid(scope, {
        field: `logicApp.resourceId of ${subject}`,
        value: workflowId,
        rule: "is not an ARM resource id",
        fix: "pass the workflow's id (/subscriptions/.../providers/Microsoft.Logic/workflows/<name>)",
      });
    }
    resourceId = workflowId === undefined ? undefined : `https://management.azure.com${workflowId}`;
  } else {
    url = options.url as string;
    validateHttpsUrl(scope, `url of ${subject}`, url);
  }

  return new ApiManagementBackend(scope, id, {
    name,
    apiManagementName: target.serviceName,
    resourceGroupName: target.resourceGroupName,
    protocol: "http",
    url,
    resourceId,
    description: options.description,
    tls: { validateCertificateChain: true, validateCertificateName: true },
    circuitBreakerRule: options.circuitBreaker ? circuitBreakerRule(scope, subject, options.circuitBreaker) : undefined,
  });
}

function circuitBreakerRule(scope: Construct, subject: string, options: CircuitBreakerOptions): ApiManagementBackendCircuitBreakerRule {
  const field = `circuitBreaker of ${subject}`;
  const name = options.name ?? "breaker";
  if (!RULE_NAME.test(name)) {
    invalid(scope, {
      field: `${field} name`,
      value: name,
      rule: "breaks the rule-name rule",
      fix: "use 1-80 letters, digits and '-', starting and ending with a letter or digit",
    });
  }
  // azurerm validates these with its ISO8601Duration rule, which reads a week part too.
  checkDuration(scope, `${field} interval`, options.interval, { weeks: true });
  checkDuration(scope, `${field} tripDuration`, options.tripDuration, { weeks: true });
  if ((options.failureCount === undefined) === (options.failurePercentage === undefined)) {
    invalid(scope, {
      field,
      rule: "must set exactly one of failureCount and failurePercentage",
      fix: "trip on a number of failures or on a failure percentage",
    });
  }
  const count = options.failureCount;
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
    invalid(scope, {
      field: `${field} failureCount`,
      value: count,
      rule: "is not a whole number of at least 1",
      fix: "set failureCount to 1 or more",
    });
  }
  const percentage = options.failurePercentage;
  if (percentage !== undefined && (!Number.isInteger(percentage) || percentage < 1 || percentage > 100)) {
    invalid(scope, {
      field: `${field} failurePercentage`,
      value: percentage,
      rule: "is not a whole number from 1 to 100",
      fix: "set failurePercentage to 1-100",
    });
  }
  const ranges = options.statusCodeRanges ?? (options.errorReasons ? [] : [{ min: 500, max: 599 }]);
  if (ranges.length > 10) {
    invalid(scope, { field: `${field} statusCodeRanges`, value: ranges.length, rule: "has more than 10 ranges", fix: "merge adjacent ranges" });
  }
  for (const range of ranges) {
    if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min < 200 || range.max > 599 || range.min > range.max) {
      invalid(scope, {
        field: `${field} statusCodeRanges`,
        value: range,
        rule: "is not a range of status codes within 200-599",
        fix: "use { min, max } with 200 <= min <= max <= 599",
      });
    }
  }
  if (ranges.length === 0 && (options.errorReasons ?? []).length === 0) {
    invalid(scope, { field, rule: "counts no failures (no statusCodeRanges and no errorReasons)", fix: "set statusCodeRanges or errorReasons" });
  }
  return {
    name,
    tripDuration: options.tripDuration,
    acceptRetryAfterEnabled: options.acceptRetryAfter ?? true,
    failureCondition: {
      intervalDuration: options.interval,
      count,
      percentage,
      statusCodeRange: ranges.length > 0 ? ranges.map((r) => ({ min: r.min, max: r.max })) : undefined,
      errorReasons: options.errorReasons ? [...options.errorReasons] : undefined,
    },
  };
}
