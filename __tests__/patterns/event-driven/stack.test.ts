import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironment } from "../../../config/environment";
import { EventDrivenStack } from "../../../stacks/event-driven-stack";
import { Json } from "../../helpers";
import { subscriptionsByName } from "./build";

const CONFIG = path.resolve(__dirname, "../../../config");

function resourceCount(json: Json): number {
  return Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

describe.each(["dev", "prod"] as const)("EventDrivenStack (%s)", (env) => {
  const stack = new EventDrivenStack(Testing.app(), loadEnvironment(CONFIG, env));
  const json: Json = JSON.parse(Testing.synth(stack));

  test("synthesizes with cdktf's validations and ours", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("passes the policy pack: no unsuppressed error, every suppression names the Azure limit", () => {
    const report = stack.policy.report();
    expect(report.findings.filter((f) => f.level === "error" && !f.suppressed)).toEqual([]);
    for (const finding of report.findings.filter((f) => f.suppressed)) expect(finding.suppressed?.reason).toMatch(/Azure/);
    // dev: the host storage the Flex app opens itself (no VNet integration in dev), with its reason.
    const expected = env === "prod" ? ["AIC-FN-023", "AIC-ST-023"] : ["AIC-ST-005"];
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.ruleId).sort()).toEqual(expected);
  });

  test("the library's defaults raise no warning of its own pack", () => {
    const warnings = stack.policy.report().findings.filter((f) => f.level === "warning" && !f.suppressed);
    expect(warnings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
  });

  test("deploys the pattern on the stack's base: resource counts", () => {
    // prod: the function app is not locked by default; + 7 alerting (action group, 6 alerts).
    // + 2 diagnostic settings: the function host's queue and table services.
    expect(resourceCount(json)).toBe(env === "dev" ? 63 : 124); // prod: + the encryption key
    expect(Object.keys(subscriptionsByName(json)).sort()).toEqual(["blob-created", "high-value-orders", "order-changed", "upload-received"]);
  });

  test("no output: cdktf deploy deploys the handlers' code itself", () => {
    expect(json).not.toHaveProperty("output");
  });
});

describe("first deploy of a new environment", () => {
  test("needs no flag: the function subscriptions are always there and wait for the code", () => {
    const stack = new EventDrivenStack(Testing.app({ context: { "event-driven:functionSubscriptions": false } }), loadEnvironment(CONFIG, "dev"));
    expect(Object.keys(subscriptionsByName(JSON.parse(Testing.synth(stack, true))))).toHaveLength(4);
  });
});
