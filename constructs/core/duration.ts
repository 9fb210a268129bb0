import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";

/**
 * `P[n]Y[n]M[n]DT[n]H[n]M[n]S` (xs:duration, the form Azure's TimeSpan fields accept). At least one
 * part; `T` must be followed by a time part. A week part (`[n]W`, before the days) is only read when
 * asked for: xs:duration has none, so TimeSpan fields refuse `P1W`.
 */
const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The length of an ISO-8601 duration in seconds, or `undefined` when `value` is not one.
 * Years count as 365 days and months as 30, as .NET's `XmlConvert.ToTimeSpan` does; weeks (only
 * with `weeks: true`) as 7 days.
 */
export function durationSeconds(value: string, weeks = false): number | undefined {
  const match = PATTERN.exec(value);
  if (!match || (!weeks && match[3] !== undefined)) return undefined;
  const [years, months, w, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return (years * 365 + months * 30 + w * 7 + days) * DAY + hours * HOUR + minutes * MINUTE + seconds;
}

/** What a duration field accepts. Bounds are inclusive ISO-8601 durations, so messages quote them as users write them. */
export interface DurationRule {
  /** @default no lower bound */
  readonly min?: string;
  /** @default no upper bound */
  readonly max?: string;
  /** Accept a week part (`P2W`, `P1W3D`), as azurerm's ISO8601Duration validation does. @default false */
  readonly weeks?: boolean;
}

/**
 * Throws a clear error when `value` is not an ISO-8601 duration or lies outside the rule's bounds;
 * tokens and `undefined` are skipped. `field` names the prop in the message.
 */
export function checkDuration(scope: IConstruct, field: string, value: string | undefined, rule: DurationRule = {}): void {
  if (value === undefined || isUnresolved(value)) return;
  const seconds = durationSeconds(value, rule.weeks);
  if (seconds === undefined) {
    invalid(scope, {
      field,
      value,
      rule: "is not an ISO-8601 duration",
      fix: "write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D",
    });
  }
  const min = rule.min === undefined ? undefined : (durationSeconds(rule.min, true) as number);
  const max = rule.max === undefined ? undefined : (durationSeconds(rule.max, true) as number);
  const bounds = [rule.min && `at least ${rule.min}`, rule.max && `at most ${rule.max}`].filter(Boolean).join(" and ");
  if (min !== undefined && seconds < min) {
    invalid(scope, { field, value, rule: `is shorter than ${rule.min}, the minimum Azure allows`, fix: `set ${field} to ${bounds}` });
  }
  if (max !== undefined && seconds > max) {
    invalid(scope, { field, value, rule: `is longer than ${rule.max}, the maximum Azure allows`, fix: `set ${field} to ${bounds}` });
  }
}
