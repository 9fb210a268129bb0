import { EventGridEvent, InvocationContext, LogLevel } from "@azure/functions";

/** A log line a handler wrote, with its level. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

/** A real InvocationContext whose logs are captured, as the Functions host would build it. */
export function invocation(functionName: string, triggerMetadata: Record<string, unknown> = {}): { context: InvocationContext; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const context = new InvocationContext({
    invocationId: `${functionName}-test`,
    functionName,
    triggerMetadata,
    logHandler: (level, ...args) => logs.push({ level, message: args.map(String).join(" ") }),
  });
  return { context, logs };
}

/** A `Microsoft.Storage.BlobCreated` event as the uploads system topic delivers it (Event Grid schema). */
export function blobCreated(blobPath: string, overrides: Partial<EventGridEvent> & { data?: Record<string, unknown> } = {}): EventGridEvent {
  const { data, ...rest } = overrides;
  return {
    id: "831e1650-001e-001b-66ab-eeb76e069631",
    topic: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aic-dev-event-driven/providers/Microsoft.Storage/storageAccounts/staicdevuploads",
    subject: `/blobServices/default/containers/incoming/blobs/${blobPath}`,
    eventType: "Microsoft.Storage.BlobCreated",
    eventTime: "2025-03-14T09:26:53.512Z",
    dataVersion: "",
    metadataVersion: "1",
    data: {
      api: "PutBlockList",
      clientRequestId: "6d79dbfb-0e37-4fc4-981f-442c9ca89b20",
      requestId: "831e1650-001e-001b-66ab-eeb76e000000",
      eTag: "0x8D4BCC2E4835CD0",
      contentType: "text/csv",
      contentLength: 524288,
      blobType: "BlockBlob",
      url: `https://staicdevuploads.blob.core.windows.net/incoming/${blobPath}`,
      sequencer: "00000000000004420000000000028963",
      ...data,
    },
    ...rest,
  };
}

/** An item of the `orders` container as the change feed delivers it. */
export function orderDocument(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "o-1001",
    customerId: "c-42",
    status: "Paid",
    total: 1499.5,
    currency: "EUR",
    lines: [{ sku: "A-1", quantity: 3 }],
    _rid: "pXkIAKp2pQEBAAAAAAAAAA==",
    _self: "dbs/pXkIAA==/colls/pXkIAKp2pQE=/docs/pXkIAKp2pQEBAAAAAAAAAA==/",
    _etag: '"3a00b1c2-0000-0d00-0000-65f2c1a50000"',
    _lsn: 12,
    _ts: 1710408101,
    ...overrides,
  };
}
