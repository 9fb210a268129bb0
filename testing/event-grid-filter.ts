import { StackJson } from "./synth";

// A model of Event Grid's filtering, to check synthesized subscriptions against the events a
// system really emits, offline: https://learn.microsoft.com/azure/event-grid/event-filtering
// (event types, subject begins/ends with, advanced filters ANDed, string comparisons case-insensitive).
// Operators as azurerm 4.55 names them: azurerm @v4.55.0:internal/services/eventgrid/event_subscription_funcs.go.

/** A subscription as synthesized (snake_case attributes of azurerm_eventgrid_*_event_subscription). */
export interface SynthesizedSubscription {
  readonly name: string;
  readonly included_event_types?: string[];
  readonly subject_filter?: { subject_begins_with?: string; subject_ends_with?: string; case_sensitive?: boolean };
  readonly advanced_filter?: Record<string, { key: string; value?: unknown; values?: unknown[] }[]>;
}

/** An event in either schema: CloudEvents 1.0 (`type`, `specversion`) or Event Grid (`eventType`). */
export type GridEvent = Record<string, unknown>;

const SUBSCRIPTION_TYPES = [
  "azurerm_eventgrid_event_subscription",
  "azurerm_eventgrid_system_topic_event_subscription",
  "azurerm_eventgrid_domain_topic_event_subscription",
];

/** Every Event Grid subscription in a stack's synthesized JSON (see `synthJson`), by its `name`. */
export function eventGridSubscriptions(json: StackJson): Map<string, SynthesizedSubscription> {
  const found = SUBSCRIPTION_TYPES.flatMap((type) => Object.values((json.resource?.[type] ?? {}) as Record<string, SynthesizedSubscription>));
  return new Map(found.map((s) => [s.name, s]));
}

function eventType(event: GridEvent): unknown {
  return "specversion" in event ? event.type : event.eventType;
}

/** The value at a dotted key (`data.total`, `subject`). */
function valueAt(event: GridEvent, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as GridEvent)[part] : undefined), event);
}

type Filter = { value?: unknown; values?: unknown[] };
const lower = (v: unknown) => String(v).toLowerCase();
const strings = (test: (actual: string, value: string) => boolean) => (a: unknown, f: Filter) =>
  typeof a === "string" && (f.values ?? []).some((v) => test(a.toLowerCase(), lower(v)));
const inRange = (a: unknown, f: Filter) =>
  typeof a === "number" && (f.values ?? []).some((r) => Array.isArray(r) && a >= Number(r[0]) && a <= Number(r[1]));
const not = (test: (a: unknown, f: Filter) => boolean) => (a: unknown, f: Filter) => !test(a, f);

const OPERATORS: Readonly<Record<string, (actual: unknown, filter: Filter) => boolean>> = {
  string_in: strings((a, v) => a === v),
  string_not_in: not(strings((a, v) => a === v)),
  string_begins_with: strings((a, v) => a.startsWith(v)),
  string_not_begins_with: not(strings((a, v) => a.startsWith(v))),
  string_ends_with: strings((a, v) => a.endsWith(v)),
  string_not_ends_with: not(strings((a, v) => a.endsWith(v))),
  string_contains: strings((a, v) => a.includes(v)),
  string_not_contains: not(strings((a, v) => a.includes(v))),
  number_greater_than: (a, f) => typeof a === "number" && a > Number(f.value),
  number_greater_than_or_equals: (a, f) => typeof a === "number" && a >= Number(f.value),
  number_less_than: (a, f) => typeof a === "number" && a < Number(f.value),
  number_less_than_or_equals: (a, f) => typeof a === "number" && a <= Number(f.value),
  number_in: (a, f) => typeof a === "number" && (f.values ?? []).map(Number).includes(a),
  number_not_in: (a, f) => !(typeof a === "number" && (f.values ?? []).map(Number).includes(a)),
  number_in_range: inRange,
  number_not_in_range: not(inRange),
  bool_equals: (a, f) => a === f.value,
  is_not_null: (a) => a !== undefined && a !== null,
  is_null_or_undefined: (a) => a === undefined || a === null,
};

/** Whether the subscription delivers `event`: event types, subject filter, then every advanced filter (ANDed). */
export function eventGridDelivers(subscription: SynthesizedSubscription, event: GridEvent): boolean {
  const types = subscription.included_event_types;
  if (types && !types.some((t) => lower(t) === lower(eventType(event)))) return false;
  const subjectFilter = subscription.subject_filter;
  if (subjectFilter) {
    const fold = (s: string) => (subjectFilter.case_sensitive ? s : s.toLowerCase());
    const subject = fold(String(event.subject ?? ""));
    if (subjectFilter.subject_begins_with && !subject.startsWith(fold(subjectFilter.subject_begins_with))) return false;
    if (subjectFilter.subject_ends_with && !subject.endsWith(fold(subjectFilter.subject_ends_with))) return false;
  }
  for (const [operator, filters] of Object.entries(subscription.advanced_filter ?? {})) {
    const check = OPERATORS[operator];
    if (!check) throw new Error(`subscription ${subscription.name}: advanced filter operator "${operator}" is not one Event Grid has`);
    for (const filter of filters) if (!check(valueAt(event, filter.key), filter)) return false;
  }
  return true;
}
