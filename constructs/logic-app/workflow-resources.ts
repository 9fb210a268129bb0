import { Construct, IConstruct } from "constructs";
import { LogicAppActionCustom } from "@cdktf/provider-azurerm/lib/logic-app-action-custom";
import { LogicAppTriggerCustom } from "@cdktf/provider-azurerm/lib/logic-app-trigger-custom";
import { LogicAppTriggerHttpRequest } from "@cdktf/provider-azurerm/lib/logic-app-trigger-http-request";
import { LogicAppTriggerRecurrence, LogicAppTriggerRecurrenceConfig } from "@cdktf/provider-azurerm/lib/logic-app-trigger-recurrence";
import { invalid } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { JsonObject, JsonValue, WorkflowDefinition, isObject } from "./definition";
import { addDependency } from "../core/depends-on";

/** A trigger resource: HTTP request, recurrence, or any other trigger as a custom body. */
export type WorkflowTrigger = LogicAppTriggerHttpRequest | LogicAppTriggerRecurrence | LogicAppTriggerCustom;

const HTTP_METHODS = ["DELETE", "GET", "PATCH", "POST", "PUT"];
const RECURRENCE_FREQUENCIES = ["Month", "Week", "Day", "Hour", "Minute", "Second"];
const WEEK_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// The definition is the user's text: `terraformLiteral` keeps Terraform from reading `${...}` in it
// (e.g. in an inline JavaScript action) as its own template syntax.

/**
 * One trigger resource per definition trigger, under `scope` with ids `Trigger-<name>`:
 * `Request` (kind Http) → http_request, an expressible `Recurrence` → recurrence, anything
 * else → custom with the trigger's JSON as its body (nothing is lost).
 */
export function addTriggers(scope: Construct, logicAppId: string, definition: WorkflowDefinition, source: string): Map<string, WorkflowTrigger> {
  const triggers = new Map<string, WorkflowTrigger>();
  for (const [name, trigger] of Object.entries(definition.triggers ?? {})) {
    const id = `Trigger-${name}`;
    if (trigger.type === "Request" && (trigger.kind === undefined || trigger.kind === "Http")) {
      triggers.set(name, new LogicAppTriggerHttpRequest(scope, id, { name, logicAppId, ...requestInputs(scope, name, trigger, source) }));
      continue;
    }
    const recurrence = trigger.type === "Recurrence" ? recurrenceSettings(trigger) : undefined;
    triggers.set(
      name,
      recurrence
        ? new LogicAppTriggerRecurrence(scope, id, { name, logicAppId, ...recurrence })
        : new LogicAppTriggerCustom(scope, id, { name, logicAppId, body: terraformLiteral(JSON.stringify(trigger)) }),
    );
  }
  return triggers;
}

/**
 * One custom action per top-level action (nested actions travel in their parent's body), ids
 * `Action-<name>`. Logic Apps validates the whole definition on every change, so an action is
 * added only after the actions it runs after; actions that run first wait for the triggers.
 */
export function addActions(
  scope: Construct,
  logicAppId: string,
  definition: WorkflowDefinition,
  triggers: ReadonlyMap<string, WorkflowTrigger>,
): Map<string, LogicAppActionCustom> {
  const actions = new Map<string, LogicAppActionCustom>();
  const entries = Object.entries(definition.actions ?? {});
  for (const [name, action] of entries) {
    actions.set(name, new LogicAppActionCustom(scope, `Action-${name}`, { name, logicAppId, body: terraformLiteral(JSON.stringify(action)) }));
  }
  for (const [name, action] of entries) {
    const after = Object.keys(isObject(action.runAfter) ? action.runAfter : {});
    const dependencies = after.length > 0 ? after.map((a) => actions.get(a)!) : [...triggers.values()];
    addDependency(actions.get(name)!, ...dependencies);
  }
  return actions;
}

function requestInputs(
  scope: IConstruct,
  name: string,
  trigger: JsonObject,
  source: string,
): { schema: string; method?: string; relativePath?: string } {
  const inputs = isObject(trigger.inputs) ? trigger.inputs : {};
  const extra = [
    ...Object.keys(trigger).filter((k) => !["type", "kind", "inputs"].includes(k)),
    ...Object.keys(inputs).filter((k) => !["schema", "method", "relativePath"].includes(k)).map((k) => `inputs.${k}`),
  ];
  const subject = `trigger "${name}" in ${source}`;
  if (extra.length > 0) {
    invalid(scope, {
      field: subject,
      rule: `sets ${extra.join(", ")}, which azurerm_logic_app_trigger_http_request cannot express`,
      fix: "remove them: the resource sets only inputs.schema, inputs.method and inputs.relativePath",
    });
  }
  const method = optionalString(inputs.method);
  const relativePath = optionalString(inputs.relativePath);
  if (method !== undefined && !HTTP_METHODS.includes(method)) {
    invalid(scope, {
      field: `${subject} inputs.method`,
      value: method,
      rule: "is not a method azurerm accepts",
      fix: `use one of ${HTTP_METHODS.join(", ")}`,
    });
  }
  if (relativePath !== undefined && method === undefined) {
    invalid(scope, {
      field: `${subject} inputs.relativePath`,
      value: relativePath,
      rule: "is set without inputs.method",
      fix: 'add inputs.method, e.g. "POST"',
    });
  }
  if (inputs.schema !== undefined && !isObject(inputs.schema)) {
    invalid(scope, {
      field: `${subject} inputs.schema`,
      rule: "is not a JSON schema object",
      fix: "use the schema the designer generates from a sample payload, or {}",
    });
  }
  return {
    schema: terraformLiteral(JSON.stringify(inputs.schema ?? {})),
    method,
    relativePath: relativePath === undefined ? undefined : terraformLiteral(relativePath),
  };
}

/** The recurrence resource's settings, or undefined when the trigger needs more than it can express. */
function recurrenceSettings(trigger: JsonObject): Omit<LogicAppTriggerRecurrenceConfig, "name" | "logicAppId"> | undefined {
  const r = trigger.recurrence;
  if (Object.keys(trigger).some((k) => k !== "type" && k !== "recurrence") || !isObject(r)) return undefined;
  if (Object.keys(r).some((k) => !["frequency", "interval", "startTime", "timeZone", "schedule"].includes(k))) return undefined;
  if (typeof r.frequency !== "string" || !RECURRENCE_FREQUENCIES.includes(r.frequency)) return undefined;
  if (typeof r.interval !== "number" || !Number.isInteger(r.interval) || r.interval < 1) return undefined;
  if (r.startTime !== undefined && (typeof r.startTime !== "string" || !RFC3339.test(r.startTime))) return undefined;
  if (r.timeZone !== undefined && typeof r.timeZone !== "string") return undefined;
  let schedule: LogicAppTriggerRecurrenceConfig["schedule"];
  if (r.schedule !== undefined) {
    const s = r.schedule;
    if (!isObject(s) || Object.keys(s).some((k) => !["hours", "minutes", "weekDays"].includes(k))) return undefined;
    const hours = integers(s.hours, 0, 23);
    const minutes = integers(s.minutes, 0, 59);
    const days = s.weekDays;
    if (hours === null || minutes === null) return undefined;
    if (days !== undefined && (!Array.isArray(days) || days.some((d) => typeof d !== "string" || !WEEK_DAYS.includes(d)))) return undefined;
    if (!hours && !minutes && !days?.length) return undefined;
    schedule = { atTheseHours: hours, atTheseMinutes: minutes, onTheseDays: days as string[] | undefined };
  }
  return { frequency: r.frequency, interval: r.interval, startTime: r.startTime, timeZone: r.timeZone, schedule };
}

/** Whole numbers in range (the designer writes hours as strings), undefined when absent, null when invalid. */
function integers(value: JsonValue | undefined, min: number, max: number): number[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return null;
  const numbers = value.map((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));
  return numbers.every((n) => typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) ? (numbers as number[]) : null;
}

function optionalString(value: JsonValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
