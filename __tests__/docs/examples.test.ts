import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as cdktf from "cdktf";
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { PolicyPack } from "../../policy";
import { IntegrationContext } from "../../constructs/core/context";
import { fixture } from "../helpers";

// The ```ts blocks of the docs are what users copy. Each block lives, verbatim below a marker, in
// an example file under docs/examples/ whose header says which doc shows it ("the example as <doc>
// shows it"); `tsc --noEmit` type-checks the files against the package entry, and this test keeps
// blocks and files identical and runs every file. Above the marker a file may declare `stack` (a
// dev stack the test provides) and build what the doc's prose assumes; a file that makes its own
// `new App()` is a full app: each of its stacks must also pass the policy pack (in prod with no warning).
const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = path.join(ROOT, "docs", "examples");
const MARKER = "// --- example ---\n";
const PACKAGE_NAME: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).name;

const dirs = (dir: string) =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${dir}/${d.name}`);
const constructFolders = dirs("constructs");
// Docs whose blocks still assume variables of the prose (`functionApp`, `this`): to be given example
// files. The test below fails when one of them gets its examples, so the list only shrinks.
const UNCHECKED = new Set<string>();
// Construct folders without a README yet (issue #15: none left); the list only shrinks, like UNCHECKED.
const NO_README = new Set<string>();
const ALL_DOCS = [
  ...constructFolders.map((d) => `${d}/README.md`),
  ...dirs("patterns").map((d) => `${d}/README.md`),
  "policy/README.md",
  "README.md",
  ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
].filter((doc) => fs.existsSync(path.join(ROOT, doc)));
const DOCS = ALL_DOCS.filter((doc) => !UNCHECKED.has(doc));

const blocksOf = (doc: string) => [...fs.readFileSync(path.join(ROOT, doc), "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

function exampleFiles(dir = EXAMPLES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    // A function app's code folder (host.json) is what an example deploys, not an example.
    if (entry.isDirectory()) return fs.existsSync(path.join(file, "host.json")) ? [] : exampleFiles(file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });
}

const examples = exampleFiles().map((file) => {
  const text = fs.readFileSync(file, "utf8");
  const [header, code] = text.split(MARKER);
  return { file: path.relative(ROOT, file), text, doc: /the example as (\S+) shows it/.exec(header)?.[1], code };
});

test("every construct folder has a README with at least one example", () => {
  expect(constructFolders.length).toBeGreaterThan(15);
  const missing = constructFolders.filter((d) => !fs.existsSync(path.join(ROOT, d, "README.md")) || blocksOf(`${d}/README.md`).length === 0);
  expect(missing).toEqual([...NO_README].sort());
});

test("the lists of docs still to be checked only name docs that exist and are still unchecked", () => {
  const checkedNow = [...UNCHECKED].filter((doc) => blocksOf(doc).length > 0 && blocksOf(doc).every((b) => examples.some((e) => e.code === b)));
  expect({ missing: [...UNCHECKED].filter((doc) => !ALL_DOCS.includes(doc)), checkedNow }).toEqual({ missing: [], checkedNow: [] });
});

test("every example file names a doc and has a marker", () => {
  const bad = examples.filter((e) => !e.doc || !DOCS.includes(e.doc) || e.code === undefined).map((e) => e.file);
  expect(bad).toEqual([]);
});

// Blocks that are Jest tests themselves: the file below the marker is the block, and Jest runs it.
const JEST_EXAMPLES: Readonly<Record<string, string>> = { "README.md": "__tests__/testing/readme-example.test.ts" };
const jestExampleOf = (doc: string) => JEST_EXAMPLES[doc] && fs.readFileSync(path.join(ROOT, JEST_EXAMPLES[doc]), "utf8").split(MARKER)[1];

test.each(DOCS)("every ts block of %s is a checked example, and every example of it is in it", (doc) => {
  const blocks = blocksOf(doc);
  const mine = examples.filter((e) => e.doc === doc);
  expect(blocks.filter((b) => !mine.some((e) => e.code === b) && b !== jestExampleOf(doc))).toEqual([]);
  expect(mine.filter((e) => !blocks.includes(e.code)).map((e) => e.file)).toEqual([]);
});

/** Runs an example file as CommonJS; the package name resolves to this repository's entry points. */
function run(example: (typeof examples)[number]): { stacks: TerraformStack[]; fullApp: boolean } {
  const built: TerraformStack[] = [];
  const CapturingStack = class extends TerraformStack {
    constructor(...args: ConstructorParameters<typeof TerraformStack>) {
      super(...args);
      built.push(this);
    }
  };
  // `new App()` of an example gets a test app (its own temp outdir); each stack is synthesized below.
  const TestApp = function () {
    const app = Testing.app();
    app.synth = () => undefined;
    return app;
  };
  const fakeCdktf = { ...cdktf, App: TestApp, TerraformStack: CapturingStack };
  const dir = path.dirname(path.join(ROOT, example.file));
  // The package's own name and the framework's differ per flavour (cdktf, cdktn).
  const entries: Record<string, string> = {
    [PACKAGE_NAME]: "index", [`${PACKAGE_NAME}/authoring`]: "authoring", [`${PACKAGE_NAME}/app`]: "app", [`${PACKAGE_NAME}/testing`]: "testing",
  };
  // The examples' own imports, resolved as a user's would be (the package name: this repository).
  const load = (spec: string) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (entries[spec]) return require(path.join(ROOT, entries[spec]));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(spec.startsWith(".") ? path.resolve(dir, spec) : spec);
    return loaded.TerraformStack === cdktf.TerraformStack ? fakeCdktf : loaded;
  };
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(example.text, { compilerOptions: options }).outputText;
  const declaresStack = /^declare const stack\b/m.test(example.text);
  const provided = declaresStack ? { stack: fixture({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }).stack } : {};
  if (provided.stack) new AzurermProvider(provided.stack, "azurerm", { features: [{}], storageUseAzuread: true });
  const file = path.join(ROOT, example.file);
  const scope = { require: load, exports: {}, module: { exports: {} }, __dirname: dir, __filename: file, ...provided };
  new Function(...Object.keys(scope), js)(...Object.values(scope));
  return { stacks: declaresStack ? [provided.stack!] : built, fullApp: !declaresStack };
}

test.each(examples.map((e) => [e.file, e] as const))("%s synthesizes (a full app also passes the policy pack)", (_file, example) => {
  const { stacks, fullApp } = run(example);
  expect(stacks.length).toBeGreaterThan(0);
  for (const stack of stacks) {
    const pack = fullApp ? PolicyPack.apply(stack) : undefined;
    expect(Object.keys(JSON.parse(Testing.synth(stack, true)).resource ?? {}).length).toBeGreaterThan(0);
    if (pack) {
      const open = pack.report().findings.filter((f) => !f.suppressed && (f.level === "error" || IntegrationContext.of(stack).profile === "prod"));
      // Errors never; in prod not even a warning: what a full example opens it records, with the reason.
      expect(open.map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
    }
  }
});
