import { IConstruct } from "constructs";
import { EventgridEventSubscriptionAdvancedFilter } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { invalid, isUnresolved } from "../core/errors";

/** Operators comparing a string field with a list of values (any value matches). */
export type StringFilterOperator =
  | "stringIn"
  | "stringNotIn"
  | "stringBeginsWith"
  | "stringNotBeginsWith"
  | "stringEndsWith"
  | "stringNotEndsWith"
  | "stringContains"
  | "stringNotContains";

/** Operators comparing a number field with one value. */
export type NumberCompareOperator = "numberGreaterThan" | "numberGreaterThanOrEquals" | "numberLessThan" | "numberLessThanOrEquals";

export interface StringFilter {
  readonly operator: StringFilterOperator;
  readonly key: string;
  readonly values: readonly string[];
}

export interface NumberListFilter {
  readonly operator: "numberIn" | "numberNotIn";
  readonly key: string;
  readonly values: readonly number[];
}

export interface NumberCompareFilter {
  readonly operator: NumberCompareOperator;
  readonly key: string;
  readonly value: number;
}

export interface NumberRangeFilter {
  readonly operator: "numberInRange" | "numberNotInRange";
  readonly key: string;
  /** Inclusive `[low, high]` ranges; each range counts as one value toward the limit. */
  readonly ranges: readonly (readonly [number, number])[];
}

export interface BoolFilter {
  readonly operator: "boolEquals";
  readonly key: string;
  readonly value: boolean;
}

export interface PresenceFilter {
  readonly operator: "isNotNull" | "isNullOrUndefined";
  readonly key: string;
}

/**
 * An advanced filter on an event field (`data.amount`, `subject`, ...). Filters on a subscription
 * are ANDed; the values inside one filter are ORed. Build them with the `AdvancedFilter.*` factories.
 */
export type AdvancedFilter = StringFilter | NumberListFilter | NumberCompareFilter | NumberRangeFilter | BoolFilter | PresenceFilter;

const strings = (operator: StringFilterOperator) => (key: string, values: readonly string[]): StringFilter => ({ operator, key, values });
const compare = (operator: NumberCompareOperator) => (key: string, value: number): NumberCompareFilter => ({ operator, key, value });

/** Factories of typed advanced filters. */
export const AdvancedFilter = {
  stringIn: strings("stringIn"),
  stringNotIn: strings("stringNotIn"),
  stringBeginsWith: strings("stringBeginsWith"),
  stringNotBeginsWith: strings("stringNotBeginsWith"),
  stringEndsWith: strings("stringEndsWith"),
  stringNotEndsWith: strings("stringNotEndsWith"),
  stringContains: strings("stringContains"),
  stringNotContains: strings("stringNotContains"),
  numberIn: (key: string, values: readonly number[]): NumberListFilter => ({ operator: "numberIn", key, values }),
  numberNotIn: (key: string, values: readonly number[]): NumberListFilter => ({ operator: "numberNotIn", key, values }),
  numberGreaterThan: compare("numberGreaterThan"),
  numberGreaterThanOrEquals: compare("numberGreaterThanOrEquals"),
  numberLessThan: compare("numberLessThan"),
  numberLessThanOrEquals: compare("numberLessThanOrEquals"),
  numberInRange: (key: string, ranges: readonly (readonly [number, number])[]): NumberRangeFilter => ({ operator: "numberInRange", key, ranges }),
  numberNotInRange: (key: string, ranges: readonly (readonly [number, number])[]): NumberRangeFilter =>
    ({ operator: "numberNotInRange", key, ranges }),
  boolEquals: (key: string, value: boolean): BoolFilter => ({ operator: "boolEquals", key, value }),
  isNotNull: (key: string): PresenceFilter => ({ operator: "isNotNull", key }),
  isNullOrUndefined: (key: string): PresenceFilter => ({ operator: "isNullOrUndefined", key }),
} as const;

/** Service limits of advanced filtering (learn.microsoft.com, "Event filtering", Limitations). */
export const ADVANCED_FILTER_LIMITS = {
  /** Advanced filters per subscription. */
  maxFilters: 25,
  /** Filter values per subscription, counted across all its filters. */
  maxValues: 25,
  /** Characters of one string value. */
  maxStringLength: 512,
} as const;

/** How many values a filter spends from the subscription's budget of 25. */
function valueCount(filter: AdvancedFilter): number {
  if ("values" in filter) return filter.values.length;
  if ("ranges" in filter) return filter.ranges.length;
  return "value" in filter ? 1 : 0;
}

function describe(filter: AdvancedFilter, index: number): string {
  return `advancedFilters[${index}] (${filter.operator} on "${filter.key}")`;
}

/** Throws a clear error for each way `filters` break Event Grid's rules; tokens are skipped. */
export function validateAdvancedFilters(scope: IConstruct, filters: readonly AdvancedFilter[]): void {
  const { maxFilters, maxValues, maxStringLength } = ADVANCED_FILTER_LIMITS;
  if (filters.length > maxFilters) {
    invalid(scope, {
      field: "advancedFilters",
      rule: `has ${filters.length} filters; a subscription takes at most ${maxFilters}`,
      fix: "merge filters on the same key (one stringIn with several values), use includedEventTypes or subject filters, or filter in the handler",
    });
  }
  filters.forEach((filter, i) => validateFilter(scope, filter, i, maxStringLength));
  const total = filters.reduce((sum, f) => sum + valueCount(f), 0);
  if (total > maxValues) {
    invalid(scope, {
      field: "advancedFilters",
      rule: `have ${total} values in total; a subscription takes at most ${maxValues} across all its filters`,
      fix: "use fewer values (a stringBeginsWith prefix instead of a long stringIn list), or split the events over several subscriptions",
    });
  }
}

function validateFilter(scope: IConstruct, filter: AdvancedFilter, index: number, maxStringLength: number): void {
  if (!isUnresolved(filter.key) && filter.key.trim() === "") {
    invalid(scope, {
      field: `advancedFilters[${index}].key`,
      value: filter.key,
      rule: "is empty",
      fix: 'name the event field to filter on, e.g. "data.amount" or "subject"',
    });
  }
  const field = describe(filter, index);
  if (("values" in filter || "ranges" in filter) && valueCount(filter) === 0) {
    invalid(scope, { field, rule: "has no values", fix: "give at least one value" });
  }
  if (filter.operator.startsWith("string")) {
    const long = (filter as StringFilter).values.find((v) => !isUnresolved(v) && v.length > maxStringLength);
    if (long !== undefined) {
      invalid(scope, {
        field,
        rule: `has a value of ${long.length} characters; string values are at most ${maxStringLength}`,
        fix: `shorten the value to ${maxStringLength} characters or match a prefix with stringBeginsWith`,
      });
    }
  }
  if ("ranges" in filter) {
    const bad = filter.ranges.find(([low, high]) => !isUnresolved(low) && !isUnresolved(high) && low > high);
    if (bad) {
      invalid(scope, { field, value: bad, rule: "has a range whose low end is above its high end", fix: "write each range as [low, high]" });
    }
  }
}

/** The L1 `advanced_filter` block: filters grouped by operator (they are ANDed, so order does not matter). */
export function advancedFilterBlock(filters: readonly AdvancedFilter[]): EventgridEventSubscriptionAdvancedFilter | undefined {
  if (filters.length === 0) return undefined;
  const block: Record<string, unknown[]> = {};
  for (const filter of filters) {
    const entry =
      "ranges" in filter
        ? { key: filter.key, values: filter.ranges.map(([low, high]) => [low, high]) }
        : "values" in filter
          ? { key: filter.key, values: [...filter.values] }
          : "value" in filter
            ? { key: filter.key, value: filter.value }
            : { key: filter.key };
    (block[filter.operator] ??= []).push(entry);
  }
  return block as EventgridEventSubscriptionAdvancedFilter;
}
