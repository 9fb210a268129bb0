import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { Testing } from "cdktf";
import * as library from "../../index";
import { makeStack } from "../helpers";

// Code blocks in docs/*.md are what users copy. Each lives in docs/examples/*.ts (type-checked by
// `tsc --noEmit` against the package entry); this test keeps the two identical and runs each one.
const ROOT = path.resolve(__dirname, "../..");
const MARKER = "// --- example ---\n";

const docBlocks = fs
  .readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .flatMap((doc) => [...fs.readFileSync(path.join(ROOT, "docs", doc), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({ doc, code: m[1] })));

const examples = fs
  .readdirSync(path.join(ROOT, "docs", "examples"))
  .map((file) => ({ file, code: fs.readFileSync(path.join(ROOT, "docs", "examples", file), "utf8").split(MARKER)[1] }));

test("every code block in the docs is a checked example, and every example is in the docs", () => {
  expect(docBlocks.length).toBeGreaterThanOrEqual(4);
  for (const block of docBlocks) expect({ doc: block.doc, inExamples: examples.some((e) => e.code === block.code) }).toEqual({ doc: block.doc, inExamples: true });
  for (const example of examples) expect({ file: example.file, inDocs: docBlocks.some((b) => b.code === example.code) }).toEqual({ file: example.file, inDocs: true });
});

test.each(examples)("$file synthesizes", ({ code }) => {
  const js = ts.transpileModule(code.replace(/^import .*$/gm, ""), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const stack = makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
  const app = { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/func-orders" };
  new Function(...Object.keys(library), "stack", "app", js)(...Object.values(library), stack, app);
  expect(Object.keys(JSON.parse(Testing.synth(stack)).resource ?? {}).length).toBeGreaterThan(0);
});
