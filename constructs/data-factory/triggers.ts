import { DataFactoryTriggerBlobEvent } from "@cdktf/provider-azurerm/lib/data-factory-trigger-blob-event";
import { DataFactoryTriggerSchedule } from "@cdktf/provider-azurerm/lib/data-factory-trigger-schedule";
import { DataFactoryTriggerTumblingWindow } from "@cdktf/provider-azurerm/lib/data-factory-trigger-tumbling-window";
import { invalid, isUnresolved } from "../core/errors";
import { StorageAccount } from "../storage";
import { FactoryEntity } from "./entities";
import { FactoryHost } from "./host";
import { Pipeline } from "./pipeline";
import { DATA_FACTORY_TIME_ZONES, IANA_TO_WINDOWS } from "./time-zones";
import { closest } from "../core/closest";

/** A trigger that starts a pipeline. */
export type Trigger = FactoryEntity<DataFactoryTriggerSchedule | DataFactoryTriggerTumblingWindow | DataFactoryTriggerBlobEvent>;

export type WeekDay = "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";

interface TriggerOptions {
  /** The pipeline to start (one of this factory's). */
  readonly pipeline: Pipeline;
  /** Values (or `@trigger()...` expressions) for the pipeline's parameters. @default none */
  readonly pipelineParameters?: Readonly<Record<string, string>>;
  /** Start the trigger on deploy. @default true */
  readonly activated?: boolean;
  /** @default none */
  readonly description?: string;
}

/** When within each period a schedule trigger fires. */
export interface ScheduleOptions {
  /** Minutes of the hour, 0-59. @default the start time's */
  readonly minutes?: readonly number[];
  /** Hours of the day, 0-23. @default the start time's */
  readonly hours?: readonly number[];
  /** Days of the week; frequency "Week" only. @default none */
  readonly weekDays?: readonly WeekDay[];
  /** Days of the month, 1-31 or -31..-1 from the end; frequency "Month" only. @default none */
  readonly monthDays?: readonly number[];
  /** e.g. `{ day: "Friday", occurrence: -1 }` (last Friday); frequency "Month" only. @default none */
  readonly monthlyOccurrences?: readonly { readonly day: WeekDay; /** 1-5 or -5..-1. @default every */ readonly occurrence?: number }[];
}

export interface ScheduleTriggerOptions extends TriggerOptions {
  readonly frequency: "Minute" | "Hour" | "Day" | "Week" | "Month";
  /** Periods between runs. @default 1 */
  readonly interval?: number;
  /** ISO 8601 UTC timestamp, e.g. `2025-01-01T02:00:00Z`. @default the moment of the first deploy (set by the provider) */
  readonly startTime?: string;
  /** ISO 8601 UTC timestamp. @default none */
  readonly endTime?: string;
  /** Windows time zone id (one of DATA_FACTORY_TIME_ZONES), e.g. `W. Europe Standard Time`. @default UTC */
  readonly timeZone?: string;
  /** @default none: every interval from the start time */
  readonly schedule?: ScheduleOptions;
}

export interface TumblingWindowTriggerOptions extends TriggerOptions {
  readonly frequency: "Minute" | "Hour" | "Month";
  /** Window size in frequency units (at least 15 minutes). */
  readonly interval: number;
  /**
   * First window start: a literal ISO 8601 UTC timestamp. Windows from then on are backfilled, and
   * a change re-creates the trigger, so it must never be computed at deploy time.
   */
  readonly startTime: string;
  /** ISO 8601 UTC timestamp. @default none */
  readonly endTime?: string;
  /** Wait after a window closes, `hh:mm:ss`. @default none */
  readonly delay?: string;
  /** Windows run at once, 1-50. @default 50 */
  readonly maxConcurrency?: number;
  /** Retries of a failed window run. @default none */
  readonly retry?: { readonly count: number; /** 30-86400 seconds. @default 30 */ readonly intervalSeconds?: number };
}

export type BlobEvent = "Microsoft.Storage.BlobCreated" | "Microsoft.Storage.BlobDeleted";

export interface BlobEventTriggerOptions extends TriggerOptions {
  /** The storage account whose events start the pipeline: our construct or an account id. */
  readonly storageAccount: StorageAccount | string;
  /** @default ["Microsoft.Storage.BlobCreated"] */
  readonly events?: readonly BlobEvent[];
  /** `/<container>/blobs/<folder>/`. At least one of the two filters is required. @default none */
  readonly blobPathBeginsWith?: string;
  /** e.g. `.csv`. @default none */
  readonly blobPathEndsWith?: string;
  /** Skip zero-byte blobs. @default true */
  readonly ignoreEmptyBlobs?: boolean;
}

const SCHEDULE_FREQUENCIES = ["Minute", "Hour", "Day", "Week", "Month"];
const TUMBLING_FREQUENCIES = ["Minute", "Hour", "Month"];
const WEEK_DAYS: readonly WeekDay[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const BLOB_EVENTS: readonly BlobEvent[] = ["Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted"];
/** RFC 3339 with an explicit offset, as azurerm parses it. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UTC = /(Z|[+-]00:00)$/;
const TIMESPAN = /^-?(\d+\.)?\d\d:(60|[0-5]\d):(60|[0-5]\d)$/;

export function addScheduleTrigger(host: FactoryHost, name: string, options: ScheduleTriggerOptions): Trigger {
  const check = checker(host, name, options);
  check.oneOf("frequency", options.frequency, SCHEDULE_FREQUENCIES);
  const interval = options.interval ?? 1;
  check.integer("interval", interval, 1);
  if (options.startTime !== undefined) check.timestamp("startTime", options.startTime);
  if (options.endTime !== undefined) check.timestamp("endTime", options.endTime);
  check.order(options.startTime, options.endTime);
  if (options.timeZone !== undefined) check.timeZone(options.timeZone);
  const schedule = options.schedule;
  if (schedule) {
    for (const m of schedule.minutes ?? []) check.integer("schedule.minutes", m, 0, 59);
    for (const h of schedule.hours ?? []) check.integer("schedule.hours", h, 0, 23);
    for (const d of schedule.weekDays ?? []) check.oneOf("schedule.weekDays", d, WEEK_DAYS);
    for (const d of schedule.monthDays ?? []) check.monthDay(d);
    for (const o of schedule.monthlyOccurrences ?? []) {
      check.oneOf("schedule.monthlyOccurrences.day", o.day, WEEK_DAYS);
      if (o.occurrence !== undefined) check.occurrence(o.occurrence);
    }
    if (schedule.weekDays?.length) check.frequencyFor("schedule.weekDays", options.frequency, "Week");
    if (schedule.monthDays?.length || schedule.monthlyOccurrences?.length)
      check.frequencyFor("schedule.monthDays/monthlyOccurrences", options.frequency, "Month");
  }
  const resource = new DataFactoryTriggerSchedule(host.scope, `Trigger-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    activated: options.activated ?? true,
    frequency: options.frequency,
    interval,
    startTime: options.startTime,
    endTime: options.endTime,
    timeZone: options.timeZone,
    pipeline: [pipelineBlock(options)],
    schedule: schedule
      ? {
          minutes: schedule.minutes ? [...schedule.minutes] : undefined,
          hours: schedule.hours ? [...schedule.hours] : undefined,
          daysOfWeek: schedule.weekDays ? [...schedule.weekDays] : undefined,
          daysOfMonth: schedule.monthDays ? [...schedule.monthDays] : undefined,
          monthly: schedule.monthlyOccurrences?.map((o) => ({ weekday: o.day, week: o.occurrence })),
        }
      : undefined,
  });
  // A trigger's runs need the stores, which the managed private endpoints reach once approved.
  host.managedPrivateEndpoints.waitForApproval(resource);
  return host.entities.add("trigger", new FactoryEntity(name, resource));
}

export function addTumblingWindowTrigger(host: FactoryHost, name: string, options: TumblingWindowTriggerOptions): Trigger {
  const check = checker(host, name, options);
  check.oneOf("frequency", options.frequency, TUMBLING_FREQUENCIES);
  check.integer("interval", options.interval, options.frequency === "Minute" ? 15 : 1);
  if (isUnresolved(options.startTime)) {
    check.fail(
      "startTime",
      undefined,
      "is computed at deploy time",
      "use a literal ISO 8601 UTC timestamp such as \"2025-01-01T00:00:00Z\": a moving start re-creates the trigger and its windows",
    );
  }
  check.timestamp("startTime", options.startTime);
  if (options.endTime !== undefined) check.timestamp("endTime", options.endTime);
  check.order(options.startTime, options.endTime);
  if (options.delay !== undefined && !isUnresolved(options.delay) && !TIMESPAN.test(options.delay)) {
    check.fail("delay", options.delay, "is not a timespan", 'use "hh:mm:ss", e.g. "00:15:00"');
  }
  if (options.maxConcurrency !== undefined) check.integer("maxConcurrency", options.maxConcurrency, 1, 50);
  if (options.retry) {
    check.integer("retry.count", options.retry.count, 1);
    if (options.retry.intervalSeconds !== undefined) check.integer("retry.intervalSeconds", options.retry.intervalSeconds, 30, 86400);
  }
  const resource = new DataFactoryTriggerTumblingWindow(host.scope, `Trigger-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    activated: options.activated ?? true,
    frequency: options.frequency,
    interval: options.interval,
    startTime: options.startTime,
    endTime: options.endTime,
    delay: options.delay,
    maxConcurrency: options.maxConcurrency,
    retry: options.retry ? { count: options.retry.count, interval: options.retry.intervalSeconds } : undefined,
    pipeline: pipelineBlock(options),
  });
  // A trigger's runs need the stores, which the managed private endpoints reach once approved.
  host.managedPrivateEndpoints.waitForApproval(resource);
  return host.entities.add("trigger", new FactoryEntity(name, resource));
}

export function addBlobEventTrigger(host: FactoryHost, name: string, options: BlobEventTriggerOptions): Trigger {
  const check = checker(host, name, options);
  const events = options.events ?? ["Microsoft.Storage.BlobCreated"];
  if (events.length === 0) check.fail("events", events, "is empty", `list at least one of ${BLOB_EVENTS.join(", ")}`);
  for (const event of events) check.oneOf("events", event, BLOB_EVENTS);
  const begins = options.blobPathBeginsWith;
  if (begins === undefined && options.blobPathEndsWith === undefined) {
    check.fail(
      "blobPathBeginsWith",
      undefined,
      "and blobPathEndsWith are both unset",
      'set at least one, e.g. blobPathBeginsWith: "/landing/blobs/orders/"',
    );
  }
  if (begins !== undefined && !isUnresolved(begins) && !/^\/[^/]+\/blobs\//.test(begins)) {
    check.fail(
      "blobPathBeginsWith",
      begins,
      "does not start with /<container>/blobs/",
      `write it as "/<container>/blobs/<folder>/", e.g. "/landing/blobs/orders/"`,
    );
  }
  const resource = new DataFactoryTriggerBlobEvent(host.scope, `Trigger-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    activated: options.activated ?? true,
    storageAccountId: options.storageAccount instanceof StorageAccount ? options.storageAccount.id : options.storageAccount,
    events: [...events],
    blobPathBeginsWith: begins,
    blobPathEndsWith: options.blobPathEndsWith,
    ignoreEmptyBlobs: options.ignoreEmptyBlobs ?? true,
    pipeline: [pipelineBlock(options)],
  });
  // A trigger's runs need the stores, which the managed private endpoints reach once approved.
  host.managedPrivateEndpoints.waitForApproval(resource);
  return host.entities.add("trigger", new FactoryEntity(name, resource));
}

function pipelineBlock(options: TriggerOptions) {
  return { name: options.pipeline.resource.name, parameters: options.pipelineParameters ? { ...options.pipelineParameters } : undefined };
}

/** Claims the trigger name, checks the pipeline, and returns validators located at the factory. */
function checker(host: FactoryHost, name: string, options: TriggerOptions) {
  host.entities.claim("trigger", name);
  host.entities.requireOwned("pipeline", options.pipeline, `trigger "${name}" pipeline`);
  const field = (f: string) => `trigger "${name}" ${f}`;
  const fail = (f: string, value: unknown, rule: string, fix: string): never => invalid(host.scope, { field: field(f), value, rule, fix });
  return {
    fail,
    oneOf(f: string, value: string, allowed: readonly string[]): void {
      if (!isUnresolved(value) && !allowed.includes(value)) fail(f, value, "is not allowed", `use one of ${allowed.join(", ")}`);
    },
    integer(f: string, value: number, min: number, max?: number): void {
      if (isUnresolved(value)) return;
      if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
        fail(
          f,
          value,
          max === undefined ? `is not a whole number of at least ${min}` : `is not a whole number from ${min} to ${max}`,
          `set ${f} to ${max === undefined ? `${min} or more` : `${min}-${max}`}`,
        );
      }
    },
    timestamp(f: string, value: string): void {
      if (isUnresolved(value)) return;
      if (!TIMESTAMP.test(value) || !UTC.test(value)) fail(f, value, "is not an ISO 8601 UTC timestamp", 'write it like "2025-01-01T00:00:00Z"');
    },
    order(start: string | undefined, end: string | undefined): void {
      // Same-format UTC timestamps compare as text; anything else is left to Azure.
      if (start === undefined || end === undefined || isUnresolved(start) || isUnresolved(end)) return;
      if (start.length !== end.length || !start.endsWith("Z") || !end.endsWith("Z")) return;
      if (end <= start) fail("endTime", end, `is not after startTime "${start}"`, "set an endTime after the startTime, or none");
    },
    timeZone(value: string): void {
      if (isUnresolved(value) || DATA_FACTORY_TIME_ZONES.includes(value)) return;
      const guess = IANA_TO_WINDOWS[value] ?? closest(value, DATA_FACTORY_TIME_ZONES);
      fail("timeZone", value, "is not a time zone Data Factory knows (it takes Windows time zone ids, not IANA names)",
        `${guess ? `use "${guess}"` : 'use a Windows time zone id such as "W. Europe Standard Time" or "UTC"'} (DATA_FACTORY_TIME_ZONES lists them)`);
    },
    monthDay(day: number): void {
      if (!Number.isInteger(day) || day === 0 || day < -31 || day > 31)
        fail("schedule.monthDays", day, "is not a day of the month", "use 1-31, or -1..-31 counting from the month's end");
    },
    occurrence(occurrence: number): void {
      if (!Number.isInteger(occurrence) || occurrence === 0 || occurrence < -5 || occurrence > 5) {
        fail("schedule.monthlyOccurrences.occurrence", occurrence, "is not a week of the month", "use 1-5, or -1..-5 counting from the month's end");
      }
    },
    frequencyFor(f: string, frequency: string, required: string): void {
      if (frequency !== required)
        fail(f, undefined, `needs frequency "${required}", not "${frequency}"`, `set frequency: "${required}", or drop ${f}`);
    },
  };
}
