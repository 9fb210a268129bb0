import { execFileSync } from "child_process";
import * as path from "path";

// The dependency rule between folders (README, "Layers"), as the ESLint rule `layers/imports` checks it.
const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { layerViolation } = require("../scripts/eslint-layers.cjs") as { layerViolation: (file: string, spec: string) => string | undefined };

const judge = (file: string, spec: string) => layerViolation(path.join(ROOT, file), spec) ?? "allowed";

test.each([
  // core imports nothing else of the repository
  ["constructs/core/naming.ts", "./errors", "allowed"],
  ["constructs/core/naming.ts", "../network", "constructs/core imports nothing else of the repository"],
  ["constructs/core/naming.ts", "../../policy", "constructs/core imports nothing else of the repository"],
  // a service: its folder, core, other services' index only
  ["constructs/synapse/synapse-workspace.ts", "../core/ip-range", "allowed"],
  ["constructs/synapse/synapse-workspace.ts", "../storage", "allowed"],
  ["constructs/synapse/synapse-workspace.ts", "../sql/ip-range", "a construct imports its own folder, constructs/core and other services' index.ts only"],
  ["constructs/logic-app-standard/deployment.ts", "../../policy/policy-pack", "a construct imports its own folder, constructs/core and other services' index.ts only"],
  ["constructs/logic-app-standard/deployment.ts", "../../patterns/api-gateway", "a construct imports its own folder, constructs/core and other services' index.ts only"],
  // policy and config: core only
  ["policy/rules/storage.ts", "../../constructs/core/naming", "allowed"],
  ["policy/rules/storage.ts", "../../constructs/network", "policy imports constructs/core only"],
  ["config/network.ts", "../constructs/network", "config imports constructs/core only"],
  // patterns: constructs (core, service index), policy index, other patterns' index, workloads
  ["patterns/event-driven/event-driven.ts", "../../workloads/functions/event-handlers/src/contract", "allowed"],
  ["patterns/event-driven/event-driven.ts", "../../constructs/function-app/bundle", expect.stringContaining("a pattern imports")],
  ["patterns/event-driven/event-driven.ts", "../../stacks/app", expect.stringContaining("a pattern imports")],
  // stacks: indexes of the layers below
  ["stacks/app.ts", "../policy", "allowed"],
  ["stacks/app.ts", "../policy/policy-pack", expect.stringContaining("stacks import")],
  // testing: core and the policy index
  ["testing/synth.ts", "../policy", "allowed"],
  ["testing/synth.ts", "../constructs/storage", "testing imports itself, constructs/core and policy/index"],
  // the entry points are not restricted
  ["index.ts", "./constructs/core", "allowed"],
])("%s importing %s: %s", (file, spec, verdict) => {
  expect(judge(file, spec)).toEqual(verdict);
});

test("ESLint fails on a deliberately bad import", () => {
  const eslint = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");
  const bad = 'import { ipRangesOf } from "../sql/validation";\nexport const ranges = ipRangesOf;\n';
  const run = (code: string, file: string) => {
    try {
      execFileSync(process.execPath, [eslint, "--stdin", "--stdin-filename", file, "--format", "json"], { cwd: ROOT, input: code, encoding: "utf8" });
      return [];
    } catch (error) {
      const [result] = JSON.parse((error as { stdout: string }).stdout) as { messages: { ruleId: string; message: string }[] }[];
      return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
    }
  };
  expect(run(bad, "constructs/synapse/bad.ts")).toEqual([
    "layers/imports: ../sql/validation breaks the layering: a construct imports its own folder, constructs/core and other services' index.ts only (see README, Layers).",
  ]);
  expect(run(bad.replace("../sql/validation", "../sql"), "constructs/synapse/good.ts")).toEqual([]);
}, 60_000);
