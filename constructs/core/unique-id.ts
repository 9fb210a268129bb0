import { IConstruct } from "constructs";
import { ValidationError } from "./errors";

// constructs@10 Node.addChild: the scope's id (not its path) in brackets, none for the app.
const DUPLICATE = /^There is already a Construct with name '(.*)' in \S+(?: \[(.*)\])?$/;

function duplicateProblem(scopePath: string, id: string): ValidationError {
  const existing = scopePath ? `${scopePath}/${id}` : id;
  return new ValidationError(scopePath || "(app)", {
    field: "construct id",
    value: id,
    rule: `is already used by another construct in this scope ("${existing}")`,
    fix:
      "give each construct in one scope its own id; the id is part of the Terraform address, " +
      "so rename the new construct, not one already deployed",
  });
}

/**
 * `id`, after checking that `scope` has no child of that id yet: the constructs library's own
 * error for a duplicate ("There is already a Construct with name ...") names neither the fix nor
 * the full path. Called in the `super()` arguments of the base constructs.
 */
export function uniqueId(scope: IConstruct, id: string): string {
  if (scope.node.tryFindChild(id) !== undefined) throw duplicateProblem(scope.node.path, id);
  return id;
}

/** The constructs library's duplicate-id error as a {@link ValidationError}; any other error as it was. */
export function explainConstructError(error: unknown): unknown {
  const match = error instanceof Error && !(error instanceof ValidationError) ? DUPLICATE.exec(error.message) : null;
  return match ? duplicateProblem(match[2] ?? "", match[1]) : error;
}
