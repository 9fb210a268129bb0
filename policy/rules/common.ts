import { hasDiagnostics, hasIdentity, hasLock, hasPrivateEndpoint, publicAccessOff } from "../checks";
import { publicCallers } from "../reachability/judge";
import { CheckedResource, CheckedScope, PolicyLevel, PolicyRule } from "../types";

// The rule families every service shares; each service file names its own ids and wording.

/** Logs and metrics go to Log Analytics. */
export function diagnosticsRule(id: string, resourceTypes: string[], what: string, level: PolicyLevel = "error"): PolicyRule {
  return {
    id,
    level,
    resourceTypes,
    title: `${what} send logs and metrics to Log Analytics`,
    remediation: "keep the construct's `diagnostics` default (the stack's Monitoring) or pass `diagnostics: { destination }`",
    check: hasDiagnostics,
  };
}

/** Stateful resources carry a CanNotDelete lock in prod. */
export function prodLockRule(id: string, resourceTypes: string[], what: string): PolicyRule {
  return {
    id,
    level: "error",
    resourceTypes,
    profiles: ["prod"],
    title: `${what} are protected by a CanNotDelete lock in prod`,
    remediation: "keep the construct's `lock` default in the prod profile or set `lock: true`",
    check: hasLock,
  };
}

/** Data-plane traffic stays on the private network in prod. */
export function prodPrivateEndpointRule(id: string, resourceTypes: string[], what: string, level: PolicyLevel = "error"): PolicyRule {
  return {
    id,
    level,
    resourceTypes,
    profiles: ["prod"],
    title: `${what} are reached through a private endpoint in prod`,
    remediation: "use the prod profile's network (IntegrationContext `network`) or pass `privateEndpoint: { subnetId }`",
    check: hasPrivateEndpoint,
  };
}

const CLOSE = "`publicNetworkAccess: false`";
const PUBLIC_ACCESS_REMEDIATION = "give the construct a private endpoint (public access then defaults to off) or set `publicNetworkAccess: false`";

/**
 * The public endpoint is closed in prod. The remediation follows the resource's state: a resource
 * with a private endpoint only needs public access off, and callers that reach it over the public
 * endpoint (recorded flows) are named, since closing it cuts them off.
 */
export function prodPublicAccessRule(id: string, resourceTypes: string[], what: string, path?: string): PolicyRule {
  return {
    id,
    level: "error",
    resourceTypes,
    profiles: ["prod"],
    title: `${what} disable public network access in prod`,
    remediation: PUBLIC_ACCESS_REMEDIATION,
    check: publicAccessOff(path),
    closesPublicEndpoint: true,
    remediationFor: publicAccessRemediation,
  };
}

function publicAccessRemediation(resource: CheckedResource, scope: CheckedScope): string {
  const callers = publicCallers(resource, scope);
  const privateEndpoint = hasPrivateEndpoint(resource, scope);
  if (callers.length === 0) return privateEndpoint ? `it already has a private endpoint: set ${CLOSE}` : PUBLIC_ACCESS_REMEDIATION;
  const who = callers.map((c) => `${c.caller} (${c.runsIn})`).join(", ");
  const close = privateEndpoint ? `set ${CLOSE} (it already has a private endpoint)` : PUBLIC_ACCESS_REMEDIATION;
  return (
    `${who} reach it over the public endpoint and cannot use a private one: move them first (e.g. Logic Apps Standard, VNet integration), ` +
    `then ${close}; or keep it open and record why with recordHole`
  );
}

/** A managed identity authenticates the resource to others, instead of keys. */
export function identityRule(id: string, resourceTypes: string[], what: string, level: PolicyLevel = "warning"): PolicyRule {
  return {
    id,
    level,
    resourceTypes,
    title: `${what} have a managed identity`,
    remediation: "keep the construct's `identity` default (system-assigned) or pass `identity: { userAssigned: [...] }`",
    check: hasIdentity,
  };
}
