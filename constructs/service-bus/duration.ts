import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

// core candidate: an ISO-8601 duration parser shared by every construct that takes timespans.

/**
 * `P[n]Y[n]M[n]DT[n]H[n]M[n]S` (xs:duration, the form Azure's TimeSpan fields accept). At least one
 * part; `T` must be followed by a time part. Weeks are not part of xs:duration, so `P1W` is refused.
 */
const PATTERN = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The length of an ISO-8601 duration in seconds, or `undefined` when `value` is not one.
 * Years count as 365 days and months as 30, as .NET's `XmlConvert.ToTimeSpan` does.
 */
export function durationSeconds(value: string): number | undefined {
  const match = PATTERN.exec(value);
  if (!match) return undefined;
  const [years, months, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return (years * 365 + months * 30 + days) * DAY + hours * HOUR + minutes * MINUTE + seconds;
}

/** Inclusive bounds, written as ISO-8601 durations so error messages quote them as users write them. */
export interface DurationRange {
  readonly min?: string;
  readonly max?: string;
}

/**
 * Throws a clear error when `value` is not an ISO-8601 duration or lies outside `range`; tokens and
 * `undefined` are skipped. `field` names the prop in the message.
 */
export function checkDuration(scope: IConstruct, field: string, value: string | undefined, range: DurationRange = {}): void {
  if (value === undefined || isUnresolved(value)) return;
  const seconds = durationSeconds(value);
  if (seconds === undefined) {
    invalid(scope, {
      field,
      value,
      rule: "is not an ISO-8601 duration",
      fix: "write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D",
    });
  }
  const min = range.min === undefined ? undefined : (durationSeconds(range.min) as number);
  const max = range.max === undefined ? undefined : (durationSeconds(range.max) as number);
  const bounds = [range.min && `at least ${range.min}`, range.max && `at most ${range.max}`].filter(Boolean).join(" and ");
  if (min !== undefined && seconds < min) {
    invalid(scope, { field, value, rule: `is shorter than ${range.min}, the minimum Azure allows`, fix: `set ${field} to ${bounds}` });
  }
  if (max !== undefined && seconds > max) {
    invalid(scope, { field, value, rule: `is longer than ${range.max}, the maximum Azure allows`, fix: `set ${field} to ${bounds}` });
  }
}
