import * as path from "path";
import { EnvironmentConfigError, listEnvironments, loadEnvironment } from "./config/environment";
import { ValidationError } from "./constructs/core/errors";
import { explainConstructError } from "./constructs/core/unique-id";
import { POLICY_REPORT_FILE } from "./policy/policy-pack";
import { synthesizeEnvironments } from "./stacks/app";

// Which environments to synthesize: `--env dev,prod` on the command line, else the
// `environments` context (cdktf.json or CDKTF_CONTEXT_JSON), else every config/<name>.json.
function selectedEnvironments(configDir: string): string[] {
  const argv = process.argv.slice(2);
  const flag = argv.findIndex((a) => a === "--env" || a.startsWith("--env="));
  const fromArgs = flag < 0 ? undefined : argv[flag].includes("=") ? argv[flag].split("=")[1] : argv[flag + 1];
  const context = process.env.CDKTF_CONTEXT_JSON ? (JSON.parse(process.env.CDKTF_CONTEXT_JSON) as { environments?: string | string[] }) : {};
  const chosen = fromArgs ?? context.environments;
  if (chosen === undefined) return listEnvironments(configDir);
  return (Array.isArray(chosen) ? chosen : chosen.split(",")).map((s) => s.trim()).filter(Boolean);
}

function main(): void {
  const configDir = path.resolve("config");
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  try {
    const environments = selectedEnvironments(configDir).map((name) => loadEnvironment(configDir, name));
    // `--hcl` (npm run synth -- --hcl) writes HCL; so does the cdktf CLI's `synth --hcl`, through SYNTH_HCL_OUTPUT.
    const stacks = synthesizeEnvironments(environments, outdir, { hcl: process.argv.includes("--hcl") });
    const width = Math.max(5, ...stacks.map((s) => s.name.length));
    console.log(`${"stack".padEnd(width)}  resources  policy (warnings/suppressed)  output`);
    for (const s of stacks) {
      const policy = `${s.policy.warnings}/${s.policy.suppressed}`.padStart(27);
      console.log(`${s.name.padEnd(width)}  ${String(s.resources).padStart(9)}  ${policy}  ${s.file}`);
    }
    const warnings = stacks.flatMap((s) => s.warnings);
    if (warnings.length > 0) console.log(`\npolicy warnings:\n${warnings.map((f) => `  ${f.path}: [${f.ruleId}] ${f.title}`).join("\n")}\n`);
    console.log(`policy findings: ${POLICY_REPORT_FILE} next to each stack's Terraform configuration`);
  } catch (thrown) {
    const error = explainConstructError(thrown);
    // Bad input and policy errors are the user's to fix: the message says how. Anything else is a bug: show the stack.
    const expected = error instanceof ValidationError || error instanceof EnvironmentConfigError ||
      (error instanceof Error && error.message.startsWith("Validation failed"));
    if (expected) {
      console.error(`synth failed: ${(error as Error).message.trim()}`);
    } else {
      console.error(error);
    }
    console.error(`${outdir} was left as it was`);
    process.exitCode = 1;
  }
}

main();
