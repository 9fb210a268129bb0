import { ValidationProblem, isUnresolved } from "../core/errors";
import { closest } from "../core/closest";
import {
  ACTIVITY_TYPES,
  ActivityType,
  CONTAINER_PROPERTIES,
  DEPENDENCY_CONDITIONS,
  REQUIRED_TYPE_PROPERTIES,
} from "./activity-types";
import { JsonObject, isObject } from "./json";
import { withArticle } from "./names";

/** The kinds of factory entity a pipeline refers to by name. */
export type ReferenceKind = "dataset" | "dataFlow" | "linkedService" | "pipeline" | "integrationRuntime";

/** Names that exist in the factory, per kind. */
export interface KnownEntities {
  readonly datasets: readonly string[];
  readonly dataFlows: readonly string[];
  readonly linkedServices: readonly string[];
  /** Pipelines an ExecutePipeline activity may call. @default not checked */
  readonly pipelines?: readonly string[];
  /**
   * Integration runtimes a `connectVia` or data flow `integrationRuntime` may name, besides
   * {@link AUTO_RESOLVE_RUNTIME}. @default not checked
   */
  readonly integrationRuntimes?: readonly string[];
}

/**
 * The Azure integration runtime every factory has without creating it: a reference to it is always valid
 * (https://learn.microsoft.com/azure/data-factory/concepts-integration-runtime#azure-ir-location).
 */
export const AUTO_RESOLVE_RUNTIME = "AutoResolveIntegrationRuntime";

export interface PipelineCheckInput {
  /** Pipeline name, for messages. */
  readonly pipeline: string;
  /** The JSON file the activities came from, for messages. @default none */
  readonly file?: string;
  /** The pipeline's `activities` (parsed JSON). */
  readonly activities: unknown;
  readonly known: KnownEntities;
}

export interface PipelineCheckResult {
  /** Every problem found, in document order; empty when the pipeline is sound. */
  readonly problems: ValidationProblem[];
  /** The entity names the activities refer to, per kind (literal references only). */
  readonly references: Readonly<Record<ReferenceKind, readonly string[]>>;
}

const REFERENCE_TYPES: Readonly<Record<string, ReferenceKind>> = {
  DatasetReference: "dataset",
  DataFlowReference: "dataFlow",
  LinkedServiceReference: "linkedService",
  PipelineReference: "pipeline",
  IntegrationRuntimeReference: "integrationRuntime",
};

const REFERENCE_LABELS: Readonly<Record<ReferenceKind, { label: string; known: keyof KnownEntities }>> = {
  dataset: { label: "dataset", known: "datasets" },
  dataFlow: { label: "data flow", known: "dataFlows" },
  linkedService: { label: "linked service", known: "linkedServices" },
  pipeline: { label: "pipeline", known: "pipelines" },
  integrationRuntime: { label: "integration runtime", known: "integrationRuntimes" },
};

/** ForEach runs at most 50 iterations in parallel. */
const MAX_BATCH_COUNT = 50;

/**
 * Checks a pipeline's activities before they reach Azure: activity types known to the ADF schema,
 * required type properties present, unique activity names, `dependsOn` targets in the same container
 * (the pipeline, or one ForEach/IfCondition/Until/Switch branch), valid dependency conditions, no
 * dependency cycles, every dataset, data flow and linked service (and, when `known.pipelines` or
 * `known.integrationRuntimes` is given, pipeline and integration runtime) reference defined, and no
 * `SecureString` literals.
 */
export function checkPipeline(input: PipelineCheckInput): PipelineCheckResult {
  return new PipelineChecker(input).run();
}

interface Container {
  /** Where the list is, for messages, e.g. `in ForEach "Loop"`. */
  readonly where: string;
  /** JSON path of the list, for messages, e.g. `activity "Loop" typeProperties.activities`. */
  readonly field: string;
}

class PipelineChecker {
  private readonly problems: ValidationProblem[] = [];
  private readonly references: Record<ReferenceKind, string[]> = {
    dataset: [],
    dataFlow: [],
    linkedService: [],
    pipeline: [],
    integrationRuntime: [],
  };
  private readonly activityNames = new Set<string>();
  private readonly subject: string;

  constructor(private readonly input: PipelineCheckInput) {
    this.subject = `pipeline "${input.pipeline}"${input.file ? ` (${input.file})` : ""}`;
  }

  public run(): PipelineCheckResult {
    this.container(this.input.activities, { where: "in the pipeline", field: "activities" });
    return { problems: this.problems, references: this.references };
  }

  private container(list: unknown, container: Container): void {
    if (!Array.isArray(list)) {
      this.report(container.field, { rule: "is not a list of activities", fix: "give a JSON array of activity objects" });
      return;
    }
    const named: JsonObject[] = [];
    list.forEach((item, index) => {
      const activity = this.identify(item, index, container);
      if (activity) named.push(activity);
    });
    const siblings = named.map((a) => a.name as string);
    const edges = new Map<string, string[]>();
    for (const activity of named) edges.set(activity.name as string, this.dependencies(activity, siblings, container));
    this.cycles(siblings, edges, container);
    for (const activity of named) this.body(activity);
  }

  /** The activity when it has a name (reporting duplicates and missing or unknown types). */
  private identify(item: unknown, index: number, container: Container): JsonObject | undefined {
    if (!isObject(item) || typeof item.name !== "string" || item.name === "") {
      this.report(`activity #${index + 1} ${container.where}`, { rule: "has no name", fix: 'give every activity a unique "name"' });
      return undefined;
    }
    const name = item.name;
    if (this.activityNames.has(name)) {
      this.report("activity name", {
        value: name,
        rule: "is used by more than one activity",
        fix: "give every activity of the pipeline a unique name, including activities inside ForEach, IfCondition, Until and Switch",
      });
    }
    this.activityNames.add(name);
    if (typeof item.type !== "string") {
      this.report(`activity "${name}" type`, { rule: "is missing", fix: "set type to one of the activity types in ACTIVITY_TYPES, e.g. \"Copy\"" });
    } else if (!isActivityType(item.type)) {
      const suggestion = closest(item.type, ACTIVITY_TYPES);
      this.report(`activity "${name}" type`, {
        value: item.type,
        rule: "is not a Data Factory activity type",
        fix: `${suggestion ? `use "${suggestion}"` : "use a type from ACTIVITY_TYPES (the activity types of the ADF 2018-06-01 schema)"}`,
      });
    }
    return item;
  }

  /** Validates `dependsOn` and returns the sibling names the activity waits for. */
  private dependencies(activity: JsonObject, siblings: readonly string[], container: Container): string[] {
    const name = activity.name as string;
    const dependsOn = activity.dependsOn;
    if (dependsOn === undefined) return [];
    if (!Array.isArray(dependsOn)) {
      this.report(`activity "${name}" dependsOn`, { rule: "is not a list", fix: "give a JSON array of { activity, dependencyConditions }" });
      return [];
    }
    const targets: string[] = [];
    dependsOn.forEach((entry, index) => {
      const target = isObject(entry) ? entry.activity : undefined;
      if (typeof target !== "string" || target === "") {
        this.report(`activity "${name}" dependsOn #${index + 1}`, {
          rule: "names no activity",
          fix: 'set "activity" to the name of the activity to wait for',
        });
        return;
      }
      if (target === name) {
        this.report(`activity "${name}" dependsOn`, {
          value: target,
          rule: "is the activity itself",
          fix: "remove the entry: an activity cannot wait for itself",
        });
      } else if (!siblings.includes(target)) {
        const others = siblings.filter((s) => s !== name);
        this.report(`activity "${name}" dependsOn`, {
          value: target,
          rule: `names no activity ${container.where}`,
          fix: `${others.length > 0 ? `depend on one of ${others.map((s) => `"${s}"`).join(", ")}` : "remove the entry"}: ` +
            `an activity can only wait for activities of the same container (the pipeline's top level, or one ForEach, IfCondition, ` +
            `Until or Switch branch)`,
        });
      } else {
        targets.push(target);
      }
      this.conditions(name, target, (entry as JsonObject).dependencyConditions);
    });
    return targets;
  }

  private conditions(name: string, target: string, conditions: unknown): void {
    const field = `activity "${name}" dependsOn "${target}" dependencyConditions`;
    const fix = `use ${DEPENDENCY_CONDITIONS.slice(0, -1).join(", ")} or ${DEPENDENCY_CONDITIONS[DEPENDENCY_CONDITIONS.length - 1]}`;
    if (!Array.isArray(conditions) || conditions.length === 0) {
      this.report(field, { value: conditions, rule: "is not a non-empty list", fix: `list at least one condition: ${fix}` });
      return;
    }
    const bad = conditions.filter((c) => !(DEPENDENCY_CONDITIONS as readonly unknown[]).includes(c));
    if (bad.length > 0) {
      this.report(field, { value: conditions, rule: `has ${bad.map((c) => JSON.stringify(c)).join(", ")}, not a dependency condition`, fix });
    }
  }

  /** Reports the first dependency cycle among siblings (edges point to the activity waited for). */
  private cycles(siblings: readonly string[], edges: ReadonlyMap<string, readonly string[]>, container: Container): void {
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (node: string): string[] | undefined => {
      state.set(node, "visiting");
      stack.push(node);
      for (const next of edges.get(node) ?? []) {
        if (state.get(next) === "visiting") return [...stack.slice(stack.indexOf(next)), next];
        if (!state.has(next)) {
          const cycle = visit(next);
          if (cycle) return cycle;
        }
      }
      stack.pop();
      state.set(node, "done");
      return undefined;
    };
    for (const node of siblings) {
      if (state.has(node)) continue;
      const cycle = visit(node);
      if (cycle) {
        this.report(`activities ${container.where}`, {
          rule: `wait for each other in a cycle: ${cycle.map((n) => `"${n}"`).join(" -> ")}`,
          fix: "remove one of these dependsOn entries (each arrow points from an activity to the one it waits for)",
        });
        return;
      }
    }
  }

  /** Required type properties, references and secrets of one activity, then its nested activities. */
  private body(activity: JsonObject): void {
    const name = activity.name as string;
    const type = typeof activity.type === "string" && isActivityType(activity.type) ? activity.type : undefined;
    const typeProperties = isObject(activity.typeProperties) ? activity.typeProperties : undefined;
    if (type) this.required(name, type, typeProperties);
    const nestedKeys = type ? [...(CONTAINER_PROPERTIES[type] ?? []), ...(type === "Switch" ? ["cases"] : [])] : [];
    const own = typeProperties ? { ...activity, typeProperties: omit(typeProperties, nestedKeys) } : activity;
    this.scan(name, own, "");
    if (!type || !typeProperties) return;
    if (type === "ForEach") this.batchCount(name, typeProperties.batchCount);
    for (const key of CONTAINER_PROPERTIES[type] ?? []) {
      if (typeProperties[key] !== undefined) {
        const where = type === "IfCondition" || type === "Switch" ? `in ${type} "${name}" ${key}` : `in ${type} "${name}"`;
        this.container(typeProperties[key], { where, field: `activity "${name}" typeProperties.${key}` });
      }
    }
    if (type === "Switch" && Array.isArray(typeProperties.cases)) {
      typeProperties.cases.forEach((c, index) => {
        const value = isObject(c) ? c.value : undefined;
        this.container(isObject(c) ? c.activities : undefined, {
          where: `in Switch "${name}" case ${JSON.stringify(value ?? index + 1)}`,
          field: `activity "${name}" typeProperties.cases[${index}].activities`,
        });
      });
    }
  }

  private required(name: string, type: ActivityType, typeProperties: JsonObject | undefined): void {
    const required = REQUIRED_TYPE_PROPERTIES[type];
    if (!typeProperties) {
      this.report(`activity "${name}" typeProperties`, {
        rule: `is missing; ${withArticle(type)} activity needs it`,
        fix: required.length > 0 ? `add typeProperties with ${required.join(", ")}` : "add typeProperties (an empty object at least)",
      });
      return;
    }
    const missing = required.filter((key) => typeProperties[key] === undefined);
    if (missing.length > 0) {
      this.report(`activity "${name}" typeProperties`, {
        rule: `lacks ${missing.join(", ")}, required for ${withArticle(type)} activity`,
        fix: `set typeProperties.${missing.join(" and typeProperties.")}`,
      });
    }
  }

  private batchCount(name: string, batchCount: unknown): void {
    if (batchCount === undefined || isExpression(batchCount)) return;
    if (typeof batchCount !== "number" || !Number.isInteger(batchCount) || batchCount < 1 || batchCount > MAX_BATCH_COUNT) {
      this.report(`activity "${name}" typeProperties.batchCount`, {
        value: batchCount,
        rule: `is not a whole number from 1 to ${MAX_BATCH_COUNT}`,
        fix: `set batchCount to 1-${MAX_BATCH_COUNT} (a ForEach runs at most ${MAX_BATCH_COUNT} iterations in parallel)`,
      });
    }
  }

  /** Walks an activity's own JSON for entity references and secret literals. */
  private scan(name: string, value: unknown, path: string): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.scan(name, v, `${path}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    if (value.type === "SecureString") {
      this.report(`activity "${name}"`, {
        rule: `holds a SecureString literal at ${path === "" ? "its root" : path}`,
        fix: "keep secrets out of pipeline JSON: reference a Key Vault secret (AzureKeyVaultSecret) or use managed identity",
      });
    }
    const kind = typeof value.type === "string" ? REFERENCE_TYPES[value.type] : undefined;
    // A token is a construct's own resource name (e.g. a data flow's runtime): Terraform resolves it.
    if (kind && typeof value.referenceName === "string" && !value.referenceName.startsWith("@") && !isUnresolved(value.referenceName)) {
      this.reference(name, kind, value.referenceName);
    }
    for (const [key, child] of Object.entries(value)) this.scan(name, child, path ? `${path}.${key}` : key);
  }

  private reference(activity: string, kind: ReferenceKind, referenceName: string): void {
    if (!this.references[kind].includes(referenceName)) this.references[kind].push(referenceName);
    const { label, known } = REFERENCE_LABELS[kind];
    const names = this.input.known[known];
    if (names === undefined || names.some((n) => n.toLowerCase() === referenceName.toLowerCase())) return;
    if (kind === "integrationRuntime" && referenceName.toLowerCase() === AUTO_RESOLVE_RUNTIME.toLowerCase()) return;
    const guess = closest(referenceName, kind === "integrationRuntime" ? [...names, AUTO_RESOLVE_RUNTIME] : names);
    const defined = names.length > 0 ? `defined: ${names.map((n) => `"${n}"`).join(", ")}` : "none is defined yet";
    this.report(`activity "${activity}" ${label} reference`, {
      value: referenceName,
      rule: `is not ${withArticle(label)} of this factory`,
      fix: `${guess ? `use "${guess}", or ` : ""}define the ${label} in the factory before the pipeline (${defined}), `
        + `or list it in externalReferences.${known}`,
    });
  }

  private report(what: string, problem: Omit<ValidationProblem, "field">): void {
    this.problems.push({ field: `${this.subject} ${what}`, ...problem });
  }
}

function isActivityType(type: string): type is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(type);
}

/** A Data Factory expression object, `{ "value": "@...", "type": "Expression" }`. */
function isExpression(value: unknown): boolean {
  return isObject(value) && value.type === "Expression";
}

function omit(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}
