import { TerraformResource, TerraformStack } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { KeyVault } from "../../../constructs/key-vault";
import { StorageAccount } from "../../../constructs/storage";
import { hasDiagnostics, hasLock, hasPrivateEndpoint } from "../../../policy/checks";
import { PolicyPack } from "../../../policy/policy-pack";
import { RULES } from "../../../policy/rules";
import { PolicyRule } from "../../../policy/types";
import { PROD_CONTEXT, WORKSPACE_ID, makeStack } from "../../helpers";

// The rules that look across resources (diagnostic settings, locks, private endpoints), checked
// by the real PolicyPack over real cdktf stacks: references are the tokens cdktf resolves.

interface Family {
  readonly name: string;
  readonly check: PolicyRule["check"];
  /** Adds the resource that satisfies the family's rules for the resource with `targetId`. */
  readonly satisfy: (stack: TerraformStack, targetId: string) => void;
}

const FAMILIES: readonly Family[] = [
  {
    name: "diagnostic setting",
    check: hasDiagnostics,
    satisfy: (stack, targetId) =>
      new MonitorDiagnosticSetting(stack, "Diagnostics", { name: "diag", targetResourceId: targetId, logAnalyticsWorkspaceId: WORKSPACE_ID, enabledMetric: [{ category: "AllMetrics" }] }),
  },
  {
    name: "management lock",
    check: hasLock,
    satisfy: (stack, targetId) => new ManagementLock(stack, "Lock", { name: "lock", scope: targetId, lockLevel: "CanNotDelete" }),
  },
  {
    name: "private endpoint",
    check: hasPrivateEndpoint,
    satisfy: (stack, targetId) =>
      new PrivateEndpoint(stack, "PrivateEndpoint", {
        name: "pe",
        location: "westeurope",
        resourceGroupName: "rg-test",
        subnetId: PROD_CONTEXT.network?.privateEndpointSubnetId ?? "/subnets/pe",
        privateServiceConnection: { name: "psc", isManualConnection: false, privateConnectionResourceId: targetId, subresourceNames: ["x"] },
      }),
  },
];

const ROWS = FAMILIES.flatMap((family) =>
  RULES.filter((rule) => rule.check === family.check).flatMap((rule) => rule.resourceTypes.map((type): [string, string, PolicyRule, Family] => [rule.id, type, rule, family])),
);

/** A stack with one resource of `type` at `test/Target` (any type: cdktf's generic TerraformResource). */
function stackWithTarget(type: string, profile: "dev" | "prod"): { stack: TerraformStack; target: TerraformResource } {
  const stack = makeStack({ profile });
  return { stack, target: new TerraformResource(stack, "Target", { terraformResourceType: type }) };
}

const findingsOf = (stack: TerraformStack, rule: PolicyRule) =>
  PolicyPack.apply(stack, { rules: [rule] })
    .report()
    .findings.map((f) => ({ ruleId: f.ruleId, address: f.address, path: f.path }));

describe("cross-resource rules over a real stack", () => {
  test("every diagnostics, lock and private-endpoint rule of the pack is covered here", () => {
    const covered = new Set(ROWS.map(([id]) => id));
    const expected = RULES.filter((r) => FAMILIES.some((f) => f.check === r.check)).map((r) => r.id);
    expect([...covered].sort()).toEqual([...new Set(expected)].sort());
    expect(covered.size).toBeGreaterThanOrEqual(30);
  });

  describe.each(ROWS)("%s on %s", (id, type, rule, family) => {
    test(`fires in prod without a ${family.name}`, () => {
      const { stack } = stackWithTarget(type, "prod");
      expect(findingsOf(stack, rule)).toEqual([{ ruleId: id, address: `${type}.Target`, path: "test/Target" }]);
    });

    test(`does not fire with a ${family.name} on the resource's id`, () => {
      const { stack, target } = stackWithTarget(type, "prod");
      family.satisfy(stack, target.getStringAttribute("id"));
      expect(findingsOf(stack, rule)).toEqual([]);
    });

    test(`a ${family.name} on another resource of the type does not count`, () => {
      const { stack } = stackWithTarget(type, "prod");
      const other = new TerraformResource(stack, "Other", { terraformResourceType: type });
      family.satisfy(stack, other.getStringAttribute("id"));
      expect(findingsOf(stack, rule)).toEqual([{ ruleId: id, address: `${type}.Target`, path: "test/Target" }]);
    });

    test(`a ${family.name} on the resource's name, not id, does not count`, () => {
      const { stack, target } = stackWithTarget(type, "prod");
      family.satisfy(stack, target.getStringAttribute("name"));
      expect(findingsOf(stack, rule)).toHaveLength(1);
    });

    if (rule.profiles) {
      test(`does not apply in dev (${rule.profiles.join("/")} only)`, () => {
        const { stack } = stackWithTarget(type, "dev");
        expect(findingsOf(stack, rule)).toEqual([]);
      });
    } else {
      test("applies in dev too", () => {
        const { stack } = stackWithTarget(type, "dev");
        expect(findingsOf(stack, rule)).toHaveLength(1);
      });
    }
  });

  test("a diagnostic setting on a sub-resource (…/blobServices/default) counts for the account", () => {
    const rule = RULES.find((r) => r.id === "AIC-ST-020") as PolicyRule;
    const { stack, target } = stackWithTarget("azurerm_storage_account", "prod");
    FAMILIES[0].satisfy(stack, `${target.getStringAttribute("id")}/blobServices/default`);
    expect(findingsOf(stack, rule)).toEqual([]);
  });

  test("an escape hatch that renders private_service_connection as a one-element list still counts", () => {
    const rule = RULES.find((r) => r.id === "AIC-KV-022") as PolicyRule;
    const { stack, target } = stackWithTarget("azurerm_key_vault", "prod");
    const pe = new PrivateEndpoint(stack, "PrivateEndpoint", {
      name: "pe",
      location: "westeurope",
      resourceGroupName: "rg-test",
      subnetId: "/subnets/pe",
      privateServiceConnection: { name: "psc", isManualConnection: false, privateConnectionResourceId: "/placeholder" },
    });
    pe.addOverride("private_service_connection", [{ name: "psc", is_manual_connection: false, private_connection_resource_id: target.getStringAttribute("id") }]);
    expect(findingsOf(stack, rule)).toEqual([]);
  });
});

/** The cross-resource findings (diagnostics, lock, private endpoint) of a report. */
const CROSS_RESOURCE = new Set(RULES.filter((r) => FAMILIES.some((f) => f.check === r.check)).map((r) => r.id));
const crossResourceIds = (pack: PolicyPack) => [...new Set(pack.report().findings.map((f) => f.ruleId).filter((id) => CROSS_RESOURCE.has(id)))].sort();

describe("cross-resource rules on the constructs", () => {
  test("prod defaults of KeyVault and StorageAccount satisfy them (diagnostics, lock, private endpoint)", () => {
    const stack = makeStack({ ...PROD_CONTEXT });
    new KeyVault(stack, "Vault");
    new StorageAccount(stack, "Data");
    expect(crossResourceIds(PolicyPack.apply(stack))).toEqual([]);
  });

  test("a prod KeyVault without diagnostics, lock or private endpoint fails KV-020, KV-021 and KV-022", () => {
    const stack = makeStack({ ...PROD_CONTEXT });
    new KeyVault(stack, "Vault", { diagnostics: false, lock: false, privateEndpoint: false });
    expect(crossResourceIds(PolicyPack.apply(stack))).toEqual(["AIC-KV-020", "AIC-KV-021", "AIC-KV-022"]);
  });

  test("a prod StorageAccount without diagnostics, lock or private endpoint fails ST-020, ST-021 and ST-022", () => {
    const stack = makeStack({ ...PROD_CONTEXT });
    new StorageAccount(stack, "Data", { diagnostics: false, lock: false, privateEndpoint: false });
    expect(crossResourceIds(PolicyPack.apply(stack))).toEqual(["AIC-ST-020", "AIC-ST-021", "AIC-ST-022"]);
  });

  test("in dev, only the diagnostics rules apply: no lock or private endpoint needed", () => {
    const stack = makeStack({ diagnostics: { logAnalyticsWorkspaceId: WORKSPACE_ID } });
    new KeyVault(stack, "Vault", { lock: false, privateEndpoint: false });
    new StorageAccount(stack, "Data", { lock: false, privateEndpoint: false });
    expect(crossResourceIds(PolicyPack.apply(stack))).toEqual([]);

    const noDiagnostics = makeStack();
    new KeyVault(noDiagnostics, "Vault", { diagnostics: false });
    new StorageAccount(noDiagnostics, "Data", { diagnostics: false });
    expect(crossResourceIds(PolicyPack.apply(noDiagnostics))).toEqual(["AIC-KV-020", "AIC-ST-020"]);
  });

  test("a lock and a private endpoint added in prod make the findings go away", () => {
    const stack = makeStack({ ...PROD_CONTEXT });
    new KeyVault(stack, "Vault", { lock: false, privateEndpoint: false });
    expect(crossResourceIds(PolicyPack.apply(stack))).toEqual(["AIC-KV-021", "AIC-KV-022"]);

    const fixed = makeStack({ ...PROD_CONTEXT });
    const vault = new KeyVault(fixed, "Vault", { lock: false, privateEndpoint: false });
    expect(vault.lock ?? vault.privateEndpoint).toBeUndefined();
    FAMILIES[1].satisfy(fixed, vault.id);
    FAMILIES[2].satisfy(fixed, vault.id);
    expect(crossResourceIds(PolicyPack.apply(fixed))).toEqual([]);
  });
});
