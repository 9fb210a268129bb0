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

/** What a shared family rule checks: resource types, and how its title names them ("Storage accounts"). */
export interface RuleTarget {
  readonly resourceTypes: string[];
  readonly what: string;
}

/** A family in {@link sharedRules}: `true` for its defaults, or another level or target. */
export type SharedFamily = true | { readonly level?: PolicyLevel; readonly target?: RuleTarget };

/**
 * The shared families a service has, each with its fixed number. Leave a family out where the
 * service lacks the setting: its number is skipped.
 */
export interface SharedFamilies {
  /** `020` ({@link diagnosticsRule}). @default absent */
  readonly diagnostics?: SharedFamily;
  /** `021` ({@link prodLockRule}, always an error). @default absent */
  readonly lock?: true | { readonly target?: RuleTarget };
  /** `022` ({@link prodPrivateEndpointRule}). @default absent */
  readonly privateEndpoint?: SharedFamily;
  /** `023` ({@link prodPublicAccessRule} on the service's own switch, always an error). @default absent */
  readonly publicAccess?: true | { readonly target?: RuleTarget };
  /** `024` ({@link identityRule}). @default absent */
  readonly identity?: SharedFamily;
}

/**
 * A service's shared family rules, `AIC-<service>-020` to `-024` in number order, on `resourceTypes`
 * (named `what` in the titles) unless a family names another target: the one way a rule file
 * declares them, so ids, titles and levels follow the scheme in policy/README.md.
 */
export function sharedRules(service: string, resourceTypes: string[], what: string, families: SharedFamilies): PolicyRule[] {
  const id = (number: number) => `AIC-${service}-0${number}`;
  const on = (family: { readonly target?: RuleTarget } | true): RuleTarget =>
    (family === true ? undefined : family.target) ?? { resourceTypes, what };
  const level = (family: SharedFamily): PolicyLevel | undefined => (family === true ? undefined : family.level);
  const rules: PolicyRule[] = [];
  const { diagnostics, lock, privateEndpoint, publicAccess, identity } = families;
  if (diagnostics) rules.push(diagnosticsRule(id(20), on(diagnostics).resourceTypes, on(diagnostics).what, level(diagnostics)));
  if (lock) rules.push(prodLockRule(id(21), on(lock).resourceTypes, on(lock).what));
  if (privateEndpoint) {
    rules.push(prodPrivateEndpointRule(id(22), on(privateEndpoint).resourceTypes, on(privateEndpoint).what, level(privateEndpoint)));
  }
  if (publicAccess) rules.push(prodPublicAccessRule(id(23), on(publicAccess).resourceTypes, on(publicAccess).what));
  if (identity) rules.push(identityRule(id(24), on(identity).resourceTypes, on(identity).what, level(identity)));
  return rules;
}
