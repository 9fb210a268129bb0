import { Aspects, IAspect, TerraformStack, Testing } from "cdktf";
import { PolicyFinding, PolicyPack } from "../policy";

// Helpers for users' own tests of stacks built with the library: JSON for snapshots, the policy
// pack's verdict. No terraform, no Azure: everything works on the synthesized JSON.

/** Synthesized Terraform JSON (snake_case, references as `${type.name.attr}`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;

export interface SynthJsonOptions {
  /**
   * Keep content hashes (hex runs of 32 characters or more, e.g. a function package's blob name),
   * which change with every edit of the code they hash. @default false: each becomes `<hash>`
   */
  readonly keepHashes?: boolean;
}

const HASH = /\b[0-9a-f]{32,}\b/g;

/**
 * The stack's Terraform JSON for a snapshot: cdktf's `//` metadata (framework version, construct
 * paths) removed and content hashes masked, so a snapshot changes when the infrastructure does.
 * Runs aspects (the policy pack among them) but not validations; see {@link policyFindings}.
 */
export function synthJson(stack: TerraformStack, options: SynthJsonOptions = {}): StackJson {
  const text = Testing.synth(stack, false);
  return JSON.parse(options.keepHashes ? text : text.replace(HASH, "<hash>"), (key, value) => (key === "//" ? undefined : value));
}

/** The policy pack on `stack`: the one applied to it, else a new one with every rule. */
function packOf(stack: TerraformStack): PolicyPack {
  const applied = Aspects.of(stack).all.find((a: IAspect): a is PolicyPack => a instanceof PolicyPack);
  return applied ?? PolicyPack.apply(stack);
}

/** Every finding of the policy pack on `stack`, suppressed or not (applies the pack when the stack has none). */
export function policyFindings(stack: TerraformStack): PolicyFinding[] {
  const pack = packOf(stack);
  Testing.synth(stack, false); // aspects and escape hatches first: the pack judges the final JSON
  return pack.evaluate();
}

export interface PolicyPassOptions {
  /** Fail on unsuppressed warnings too. @default false */
  readonly warnings?: boolean;
}

/**
 * Throws when the policy pack finds an unsuppressed error (or warning, with `warnings: true`) in
 * `stack`, listing each with its construct path, rule and fix; a test framework reports the throw.
 */
export function assertPolicyPasses(stack: TerraformStack, options: PolicyPassOptions = {}): void {
  const failing = policyFindings(stack).filter((f) => !f.suppressed && (f.level === "error" || options.warnings));
  if (failing.length === 0) return;
  const lines = failing.map((f) => `- ${f.path}: [${f.ruleId}] ${f.title}; ${f.remediation}`);
  throw new Error(`the policy pack fails ${stack.node.id} (${failing.length} finding${failing.length === 1 ? "" : "s"}):\n${lines.join("\n")}`);
}
