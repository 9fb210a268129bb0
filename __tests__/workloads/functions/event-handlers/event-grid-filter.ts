// A small model of Event Grid's filtering (learn.microsoft.com, "Understand event filtering"), to
// check the synthesized subscriptions against the events the handlers really emit.

/** A subscription as synthesized (snake_case attributes of azurerm_eventgrid_*_event_subscription). */
export interface SynthesizedSubscription {
  readonly name: string;
  readonly included_event_types?: string[];
  readonly subject_filter?: { subject_begins_with?: string; subject_ends_with?: string; case_sensitive?: boolean };
  readonly advanced_filter?: Record<string, { key: string; value?: unknown; values?: unknown[] }[]>;
}

/** An event in either schema: CloudEvents (`type`) or Event Grid (`eventType`). */
type AnyEvent = Record<string, unknown>;

function eventType(event: AnyEvent): unknown {
  return "specversion" in event ? event.type : event.eventType;
}

/** The value at a dotted key (`data.total`, `subject`); for Event Grid events `eventType` also answers `type`. */
function valueAt(event: AnyEvent, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as AnyEvent)[part] : undefined), event);
}

const OPERATORS: Record<string, (actual: unknown, filter: { value?: unknown; values?: unknown[] }) => boolean> = {
  string_in: (a, f) => typeof a === "string" && (f.values ?? []).some((v) => String(v).toLowerCase() === a.toLowerCase()),
  string_not_in: (a, f) => typeof a !== "string" || !(f.values ?? []).some((v) => String(v).toLowerCase() === a.toLowerCase()),
  string_begins_with: (a, f) => typeof a === "string" && (f.values ?? []).some((v) => a.toLowerCase().startsWith(String(v).toLowerCase())),
  string_ends_with: (a, f) => typeof a === "string" && (f.values ?? []).some((v) => a.toLowerCase().endsWith(String(v).toLowerCase())),
  string_contains: (a, f) => typeof a === "string" && (f.values ?? []).some((v) => a.toLowerCase().includes(String(v).toLowerCase())),
  number_greater_than: (a, f) => typeof a === "number" && a > Number(f.value),
  number_greater_than_or_equals: (a, f) => typeof a === "number" && a >= Number(f.value),
  number_less_than: (a, f) => typeof a === "number" && a < Number(f.value),
  number_less_than_or_equals: (a, f) => typeof a === "number" && a <= Number(f.value),
  number_in: (a, f) => typeof a === "number" && (f.values ?? []).includes(a),
  bool_equals: (a, f) => a === f.value,
  is_not_null: (a) => a !== undefined && a !== null,
  is_null_or_undefined: (a) => a === undefined || a === null,
};

/** Whether the subscription delivers `event`: event types, subject filter, then every advanced filter (ANDed). */
export function matches(subscription: SynthesizedSubscription, event: AnyEvent): boolean {
  const types = subscription.included_event_types;
  if (types && !types.includes(String(eventType(event)))) return false;
  const subjectFilter = subscription.subject_filter;
  if (subjectFilter) {
    const fold = (s: string) => (subjectFilter.case_sensitive ? s : s.toLowerCase());
    const subject = fold(String(event.subject ?? ""));
    if (subjectFilter.subject_begins_with && !subject.startsWith(fold(subjectFilter.subject_begins_with))) return false;
    if (subjectFilter.subject_ends_with && !subject.endsWith(fold(subjectFilter.subject_ends_with))) return false;
  }
  for (const [operator, filters] of Object.entries(subscription.advanced_filter ?? {})) {
    const check = OPERATORS[operator];
    if (!check) throw new Error(`the test's filter model has no operator ${operator}`);
    for (const filter of filters) if (!check(valueAt(event, filter.key), filter)) return false;
  }
  return true;
}
