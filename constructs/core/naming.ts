import { createHash } from "crypto";
import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";
import { NAMING_RULES, NamingRule, ResourceType } from "./naming-rules";
import { reservedNameRule } from "./reserved-names";

// The rules table is data (naming-rules.ts); this file puts names together and checks them.
export { NAMING_RULES } from "./naming-rules";
export type { NamingRule, ResourceType } from "./naming-rules";

/** How a generated name is put together. */
export interface NameParts {
  /** Environment/workload prefix, e.g. `contoso-dev`. */
  readonly prefix?: string;
  /** The part naming this resource; defaults to the construct id. */
  readonly base?: string;
  /** A last part kept whole when the name is shortened, e.g. a private endpoint's sub-resource. */
  readonly qualifier?: string;
  /** The prop that holds a user's name, for error messages. @default "name" */
  readonly field?: string;
}

/**
 * A short, stable suffix derived from the construct path: the same on every run and machine,
 * different for every construct, so globally unique names do not collide between stacks.
 */
export function pathSuffix(scope: IConstruct, length = 6): string {
  return createHash("sha256").update(scope.node.path).digest("hex").slice(0, length);
}

/**
 * The name for a resource: the user's name when given (validated), else a generated CAF-style
 * name `<abbreviation>-<prefix>-<base>[-<suffix>]` that satisfies the type's rule.
 */
export function resourceName(scope: IConstruct, type: ResourceType, userName: string | undefined, parts: NameParts = {}): string {
  if (userName !== undefined) {
    validateName(scope, type, userName, parts.field);
    return userName;
  }
  const rule: NamingRule = NAMING_RULES[type];
  const given = [parts.prefix, parts.base, parts.qualifier].find((p) => p !== undefined && isUnresolved(p));
  if (given !== undefined) {
    invalid(scope, {
      field: parts.field ?? "name",
      rule: "cannot be generated from a value known only at deploy time",
      fix: "pass a literal namePrefix or an explicit name",
    });
  }
  const separator = rule.compact ? "" : "-";
  const clean = (s: string) => (rule.compact ? s.replace(/[^a-z0-9]/g, "") : s);
  const join = (words: (string | undefined)[]) => clean(words.filter((w): w is string => !!w).map(kebab).filter(Boolean).join(separator));
  // The abbreviation leads; the qualifier and path suffix stay whole; the middle is shortened to fit.
  const tail = join([parts.qualifier, rule.globallyUnique ? pathSuffix(scope) : undefined]);
  const room = rule.maxLength - (tail ? tail.length + separator.length : 0);
  let name = join([rule.abbreviation, parts.prefix, parts.base ?? scope.node.id]).slice(0, room).replace(/[-_.]+$/, "");
  if (tail) name = `${name}${separator}${tail}`;
  checkName(scope, type, name, `${parts.field ?? "name"} (generated from the prefix and construct id)`, true);
  return name;
}

/**
 * Throws a clear error when `name` breaks the Azure naming rule of `type`; tokens are skipped.
 * `field` names the prop in the message.
 */
export function validateName(scope: IConstruct, type: ResourceType, name: string, field = "name"): void {
  checkName(scope, type, name, field, false);
}

function checkName(scope: IConstruct, type: ResourceType, name: string, field: string, generated: boolean): void {
  if (isUnresolved(name)) return;
  const rule: NamingRule = NAMING_RULES[type];
  const label = rule.label ?? type;
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    invalid(scope, {
      field,
      value: name,
      rule: `is ${name.length} characters; a ${label} name must be ${rule.minLength}-${rule.maxLength}`,
      fix: generated
        ? "shorten the environment's namePrefix or pass an explicit name"
        : `choose a name of ${rule.minLength} to ${rule.maxLength} characters`,
    });
  }
  if (!rule.pattern.test(name)) {
    invalid(scope, {
      field,
      value: name,
      rule: `breaks the ${label} naming rule`,
      fix: `use ${rule.description}`,
    });
  }
  const reservedRule = rule.globallyUnique ? reservedNameRule(name) : undefined;
  if (reservedRule) {
    invalid(scope, {
      field,
      value: name,
      rule: reservedRule,
      fix: generated
        ? "choose an environment namePrefix without the reserved word, or pass an explicit name"
        : "choose a name without the reserved word",
    });
  }
  const reserved = rule.reservedSuffixes ?? [];
  if (reserved.some((suffix) => name.toLowerCase().endsWith(suffix))) {
    invalid(scope, {
      field,
      value: name,
      rule: `ends in ${reserved.map((s) => `"${s}"`).join(" or ")}, which Azure reserves`,
      fix: "choose a name with another ending",
    });
  }
}

/**
 * `OrderWorker` -> `order-worker`: lower-case words joined by single hyphens, everything but
 * letters and digits dropped at the ends. The form every generated name is built from.
 */
export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}
