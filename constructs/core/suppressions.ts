import { IConstruct } from "constructs";
import { invalid } from "./errors";

/**
 * The node metadata type of a recorded suppression. Constructs record suppressions here (core
 * never imports the policy pack); the pack reads them from the construct tree. Node metadata stays
 * in the tree: it is not written to the stack's Terraform JSON.
 */
export const SUPPRESSION_METADATA = "aic:policy-suppression";

/** A rule accepted on a construct and everything below it, with the reason shown in the report. */
export interface RuleSuppression {
  /** The rule id, e.g. `AIC-ST-001`. */
  readonly ruleId: string;
  /** Why the rule cannot hold here: at least one sentence. */
  readonly reason: string;
}

const RULE_ID = /^AIC-[A-Z]+-\d{3}$/;

/**
 * Records that findings of `ruleId` are accepted on every resource below `scope`, for a stated
 * reason. `PolicyPack.suppress` is the same call for users (it also checks the id against the pack);
 * constructs call this one so that they never import the policy pack.
 */
export function recordSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  if (!RULE_ID.test(ruleId)) {
    invalid(scope, {
      field: "suppression",
      value: ruleId,
      rule: "is not a rule id (AIC-<SERVICE>-<NNN>)",
      fix: "use a rule id from the report, e.g. AIC-ST-001",
    });
  }
  if (reason.trim().split(/\s+/).length < 5 || reason.trim().length < 30) {
    invalid(scope, {
      field: `suppression of ${ruleId}: reason`,
      value: reason,
      rule: "is not a sentence explaining why",
      fix: "say why the rule cannot hold here, e.g. the Azure or azurerm limit, in at least one sentence",
    });
  }
  scope.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: reason.trim() } satisfies RuleSuppression);
}

/** The suppressions recorded on `scope` itself (not its parents), in the order they were recorded. */
export function suppressionsOf(scope: IConstruct): RuleSuppression[] {
  return scope.node.metadata.filter((m) => m.type === SUPPRESSION_METADATA).map((m) => m.data as RuleSuppression);
}
