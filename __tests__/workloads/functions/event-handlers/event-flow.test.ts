import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironment } from "../../../../config/environment";
import { EventDriven } from "../../../../patterns/event-driven";
import { EventDrivenStack } from "../../../../stacks/event-driven-stack";
import { CONNECTIONS, EVENT_TYPES, FUNCTIONS } from "../../../../workloads/functions/event-handlers/src/contract";
import { Json } from "../../../helpers";
import { eventGridDelivers as matches, SynthesizedSubscription } from "../../../../testing";
import { blobCreated, invocation, orderDocument } from "./invocation";

jest.spyOn(console, "warn").mockImplementation(() => undefined);
/* eslint-disable @typescript-eslint/no-require-imports */
const publish = require("../../../../workloads/functions/event-handlers/src/functions/publish-order-changes") as typeof import("../../../../workloads/functions/event-handlers/src/functions/publish-order-changes");
const blobs = require("../../../../workloads/functions/event-handlers/src/functions/on-blob-created") as typeof import("../../../../workloads/functions/event-handlers/src/functions/on-blob-created");
/* eslint-enable @typescript-eslint/no-require-imports */

const CONFIG = path.resolve(__dirname, "../../../../config");

/** The dev stack as deployed (no external webhook). */
const stack = new EventDrivenStack(Testing.app(), loadEnvironment(CONFIG, "dev"));
const json: Json = JSON.parse(Testing.synth(stack));
const subscriptions: Record<string, SynthesizedSubscription & Json> = Object.fromEntries(
  [...Object.values(json.resource.azurerm_eventgrid_event_subscription), ...Object.values(json.resource.azurerm_eventgrid_system_topic_event_subscription)].map((s: Json) => [s.name, s]),
);

// A second pattern with an external webhook (the stack deploys without one), for its default filters.
const partner: Json = (() => {
  const other = new EventDrivenStack(Testing.app(), loadEnvironment(CONFIG, "dev"));
  new EventDriven(other, "WithPartner", { externalWebhook: { url: "https://partner.example/events" } });
  const synthesized: Json = JSON.parse(Testing.synth(other));
  return Object.values(synthesized.resource.azurerm_eventgrid_event_subscription).find((s: Json) => s.name === "external-webhook");
})();

/** The subscriptions (by name) that would deliver `event`. */
function deliveredTo(event: Record<string, unknown>): string[] {
  return [...Object.values(subscriptions), partner].filter((s) => matches(s, event)).map((s) => s.name).sort();
}

async function publishedOrder(overrides: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { context } = invocation("publishOrderChanges");
  await publish.publishOrderChanges([orderDocument(overrides)], context);
  const [event] = context.extraOutputs.get(publish.businessEvents) as Record<string, unknown>[];
  // What Event Grid delivers is the JSON the binding sent.
  return JSON.parse(JSON.stringify(event));
}

async function republishedUpload(blobPath: string): Promise<Record<string, unknown>> {
  const { context } = invocation("onBlobCreated");
  await blobs.onBlobCreated(blobCreated(blobPath), context);
  return JSON.parse(JSON.stringify(context.extraOutputs.get(blobs.uploadEvents)));
}

describe("the functions' registrations match the subscriptions that deliver to them", () => {
  const registered = stack.eventDriven.handlers.registeredFunctions;

  test("the app registers the four functions with their triggers", () => {
    expect(registered.map((f) => [f.name, f.trigger]).sort()).toEqual([
      [FUNCTIONS.onBlobCreated, "eventGridTrigger"],
      [FUNCTIONS.onOrderChanged, "eventGridTrigger"],
      [FUNCTIONS.onUploadReceived, "eventGridTrigger"],
      [FUNCTIONS.publishOrderChanges, "cosmosDBTrigger"],
    ]);
  });

  test("every function subscription targets an Event Grid-triggered function of the app", () => {
    const targets = Object.values(subscriptions)
      .filter((s) => s.azure_function_endpoint)
      .map((s) => [s.name, s.azure_function_endpoint.function_id.split("/functions/")[1]]);
    expect(targets.sort()).toEqual([
      ["blob-created", FUNCTIONS.onBlobCreated],
      ["order-changed", FUNCTIONS.onOrderChanged],
      ["upload-received", FUNCTIONS.onUploadReceived],
    ]);
    for (const [, name] of targets) expect(registered.find((f) => f.name === name)?.trigger).toBe("eventGridTrigger");
  });

  test("the bindings' connections are the ones the pattern defines in app settings", () => {
    const connections = new Set(registered.flatMap((f) => f.bindings.flatMap((b) => b.connections)));
    expect([...connections].sort()).toEqual([CONNECTIONS.cosmosDb, CONNECTIONS.eventGrid].sort());
    const settings = Object.keys(stack.eventDriven.handlers.appSettings);
    expect(settings).toEqual(expect.arrayContaining([`${CONNECTIONS.eventGrid}__topicEndpointUri`, `${CONNECTIONS.cosmosDb}__accountEndpoint`]));
    const publisher = registered.find((f) => f.name === FUNCTIONS.publishOrderChanges);
    expect(publisher?.bindings.map((b) => [b.type, b.direction, b.connections])).toEqual([
      ["cosmosDBTrigger", "in", [CONNECTIONS.cosmosDb]],
      ["eventGrid", "out", [CONNECTIONS.eventGrid]],
    ]);
  });
});

describe("every subscription retries and dead-letters", () => {
  test.each(Object.keys(subscriptions).concat("external-webhook"))("%s", (name) => {
    const s = name === "external-webhook" ? partner : subscriptions[name];
    expect(s.retry_policy).toEqual({ max_delivery_attempts: 10, event_time_to_live: 1440 });
    expect(s.storage_blob_dead_letter_destination).toEqual({ storage_account_id: expect.stringContaining("azurerm_storage_account."), storage_blob_container_name: "dead-letters" });
    expect(s.dead_letter_identity).toEqual({ type: "SystemAssigned" });
  });
});

describe("the events the functions emit reach the handlers the filters intend", () => {
  test("a paid high-value order: Function A and the high-value workflow", async () => {
    const event = await publishedOrder({ status: "Paid", total: 1499.5 });
    expect(deliveredTo(event)).toEqual(["high-value-orders", "order-changed"]);
  });

  test("a shipped small order: Function A and the partner webhook, not the workflow", async () => {
    const event = await publishedOrder({ status: "Shipped", total: 80 });
    expect(deliveredTo(event)).toEqual(["external-webhook", "order-changed"]);
  });

  test("the threshold is exclusive, as in the workflow's `greater` check: 1000 is not high value", async () => {
    expect(deliveredTo(await publishedOrder({ total: 1000 }))).toEqual(["order-changed"]);
    expect(deliveredTo(await publishedOrder({ total: 1000.01 }))).toEqual(["high-value-orders", "order-changed"]);
  });

  test("an upload republished by onBlobCreated: Function B only", async () => {
    const event = await republishedUpload("2025/03/invoices.csv");
    expect(event.type).toBe(EVENT_TYPES.uploadReceived);
    expect(deliveredTo(event)).toEqual(["upload-received"]);
  });

  test("storage events: BlobCreated in incoming reaches onBlobCreated; empty blobs, other containers and other types do not", () => {
    expect(deliveredTo({ ...blobCreated("a.csv") })).toEqual(["blob-created"]);
    expect(deliveredTo({ ...blobCreated("folder/", { data: { contentLength: 0 } }) })).toEqual([]);
    expect(deliveredTo({ ...blobCreated("a.csv", { subject: "/blobServices/default/containers/dead-letters/blobs/a.csv" }) })).toEqual([]);
    expect(deliveredTo({ ...blobCreated("a.csv", { eventType: "Microsoft.Storage.BlobDeleted" }) })).toEqual([]);
  });

  test("an application's event of another type reaches no handler", () => {
    const custom = { specversion: "1.0", id: "1", source: "/apps/crm", type: "Customers.Registered", subject: "/customers/c-1", data: { customerId: "c-1" } };
    expect(deliveredTo(custom)).toEqual([]);
  });
});
