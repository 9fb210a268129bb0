import { CheckedResource, CheckedScope, FLOW_TYPE } from "../types";
import { FlowConfig, judgeFlow } from "./judge";
import { TARGET_MODELS } from "./targets";
import { resourceAt } from "./terraform";

/** One recorded flow in the policy report: who calls what, and the path the calls take (or why there is none). */
export interface FlowReportEntry {
  /** Construct path of the caller. */
  readonly caller: string;
  /** Where the caller runs, as judged from the synthesized JSON. */
  readonly runsIn?: string;
  /** Construct path of the target's L1 (or its address when the checked scope does not hold it). */
  readonly target: string;
  readonly endpoint?: string;
  readonly purpose: string;
  /** The path the calls take, e.g. `private endpoint (blob)`; absent when there is none. */
  readonly path?: string;
  /** Why there is no path; absent when there is one. */
  readonly blocked?: string;
  /** Why the public endpoint the calls take is open on purpose (`recordHole`). */
  readonly hole?: string;
}

/** The flows of the checked scope, judged, in the order they were recorded. */
export function flowReport(scope: CheckedScope): FlowReportEntry[] {
  return scope.resources.filter((r) => r.type === FLOW_TYPE).map((flow) => entryOf(flow, scope));
}

function entryOf(flow: CheckedResource, scope: CheckedScope): FlowReportEntry {
  const config = flow.config as FlowConfig;
  const verdict = judgeFlow(flow, scope);
  const target = config.target === undefined ? undefined : resourceAt(scope, config.target);
  const endpoint = config.endpoint ?? (target ? TARGET_MODELS[target.type]?.defaultEndpoint : undefined);
  const common = {
    caller: flow.path,
    target: target?.path ?? config.target ?? "(outside the stack)",
    ...(endpoint ? { endpoint } : {}),
    purpose: config.purpose,
  };
  switch (verdict.kind) {
    case "path":
      return { ...common, runsIn: verdict.runsIn, path: verdict.path, ...(verdict.hole ? { hole: verdict.hole } : {}) };
    case "blocked":
      return { ...common, runsIn: verdict.runsIn, blocked: verdict.why };
    case "unjudged":
      return { ...common, path: `not judged: ${verdict.why}` };
  }
}
