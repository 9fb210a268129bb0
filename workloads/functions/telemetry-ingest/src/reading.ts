/**
 * Device telemetry as devices publish it to the `device-events` Event Grid topic (CloudEvents 1.0),
 * and the checks a reading must pass before it lands in the Data Lake.
 */

/** A CloudEvents 1.0 event as the Event Grid trigger hands it over (`data` not yet trusted). */
export interface TelemetryCloudEvent {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string;
  readonly time?: string;
  readonly data?: unknown;
}

/** One reading of one device: named measurements taken at one instant. */
export interface DeviceReading {
  /** Letters, digits, '.', '_' and '-', at most 128 characters: it becomes a folder name in the lake. */
  readonly deviceId: string;
  /** ISO-8601 instant with a time zone, e.g. `2025-01-31T12:00:00Z`. */
  readonly timestamp: string;
  /** Measurement name → finite number, e.g. `{ "temperature": 21.5 }`; 1 to {@link MAX_METRICS} entries. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** What is written to the lake for each accepted reading. */
export interface TelemetryRecord extends DeviceReading {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
}

export const MAX_METRICS = 50;

const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export type ReadingCheck = { readonly ok: true; readonly reading: DeviceReading } | { readonly ok: false; readonly problems: readonly string[] };

/** Checks an event's `data` against {@link DeviceReading}; lists every problem found. */
export function checkReading(data: unknown): ReadingCheck {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, problems: ["data is not a JSON object"] };
  }
  const candidate = data as Record<string, unknown>;
  const problems: string[] = [];
  const { deviceId, timestamp, metrics } = candidate;
  if (typeof deviceId !== "string" || !DEVICE_ID.test(deviceId)) {
    problems.push("deviceId must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
  }
  if (typeof timestamp !== "string" || !INSTANT.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    problems.push("timestamp must be an ISO-8601 instant with a time zone, e.g. 2025-01-31T12:00:00Z");
  }
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    problems.push("metrics must be an object of measurement names to numbers");
  } else {
    const entries = Object.entries(metrics as Record<string, unknown>);
    if (entries.length === 0 || entries.length > MAX_METRICS) problems.push(`metrics must have 1 to ${MAX_METRICS} measurements`);
    for (const [name, value] of entries) {
      if (!METRIC_NAME.test(name)) problems.push(`metric name "${name}" must be a letter followed by up to 63 letters, digits or '_'`);
      if (typeof value !== "number" || !Number.isFinite(value)) problems.push(`metric "${name}" must be a finite number`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, reading: { deviceId: deviceId as string, timestamp: timestamp as string, metrics: { ...(metrics as Record<string, number>) } } };
}

/** A reading that failed {@link checkReading}; thrown so the invocation fails and Event Grid retries, then dead-letters it. */
export class InvalidReadingError extends Error {
  constructor(
    public readonly eventId: string,
    public readonly problems: readonly string[],
  ) {
    super(`telemetry event ${eventId} is not a valid reading: ${problems.join("; ")}`);
    this.name = "InvalidReadingError";
  }
}
