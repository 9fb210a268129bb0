import { DeployerPosition } from "../../../constructs/core/deployer";
import { ProfileName } from "../../../constructs/core/profiles";
import { valueAt } from "../../../policy/checks";
import { TerraformGraph, TerraformJson } from "../../../constructs/core/terraform-graph";
import { appliesTo } from "../../../policy/policy-pack";
import { RULES } from "../../../policy/rules";
import { CheckedResource, CheckedScope, PolicyRule, ResourceConfig } from "../../../policy/types";

/**
 * Table-driven tests of the policy rules: every rule gets configurations that comply and
 * configurations that violate, checked as the PolicyPack checks them (type, profile, check).
 */

/** One configuration of the resource a rule looks at. */
export interface RuleCase {
  /** What the case shows, e.g. "network_rules as a one-element list". */
  readonly name: string;
  /** The resource's synthesized Terraform JSON (snake_case keys). */
  readonly config: ResourceConfig;
  /** Resource types to run the case for. @default every type of the rule */
  readonly types?: readonly string[];
  /** Profile in force where the resource is defined. @default "prod" (every rule applies) */
  readonly profile?: ProfileName;
  /** Other resources in the scope, e.g. a diagnostic setting targeting `self`. */
  readonly with?: (self: CheckedResource) => CheckedResource[];
  /** The deployer of the scope. @default public, no egress ranges, the principal Terraform runs as */
  readonly deployer?: DeployerPosition;
}

export interface RuleTable {
  readonly id: string;
  /** Compliant configurations: the rule applies and does not fire. */
  readonly pass: readonly RuleCase[];
  /** Violating configurations: the rule fires. */
  readonly fail: readonly RuleCase[];
  /** Configurations the check rejects but the rule does not apply to (another profile): no finding. */
  readonly notApplicable?: readonly RuleCase[];
}

/** The rule with `id`; throws for an unknown id so a typo fails loudly. */
export function ruleById(id: string): PolicyRule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id} in RULES`);
  return rule;
}

/** A resource as the pack sees it, at address `<type>.<name>`. */
export function checked(type: string, config: ResourceConfig, profile: ProfileName = "prod", name = "Subject"): CheckedResource {
  return { type, address: `${type}.${name}`, path: `test/${name}/Resource`, config, profile };
}

/** A Terraform reference to an attribute of a resource, as it appears in synthesized JSON. */
export function ref(address: string, attribute = "id"): string {
  return `\${${address}.${attribute}}`;
}

/** A reference whose value is only known at deploy time (e.g. a variable or another resource's id). */
export const TOKEN = "${azurerm_resource_group.Shared.id}";

/** The scope over `resources`, with `referencing` as policy-pack.ts computes it. */
export function scopeOf(resources: readonly CheckedResource[], deployer?: DeployerPosition): CheckedScope {
  return {
    resources,
    deployer,
    referencing: (type, attribute, target) => {
      const id = ref(target.address);
      return resources.filter((r) => {
        if (r.type !== type) return false;
        const value = valueAt(r.config, attribute);
        return typeof value === "string" && (value === id || value.startsWith(`${id}/`));
      });
    },
    // The resources given, and what TOKEN names (tables use it as "a value known at deploy time").
    declares: (reference) => reference === "azurerm_resource_group.Shared" || resources.some((r) => r.address === reference),
    graph: TerraformGraph.of(jsonOf(resources)),
  };
}

/** The stack JSON that holds `resources` (outputs as `output.<name>`), for the graph. */
export function jsonOf(resources: readonly CheckedResource[]): TerraformJson {
  const resource: Record<string, Record<string, unknown>> = {};
  const data: Record<string, Record<string, unknown>> = {};
  const output: Record<string, unknown> = {};
  for (const r of resources) {
    const [kind, type, name] = r.address.split(".");
    if (kind === "output") output[type] = r.config;
    else if (kind === "data") (data[type] ??= {})[name] = r.config;
    else (resource[kind] ??= {})[type] = r.config;
  }
  return { resource, data, output };
}

/** Whether the pack reports `rule` on `resource`: the type and profile match and the check fails. */
export function fires(rule: PolicyRule, resource: CheckedResource, scope: CheckedScope): boolean {
  return applies(rule, resource) && !rule.check(resource, scope);
}

export function applies(rule: PolicyRule, resource: CheckedResource): boolean {
  return appliesTo(rule, resource.type) && (!rule.profiles || rule.profiles.includes(resource.profile));
}

// --- Resources other rules look for -------------------------------------------------------

/** A diagnostic setting sending `target` (or its sub-resource `suffix`, e.g. `/blobServices/default`) to Log Analytics. */
export function diagnosticSettingFor(target: CheckedResource, suffix = "", name = "Diagnostics"): CheckedResource {
  return checked(
    "azurerm_monitor_diagnostic_setting",
    { name: "diag-log-analytics", target_resource_id: `${ref(target.address)}${suffix}`, log_analytics_workspace_id: "/ws", enabled_metric: [{ category: "AllMetrics" }] },
    target.profile,
    name,
  );
}

/** A CanNotDelete lock on `target`. */
export function lockFor(target: CheckedResource, name = "Lock"): CheckedResource {
  return checked("azurerm_management_lock", { name: "lock", scope: ref(target.address), lock_level: "CanNotDelete" }, target.profile, name);
}

/** A private endpoint to `target`, its `private_service_connection` block rendered as an object or a one-element list. */
export function privateEndpointFor(target: CheckedResource, rendering: "object" | "list" = "object", name = "PrivateEndpoint"): CheckedResource {
  const connection = { name: "psc", is_manual_connection: false, private_connection_resource_id: ref(target.address), subresource_names: ["x"] };
  return checked(
    "azurerm_private_endpoint",
    { name: "pe", subnet_id: "/subnets/pe", private_service_connection: rendering === "object" ? connection : [connection] },
    target.profile,
    name,
  );
}

/** A second resource of the same type, which the dependents below point at instead of the subject. */
function sibling(target: CheckedResource): CheckedResource {
  return checked(target.type, {}, target.profile, "Other");
}

// --- Tables of the shared rule families (common.ts) ---------------------------------------------

/** `diagnosticsRule`: a diagnostic setting must target the resource or one of its sub-resources; every profile. */
export function diagnosticsTable(id: string): RuleTable {
  return {
    id,
    pass: [
      { name: "a diagnostic setting targets its id", config: {}, with: (self) => [diagnosticSettingFor(self)] },
      { name: "a diagnostic setting targets a sub-resource (…/blobServices/default)", config: {}, with: (self) => [diagnosticSettingFor(self, "/blobServices/default")] },
      { name: "in dev too", config: {}, profile: "dev", with: (self) => [diagnosticSettingFor(self)] },
    ],
    fail: [
      { name: "no diagnostic setting", config: {} },
      { name: "no diagnostic setting, in dev", config: {}, profile: "dev" },
      { name: "the diagnostic setting targets another resource of the type", config: {}, with: (self) => [sibling(self), diagnosticSettingFor(sibling(self))] },
      {
        name: "the setting names its `name`, not its id",
        config: {},
        with: (self) => [checked("azurerm_monitor_diagnostic_setting", { target_resource_id: ref(self.address, "name") }, self.profile, "Diagnostics")],
      },
      { name: "a lock and a private endpoint are no diagnostic setting", config: {}, with: (self) => [lockFor(self), privateEndpointFor(self)] },
    ],
  };
}

/** `prodLockRule`: a management lock must cover the resource in prod. */
export function lockTable(id: string): RuleTable {
  return {
    id,
    pass: [
      { name: "a lock scoped to its id", config: {}, with: (self) => [lockFor(self)] },
      { name: "a lock on a child of it", config: {}, with: (self) => [checked("azurerm_management_lock", { scope: `${ref(self.address)}/child/x` }, self.profile, "Lock")] },
    ],
    fail: [
      { name: "no lock", config: {} },
      { name: "the lock is on another resource of the type", config: {}, with: (self) => [sibling(self), lockFor(sibling(self))] },
      { name: "a diagnostic setting is no lock", config: {}, with: (self) => [diagnosticSettingFor(self)] },
    ],
    notApplicable: [{ name: "no lock in dev (prod-only)", config: {}, profile: "dev" }],
  };
}

/** `prodPrivateEndpointRule`: a private endpoint must connect to the resource in prod. */
export function privateEndpointTable(id: string): RuleTable {
  return {
    id,
    pass: [
      { name: "private_service_connection as an object", config: {}, with: (self) => [privateEndpointFor(self, "object")] },
      { name: "private_service_connection as a one-element list", config: {}, with: (self) => [privateEndpointFor(self, "list")] },
    ],
    fail: [
      { name: "no private endpoint", config: {} },
      { name: "the endpoint connects to another resource of the type", config: {}, with: (self) => [sibling(self), privateEndpointFor(sibling(self))] },
      { name: "a lock is no private endpoint", config: {}, with: (self) => [lockFor(self)] },
    ],
    notApplicable: [{ name: "no private endpoint in dev (prod-only)", config: {}, profile: "dev" }],
  };
}

/** `prodPublicAccessRule`: `public_network_access_enabled` must be false in prod; absent fails (Azure defaults to on). */
export function publicAccessTable(id: string): RuleTable {
  return {
    id,
    pass: [
      { name: "public_network_access_enabled false", config: { public_network_access_enabled: false } },
      { name: "public_network_access_enabled is a reference", config: { public_network_access_enabled: "${var.public_access}" } },
    ],
    fail: [
      { name: "public_network_access_enabled true", config: { public_network_access_enabled: true } },
      { name: "public_network_access_enabled absent (Azure default: on)", config: {} },
    ],
    notApplicable: [{ name: "public access on in dev (prod-only)", config: { public_network_access_enabled: true }, profile: "dev" }],
  };
}

/** `identityRule`: an `identity` block with a type; every profile. */
export function identityTable(id: string): RuleTable {
  return {
    id,
    pass: [
      { name: "identity as an object (SystemAssigned)", config: { identity: { type: "SystemAssigned" } } },
      { name: "identity as a one-element list (UserAssigned)", config: { identity: [{ type: "UserAssigned", identity_ids: [TOKEN] }] } },
      { name: "identity type is a reference", config: { identity: { type: "${var.identity_type}" } } },
      { name: "in dev too", config: { identity: { type: "SystemAssigned, UserAssigned", identity_ids: [TOKEN] } }, profile: "dev" },
    ],
    fail: [
      { name: "identity absent", config: {} },
      { name: "identity absent, in dev", config: {}, profile: "dev" },
      { name: "identity as an empty list", config: { identity: [] } },
      { name: "identity with an empty type", config: { identity: { type: "" } } },
      { name: "identity without a type", config: { identity: [{ identity_ids: [TOKEN] }] } },
    ],
  };
}

// --- Running tables ---------------------------------------------------------------------------

type Row = [label: string, rule: PolicyRule, type: string, testCase: RuleCase];

function rowsOf(rule: PolicyRule, cases: readonly RuleCase[] = []): Row[] {
  return cases.flatMap((c) => (c.types ?? rule.resourceTypes).map((type): Row => [`${type}: ${c.name}`, rule, type, c]));
}

/** The subject resource of a case and the scope it is checked in. */
export function subjectOf(type: string, c: RuleCase): { resource: CheckedResource; scope: CheckedScope } {
  const resource = checked(type, c.config, c.profile ?? "prod");
  return { resource, scope: scopeOf([resource, ...(c.with?.(resource) ?? [])], c.deployer) };
}

/** A `describe` per table: each compliant case must not fire, each violating case must. */
export function runRuleTables(tables: readonly RuleTable[]): void {
  for (const table of tables) {
    const rule = ruleById(table.id);
    describe(`${rule.id} (${rule.level}${rule.profiles ? `, ${rule.profiles.join("/")} only` : ""}): ${rule.title}`, () => {
      test.each(rowsOf(rule, table.pass))("complies — %s", (_label, r, type, c) => {
        const { resource, scope } = subjectOf(type, c);
        expect(applies(r, resource)).toBe(true);
        expect(r.check(resource, scope)).toBe(true);
        expect(fires(r, resource, scope)).toBe(false);
      });
      test.each(rowsOf(rule, table.fail))("violates — %s", (_label, r, type, c) => {
        const { resource, scope } = subjectOf(type, c);
        expect(r.check(resource, scope)).toBe(false);
        expect(fires(r, resource, scope)).toBe(true);
      });
      const notApplicable = rowsOf(rule, table.notApplicable);
      if (notApplicable.length > 0) {
        test.each(notApplicable)("does not apply — %s", (_label, r, type, c) => {
          const { resource, scope } = subjectOf(type, c);
          // The check alone would reject it; only the profile scoping keeps the finding away.
          expect(r.check(resource, scope)).toBe(false);
          expect(applies(r, resource)).toBe(false);
          expect(fires(r, resource, scope)).toBe(false);
        });
      }
    });
  }
}

/** A case a rule once got wrong (found in the rule review); kept as a regression test. */
export interface KnownDefect {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly config: ResourceConfig;
  /** What the rule should do with the config. */
  readonly should: "comply" | "violate";
  readonly profile?: ProfileName;
}

export function runKnownDefects(defects: readonly KnownDefect[]): void {
  if (defects.length === 0) return;
  describe("regressions from the rule review", () => {
    // So that a failing test below cannot "pass" for the wrong reason (a type or profile the rule skips).
    test.each(defects.map((d): [string, KnownDefect] => [`${d.id} — ${d.type}: ${d.name}`, d]))("the rule applies to the case — %s", (_label, d) => {
      expect(applies(ruleById(d.id), checked(d.type, d.config, d.profile ?? "prod"))).toBe(true);
    });
    for (const d of defects) {
      test(`${d.id} should ${d.should} — ${d.type}: ${d.name}`, () => {
        const { resource, scope } = subjectOf(d.type, { name: d.name, config: d.config, profile: d.profile });
        expect(fires(ruleById(d.id), resource, scope)).toBe(d.should === "violate");
      });
    }
  });
}
