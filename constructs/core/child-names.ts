import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";

/** Containers (Data Lake filesystems) and queues share one rule. */
const PATTERN = /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/;
const DESCRIPTION = "lower-case letters, digits and single hyphens, starting and ending with a letter or digit";

/** Throws a clear error when a container or queue name breaks Azure's rule; tokens are skipped. */
export function validateChildName(scope: IConstruct, kind: "container" | "queue", name: string): void {
  if (isUnresolved(name)) return;
  const field = `${kind} name`;
  if (name.length < 3 || name.length > 63) {
    invalid(scope, {
      field,
      value: name,
      rule: `is ${name.length} characters; a ${kind} name must be 3-63`,
      fix: "choose a name of 3 to 63 characters",
    });
  }
  if (!PATTERN.test(name)) {
    invalid(scope, { field, value: name, rule: `breaks the ${kind} naming rule`, fix: `use ${DESCRIPTION}` });
  }
}
