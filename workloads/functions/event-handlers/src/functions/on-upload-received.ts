import { app, InvocationContext, output } from "@azure/functions";
import { CloudEvent, requireCloudEvent, UploadReceivedData } from "../cloud-event";
import { CONNECTIONS, COSMOS, EVENT_TYPES, FUNCTIONS } from "../contract";

/** The uploads catalogue in Cosmos DB, written with the app's identity (`CosmosDbConnection__accountEndpoint`). */
export const uploadRecords = output.cosmosDB({
  connection: CONNECTIONS.cosmosDb,
  databaseName: COSMOS.database,
  containerName: COSMOS.uploads,
  createIfNotExists: false,
});

/** One item of the `uploads` container (partition key `/id`). */
export interface UploadRecord {
  /** The event id: a redelivered event upserts the same item. */
  readonly id: string;
  readonly blobName: string;
  readonly url: string;
  readonly contentType: string;
  readonly contentLength: number;
  readonly eTag?: string;
  readonly receivedAt?: string;
  readonly status: "received";
}

export function toUploadRecord(event: CloudEvent<UploadReceivedData>): UploadRecord {
  const data = event.data as UploadReceivedData;
  return {
    id: event.id,
    blobName: data.blobName,
    url: data.url,
    contentType: data.contentType,
    contentLength: data.contentLength,
    eTag: data.eTag,
    receivedAt: event.time,
    status: "received",
  };
}

/** Catalogues `Uploads.Received` events from the business-events topic in Cosmos DB. */
export async function onUploadReceived(event: unknown, context: InvocationContext): Promise<void> {
  const received = requireCloudEvent<UploadReceivedData>(event, EVENT_TYPES.uploadReceived, ["url", "blobName", "contentLength"]);
  const record = toUploadRecord(received);
  context.extraOutputs.set(uploadRecords, record);
  context.log(`upload ${record.blobName} catalogued as ${record.id}`);
}

app.eventGrid(FUNCTIONS.onUploadReceived, { extraOutputs: [uploadRecords], handler: onUploadReceived });
