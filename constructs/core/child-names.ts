import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";

/** Containers (Data Lake filesystems) and queues share one rule. */
const PATTERN = /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/;
const DESCRIPTION = "lower-case letters, digits and single hyphens, starting and ending with a letter or digit";

/** Throws a clear error when a container or queue name breaks Azure's rule; tokens are skipped. */
export function validateChildName(scope: IConstruct, kind: "container" | "queue", name: string): void {
  if (isUnresolved(name)) return;
  const field = `${kind} name`;
  validateNameLength(scope, kind, name, 3, 63);
  if (!PATTERN.test(name)) {
    invalid(scope, { field, value: name, rule: `breaks the ${kind} naming rule`, fix: `use ${DESCRIPTION}` });
  }
}

/** Throws a clear error when the name of a child `kind` (container, queue, database, …) is not `min`-`max` characters long. */
export function validateNameLength(scope: IConstruct, kind: string, name: string, min: number, max: number): void {
  if (isUnresolved(name) || (name.length >= min && name.length <= max)) return;
  invalid(scope, {
    field: `${kind} name`,
    value: name,
    rule: `is ${name.length} characters; a ${kind} name must be ${min}-${max}`,
    fix: `choose a name of ${min} to ${max} characters`,
  });
}
