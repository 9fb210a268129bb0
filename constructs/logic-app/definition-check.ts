import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { JsonObject, JsonValue, LoadedDefinition, isObject } from "./definition";
import { connectionsUsedBy, expressionsOf, imbalanceOf, parametersUsedBy } from "./expressions";
import { closest } from "../core/closest";
import {
  ACTION_REFERENCE_FUNCTIONS,
  ACTION_TYPES,
  HTTP_METHODS,
  LOOP_REFERENCE_FUNCTIONS,
  TRIGGER_TYPES,
  WDL_FUNCTIONS,
  functionCallsOf,
} from "./wdl-reference";

const FUNCTION_REFERENCE = "https://learn.microsoft.com/azure/logic-apps/workflow-definition-language-functions-reference";
const FUNCTIONS_BY_LOWER = new Map(WDL_FUNCTIONS.map((f) => [f.toLowerCase(), f]));
const ACTION_REFERENCES = new Set(ACTION_REFERENCE_FUNCTIONS.map((f) => f.toLowerCase()));
const LOOP_REFERENCES = new Set(LOOP_REFERENCE_FUNCTIONS.map((f) => f.toLowerCase()));

/** Statuses an action can run after. */
export const RUN_AFTER_STATUSES = ["Succeeded", "Failed", "Skipped", "TimedOut"] as const;

/** Parameter types of the Workflow Definition Language, in the casing azurerm expects. */
export const PARAMETER_TYPES = ["String", "SecureString", "Int", "Float", "Bool", "Array", "Object", "SecureObject"] as const;

export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** What the rest of the construct needs from a checked definition. */
export interface DefinitionAnalysis {
  /** Parameter types by name, in azurerm's casing. */
  readonly parameterTypes: ReadonlyMap<string, ParameterType>;
  /** Connections read as `parameters('$connections')['<name>']`, with the first action (or trigger) reading each. */
  readonly connectionsUsed: ReadonlyMap<string, string>;
}

/** A set of sibling actions: the top level, or the inside of a Scope, If, Switch, Foreach or Until. */
interface ActionBlock {
  readonly label: string;
  readonly actions: Record<string, JsonObject>;
}

/**
 * Checks a workflow definition the way Logic Apps would on deploy, so mistakes surface at synth:
 * shape, runAfter targets (same block only), cycles, runAfter statuses, balanced expressions,
 * declared parameters and `$connections`. Throws on the first problem.
 */
export function checkDefinition(scope: IConstruct, loaded: LoadedDefinition): DefinitionAnalysis {
  return new DefinitionChecker(scope, loaded).check();
}

class DefinitionChecker {
  private readonly source: string;
  private readonly parameterTypes = new Map<string, ParameterType>();
  private readonly connectionsUsed = new Map<string, string>();
  /** Block of every action seen so far; names are unique across a workflow. */
  private readonly blockOf = new Map<string, string>();

  constructor(
    private readonly scope: IConstruct,
    private readonly loaded: LoadedDefinition,
  ) {
    this.source = loaded.source;
  }

  /** Every action of the workflow by lower-case name (names are unique across blocks), with its type. */
  private readonly allActions = new Map<string, { name: string; type: string }>();

  public check(): DefinitionAnalysis {
    const definition = this.loaded.definition;
    this.checkParameters();
    const triggers = this.members("triggers", definition.triggers, "trigger");
    const actions = this.members("actions", definition.actions, "action");
    if (Object.keys(triggers).length === 0 && Object.keys(actions).length === 0) {
      invalid(this.scope, {
        field: `definition in ${this.source}`,
        rule: "has no trigger and no action, so it would deploy an empty workflow",
        fix: 'pass the workflow definition (the object with "triggers" and "actions" from the designer\'s code view)',
      });
    }
    this.collectActions(actions);
    if (definition.outputs !== undefined && (!isObject(definition.outputs) || Object.keys(definition.outputs).length > 0)) {
      invalid(this.scope, {
        field: `outputs in ${this.source}`,
        rule: "are not empty, and azurerm_logic_app_workflow cannot deploy workflow outputs",
        fix: 'remove them (set "outputs": {}) and return data from a Response action instead',
      });
    }
    this.checkBlock({ label: "the top level", actions });
    for (const [name, trigger] of Object.entries(triggers)) this.checkValues(`trigger "${name}"`, trigger, []);
    return { parameterTypes: this.parameterTypes, connectionsUsed: this.connectionsUsed };
  }

  private collectActions(actions: Record<string, JsonObject>): void {
    for (const [name, action] of Object.entries(actions)) {
      if (!isObject(action)) continue;
      this.allActions.set(name.toLowerCase(), { name, type: String(action.type) });
      for (const child of childBlocks(name, action)) if (isObject(child.actions)) this.collectActions(child.actions);
    }
  }

  private checkParameters(): void {
    const declared = this.loaded.definition.parameters ?? {};
    if (!isObject(declared)) {
      invalid(this.scope, {
        field: `definition.parameters in ${this.source}`,
        rule: "is not an object",
        fix: 'declare parameters as { "<name>": { "type": "String" } }',
      });
    }
    for (const [name, declaration] of Object.entries(declared)) {
      const subject = `parameter "${name}" in ${this.source}`;
      const rawType = isObject(declaration) ? declaration.type : undefined;
      const type = PARAMETER_TYPES.find((t) => typeof rawType === "string" && t.toLowerCase() === rawType.toLowerCase());
      if (!isObject(declaration) || !type) {
        invalid(this.scope, {
          field: `${subject} type`,
          value: rawType ?? null,
          rule: "is not a workflow parameter type",
          fix: `use one of ${PARAMETER_TYPES.join(", ")}`,
        });
      }
      if (type.startsWith("Secure") && isLiteralSecret(declaration.defaultValue)) {
        invalid(this.scope, {
          field: `${subject} defaultValue`,
          rule: `is a literal ${type}, which would be stored in the template and in Terraform state`,
          fix: "leave the default empty and pass the value in parameterValues from a Key Vault reference, " +
            "or read the secret at run time with the Key Vault connector",
        });
      }
      this.parameterTypes.set(name, type);
    }
  }

  private members(field: "triggers" | "actions", value: unknown, kind: "trigger" | "action"): Record<string, JsonObject> {
    if (value === undefined) return {};
    if (!isObject(value)) invalid(this.scope, {
      field: `${field} in ${this.source}`,
      rule: "is not an object",
      fix: `write ${field} as { "<name>": { "type": ... } }`,
    });
    for (const [name, member] of Object.entries(value)) {
      if (name.length === 0 || name.includes("/")) {
        invalid(this.scope, {
          field: `${kind} name in ${this.source}`,
          value: name,
          rule: "is empty or contains '/'",
          fix: "use letters, digits and underscores, as the designer does",
        });
      }
      if (!isObject(member) || typeof member.type !== "string") {
        invalid(this.scope, { field: `${kind} "${name}" in ${this.source}`, rule: "has no type", fix: `give it a "type", e.g. "Request" or "Http"` });
      }
      this.checkType(kind, name, member);
    }
    return value as Record<string, JsonObject>;
  }

  /** The type is one Logic Apps knows, and an HTTP method is an HTTP method. */
  private checkType(kind: "trigger" | "action", name: string, member: JsonObject): void {
    const known = kind === "trigger" ? TRIGGER_TYPES : ACTION_TYPES;
    const type = String(member.type);
    if (!known.some((t) => t.toLowerCase() === type.toLowerCase())) {
      const guess = closest(type, known);
      invalid(this.scope, {
        field: `${kind} "${name}" in ${this.source} type`,
        value: type,
        rule: `is not a Logic Apps ${kind} type`,
        fix: guess ? `did you mean "${guess}"? use a type from the workflow actions and triggers reference` : `use one of ${known.join(", ")}`,
      });
    }
    const method = isObject(member.inputs) ? member.inputs.method : undefined;
    if (typeof method === "string" && !method.startsWith("@") && !isUnresolved(method) && !HTTP_METHODS.includes(method.toUpperCase())) {
      const guess = closest(method.toUpperCase(), HTTP_METHODS);
      invalid(this.scope, {
        field: `${kind} "${name}" in ${this.source} inputs.method`,
        value: method,
        rule: "is not an HTTP method",
        fix: `${guess ? `did you mean "${guess}"? ` : ""}use one of ${HTTP_METHODS.join(", ")}`,
      });
    }
  }

  private checkBlock(block: ActionBlock): void {
    const names = Object.keys(block.actions);
    for (const name of names) {
      const earlier = this.blockOf.get(name);
      if (earlier !== undefined) {
        invalid(this.scope, {
          field: `action "${name}" in ${this.source}`,
          rule: `is defined twice (${earlier} and ${block.label})`,
          fix: "rename one of them: action names are unique across a workflow",
        });
      }
      this.blockOf.set(name, block.label);
    }
    const edges = new Map<string, string[]>();
    for (const [name, action] of Object.entries(block.actions)) {
      edges.set(name, this.checkRunAfter(name, action, block, names));
      this.checkValues(`action "${name}"`, action, [], true);
    }
    this.checkCycles(block, edges);
    for (const [name, action] of Object.entries(block.actions)) {
      for (const child of childBlocks(name, action)) {
        this.members("actions", child.actions, "action");
        this.checkBlock(child);
      }
    }
  }

  /** The runAfter targets of one action, after checking each target and status. */
  private checkRunAfter(name: string, action: JsonObject, block: ActionBlock, siblings: string[]): string[] {
    const subject = `action "${name}" in ${this.source}`;
    const runAfter = action.runAfter ?? {};
    if (!isObject(runAfter)) {
      invalid(this.scope, { field: `${subject} runAfter`, rule: "is not an object", fix: 'write runAfter as { "<action>": ["Succeeded"] }' });
    }
    for (const [target, statuses] of Object.entries(runAfter)) {
      if (target === name) {
        invalid(this.scope, { field: subject, rule: "runs after itself", fix: `remove "${target}" from its runAfter` });
      }
      if (!siblings.includes(target)) {
        const elsewhere = this.findAnywhere(target);
        const others = siblings.filter((s) => s !== name);
        const choices = others.length > 0 ? `one of ${others.map((o) => `"${o}"`).join(", ")}` : "none there";
        invalid(this.scope, {
          field: subject,
          rule: elsewhere
            ? `runs after "${target}", which is in ${elsewhere}, not in the same block (${block.label})`
            : `runs after "${target}", which is not an action of the workflow`,
          fix: elsewhere
            ? `Logic Apps resolves runAfter only within one block: run after a sibling (${choices}), remove the entry, ` +
              `or move the actions into one block`
            : `name an action of the same block (${block.label}: ${choices})`,
        });
      }
      if (!Array.isArray(statuses)) {
        invalid(this.scope, {
          field: `${subject} runAfter "${target}"`,
          rule: "is not a list of statuses",
          fix: `write it as "${target}": ["Succeeded"]`,
        });
      }
      for (const status of statuses) {
        if (!RUN_AFTER_STATUSES.some((s) => typeof status === "string" && s.toLowerCase() === status.toLowerCase())) {
          invalid(this.scope, {
            field: `${subject} runAfter "${target}" status`,
            value: status,
            rule: "is not a runAfter status",
            fix: `use ${RUN_AFTER_STATUSES.slice(0, -1).join(", ")} or ${RUN_AFTER_STATUSES[RUN_AFTER_STATUSES.length - 1]}`,
          });
        }
      }
    }
    return Object.keys(runAfter);
  }

  /** Where an action lives when it is not where runAfter looked (only blocks checked so far or nested anywhere). */
  private findAnywhere(target: string): string | undefined {
    const seen = this.blockOf.get(target);
    if (seen !== undefined) return seen;
    const search = (actions: Record<string, JsonObject>): string | undefined => {
      for (const [name, action] of Object.entries(actions)) {
        for (const child of childBlocks(name, action)) {
          if (isObject(child.actions) && target in child.actions) return child.label;
          const deeper = isObject(child.actions) ? search(child.actions) : undefined;
          if (deeper) return deeper;
        }
      }
      return undefined;
    };
    return search(this.loaded.definition.actions ?? {});
  }

  private checkCycles(block: ActionBlock, edges: Map<string, string[]>): void {
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (name: string): void => {
      if (state.get(name) === "done") return;
      if (state.get(name) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(name)), name];
        invalid(this.scope, {
          field: `runAfter in ${this.source}`,
          rule: `has a cycle in ${block.label}: ${cycle.join(" -> ")} (each action runs after the next)`,
          fix: "remove one runAfter entry of the cycle so the actions can be ordered",
        });
      }
      state.set(name, "visiting");
      stack.push(name);
      for (const next of edges.get(name) ?? []) visit(next);
      stack.pop();
      state.set(name, "done");
    };
    for (const name of edges.keys()) visit(name);
  }

  /**
   * Checks every string under `value` (an action's own properties, not its nested actions): balanced
   * expressions, declared parameters, and a declared `$connections` for connection references.
   */
  private checkValues(subject: string, value: JsonValue, path: string[], isAction = false): void {
    if (typeof value === "string") {
      this.checkString(subject, value, path);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => this.checkValues(subject, item, [...path, `[${i}]`]));
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (isAction && isNestedBlock(path, key)) continue;
        this.checkValues(subject, child, [...path, key], isAction);
      }
    }
  }

  private checkString(subject: string, value: string, path: string[]): void {
    const where = `${subject} in ${this.source} at ${formatPath(path)}`;
    const fix = "close every \"(\", \"[\" and \"'\" (write '' for a quote inside a string and @@ for a literal @)";
    const { expressions, error } = expressionsOf(value);
    if (error) invalid(this.scope, { field: where, value, rule: `is an expression with ${error}`, fix });
    for (const expression of expressions) {
      const imbalance = imbalanceOf(expression.text, expression.offset);
      if (imbalance) invalid(this.scope, { field: where, value, rule: `is an expression with ${imbalance}`, fix });
      for (const parameter of parametersUsedBy(expression.text)) {
        if (this.parameterTypes.has(parameter)) continue;
        invalid(this.scope, {
          field: `${subject} in ${this.source}`,
          rule: `uses parameters('${parameter}'), which definition.parameters does not declare`,
          fix:
            parameter === "$connections"
              ? 'declare "$connections": { "type": "Object", "defaultValue": {} } under definition.parameters ' +
                'and add each connection with addConnection()'
              : `declare it under definition.parameters, e.g. "${parameter}": { "type": "String" }`,
        });
      }
      this.checkCalls(subject, value, expression.text);
      for (const connection of connectionsUsedBy(expression.text)) {
        if (!this.connectionsUsed.has(connection)) this.connectionsUsed.set(connection, subject);
      }
    }
  }

  /** Every function is in the function reference, and every action a function names exists. */
  private checkCalls(subject: string, value: string, expression: string): void {
    for (const call of functionCallsOf(expression)) {
      const lower = call.name.toLowerCase();
      if (!FUNCTIONS_BY_LOWER.has(lower)) {
        const guess = closest(call.name, WDL_FUNCTIONS);
        invalid(this.scope, {
          field: `${subject} in ${this.source}`,
          value,
          rule: `calls ${call.name}(), which is not a Workflow Definition Language function`,
          fix: `${guess ? `did you mean ${guess}()? ` : ""}use a function of ${FUNCTION_REFERENCE}`,
        });
      }
      if (call.literalArgument === undefined || !(ACTION_REFERENCES.has(lower) || LOOP_REFERENCES.has(lower))) continue;
      const target = this.allActions.get(call.literalArgument.toLowerCase());
      const loop = LOOP_REFERENCES.has(lower);
      if (target !== undefined && (!loop || /^(foreach|until)$/i.test(target.type))) continue;
      const candidates = [...this.allActions.values()].filter((a) => !loop || /^(foreach|until)$/i.test(a.type)).map((a) => a.name);
      const guess = closest(call.literalArgument, candidates);
      const what = loop ? "a Foreach or Until action" : "an action";
      invalid(this.scope, {
        field: `${subject} in ${this.source}`,
        value,
        rule:
          `calls ${FUNCTIONS_BY_LOWER.get(lower)}('${call.literalArgument}'), but ` +
          (target ? `"${target.name}" is a ${target.type}, not ${what}` : `the workflow has no action "${call.literalArgument}"`),
        fix: guess
          ? `did you mean '${guess}'? name ${what} of the workflow`
          : `name ${what} of the workflow (${candidates.length ? candidates.map((c) => `"${c}"`).join(", ") : "it has none"})`,
      });
    }
  }
}

/** The blocks nested in a Scope/Foreach/Until (`actions`), If (`actions`, `else`) or Switch (`cases`, `default`). */
function childBlocks(name: string, action: JsonObject): ActionBlock[] {
  const blocks: ActionBlock[] = [];
  const add = (label: string, container: JsonValue | undefined) => {
    if (isObject(container) && container.actions !== undefined) blocks.push({ label, actions: container.actions as Record<string, JsonObject> });
  };
  add(`"${name}" actions`, action);
  add(`"${name}" else actions`, action.else);
  if (isObject(action.cases)) for (const [caseName, c] of Object.entries(action.cases)) add(`"${name}" case "${caseName}"`, c);
  add(`"${name}" default actions`, action.default);
  return blocks;
}

/** True at the keys holding nested actions, which are checked as actions of their own. */
function isNestedBlock(path: string[], key: string): boolean {
  if (key !== "actions") return false;
  return path.length === 0 || (path.length === 1 && (path[0] === "else" || path[0] === "default")) || (path.length === 2 && path[0] === "cases");
}

function formatPath(path: string[]): string {
  return path.length === 0 ? "(root)" : path.join(".").replace(/\.\[/g, "[");
}

function isLiteralSecret(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === "" || isUnresolved(value)) return false;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}
