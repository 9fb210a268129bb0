export * from "./checks";
export * from "./policy-pack";
export * from "./report";
export * from "./rules";
export * from "./types";
export { flowReport } from "./reachability/report";
export type { FlowReportEntry } from "./reachability/report";
export { judgeFlow } from "./reachability/judge";
export type { FlowConfig, HoleConfig, Verdict } from "./reachability/judge";
