import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { App, TerraformStack, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import * as library from "../../../index";
import { PolicyPack } from "../../../policy";

// The README's example is what users copy: readme-example.ts holds it verbatim (tsc checks it
// against the package entry), and this test keeps the two identical and runs it.
const README = path.resolve(__dirname, "../../../constructs/logic-app-standard/README.md");
const MARKER = "// --- example ---\n";
const example = /```ts\n([\s\S]*?)```/.exec(fs.readFileSync(README, "utf8"))![1];

test("the README example is readme-example.ts, which the type check covers", () => {
  expect(fs.readFileSync(path.join(__dirname, "readme-example.ts"), "utf8").split(MARKER)[1]).toBe(example);
});

test("the README example synthesizes a prod stack that passes the policy pack", () => {
  const built: TerraformStack[] = [];
  const js = ts.transpileModule(example.replace(/^import [^;]*;$/gm, "").replace("app.synth();", ""), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  // A test app (its own temp outdir) and a stack class that hands back what the example built.
  const TestApp = function () {
    return Testing.app();
  } as unknown as typeof App;
  const Stack = class extends TerraformStack {
    constructor(...args: ConstructorParameters<typeof TerraformStack>) {
      super(...args);
      built.push(this);
    }
  };
  const scope = { ...library, App: TestApp, TerraformStack: Stack, AzurermProvider, path, __dirname: path.join(__dirname, "fixtures") };
  new Function(...Object.keys(scope), js)(...Object.values(scope));
  const [stack] = built;
  const pack = PolicyPack.apply(stack);
  const json = JSON.parse(Testing.synth(stack));
  expect(Object.keys(json.resource.azurerm_logic_app_standard)).toHaveLength(1);
  expect(pack.report().findings.filter((f) => f.level === "error" && !f.suppressed)).toEqual([]);
  expect(() => Testing.synth(stack, true)).not.toThrow();
});
