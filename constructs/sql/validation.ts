import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** Long-term retention of full backups (ISO-8601 durations of one unit, e.g. `P4W`, `P12M`, `P5Y`). */
export interface SqlLongTermRetention {
  /** How long weekly backups are kept. @default not kept */
  readonly weeklyRetention?: string;
  /** How long the first backup of each month is kept. @default not kept */
  readonly monthlyRetention?: string;
  /** How long the backup of `weekOfYear` is kept each year. @default not kept */
  readonly yearlyRetention?: string;
  /** The week (1-52) whose backup is kept yearly; required with `yearlyRetention`. @default none */
  readonly weekOfYear?: number;
}

/** Serverless SKUs (`GP_S_Gen5_2`, `HS_S_Gen5_4`) scale and pause on their own. */
export function isServerless(sku: string): boolean {
  return /_S_/.test(sku);
}

/** Auto-pause and minimum capacity exist only on serverless SKUs, within Azure's ranges. */
export function validateServerless(
  scope: IConstruct,
  sku: string,
  autoPauseDelayInMinutes: number | undefined,
  minCapacity: number | undefined,
): void {
  if (isUnresolved(sku)) return;
  for (const [field, value] of [["autoPauseDelayInMinutes", autoPauseDelayInMinutes], ["minCapacity", minCapacity]] as const) {
    if (value !== undefined && !isServerless(sku)) {
      invalid(scope, {
        field,
        value,
        rule: `applies to serverless SKUs only, not "${sku}"`,
        fix: `use a serverless SKU such as "GP_S_Gen5_1" or leave ${field} out`,
      });
    }
  }
  if (autoPauseDelayInMinutes !== undefined && !isUnresolved(autoPauseDelayInMinutes)) {
    const d = autoPauseDelayInMinutes;
    if (!Number.isInteger(d) || (d !== -1 && (d < 15 || d > 10080))) {
      invalid(scope, {
        field: "autoPauseDelayInMinutes",
        value: d,
        rule: "is not -1 or a whole number of minutes from 15 to 10080",
        fix: "use -1 (never pause) or 15-10080 minutes (up to seven days)",
      });
    }
  }
  if (minCapacity === undefined || isUnresolved(minCapacity)) return;
  if (minCapacity < 0.5) {
    invalid(scope, {
      field: "minCapacity",
      value: minCapacity,
      rule: "is below the serverless minimum of 0.5 vCores",
      fix: "set minCapacity to 0.5 or more",
    });
  }
  const vCores = Number(/_(\d+)$/.exec(sku)?.[1]);
  if (vCores > 0 && minCapacity > vCores) {
    invalid(scope, {
      field: "minCapacity",
      value: minCapacity,
      rule: `is above the ${vCores} vCores of SKU "${sku}"`,
      fix: `set minCapacity from 0.5 to ${vCores}, or choose a larger SKU`,
    });
  }
}

/** Basic and Standard (DTU) databases have no zone-redundant option. */
export function validateZoneRedundancy(scope: IConstruct, sku: string, zoneRedundant: boolean): void {
  if (!zoneRedundant || isUnresolved(sku)) return;
  if (/^(Basic|S\d+)$/.test(sku)) {
    invalid(scope, {
      field: "zoneRedundant",
      value: zoneRedundant,
      rule: `is not available for SKU "${sku}"`,
      fix: 'use a General Purpose, Business Critical, Premium or Hyperscale SKU (e.g. "GP_Gen5_2") or set zoneRedundant: false',
    });
  }
}

/** Point-in-time restore window. */
export function validateShortTermRetention(scope: IConstruct, days: number): void {
  if (isUnresolved(days)) return;
  if (!Number.isInteger(days) || days < 1 || days > 35) {
    invalid(scope, {
      field: "shortTermRetentionDays",
      value: days,
      rule: "is not a whole number of days from 1 to 35",
      fix: "set shortTermRetentionDays to 1-35 (the point-in-time restore window Azure allows)",
    });
  }
}

const DURATION = /^P([1-9]\d*)([DWMY])$/;
// One week to ten years, in each unit Azure accepts.
const RANGE_PER_UNIT: Record<string, [number, number]> = { D: [7, 3650], W: [1, 520], M: [1, 120], Y: [1, 10] };

/** Each duration is one ISO-8601 unit between a week and ten years; yearly needs its week. */
export function validateLongTermRetention(scope: IConstruct, ltr: SqlLongTermRetention): void {
  for (const key of ["weeklyRetention", "monthlyRetention", "yearlyRetention"] as const) {
    const value = ltr[key];
    if (value === undefined || isUnresolved(value)) continue;
    const field = `longTermRetention.${key}`;
    const m = DURATION.exec(value);
    if (!m) {
      invalid(scope, { field, value, rule: "is not an ISO-8601 duration of one unit", fix: 'use e.g. "P4W", "P12M" or "P5Y"' });
    }
    const [min, max] = RANGE_PER_UNIT[m[2]];
    if (Number(m[1]) < min || Number(m[1]) > max) {
      invalid(scope, { field, value, rule: "is outside one week to ten years", fix: 'use a duration from "P1W" to "P10Y"' });
    }
  }
  const week = ltr.weekOfYear;
  if (ltr.yearlyRetention !== undefined && week === undefined) {
    invalid(scope, {
      field: "longTermRetention.weekOfYear",
      rule: "is required with yearlyRetention",
      fix: "set weekOfYear (1-52) to the week whose backup is kept",
    });
  }
  if (week !== undefined && !isUnresolved(week) && (!Number.isInteger(week) || week < 1 || week > 52)) {
    invalid(scope, { field: "longTermRetention.weekOfYear", value: week, rule: "is not a week from 1 to 52", fix: "set weekOfYear to 1-52" });
  }
}
