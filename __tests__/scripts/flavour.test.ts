import { execFileSync, spawnSync } from "child_process";
import * as path from "path";

// scripts/flavour.mjs makes the CDK Terrain flavour from this source. Its run (tests, synth,
// output comparison) is .ci/run's; here, only what is cheap and offline.
const ROOT = path.resolve(__dirname, "../..");

/** Calls a function of the (ES module) script in a child Node and returns its JSON result. */
function call(fn: string, arg: unknown): unknown {
  const code = `import(${JSON.stringify(path.join(ROOT, "scripts", "flavour.mjs"))}).then((m) => process.stdout.write(JSON.stringify(m.${fn}(${JSON.stringify(arg)}))))`;
  return JSON.parse(execFileSync(process.execPath, ["-e", code], { encoding: "utf8" }));
}

test("the flavour's lockfile matches the package.json it would get (else: npm run flavour:lock)", () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "flavour.mjs"), "cdktn", "--check"], { encoding: "utf8" });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
});

test("only module specifiers are renamed: tag values, annotation types and other @cdktf packages stay", () => {
  // Spelled so that the flavour script leaves this test's own source alone.
  const [cdktf, binding, lib] = ["cdk" + "tf", "@cdk" + "tf/provider-azurerm", "azure-integration-cdk" + "tf"];
  const source = [
    `import { App } from "${cdktf}";`,
    `import "${cdktf}/lib/testing/adapters/jest";`,
    `import { ResourceGroup } from "${binding}/lib/resource-group";`,
    `const lazy = require("${cdktf}");`,
    `const dir = require.resolve("${cdktf}/package.json");`,
    `const t = jest.requireActual<object>("${cdktf}");`,
    'import { parse } from "@cdktf/hcl2json";',
    'const tags = { "managed-by": "cdktf", kind: "@cdktf/warn" };',
    'const lib = "azure-integration-cdktf";',
    `export * from "${lib}";`,
  ].join("\n");
  const { text, count } = call("renameSpecifiers", source) as { text: string; count: number };
  expect(text.split("\n")).toEqual([
    'import { App } from "cdktn";',
    'import "cdktn/lib/testing/adapters/jest";',
    'import { ResourceGroup } from "@cdktn/provider-azurerm/lib/resource-group";',
    'const lazy = require("cdktn");',
    'const dir = require.resolve("cdktn/package.json");',
    'const t = jest.requireActual<object>("cdktn");',
    'import { parse } from "@cdktf/hcl2json";',
    'const tags = { "managed-by": "cdktf", kind: "@cdktf/warn" };',
    'const lib = "azure-integration-cdktf";',
    'export * from "azure-integration-cdktn";',
  ]);
  expect(count).toBe(7);
});

test("package.json of the flavour: the framework, CLI and binding swapped, the binding's stale peer range overridden", () => {
  const pkg = call("flavourPackage", {
    name: "azure-integration-cdktf",
    devDependencies: { cdktf: "0.21.0", "cdktf-cli": "0.21.0", "@cdktf/provider-azurerm": "14.23.1", constructs: "10.7.2", jest: "30.5.2" },
    peerDependencies: { cdktf: "^0.21.0", "@cdktf/provider-azurerm": "^14.23.1", constructs: "^10.6.0" },
    scripts: { test: "jest", deploy: "cdktf deploy" },
    keywords: ["cdktf"],
  }) as Record<string, Record<string, unknown>>;
  expect(pkg.name).toBe("azure-integration-cdktn");
  expect(pkg.devDependencies).toEqual({ "@cdktn/provider-azurerm": "16.1.0", cdktn: "0.24.0", "cdktn-cli": "0.24.0", constructs: "10.7.2", jest: "30.5.2" });
  expect(pkg.peerDependencies).toEqual({ "@cdktn/provider-azurerm": "^16.1.0", cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" });
  // The cdktf builds of time, random and azuread get cdktn under the name cdktf.
  expect(pkg.overrides).toEqual({ "@cdktn/provider-azurerm": { cdktn: "$cdktn" }, cdktf: "npm:cdktn@0.24.0" });
  expect(pkg.scripts).toEqual({ test: "jest", deploy: "cdktn deploy" });
});
