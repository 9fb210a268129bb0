import { IConstruct } from "constructs";
import { invalid, isUnresolved, requireLiteral } from "../core/errors";
import { isHttpsUrl } from "../core/url";

/**
 * Names of APIs, operations, products, subscriptions, named values and backends (azurerm's
 * ApiManagementChildName rule). They also become construct ids, so the rule is kept strict.
 */
const CHILD_NAME = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,78}[A-Za-z0-9])?$/;
const CHILD_NAME_RULE = "1-80 letters, digits, '-' and '_', starting and ending with a letter or digit";

/** Throws when a child resource name breaks API Management's rule. `kind` names it in the message. */
export function validateChildName(scope: IConstruct, kind: string, name: string): void {
  requireLiteral(scope, `${kind} name`, name);
  if (!CHILD_NAME.test(name)) {
    invalid(scope, { field: `${kind} name`, value: name, rule: "breaks the API Management naming rule", fix: `use ${CHILD_NAME_RULE}` });
  }
}

/** URL segment of an API: no leading or trailing '/', URL-safe characters (azurerm ApiManagementApiPath). */
const API_PATH = /^[\w.][\w\-/.:]{0,398}[\w-]$|^\w$/;

export function validateApiPath(scope: IConstruct, api: string, path: string): void {
  if (isUnresolved(path)) return;
  if (path.startsWith("/") || path.endsWith("/")) {
    invalid(scope, {
      field: `path of api "${api}"`,
      value: path,
      rule: "starts or ends with '/'",
      fix: `drop the slashes, e.g. "${path.replace(/^\/+|\/+$/g, "") || "orders"}"`,
    });
  }
  if (!API_PATH.test(path)) {
    invalid(scope, {
      field: `path of api "${api}"`,
      value: path,
      rule: "is not a valid API path",
      fix: "use 1-400 letters, digits, '_', '-', '.', ':' and '/' (not at either end)",
    });
  }
}

/** A mailbox address as Azure checks it: one '@', a dotted domain, no spaces, at most 100 characters. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function validateEmail(scope: IConstruct, field: string, email: string): void {
  if (isUnresolved(email)) return;
  if (email.length > 100 || !EMAIL.test(email)) {
    invalid(scope, {
      field,
      value: email,
      rule: "is not an email address of at most 100 characters",
      fix: "use an address such as api-team@contoso.com",
    });
  }
}

export function validatePublisherName(scope: IConstruct, name: string): void {
  if (isUnresolved(name)) return;
  if (name.trim().length === 0 || name.length > 100) {
    invalid(scope, { field: "publisherName", value: name, rule: "is not 1-100 characters", fix: "use the organisation's name, e.g. \"Contoso\"" });
  }
}

/** Literal URLs the gateway calls must use TLS; tokens are skipped. */
export function validateHttpsUrl(scope: IConstruct, field: string, url: string): void {
  if (isUnresolved(url)) return;
  if (!isHttpsUrl(url)) {
    invalid(scope, { field, value: url, rule: "is not an https:// URL", fix: "use an https:// URL so traffic to the backend is encrypted" });
  }
}
