import { IConstruct } from "constructs";
import { Token } from "cdktf";

/** What was wrong with an input, and how to fix it. */
export interface ValidationProblem {
  /** The prop or field that holds the bad value, e.g. `sku`. */
  readonly field: string;
  /** The offending value; omitted when the problem is a missing value. */
  readonly value?: unknown;
  /** The rule the value breaks, e.g. `has no private endpoints`. */
  readonly rule: string;
  /** What to do instead, e.g. `use "Premium" or set publicNetworkAccess: true`. */
  readonly fix: string;
}

/**
 * The one error format of this library:
 * `<construct path>: <field> <value> <rule>; <fix>`.
 * Thrown while the app is being built, so synthesis stops before anything is written.
 */
export class ValidationError extends Error {
  public readonly path: string;
  public readonly problem: ValidationProblem;

  constructor(path: string, problem: ValidationProblem) {
    const subject = problem.value === undefined ? problem.field : `${problem.field} ${formatValue(problem.value)}`;
    super(`${path}: ${subject} ${problem.rule}; ${problem.fix}`);
    this.name = "ValidationError";
    this.path = path;
    this.problem = problem;
  }
}

/** Throws a {@link ValidationError} located at `scope`. */
export function invalid(scope: IConstruct, problem: ValidationProblem): never {
  throw new ValidationError(scope.node.path, problem);
}

/** True when a value is only known at deploy time; such values are not validated at synth. */
export function isUnresolved(value: unknown): boolean {
  return typeof value === "string" ? Token.isUnresolved(value) : value !== undefined && Token.isUnresolved(value);
}

function formatValue(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

/**
 * The literal-value check: `value` must be known at synth because it is `neededFor` something
 * synth writes (a construct id and so a Terraform address, a DNS record, a script). A token
 * (a value known only at deploy time) stops synthesis at `scope`.
 */
export function requireLiteral(
  scope: IConstruct,
  field: string,
  value: unknown,
  neededFor = "names a construct (its Terraform address)",
  fix = "pass a literal name",
): void {
  if (isUnresolved(value)) invalid(scope, { field, rule: `is a value known only at deploy time, but it ${neededFor}`, fix });
}
