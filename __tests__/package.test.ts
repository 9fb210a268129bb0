import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";

// What users install: `npm run build` output plus the dependencies package.json declares.
const ROOT = path.resolve(__dirname, "..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Every TypeScript file the package ships, compiled or (workloads) as source. */
function shippedSources(dir = ROOT): string[] {
  const skipped = new Set(["node_modules", "dist", "__tests__", "scripts", "docs", "cdktf.out", ".build", ".git"]);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : shippedSources(file);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && file !== path.join(ROOT, "main.ts") ? [file] : [];
  });
}

test("every package the library and its workloads import is a dependency or a peer dependency", () => {
  const declared = new Set([...Object.keys(PACKAGE.dependencies ?? {}), ...Object.keys(PACKAGE.peerDependencies ?? {})]);
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const file of shippedSources()) {
    for (const [, imported, required] of fs.readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\b[^;]*?\sfrom\s+"([^".][^"]*)"|\brequire\("([^".][^"]*)"\)/gm)) {
      const specifier = imported ?? required;
      const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
      if (!builtins.has(name.replace(/^node:/, "")) && !declared.has(name)) missing.add(`${name} (${path.relative(ROOT, file)})`);
    }
  }
  expect([...missing]).toEqual([]);
});

test("the package ships the workloads the patterns read at synth", () => {
  expect(PACKAGE.files).toContain("dist/workloads/**");
});

test("built as published, every pattern synthesizes from compiled JavaScript and the copied workloads", () => {
  // Inside node_modules, so the build resolves the installed dependencies as a user's would.
  const out = path.join(ROOT, "node_modules", ".cache", "aic-package-test");
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build.mjs"), "--out-dir", out, "--incremental"], { stdio: "pipe" });
  const outdir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), "package-"));
  const script = `
    // The peer dependencies as the package finds them.
    const load = require("module").createRequire(${JSON.stringify(path.join(out, "index.js"))});
    const { App, TerraformStack, TerraformVariable } = load("cdktf");
    const { AzurermProvider } = load("@cdktf/provider-azurerm/lib/provider");
    const lib = load(${JSON.stringify(out)});
    const admin = { login: "dba", objectId: "11111111-1111-1111-1111-111111111111" };
    const publisher = { name: "Contoso", email: "api@contoso.com" };
    const patterns = {
      "api-gateway": (s) => new lib.ApiGateway(s, "ApiGateway", { publisherName: publisher.name, publisherEmail: publisher.email, jwt: { audience: "api://orders" }, sqlAdministrator: admin }),
      "message-broker": (s) => new lib.MessageBroker(s, "MessageBroker", { apiPublisher: publisher, shippingWebhookUrl: new TerraformVariable(s, "hook", { type: "string", sensitive: true }).stringValue }),
      "event-driven": (s) => new lib.EventDriven(s, "EventDriven", {}),
      "data-pipeline": (s) => new lib.DataPipeline(s, "DataPipeline", { administrator: admin, onPremises: { server: "sql01.corp.example", database: "Sales", userName: "reader" }, api: { url: "https://api.example.com", windowStartTime: "2026-12-01T00:00:00Z" } }),
    };
    const app = new App({ outdir: ${JSON.stringify(outdir)} });
    for (const [name, build] of Object.entries(patterns)) {
      const stack = new TerraformStack(app, name);
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      lib.IntegrationContext.set(stack, {
        resourceGroup: lib.ResourceGroup.fromName("00000000-0000-0000-0000-000000000000", "rg-orders", "westeurope"),
        namePrefix: "contoso",
        diagnostics: { logAnalyticsWorkspaceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" },
      });
      build(stack);
      lib.PolicyPack.apply(stack);
    }
    app.synth();
  `;
  execFileSync(process.execPath, ["-e", script], { cwd: outdir, stdio: "pipe" });
  for (const name of ["api-gateway", "message-broker", "event-driven", "data-pipeline"]) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
    expect(Object.keys(json.resource).length).toBeGreaterThan(5);
  }
  // The function apps were bundled from the shipped TypeScript handlers.
  const eventDriven = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "event-driven", "cdk.tf.json"), "utf8"));
  expect(JSON.stringify(eventDriven)).toContain("onOrderChanged");

  // The entry points, resolved by name through package.json `exports` as a user's require would.
  const installed = path.join(outdir, "node_modules", "azure-integration-cdktf");
  fs.mkdirSync(installed, { recursive: true });
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(installed, "package.json"));
  fs.symlinkSync(out, path.join(installed, "dist"), "dir");
  const entries = `
    const names = (spec) => Object.keys(require(spec)).sort();
    const files = ["azure-integration-cdktf", "azure-integration-cdktf/authoring", "azure-integration-cdktf/app", "azure-integration-cdktf/testing"]
      .map((s) => require.resolve(s));
    const types = files.map((f) => require("fs").existsSync(f.replace(/\\.js$/, ".d.ts")));
    console.log(JSON.stringify({ files: files.map((f) => require("path").basename(f)), types, root: names("azure-integration-cdktf"),
      authoring: names("azure-integration-cdktf/authoring"), app: names("azure-integration-cdktf/app"), testing: names("azure-integration-cdktf/testing") }));
  `;
  const resolved = JSON.parse(execFileSync(process.execPath, ["-e", entries], { cwd: outdir, encoding: "utf8" }));
  expect(resolved.files).toEqual(["index.js", "authoring.js", "app.js", "testing.js"]);
  expect(resolved.types).toEqual([true, true, true, true]);
  expect(resolved.root).toEqual(expect.arrayContaining(["PolicyPack", "IntegrationContext", "ServiceBusNamespace"]));
  expect(resolved.authoring).toEqual(expect.arrayContaining(["invalid", "grantRole", "recordFlow", "recordSuppression"]));
  expect(resolved.app).toEqual(expect.arrayContaining(["PatternStack", "PATTERN_STACKS", "synthesizeEnvironments", "loadEnvironment"]));
  expect(resolved.testing).toEqual(expect.arrayContaining(["synthJson", "assertPolicyPasses", "eventGridDelivers", "serviceBusRuleMatches"]));
  expect(resolved.root).not.toContain("PatternStack");
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe("the docs the package ships", () => {
  // What `npm pack` puts in the tarball (without `dist/`, which the build test above covers).
  const packed: string[] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  )[0].files.map((f: { path: string }) => f.path);
  const docs = packed.filter((f) => f.endsWith(".md"));

  test("every README of a construct, a pattern and the policy pack ships, and docs/ with it", () => {
    const readmes = ["constructs", "patterns"].flatMap((dir) =>
      fs.readdirSync(path.join(ROOT, dir)).map((d) => `${dir}/${d}/README.md`).filter((f) => fs.existsSync(path.join(ROOT, f))));
    expect([...readmes, "policy/README.md", "README.md", "docs/messaging-guide.md"].filter((f) => !packed.includes(f))).toEqual([]);
    expect(packed.filter((f) => f.startsWith("docs/examples/")).length).toBeGreaterThan(3);
  });

  test("every relative link of a shipped doc resolves to a file or folder in the package", () => {
    const dead: string[] = [];
    for (const doc of docs) {
      for (const [, target] of fs.readFileSync(path.join(ROOT, doc), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const file = path.posix.normalize(path.posix.join(path.posix.dirname(doc), target.split("#")[0]));
        if (!packed.some((f) => f === file || f.startsWith(`${file.replace(/\/$/, "")}/`))) dead.push(`${doc} -> ${target}`);
      }
    }
    expect(dead).toEqual([]);
  });

  test("package.json says where the repository, its home page and its issues are", () => {
    expect(PACKAGE.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(PACKAGE.homepage).toMatch(/^https:\/\//);
    expect(PACKAGE.bugs?.url).toMatch(/\/issues$/);
  });
});
