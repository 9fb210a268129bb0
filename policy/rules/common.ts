import { hasDiagnostics, hasIdentity, hasLock, hasPrivateEndpoint, publicAccessOff } from "../checks";
import { PolicyLevel, PolicyRule } from "../types";

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

/** The public endpoint is closed in prod. */
export function prodPublicAccessRule(id: string, resourceTypes: string[], what: string, path?: string): PolicyRule {
  return {
    id,
    level: "error",
    resourceTypes,
    profiles: ["prod"],
    title: `${what} disable public network access in prod`,
    remediation: "give the construct a private endpoint (public access then defaults to off) or set `publicNetworkAccess: false`",
    check: publicAccessOff(path),
  };
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
