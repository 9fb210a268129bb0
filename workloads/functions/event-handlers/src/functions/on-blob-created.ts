import { app, EventGridEvent, InvocationContext, output } from "@azure/functions";
import { CloudEvent, cloudEvent, UploadReceivedData } from "../cloud-event";
import { CONNECTIONS, EVENT_TYPES, FUNCTIONS, SOURCES, SUBJECTS, UPLOADS_CONTAINER } from "../contract";

/**
 * Event Grid cannot forward a system topic's events to a custom topic, so the storage system
 * topic delivers `BlobCreated` here and this adapter republishes it as a business event,
 * `Uploads.Received`, that any handler can subscribe to without knowing about storage.
 */
export const uploadEvents = output.eventGrid({ connection: CONNECTIONS.eventGrid });

/** The `data` of a `Microsoft.Storage.BlobCreated` event (the fields used here). */
export interface BlobCreatedData {
  readonly api?: string;
  readonly url?: string;
  readonly contentType?: string;
  readonly contentLength?: number;
  readonly eTag?: string;
}

export type UploadMapping = { readonly event: CloudEvent<UploadReceivedData> } | { readonly skipped: string };

/** Maps a BlobCreated event of the uploads container to `Uploads.Received`, or says why not. */
export function toUploadReceivedEvent(event: EventGridEvent): UploadMapping {
  if (event.eventType !== EVENT_TYPES.blobCreated) return { skipped: `its type is ${event.eventType}` };
  if (!event.subject.startsWith(`${SUBJECTS.incomingBlob}blobs/`))
    return { skipped: `its subject ${event.subject} is outside the ${UPLOADS_CONTAINER} container` };
  const data = (event.data ?? {}) as BlobCreatedData;
  if (typeof data.url !== "string" || !data.url.startsWith("https://")) return { skipped: "it has no blob URL" };
  if (typeof data.contentLength !== "number" || data.contentLength <= 0) return { skipped: "the blob is empty" };
  const blobName = event.subject.slice(`${SUBJECTS.incomingBlob}blobs/`.length);
  return {
    event: cloudEvent<UploadReceivedData>({
      // The storage event's id: a redelivered BlobCreated republishes with the same id.
      id: event.id,
      source: SOURCES.uploads,
      type: EVENT_TYPES.uploadReceived,
      subject: `${SUBJECTS.upload}${blobName}`,
      time: event.eventTime,
      data: {
        url: data.url,
        container: UPLOADS_CONTAINER,
        blobName,
        contentType: data.contentType ?? "application/octet-stream",
        contentLength: data.contentLength,
        eTag: data.eTag,
      },
    }),
  };
}

export async function onBlobCreated(event: EventGridEvent, context: InvocationContext): Promise<void> {
  const mapped = toUploadReceivedEvent(event);
  if ("skipped" in mapped) {
    context.warn(`storage event ${event.id} not republished: ${mapped.skipped}`);
    return;
  }
  context.extraOutputs.set(uploadEvents, mapped.event);
  context.log(`upload ${mapped.event.subject} republished as ${EVENT_TYPES.uploadReceived}`);
}

app.eventGrid(FUNCTIONS.onBlobCreated, { extraOutputs: [uploadEvents], handler: onBlobCreated });
