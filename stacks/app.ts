import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { Environment } from "../config/environment";
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
  /** The stack's Terraform JSON, relative to the working directory. */
  readonly file: string;
  /** The policy pack's counts for the stack. */
  readonly policy: PolicyReport["summary"];
  /** The policy warnings nobody suppressed (errors fail the synth). */
  readonly warnings: PolicyReport["findings"];
}

/**
 * Synthesizes the pattern stacks of `environments` into `outdir`, all or nothing: the app writes
 * into a staging folder that replaces `outdir` only when every stack synthesized and validated,
 * so a failure never leaves a half-written `cdktf.out` (cdktf itself writes stack by stack).
 */
export function synthesizeEnvironments(environments: readonly Environment[], outdir: string): SynthesizedStack[] {
  const staging = `${outdir}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(staging), { recursive: true });
  try {
    const app = new App({ outdir: staging, stackTraces: false });
    const stacks = environments.flatMap((env) => addEnvironmentStacks(app, env));
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    return stacks.map((stack) => {
      const dir = path.join(outdir, "stacks", stack.node.id);
      const file = path.join(dir, "cdk.tf.json");
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
      const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      const report = JSON.parse(fs.readFileSync(path.join(dir, POLICY_REPORT_FILE), "utf8")) as PolicyReport;
      const warnings = report.findings.filter((f) => f.level === "warning" && !f.suppressed);
      return { name: stack.node.id, resources, file, policy: report.summary, warnings };
    });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
