import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
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

// --- The attributes the tables (and so the rules) use exist in the provider binding ------------

// Asked of the binding itself at run time, not read from its .d.ts text: the same generator makes
// the cdktf and the CDK Terrain bindings, so this holds for both flavours (and their azurerm pins).
interface Binding {
  /** Top-level arguments of the resource, snake_case, as its synthesizeAttributes() writes them. */
  readonly arguments: ReadonlySet<string>;
  /** The attributes of the nested block (or object attribute) at `path`; undefined for anything else. */
  readonly nested: (path: readonly string[]) => ReadonlySet<string> | undefined;
}

const BINDINGS = new Map<string, Binding>();
const PROVIDER_LIB = path.dirname(require.resolve("@cdktf/provider-azurerm/lib/provider"));
const PROBE = new TerraformStack(Testing.app(), "probe");

const pascal = (snake: string) => snake.replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());

type ResourceClass = (new (scope: TerraformStack, id: string, config: object) => { synthesizeAttributes(): Record<string, unknown> }) & {
  tfResourceType?: string;
};

function bindingOf(type: string): Binding {
  const cached = BINDINGS.get(type);
  if (cached) return cached;
  const module = jest.requireActual<Record<string, unknown>>(path.join(PROVIDER_LIB, "..", type.replace(/^azurerm_/, "").replace(/_/g, "-")));
  const found = Object.entries(module).find(([, v]) => typeof v === "function" && (v as ResourceClass).tfResourceType === type);
  if (!found) throw new Error(`the binding has no resource class for ${type}`);
  const [className, Resource] = found as [string, ResourceClass];
  // Generated code maps a nested block with `<resourceClass><Block...>ToTerraform`, which returns every attribute it knows.
  const prefix = className[0].toLowerCase() + className.slice(1);
  const binding: Binding = {
    arguments: new Set(Object.keys(new Resource(PROBE, `${className}${BINDINGS.size}`, {}).synthesizeAttributes())),
    nested: (blockPath) => {
      const mapper = module[`${prefix}${blockPath.map(pascal).join("")}ToTerraform`];
      return typeof mapper === "function" ? new Set(Object.keys(mapper({}) as object)) : undefined;
    },
  };
  BINDINGS.set(type, binding);
  return binding;
}

/** Attribute paths in `config` that the binding of `type` does not know. */
/** Terraform's meta-arguments: on every resource, in no binding. */
const META_ARGUMENTS = ["depends_on", "lifecycle", "provider", "count", "for_each"];

function unknownAttributes(type: string, config: ResourceConfig): string[] {
  const binding = bindingOf(type);
  const unknown: string[] = [];
  const walk = (value: unknown, known: ReadonlySet<string>, blockPath: readonly string[]) => {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        if (!known.has(key)) {
          unknown.push([...blockPath, key].join("."));
          continue;
        }
        // Maps (tags, app settings) and plain values have no mapper: their keys are the user's.
        const nested = binding.nested([...blockPath, key]);
        if (nested) walk(child, nested, [...blockPath, key]);
      }
    }
  };
  walk(config, new Set([...binding.arguments, ...META_ARGUMENTS]), []);
  return unknown;
}

describe("every attribute the tables set exists on the resource in the provider binding", () => {
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

test("the attribute check itself: it finds unknown arguments and nested attributes, in object and list form, and leaves maps alone", () => {
  const config = {
    name: "st",
    tagz: {},
    tags: { anything: "goes" },
    network_rules: { default_action: "Deny", bypas: ["AzureServices"], private_link_access: [{ endpoint_resource_id: "x", endpoint_tenant: "y" }] },
    blob_properties: [{ delete_retention_policy: { days: 7, dayz: 1 } }],
  };
  expect(unknownAttributes("azurerm_storage_account", config)).toEqual([
    "tagz",
    "network_rules.bypas",
    "network_rules.private_link_access.endpoint_tenant",
    "blob_properties.delete_retention_policy.dayz",
  ]);
});
