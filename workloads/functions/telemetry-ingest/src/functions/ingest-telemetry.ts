import { app, InvocationContext, output } from "@azure/functions";
import { checkReading, InvalidReadingError, TelemetryCloudEvent, TelemetryRecord } from "../reading";

/** Name the function registers under; the Event Grid subscription delivers to it. */
export const INGEST_TELEMETRY_FUNCTION = "ingestTelemetry";

/**
 * One JSON blob per reading in the lake's `telemetry` filesystem, one folder per device. The
 * Event Grid trigger exposes only `data` as binding data, so `{data.deviceId}` names the folder
 * (an event without it fails at binding, before the handler, and is retried and dead-lettered
 * like any invalid reading). A blob is written only when the handler sets the output.
 * Identity-based: `DataLakeConnection__blobServiceUri` (FunctionApp.connectStorage).
 */
export const telemetryBlob = output.storageBlob({ path: "telemetry/{data.deviceId}/{rand-guid}.json", connection: "DataLakeConnection" });

/**
 * Validates a device reading and writes it to the Data Lake. An invalid reading is logged and
 * rethrown without writing anything: the invocation fails, Event Grid retries it and finally
 * dead-letters it to the lake's `dead-letters` container, where it can be inspected.
 */
export async function ingestTelemetry(event: TelemetryCloudEvent, context: InvocationContext): Promise<void> {
  const check = checkReading(event.data);
  if (!check.ok) {
    const error = new InvalidReadingError(event.id, check.problems);
    context.error(error.message);
    throw error;
  }
  const record: TelemetryRecord = { eventId: event.id, source: event.source, type: event.type, ...check.reading };
  context.extraOutputs.set(telemetryBlob, JSON.stringify(record));
  context.log(`stored reading ${event.id} of device ${record.deviceId}`);
}

app.eventGrid(INGEST_TELEMETRY_FUNCTION, { extraOutputs: [telemetryBlob], handler: ingestTelemetry });
