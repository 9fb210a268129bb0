import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** The kinds of named things inside a factory, each with its own name rule and namespace. */
export type EntityKind =
  | "linkedService"
  | "dataset"
  | "dataFlow"
  | "pipeline"
  | "trigger"
  | "integrationRuntime"
  | "managedPrivateEndpoint"
  | "globalParameter"
  | "transformation";

interface EntityNameRule {
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  readonly description: string;
}

const FORBIDDEN = ". + ? / < > * % & : \\";

/**
 * Data Factory naming rules (learn.microsoft.com "Azure Data Factory - naming rules"; the azurerm
 * validators add `#` for pipelines and triggers and the integration runtime and managed private
 * endpoint patterns).
 */
export const ENTITY_NAME_RULES: Readonly<Record<EntityKind, EntityNameRule>> = {
  linkedService: { minLength: 1, maxLength: 260, pattern: /^[A-Za-z][^.+?/<>*%&:\\-]*$/, description: `a letter first, then no ${FORBIDDEN} or '-'` },
  dataset: { minLength: 1, maxLength: 260, pattern: /^[A-Za-z][^.+?/<>*%&:\\-]*$/, description: `a letter first, then no ${FORBIDDEN} or '-'` },
  dataFlow: { minLength: 1, maxLength: 260, pattern: /^[A-Za-z][^.+?/<>*%&:\\-]*$/, description: `a letter first, then no ${FORBIDDEN} or '-'` },
  pipeline: { minLength: 1, maxLength: 260, pattern: /^[A-Za-z][^.+?/<>*%&:\\#]*$/, description: `a letter first, then no ${FORBIDDEN} or '#'` },
  trigger: {
    minLength: 1,
    maxLength: 260,
    pattern: /^[A-Za-z0-9_][^.+?/<>*%&:\\#]*$/,
    description: `a letter, digit or '_' first, then no ${FORBIDDEN} or '#'`,
  },
  integrationRuntime: {
    minLength: 3,
    maxLength: 63,
    pattern: /^[A-Za-z0-9](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: "letters, digits and single hyphens, starting and ending with a letter or digit",
  },
  managedPrivateEndpoint: {
    minLength: 2,
    maxLength: 80,
    pattern: /^[A-Za-z0-9][-._A-Za-z0-9]*[_A-Za-z0-9]$/,
    description: "letters, digits, '-', '.' and '_', starting with a letter or digit and ending with a letter, digit or '_'",
  },
  globalParameter: {
    minLength: 1,
    maxLength: 260,
    pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
    description: "letters, digits and '_', not starting with a digit (expressions read it as pipeline().globalParameters.<name>)",
  },
  transformation: { minLength: 1, maxLength: 260, pattern: /^[A-Za-z][A-Za-z0-9]*$/, description: "letters and digits, starting with a letter" },
};

const LABELS: Readonly<Record<EntityKind, string>> = {
  linkedService: "linked service",
  dataset: "dataset",
  dataFlow: "data flow",
  pipeline: "pipeline",
  trigger: "trigger",
  integrationRuntime: "integration runtime",
  managedPrivateEndpoint: "managed private endpoint",
  globalParameter: "global parameter",
  transformation: "data flow transformation",
};

/** How an entity kind is named in messages, e.g. `linked service`. */
export function entityLabel(kind: EntityKind): string {
  return LABELS[kind];
}

/** Throws a clear error when `name` breaks the Data Factory rule for `kind`; tokens are skipped. */
export function validateEntityName(scope: IConstruct, kind: EntityKind, name: string, field = `${LABELS[kind]} name`): void {
  if (isUnresolved(name)) return;
  const rule = ENTITY_NAME_RULES[kind];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    invalid(scope, {
      field,
      value: name,
      rule: `is ${name.length} characters; ${withArticle(LABELS[kind])} name must be ${rule.minLength}-${rule.maxLength}`,
      fix: `choose a name of ${rule.minLength} to ${rule.maxLength} characters`,
    });
  }
  if (!rule.pattern.test(name)) {
    invalid(scope, { field, value: name, rule: `breaks the Data Factory ${LABELS[kind]} naming rule`, fix: `use ${rule.description}` });
  }
}

/** `word` with its indefinite article, e.g. `an integration runtime`. */
export function withArticle(word: string): string {
  return `${/^[aeiouAEIOU]/.test(word) ? "an" : "a"} ${word}`;
}
