import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { Environment, EnvironmentConfigError } from "../config/environment";
import { explainConstructError } from "../constructs/core";
import { POLICY_REPORT_FILE, PolicyReport } from "../policy";
import { ApiGatewayStack } from "./api-gateway-stack";
import { DataPipelineStack } from "./data-pipeline-stack";
import { EventDrivenStack } from "./event-driven-stack";
import { MessageBrokerStack } from "./message-broker-stack";
import { PatternStack } from "./pattern-stack";

/** Every pattern stack class, in the order they are synthesized. */
export const PATTERN_STACKS = [ApiGatewayStack, MessageBrokerStack, EventDrivenStack, DataPipelineStack] as const;

/** Adds the four pattern stacks of one environment to `app`. */
export function addEnvironmentStacks(app: App, environment: Environment): PatternStack[] {
  return PATTERN_STACKS.map((Stack) => new Stack(app, environment));
}

export interface SynthesizedStack {
  readonly name: string;
  readonly resources: number;
  /** The stack's Terraform configuration (cdk.tf.json, or cdk.tf for HCL), relative to the working directory. */
  readonly file: string;
  /** The policy pack's counts for the stack. */
  readonly policy: PolicyReport["summary"];
  /** The policy warnings nobody suppressed (errors fail the synth). */
  readonly warnings: PolicyReport["findings"];
}

export interface SynthesizeOptions {
  /**
   * Write HCL (`cdk.tf` and `metadata.json` per stack) instead of JSON. The cdktf CLI's
   * `synth --hcl` sets SYNTH_HCL_OUTPUT=true, which cdktf's App reads and which wins over this.
   * @default false
   */
  readonly hcl?: boolean;
}

/**
 * Synthesizes the pattern stacks of `environments` into `outdir`, all or nothing: the app writes
 * into a staging folder that replaces `outdir` only when every stack synthesized and validated,
 * so a failure never leaves a half-written `cdktf.out` (cdktf itself writes stack by stack).
 */
export function synthesizeEnvironments(environments: readonly Environment[], outdir: string, options: SynthesizeOptions = {}): SynthesizedStack[] {
  checkEnvironmentsApart(environments);
  const staging = `${outdir}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(staging), { recursive: true });
  try {
    const app = new App({ outdir: staging, stackTraces: false, hclOutput: options.hcl ?? false });
    const stacks = environments.flatMap((env) => addEnvironmentStacks(app, env));
    app.synth();
    // Read back from the staging folder: whatever fails here still leaves `outdir` as it was.
    const summary = stacks.map((stack) => summarize(staging, stack.node.id, app.hclOutput));
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    return summary.map((s) => ({ ...s, file: path.join(outdir, path.relative(staging, s.file)) }));
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw explainConstructError(error);
  }
}

function summarize(outdir: string, name: string, hcl: boolean): SynthesizedStack {
  const dir = path.join(outdir, "stacks", name);
  // In HCL mode the resources are counted from metadata.json, which lists each with its construct path.
  const file = path.join(dir, hcl ? "cdk.tf" : "cdk.tf.json");
  const counted = JSON.parse(
    fs.readFileSync(hcl ? path.join(dir, "metadata.json") : file, "utf8"),
  ) as { resource?: Record<string, Record<string, unknown>> };
  const resources = Object.values(counted.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const report = JSON.parse(fs.readFileSync(path.join(dir, POLICY_REPORT_FILE), "utf8")) as PolicyReport;
  const warnings = report.findings.filter((f) => f.level === "warning" && !f.suppressed);
  return { name, resources, file, policy: report.summary, warnings };
}

/**
 * Refuses two environments that would deploy the same resource groups (`rg-<namePrefix>-<pattern>`)
 * into one subscription: each would plan to own the other's resources. No subscriptionId on both
 * means both deploy into the subscription Terraform runs in (ARM_SUBSCRIPTION_ID).
 */
export function checkEnvironmentsApart(environments: readonly Environment[]): void {
  environments.forEach((a, i) => {
    const b = environments.slice(i + 1).find((e) => e.namePrefix === a.namePrefix && e.subscriptionId === a.subscriptionId && e.name !== a.name);
    if (b === undefined) return;
    const subscription =
      a.subscriptionId === undefined
        ? "neither sets subscriptionId (both deploy where Terraform runs)"
        : `both set subscriptionId "${a.subscriptionId}"`;
    throw new EnvironmentConfigError(
      `environments "${a.name}" and "${b.name}": namePrefix "${a.namePrefix}" is the same in both and ${subscription}, ` +
        `so both would deploy resource groups "rg-${a.namePrefix}-<pattern>" and own each other's resources; ` +
        `give each environment its own namePrefix, or set subscriptionId to different subscriptions`,
    );
  });
}
