import { FlowReportEntry } from "./reachability/report";
import { PolicyFinding } from "./types";

/** The findings report written next to each stack (policy-report.json). */
export interface PolicyReport {
  /** Construct path the pack checked. */
  readonly scope: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly suppressed: number };
  readonly findings: readonly PolicyFinding[];
  /** Every connection the constructs recorded, with the path it takes (or why it has none) and any hole it uses. */
  readonly flows: readonly FlowReportEntry[];
}

/** Counts unsuppressed errors and warnings, and suppressions, with the findings sorted by rule. */
export function summarize(findings: readonly PolicyFinding[]): Omit<PolicyReport, "scope" | "flows"> {
  const open = findings.filter((f) => !f.suppressed);
  return {
    summary: {
      errors: open.filter((f) => f.level === "error").length,
      warnings: open.filter((f) => f.level === "warning").length,
      suppressed: findings.length - open.length,
    },
    findings: [...findings].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path)),
  };
}
