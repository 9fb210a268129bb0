import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Aspects, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { KeyVault } from "../../constructs/key-vault";
import { StorageAccount } from "../../constructs/storage";
import { POLICY_REPORT_FILE, PolicyPack } from "../../policy/policy-pack";
import { RULES } from "../../policy/rules";
import { IntegrationContext } from "../../constructs/core/context";
import { recordSuppression } from "../../constructs/core/suppressions";
import { makeStack, messageOf, PROD_CONTEXT, RESOURCE_GROUP, withProvider } from "../helpers";

describe("the rule pack", () => {
  test("has at least 60 rules with unique ids, a title and a remediation each", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^AIC-[A-Z]+-\d{3}$/);
      expect(rule.title.length).toBeGreaterThan(20);
      expect(rule.remediation.length).toBeGreaterThan(10);
      for (const type of rule.resourceTypes) expect(type).toMatch(/^(azurerm_[a-z0-9_]+|terraform_output|terraform_data|aic_flow|aic_reference|\*)$/);
    }
  });
});

describe("PolicyPack", () => {
  test("secure defaults pass: no findings for a default storage account and key vault", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    new StorageAccount(stack, "Data");
    new KeyVault(stack, "Vault");
    const pack = PolicyPack.apply(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(pack.report().findings).toEqual([]);
  });

  test("an escape-hatch override that weakens a resource fails synthesis, naming the path, rule and fix", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    const storage = new StorageAccount(stack, "Data");
    storage.resource.addOverride("shared_access_key_enabled", true);
    PolicyPack.apply(stack);
    expect(() => Testing.synth(stack, true)).toThrow(
      "test/Data/Resource: [AIC-ST-001] Storage accounts disable shared key access (Entra ID only); do not set `sharedAccessKeyEnabled` back to true",
    );
  });

  test("a property set after construction is seen too (rules read the final JSON)", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    new KeyVault(stack, "Vault").resource.purgeProtectionEnabled = false;
    const pack = PolicyPack.apply(stack);
    expect(pack.report().findings.map((f) => f.ruleId)).toEqual(["AIC-KV-002"]);
  });

  test("warnings do not fail synthesis; they are reported and annotated", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    new StorageAccount(stack, "Data", { firewallDefaultAction: "Allow" });
    const pack = PolicyPack.apply(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(pack.report()).toMatchObject({ summary: { errors: 0, warnings: 1, suppressed: 0 }, findings: [{ ruleId: "AIC-ST-005", level: "warning", path: "test/Data/Resource" }] });
    expect(stack.node.metadata.map((m) => m.data)).toContain(
      'test/Data/Resource: [AIC-ST-005] Storage account firewalls deny by default; keep `firewallDefaultAction: "Deny"` and list `allowedIpRanges`',
    );
  });

  test("prod-only rules apply in the prod profile: locks, private endpoints, zone and geo redundancy", () => {
    const stack = makeStack({ ...PROD_CONTEXT });
    new StorageAccount(stack, "Data", { lock: false, privateEndpoint: false, replication: "LRS", publicNetworkAccess: true });
    const pack = PolicyPack.apply(stack);
    expect(pack.report().findings.map((f) => f.ruleId)).toEqual(["AIC-ST-009", "AIC-ST-015", "AIC-ST-021", "AIC-ST-022", "AIC-ST-023"]);
    const dev = makeStack();
    new StorageAccount(dev, "Data", { diagnostics: false });
    expect(PolicyPack.apply(dev).report().findings.map((f) => f.ruleId)).toEqual(["AIC-ST-020"]);
  });

  test("a suppression with a reason turns an error into a reported, accepted finding", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    const vault = new KeyVault(stack, "Vault");
    vault.resource.purgeProtectionEnabled = false;
    PolicyPack.suppress(vault, "AIC-KV-002", "Throwaway vault for integration tests that must be purged at teardown.");
    const pack = PolicyPack.apply(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(pack.report()).toMatchObject({
      summary: { errors: 0, warnings: 0, suppressed: 1 },
      findings: [{ ruleId: "AIC-KV-002", suppressed: { reason: "Throwaway vault for integration tests that must be purged at teardown.", scope: "test/Vault" } }],
    });
  });

  test("suppressions need a known rule and a real reason", () => {
    const stack = makeStack();
    expect(messageOf(() => PolicyPack.suppress(stack, "AIC-XX-999", "Some long enough reason for this rule."))).toBe(
      'test: suppression "AIC-XX-999" names no rule of the policy pack; use a rule id from the report, e.g. AIC-ST-001',
    );
    expect(messageOf(() => PolicyPack.suppress(stack, "AIC-KV-002", "because"))).toBe(
      'test: suppression of AIC-KV-002: reason "because" is not a sentence explaining why; say why the rule cannot hold here, e.g. the Azure or azurerm limit, in at least one sentence',
    );
  });

  test("a construct records a suppression through core; the pack reads it and it stays out of the Terraform JSON", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    const vault = new KeyVault(stack, "Vault");
    vault.resource.purgeProtectionEnabled = false;
    recordSuppression(vault, "AIC-KV-002", "Throwaway vault for integration tests that must be purged at teardown.");
    const pack = PolicyPack.apply(stack);
    const json = Testing.synth(stack, true);
    expect(pack.report()).toMatchObject({ summary: { errors: 0, suppressed: 1 }, findings: [{ ruleId: "AIC-KV-002", suppressed: { scope: "test/Vault" } }] });
    expect(json).not.toContain("Throwaway vault");
  });

  test("a suppression recorded through core needs a rule id, a real reason, and a rule of the pack", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    expect(messageOf(() => recordSuppression(stack, "KV-2", "Some long enough reason for this rule here."))).toBe(
      'test: suppression "KV-2" is not a rule id (AIC-<SERVICE>-<NNN>); use a rule id from the report, e.g. AIC-ST-001',
    );
    expect(messageOf(() => recordSuppression(stack, "AIC-KV-002", "because"))).toContain('reason "because" is not a sentence explaining why');
    const vault = new KeyVault(stack, "Vault");
    recordSuppression(vault, "AIC-XX-999", "Some long enough reason for this rule here.");
    PolicyPack.apply(stack);
    expect(messageOf(() => Testing.synth(stack, true))).toContain('test/Vault: suppression "AIC-XX-999" names no rule of the policy pack');
  });

  test("outputs that carry secrets must be sensitive", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    const storage = new StorageAccount(stack, "Data");
    new TerraformOutput(stack, "key", { value: storage.resource.primaryAccessKey });
    new TerraformOutput(stack, "endpoint", { value: storage.primaryBlobEndpoint });
    new TerraformOutput(stack, "hidden", { value: storage.resource.primaryConnectionString, sensitive: true });
    expect(PolicyPack.apply(stack).report().findings).toEqual([expect.objectContaining({ ruleId: "AIC-SEC-001", address: "output.key" })]);
  });

  test("the report is written next to the stack's Terraform JSON", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-"));
    const app = new App({ outdir, stackTraces: false });
    const own = withProvider(new TerraformStack(app, "reported"));
    IntegrationContext.set(own, { resourceGroup: RESOURCE_GROUP });
    new StorageAccount(own, "Data", { firewallDefaultAction: "Allow", diagnostics: false });
    PolicyPack.suppress(own, "AIC-ST-020", "Diagnostics go to the central workspace through Azure Policy in this subscription.");
    PolicyPack.apply(own);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "reported", POLICY_REPORT_FILE), "utf8"));
    expect(report).toMatchObject({ scope: "reported", summary: { errors: 0, warnings: 1, suppressed: 1 } });
  });

  test("the synthesizer writes the JSON the rules checked, and a change made after an early report is not lost", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-"));
    const app = new App({ outdir, stackTraces: false });
    const own = withProvider(new TerraformStack(app, "handed"));
    IntegrationContext.set(own, { resourceGroup: RESOURCE_GROUP, diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
    new StorageAccount(own, "Data");
    const pack = PolicyPack.apply(own);
    expect(pack.report().findings).toEqual([]);
    new KeyVault(own, "Vault"); // after the report: the synthesizer must still see it
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "handed", "cdk.tf.json"), "utf8"));
    expect(Object.keys(written.resource)).toContain("azurerm_key_vault");
    expect(written).toEqual(JSON.parse(JSON.stringify(own.toTerraform())));
  });

  test("after handing its JSON on, the stack's own toTerraform wrapper (e.g. the lock ordering's) is back in place", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    new StorageAccount(stack, "Data");
    const resolve = stack.toTerraform;
    stack.toTerraform = () => ({ ...resolve.call(stack), marker: true });
    PolicyPack.apply(stack);
    expect(JSON.parse(Testing.synth(stack, true)).marker).toBe(true); // the handed-on JSON came through the wrapper
    expect(JSON.parse(Testing.synth(stack)).marker).toBe(true); // and the wrapper is restored for the next call
  });
});

test("as a plain Aspect, the pack checks the scope it was added to", () => {
  const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
  new KeyVault(stack, "Vault").resource.purgeProtectionEnabled = false;
  Aspects.of(stack).add(new PolicyPack());
  expect(() => Testing.synth(stack, true)).toThrow("test/Vault/Resource: [AIC-KV-002] Key Vaults have purge protection");
});

describe("a stack with an IntegrationContext is checked without PolicyPack.apply", () => {
  function plainApp(policyChecks?: boolean): { app: App; stack: TerraformStack; outdir: string } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "aic-plain-"));
    const app = new App({ outdir, skipValidation: false });
    const stack = withProvider(new TerraformStack(app, "orders"));
    IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "orders", diagnostics: { logAnalyticsWorkspaceId: "/ws" }, policyChecks });
    return { app, stack, outdir };
  }

  test("plain app.synth() fails on an error finding and writes the report only when it passes", () => {
    const { app, stack, outdir } = plainApp();
    new KeyVault(stack, "Vault").resource.purgeProtectionEnabled = false;
    expect(() => app.synth()).toThrow("orders/Vault/Resource: [AIC-KV-002] Key Vaults have purge protection");
    expect(fs.existsSync(path.join(outdir, "stacks/orders/cdk.tf.json"))).toBe(false);
  });

  test("warnings become annotations the cdktf CLI prints, and the report lands next to the stack", () => {
    const { app, stack, outdir } = plainApp();
    new StorageAccount(stack, "Data", { firewallDefaultAction: "Allow" });
    app.synth();
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings.some((w) => w.startsWith("orders/Data/Resource: [AIC-ST-005]"))).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/orders", POLICY_REPORT_FILE), "utf8"));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["AIC-ST-005"]);
  });

  test("PolicyPack.apply returns the stack's pack, so findings are not doubled", () => {
    const { stack } = plainApp();
    new StorageAccount(stack, "Data", { firewallDefaultAction: "Allow" });
    const pack = PolicyPack.apply(stack);
    expect(PolicyPack.apply(stack)).toBe(pack);
    Testing.synth(stack, true);
    expect(pack.report().findings.map((f) => f.ruleId)).toEqual(["AIC-ST-005"]);
  });

  test("policyChecks: false turns the automatic pack off (no finding, no report)", () => {
    const { app, stack, outdir } = plainApp(false);
    new KeyVault(stack, "Vault").resource.purgeProtectionEnabled = false;
    app.synth();
    expect(fs.existsSync(path.join(outdir, "stacks/orders/cdk.tf.json"))).toBe(true);
    expect(fs.existsSync(path.join(outdir, "stacks/orders", POLICY_REPORT_FILE))).toBe(false);
  });
});
