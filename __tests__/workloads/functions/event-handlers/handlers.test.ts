import { output } from "@azure/functions";
import { CloudEvent, OrderChangedData, UploadReceivedData } from "../../../../workloads/functions/event-handlers/src/cloud-event";
import { CONNECTIONS, COSMOS, EVENT_TYPES, ORDER_STATUSES, SOURCES } from "../../../../workloads/functions/event-handlers/src/contract";
import { blobCreated, invocation, orderDocument } from "./invocation";

// Outside the Functions worker @azure/functions registers nothing and says so; keep the test log clean.
jest.spyOn(console, "warn").mockImplementation(() => undefined);

// Required after the spy so the registration warnings are silenced.
/* eslint-disable @typescript-eslint/no-require-imports */
const publish = require("../../../../workloads/functions/event-handlers/src/functions/publish-order-changes") as typeof import("../../../../workloads/functions/event-handlers/src/functions/publish-order-changes");
const blobs = require("../../../../workloads/functions/event-handlers/src/functions/on-blob-created") as typeof import("../../../../workloads/functions/event-handlers/src/functions/on-blob-created");
const orders = require("../../../../workloads/functions/event-handlers/src/functions/on-order-changed") as typeof import("../../../../workloads/functions/event-handlers/src/functions/on-order-changed");
const uploads = require("../../../../workloads/functions/event-handlers/src/functions/on-upload-received") as typeof import("../../../../workloads/functions/event-handlers/src/functions/on-upload-received");
/* eslint-enable @typescript-eslint/no-require-imports */

describe("publishOrderChanges (Cosmos DB trigger → Event Grid output)", () => {
  test("maps changed orders to Orders.Changed CloudEvents and sets the output binding once", async () => {
    const { context, logs } = invocation("publishOrderChanges", { leaseContainer: COSMOS.leases });
    await publish.publishOrderChanges([orderDocument(), orderDocument({ id: "o-1002", status: "Shipped", total: 80, _etag: '"e2"', _ts: 1710408200 })], context);

    const events = context.extraOutputs.get(publish.businessEvents) as CloudEvent<OrderChangedData>[];
    expect(events).toEqual([
      {
        specversion: "1.0",
        id: "o-1001:3a00b1c2-0000-0d00-0000-65f2c1a50000",
        source: SOURCES.orders,
        type: "Orders.Changed",
        subject: "/orders/o-1001",
        time: "2024-03-14T09:21:41.000Z",
        datacontenttype: "application/json",
        data: { orderId: "o-1001", customerId: "c-42", status: "Paid", total: 1499.5, currency: "EUR" },
      },
      expect.objectContaining({ id: "o-1002:e2", subject: "/orders/o-1002", data: expect.objectContaining({ status: "Shipped", total: 80 }) }),
    ]);
    // System properties and order lines stay in Cosmos DB: the event carries the contract only.
    expect(Object.keys(events[0].data ?? {})).toEqual(["orderId", "customerId", "status", "total", "currency"]);
    expect(logs).toEqual([{ level: "information", message: "published 2 of 2 order change(s) as Orders.Changed" }]);
  });

  test("the output binding is the identity-based Event Grid connection the pattern configures", () => {
    expect(publish.businessEvents).toMatchObject({ type: "eventGrid", connection: CONNECTIONS.eventGrid });
    // The same options give the same binding: what the worker would see.
    expect(output.eventGrid({ connection: "EventGridConnection" }).name).toBe(publish.businessEvents.name);
  });

  test("a redelivered change keeps its event id (subscribers can drop duplicates)", () => {
    const first = publish.toOrderChangedEvent(orderDocument());
    const again = publish.toOrderChangedEvent(orderDocument());
    expect(first).toEqual(again);
    const changed = publish.toOrderChangedEvent(orderDocument({ _etag: '"other"' }));
    expect("event" in changed && "event" in first && changed.event.id !== first.event.id).toBe(true);
  });

  test.each([
    ["no id", { id: undefined }, "it has no id"],
    ["no customer", { customerId: "" }, "it has no customerId"],
    ["an unknown status", { status: "Draft" }, 'its status "Draft" is not one of Created, Paid, Shipped, Cancelled'],
    ["a negative total", { total: -1 }, "its total is not a non-negative number"],
    ["a total as text", { total: "1499.50" }, "its total is not a non-negative number"],
    ["a bad currency", { currency: "euro" }, "its currency is not an ISO 4217 code"],
    ["no version", { _etag: undefined, _ts: undefined }, "it has neither _etag nor _ts (not a change-feed item)"],
  ])("an order with %s is skipped with a warning", async (_label, overrides, reason) => {
    const { context, logs } = invocation("publishOrderChanges");
    await publish.publishOrderChanges([orderDocument(overrides)], context);
    expect(context.extraOutputs.get(publish.businessEvents)).toBeUndefined();
    expect(logs[0]).toEqual({ level: "warning", message: expect.stringContaining(`not published: ${reason}`) });
    expect(logs[1].message).toBe("published 0 of 1 order change(s) as Orders.Changed");
  });

  test("valid orders are published even when the batch holds invalid ones", async () => {
    const { context } = invocation("publishOrderChanges");
    await publish.publishOrderChanges([orderDocument({ status: "Draft" }), null, orderDocument({ id: "o-9" })], context);
    const events = context.extraOutputs.get(publish.businessEvents) as CloudEvent[];
    expect(events.map((e) => e.subject)).toEqual(["/orders/o-9"]);
  });
});

describe("onBlobCreated (storage system topic → Uploads.Received)", () => {
  test("republishes a BlobCreated event of the incoming container as Uploads.Received", async () => {
    const event = blobCreated("2025/03/invoices.csv");
    const { context, logs } = invocation("onBlobCreated", { eventType: event.eventType, subject: event.subject });
    await blobs.onBlobCreated(event, context);

    expect(context.extraOutputs.get(blobs.uploadEvents)).toEqual({
      specversion: "1.0",
      id: event.id,
      source: "/uploads/incoming",
      type: "Uploads.Received",
      subject: "/uploads/incoming/2025/03/invoices.csv",
      time: "2025-03-14T09:26:53.512Z",
      datacontenttype: "application/json",
      data: {
        url: "https://staicdevuploads.blob.core.windows.net/incoming/2025/03/invoices.csv",
        container: "incoming",
        blobName: "2025/03/invoices.csv",
        contentType: "text/csv",
        contentLength: 524288,
        eTag: "0x8D4BCC2E4835CD0",
      },
    });
    expect(logs).toEqual([{ level: "information", message: "upload /uploads/incoming/2025/03/invoices.csv republished as Uploads.Received" }]);
    expect(blobs.uploadEvents).toMatchObject({ type: "eventGrid", connection: CONNECTIONS.eventGrid });
  });

  test.each([
    ["another container", blobCreated("x.csv", { subject: "/blobServices/default/containers/archive/blobs/x.csv" }), "outside the incoming container"],
    ["an empty blob", blobCreated("folder/", { data: { contentLength: 0 } }), "the blob is empty"],
    ["another event type", blobCreated("x.csv", { eventType: "Microsoft.Storage.BlobDeleted" }), "its type is Microsoft.Storage.BlobDeleted"],
    ["no URL", blobCreated("x.csv", { data: { url: undefined } }), "it has no blob URL"],
  ])("skips %s without failing (nothing to retry)", async (_label, event, reason) => {
    const { context, logs } = invocation("onBlobCreated");
    await expect(blobs.onBlobCreated(event, context)).resolves.toBeUndefined();
    expect(context.extraOutputs.get(blobs.uploadEvents)).toBeUndefined();
    expect(logs).toEqual([{ level: "warning", message: expect.stringContaining(reason) }]);
  });

  test("a blob without a content type is published as application/octet-stream", () => {
    const mapped = blobs.toUploadReceivedEvent(blobCreated("raw.bin", { data: { contentType: undefined } }));
    expect("event" in mapped && mapped.event.data?.contentType).toBe("application/octet-stream");
  });
});

describe("onOrderChanged (Function A on the business-events topic)", () => {
  const event = (data: Record<string, unknown>, type: string = EVENT_TYPES.orderChanged) => ({
    specversion: "1.0",
    id: "o-1001:e1",
    source: SOURCES.orders,
    type,
    subject: "/orders/o-1001",
    time: "2024-03-14T09:21:41.000Z",
    data,
  });
  const paid = { orderId: "o-1001", customerId: "c-42", status: "Paid", total: 1499.5, currency: "EUR" };

  test("logs the fulfilment instruction for the order's status", async () => {
    const { context, logs } = invocation("onOrderChanged", { subject: "/orders/o-1001" });
    await orders.onOrderChanged(event(paid), context);
    expect(logs).toEqual([{ level: "information", message: "order o-1001 (c-42, 1499.5 EUR) is Paid: release for picking" }]);
  });

  test("every status publishOrderChanges emits has a fulfilment action", () => {
    expect(Object.keys(orders.FULFILMENT_ACTIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  test.each([
    ["another event type", event(paid, "Uploads.Received"), 'has type "Uploads.Received", this function handles "Orders.Changed" only'],
    ["missing data fields", event({ orderId: "o-1" }), "lacks data.customerId, data.status, data.total, data.currency"],
    ["an Event Grid schema event", { id: "x", eventType: "Orders.Changed", subject: "/orders/1", data: paid }, "expected a CloudEvents 1.0 event"],
    ["an unknown status", event({ ...paid, status: "Lost" }), 'has status "Lost", which fulfilment does not handle'],
  ])("fails on %s, so Event Grid retries and then dead-letters it", async (_label, bad, message) => {
    const { context } = invocation("onOrderChanged");
    await expect(orders.onOrderChanged(bad, context)).rejects.toThrow(message);
  });
});

describe("onUploadReceived (Function B on the business-events topic → Cosmos DB output)", () => {
  const received: CloudEvent<UploadReceivedData> = {
    specversion: "1.0",
    id: "831e1650-001e-001b-66ab-eeb76e069631",
    source: "/uploads/incoming",
    type: "Uploads.Received",
    subject: "/uploads/incoming/2025/03/invoices.csv",
    time: "2025-03-14T09:26:53.512Z",
    data: { url: "https://st.blob.core.windows.net/incoming/2025/03/invoices.csv", container: "incoming", blobName: "2025/03/invoices.csv", contentType: "text/csv", contentLength: 10, eTag: "0x1" },
  };

  test("writes one upload record through the Cosmos DB output binding", async () => {
    const { context, logs } = invocation("onUploadReceived");
    await uploads.onUploadReceived(received, context);
    expect(context.extraOutputs.get(uploads.uploadRecords)).toEqual({
      id: received.id,
      blobName: "2025/03/invoices.csv",
      url: "https://st.blob.core.windows.net/incoming/2025/03/invoices.csv",
      contentType: "text/csv",
      contentLength: 10,
      eTag: "0x1",
      receivedAt: "2025-03-14T09:26:53.512Z",
      status: "received",
    });
    expect(logs[0].message).toBe(`upload 2025/03/invoices.csv catalogued as ${received.id}`);
  });

  test("the output binding writes to the uploads container through the identity-based connection", () => {
    expect(uploads.uploadRecords).toMatchObject({ type: "cosmosDB", connection: CONNECTIONS.cosmosDb, databaseName: COSMOS.database, containerName: COSMOS.uploads, createIfNotExists: false });
  });

  test("fails on an event without the data it catalogues", async () => {
    const { context } = invocation("onUploadReceived");
    await expect(uploads.onUploadReceived({ ...received, data: { blobName: "x" } }, context)).rejects.toThrow("lacks data.url, data.contentLength");
    expect(context.extraOutputs.get(uploads.uploadRecords)).toBeUndefined();
  });

  test("consumes exactly what onBlobCreated publishes", async () => {
    const mapped = blobs.toUploadReceivedEvent(blobCreated("a/b.json"));
    if (!("event" in mapped)) throw new Error(mapped.skipped);
    const { context } = invocation("onUploadReceived");
    await uploads.onUploadReceived(JSON.parse(JSON.stringify(mapped.event)), context);
    expect(context.extraOutputs.get(uploads.uploadRecords)).toMatchObject({ blobName: "a/b.json", contentType: "text/csv" });
  });
});
