import { InvocationContext } from "@azure/functions";
import { MESSAGE_BROKER_NAMES } from "../../../../patterns/message-broker";
import { checkReading, InvalidReadingError, MAX_METRICS, TelemetryCloudEvent } from "../../../../workloads/functions/telemetry-ingest/src/reading";

// Outside the Functions worker @azure/functions registers nothing and warns; keep the log clean.
jest.spyOn(console, "warn").mockImplementation(() => undefined);
// Imported after the spy so the registration warning is silenced.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handlerModule = require("../../../../workloads/functions/telemetry-ingest/src/functions/ingest-telemetry") as typeof import("../../../../workloads/functions/telemetry-ingest/src/functions/ingest-telemetry");
const { ingestTelemetry, telemetryBlob, INGEST_TELEMETRY_FUNCTION } = handlerModule;

const READING = { deviceId: "pump-7", timestamp: "2025-01-31T12:00:00Z", metrics: { temperature: 21.5, pressure: 1.2 } };

function cloudEvent(data: unknown, id = "evt-1"): TelemetryCloudEvent {
  return { specversion: "1.0", id, source: "/devices/pump-7", type: "Devices.TelemetryReported", subject: "devices/pump-7", time: "2025-01-31T12:00:01Z", data };
}

/** A real InvocationContext whose logs are captured. */
function invocation(event: TelemetryCloudEvent): { context: InvocationContext; logs: { level: string; message: string }[] } {
  const logs: { level: string; message: string }[] = [];
  const context = new InvocationContext({
    invocationId: "inv-1",
    functionName: INGEST_TELEMETRY_FUNCTION,
    triggerMetadata: { id: event.id, data: event.data as Record<string, unknown> },
    logHandler: (level, ...args) => logs.push({ level, message: args.map(String).join(" ") }),
  });
  return { context, logs };
}

describe("telemetry-ingest: ingestTelemetry", () => {
  test("registers under the name the Event Grid subscription delivers to, writing through the connection the pattern defines", () => {
    expect(INGEST_TELEMETRY_FUNCTION).toBe(MESSAGE_BROKER_NAMES.telemetryFunction);
    expect(telemetryBlob.connection).toBe(MESSAGE_BROKER_NAMES.dataLakeConnection);
    expect(telemetryBlob.path.startsWith(`${MESSAGE_BROKER_NAMES.telemetryContainer}/`)).toBe(true);
  });

  test("writes a valid reading to the lake: one JSON blob under telemetry/<device>/", async () => {
    const event = cloudEvent(READING);
    const { context, logs } = invocation(event);
    await ingestTelemetry(event, context);

    expect(telemetryBlob.type).toBe("blob");
    expect(telemetryBlob.path).toBe("telemetry/{data.deviceId}/{rand-guid}.json");
    expect(telemetryBlob.connection).toBe("DataLakeConnection");
    const written = context.extraOutputs.get(telemetryBlob);
    expect(typeof written).toBe("string");
    expect(JSON.parse(written as string)).toEqual({
      eventId: "evt-1",
      source: "/devices/pump-7",
      type: "Devices.TelemetryReported",
      deviceId: "pump-7",
      timestamp: "2025-01-31T12:00:00Z",
      metrics: { temperature: 21.5, pressure: 1.2 },
    });
    expect(logs).toEqual([{ level: "information", message: "stored reading evt-1 of device pump-7" }]);
  });

  test("keeps only the reading's fields (no extra properties reach the lake)", async () => {
    const event = cloudEvent({ ...READING, firmware: "1.2.3", secretToken: "x" });
    const { context } = invocation(event);
    await ingestTelemetry(event, context);
    expect(Object.keys(JSON.parse(context.extraOutputs.get(telemetryBlob) as string)).sort()).toEqual(["deviceId", "eventId", "metrics", "source", "timestamp", "type"]);
  });

  test.each([
    ["no data", undefined, "data is not a JSON object"],
    ["an array", [READING], "data is not a JSON object"],
    ["a device id with a path separator", { ...READING, deviceId: "../etc" }, "deviceId must be 1-128 letters"],
    ["a timestamp without a zone", { ...READING, timestamp: "2025-01-31T12:00:00" }, "timestamp must be an ISO-8601 instant"],
    ["an impossible date", { ...READING, timestamp: "2025-13-45T12:00:00Z" }, "timestamp must be an ISO-8601 instant"],
    ["no metrics", { ...READING, metrics: {} }, `metrics must have 1 to ${MAX_METRICS} measurements`],
    ["a non-numeric metric", { ...READING, metrics: { temperature: "hot" } }, 'metric "temperature" must be a finite number'],
    ["an infinite metric", { ...READING, metrics: { temperature: Infinity } }, 'metric "temperature" must be a finite number'],
  ])("refuses %s: throws, logs an error and writes nothing", async (_label, data, problem) => {
    const event = cloudEvent(data, "evt-bad");
    const { context, logs } = invocation(event);
    const error = await ingestTelemetry(event, context).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidReadingError);
    expect((error as InvalidReadingError).eventId).toBe("evt-bad");
    expect((error as Error).message).toContain(problem);
    expect(context.extraOutputs.get(telemetryBlob)).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0].level).toBe("error");
    expect(logs[0].message).toContain("telemetry event evt-bad is not a valid reading");
  });
});

describe("telemetry-ingest: checkReading", () => {
  test("lists every problem of a reading at once", () => {
    const check = checkReading({ deviceId: "", timestamp: 5, metrics: { "1bad": 1, ok: null } });
    expect(check).toEqual({
      ok: false,
      problems: [
        "deviceId must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit",
        "timestamp must be an ISO-8601 instant with a time zone, e.g. 2025-01-31T12:00:00Z",
        'metric name "1bad" must be a letter followed by up to 63 letters, digits or \'_\'',
        'metric "ok" must be a finite number',
      ],
    });
  });

  test("accepts offsets, fractional seconds and the metric limit", () => {
    const metrics = Object.fromEntries(Array.from({ length: MAX_METRICS }, (_, i) => [`m${i}`, i]));
    expect(checkReading({ deviceId: "a.b_c-1", timestamp: "2025-01-31T12:00:00.123+01:00", metrics }).ok).toBe(true);
    const tooMany = { ...metrics, extra: 1 };
    expect(checkReading({ deviceId: "a", timestamp: "2025-01-31T12:00:00Z", metrics: tooMany })).toEqual({ ok: false, problems: [`metrics must have 1 to ${MAX_METRICS} measurements`] });
  });
});
