import { referencesIn } from "../constructs/core/terraform-graph";
import { CheckedResource, CheckedScope, ResourceConfig } from "./types";

/**
 * The value at a dotted path; nested blocks may be rendered as an object or a one-element list.
 * `undefined` when absent.
 */
export function valueAt(config: ResourceConfig, path: string): unknown {
  let value: unknown = config;
  for (const key of path.split(".")) {
    if (Array.isArray(value)) value = value[0];
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return Array.isArray(value) && value.length === 1 && typeof value[0] === "object" ? value[0] : value;
}

/** A Terraform reference or interpolation, only known at deploy time. */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

type Check = (resource: CheckedResource, scope: CheckedScope) => boolean;

/** The attribute equals `expected`; an absent attribute complies only if `absentOk`. */
export function equals(path: string, expected: unknown, absentOk = false): Check {
  return ({ config }) => {
    const value = valueAt(config, path);
    if (value === undefined) return absentOk;
    return isReference(value) || value === expected;
  };
}

/** The attribute is one of `allowed`; an absent attribute complies only if `absentOk`. */
export function oneOf(path: string, allowed: readonly unknown[], absentOk = false): Check {
  return ({ config }) => {
    const value = valueAt(config, path);
    if (value === undefined) return absentOk;
    return isReference(value) || allowed.includes(value);
  };
}

/** Every block in the list at `path` (e.g. each `geo_location`) satisfies `check` on its own config. */
export function everyBlock(path: string, check: Check): Check {
  return (resource, scope) => {
    const blocks = resource.config[path];
    const list = Array.isArray(blocks) ? blocks : blocks === undefined ? [] : [blocks];
    return list.length > 0 && list.every((config) => check({ ...resource, config }, scope));
  };
}

/** Either check holds (e.g. an attribute or its deprecated name). */
export function either(...checks: Check[]): Check {
  return (resource, scope) => checks.some((c) => c(resource, scope));
}

/** A number at least `min` (absent fails unless `absentOk`). */
export function atLeast(path: string, min: number, absentOk = false): Check {
  return ({ config }) => {
    const value = valueAt(config, path);
    if (value === undefined) return absentOk;
    return isReference(value) || (typeof value === "number" && value >= min);
  };
}

/** The attribute or block is present and not `false`/empty. */
export function present(path: string): Check {
  return ({ config }) => {
    const value = valueAt(config, path);
    if (Array.isArray(value)) return value.length > 0;
    return value !== undefined && value !== null && value !== false && value !== "";
  };
}

/** The attribute is absent (e.g. a key or password that must not be set). */
export function absent(path: string): Check {
  return ({ config }) => valueAt(config, path) === undefined;
}

/** An `identity` block with a managed identity. */
export const hasIdentity: Check = ({ config }) => {
  const type = valueAt(config, "identity.type");
  return typeof type === "string" && type.length > 0;
};

/** A diagnostic setting targets the resource (or one of its sub-resources). */
export const hasDiagnostics: Check = (resource, scope) =>
  scope.referencing("azurerm_monitor_diagnostic_setting", "target_resource_id", resource).length > 0;

/** A management lock covers the resource. */
export const hasLock: Check = (resource, scope) => scope.referencing("azurerm_management_lock", "scope", resource).length > 0;

/** A private endpoint connects to the resource. */
export const hasPrivateEndpoint: Check = (resource, scope) =>
  scope.referencing("azurerm_private_endpoint", "private_service_connection.private_connection_resource_id", resource).length > 0;

/** Public network access is explicitly off. */
export const publicAccessOff = (path = "public_network_access_enabled"): Check => equals(path, false);

/** Attributes that hold keys, passwords, connection strings or signed URLs. */
export const SECRET_ATTRIBUTES = new RegExp(
  [
    "(default_)?(primary|secondary)(_readonly)?_(sql_|mongodb_|blob_)?connection_string(_alias)?",
    "(default_)?(primary|secondary)(_readonly)?_(access_key|key|master_key|authorization_key|shared_access_key)",
    "connection_string",
    "instrumentation_key",
    "administrator_login_password(_wo)?",
    "callback_url",
  ]
    .map((attribute) => `\\.${attribute}\\b`)
    .join("|"),
);

/** Literal text that looks like a credential (connection strings with keys or passwords, SAS signatures). */
export const SECRET_LITERAL = /(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\s*=|[?&]sig=/i;

/** A value carries a secret: a literal credential, or a reference to a secret attribute. */
export function carriesSecret(value: unknown): boolean {
  if (typeof value !== "string") return false;
  return SECRET_LITERAL.test(value) || SECRET_ATTRIBUTES.test(value);
}

/** No value in the map at `path` (e.g. `app_settings`) carries a secret; `except` names keys that may. */
export function noSecretsIn(path: string, except: readonly string[] = []): Check {
  return ({ config }) => {
    const map = valueAt(config, path);
    if (map === undefined || typeof map !== "object" || map === null) return true;
    return !Object.entries(map as Record<string, unknown>).some(([key, value]) => !except.includes(key) && carriesSecret(value));
  };
}

/**
 * Values in the map at `path` are not credentials: each one is a Terraform reference that is not a
 * secret attribute, or an API Management named value (`{{name}}`). For header/query maps whose values
 * are credentials by nature.
 */
export function noLiteralCredentialsIn(path: string): Check {
  return ({ config }) => {
    const map = valueAt(config, path);
    if (map === undefined || map === null) return true;
    const values = typeof map === "object" ? Object.values(map as Record<string, unknown>).flat() : [map];
    return values.every((v) => typeof v === "string" && !carriesSecret(v) && (isReference(v) || /^\{\{[\w.-]+\}\}$/.test(v)));
  };
}

/** Every check holds. */
export function all(...checks: Check[]): Check {
  return (resource, scope) => checks.every((c) => c(resource, scope));
}

/** The references in `value` (a resource's config, an output) that name nothing the stack declares. */
export function danglingReferences(value: unknown, scope: CheckedScope): string[] {
  return referencesIn(value).filter((reference) => !scope.declares(reference));
}
