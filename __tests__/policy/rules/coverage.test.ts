import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../../policy/rules";
import { ResourceConfig } from "../../../policy/types";
import { RuleCase, checked, ruleById } from "./harness";
import { ALL_DEFECTS, ALL_TABLES } from "./tables";

const tableIds = ALL_TABLES.map((t) => t.id);

describe("every rule of the pack has a table", () => {
  test.each(RULES.map((r) => [r.id]))("%s has a table", (id) => {
    expect(tableIds).toContain(id);
  });

  test("no rule has two tables, and every table names a rule", () => {
    expect(new Set(tableIds).size).toBe(tableIds.length);
    for (const id of tableIds) expect(() => ruleById(id)).not.toThrow();
    for (const d of ALL_DEFECTS) expect(() => ruleById(d.id)).not.toThrow();
    expect(tableIds.length).toBe(RULES.length);
  });

  test.each(ALL_TABLES.map((t) => [t.id, t]))("%s: each resource type it covers has a compliant and a violating case", (_id, table) => {
    const rule = ruleById(table.id);
    const typesOf = (cases: readonly RuleCase[]) => new Set(cases.flatMap((c) => c.types ?? rule.resourceTypes));
    const pass = typesOf(table.pass);
    const fail = typesOf(table.fail);
    // A rule for every type ("*") shows itself on several concrete types instead.
    const covered = rule.resourceTypes.includes("*") ? [...pass] : rule.resourceTypes;
    for (const type of covered) {
      expect({ type, pass: pass.has(type) }).toEqual({ type, pass: true });
      expect({ type, fail: fail.has(type) }).toEqual({ type, fail: true });
    }
    if (!rule.resourceTypes.includes("*")) for (const type of [...pass, ...fail]) expect(rule.resourceTypes).toContain(type);
  });

  test.each(RULES.filter((r) => r.profiles).map((r) => [r.id, r.profiles]))("%s (only %p) has a case showing it does not fire in another profile", (id, profiles) => {
    const table = ALL_TABLES.find((t) => t.id === id);
    const others = (table?.notApplicable ?? []).filter((c) => !profiles?.includes(c.profile ?? "prod"));
    expect(others.length).toBeGreaterThan(0);
  });
});

// --- The attributes the tables (and so the rules) use exist in the azurerm 4.55 bindings ---------

interface Binding {
  /** Top-level arguments of the resource (its `<Resource>Config` interface). */
  readonly arguments: ReadonlySet<string>;
  /** Every property of every interface in the binding (nested blocks included), with whether it is a map. */
  readonly properties: ReadonlyMap<string, { readonly map: boolean }>;
}

const BINDINGS = new Map<string, Binding>();
const PROVIDER_LIB = path.dirname(require.resolve("@cdktf/provider-azurerm/lib/provider"));

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
/** Terraform meta-arguments: on every resource, in no binding's Config. */
const META_ARGUMENTS = new Set(["for_each", "count", "depends_on", "provider", "lifecycle"]);

function bindingOf(type: string): Binding {
  const cached = BINDINGS.get(type);
  if (cached) return cached;
  const file = path.join(PROVIDER_LIB, "..", type.replace(/^azurerm_/, "").replace(/_/g, "-"), "index.d.ts");
  const text = fs.readFileSync(file, "utf8");
  const configStart = text.search(/export interface \w+Config extends cdktf\.TerraformMetaArguments \{/);
  const configEnd = text.indexOf("\n}\n", configStart);
  const props = (slice: string) => [...slice.matchAll(/readonly (\w+)\??: ([^\n]*)/g)];
  const binding: Binding = {
    arguments: new Set(props(text.slice(configStart, configEnd)).map((m) => m[1])),
    properties: new Map(props(text).map((m) => [m[1], { map: m[2].trim() === "{" }])),
  };
  BINDINGS.set(type, binding);
  return binding;
}

/** Attribute paths in `config` that the binding of `type` does not know. */
function unknownAttributes(type: string, config: ResourceConfig): string[] {
  const binding = bindingOf(type);
  const unknown: string[] = [];
  const walk = (value: unknown, prefix: string, top: boolean) => {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        // Terraform's meta-arguments (depends_on, lifecycle, ...) are on every resource, not in its binding.
        if (top && META_ARGUMENTS.has(key)) continue;
        const name = camel(key);
        const known = top ? binding.arguments.has(name) : binding.properties.has(name);
        if (!known) unknown.push(`${prefix}${key}`);
        else if (!binding.properties.get(name)?.map) walk(child, `${prefix}${key}.`, false);
      }
    }
  };
  walk(config, "", true);
  return unknown;
}

describe("every attribute the tables set exists on the resource in @cdktf/provider-azurerm 14.23 (azurerm 4.55)", () => {
  /** Each resource a case puts in scope: the subject for each of its types, and the resources it brings along. */
  const resourcesOf = (id: string, cases: readonly RuleCase[]) =>
    cases.flatMap((c) =>
      (c.types ?? ruleById(id).resourceTypes).flatMap((type) => {
        const self = checked(type, c.config);
        return [self, ...(c.with?.(self) ?? [])].map((r) => ({ label: `${type}: ${c.name}`, type: r.type, config: r.config }));
      }),
    );

  test.each(ALL_TABLES.map((t) => [t.id, t]))("%s", (id, table) => {
    const problems = resourcesOf(id, [...table.pass, ...table.fail, ...(table.notApplicable ?? [])])
      // Only azurerm resources have azurerm bindings (not outputs, data sources, recorded flows or other providers' resources).
      .filter((r) => r.type.startsWith("azurerm_"))
      .flatMap((r) => unknownAttributes(r.type, r.config).map((a) => `${r.label}: ${r.type} has no ${a}`));
    expect(problems).toEqual([]);
  });

  test("the known-defect cases too", () => {
    const problems = ALL_DEFECTS.filter((d) => d.type.startsWith("azurerm_")).flatMap((d) =>
      unknownAttributes(d.type, d.config).map((a) => `${d.id} ${d.name}: ${d.type} has no ${a}`),
    );
    expect(problems).toEqual([]);
  });
});
