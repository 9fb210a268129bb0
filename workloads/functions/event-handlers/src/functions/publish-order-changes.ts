import { app, InvocationContext, output } from "@azure/functions";
import { CloudEvent, cloudEvent, OrderChangedData } from "../cloud-event";
import { CONNECTIONS, COSMOS, EVENT_TYPES, FUNCTIONS, ORDER_STATUSES, SOURCES, SUBJECTS } from "../contract";

/**
 * Cosmos DB publishes no Event Grid events, so its change feed is read here and turned into
 * `Orders.Changed` CloudEvents on the business-events topic. The output binding authenticates
 * with the app's identity through the `EventGridConnection__topicEndpointUri` setting.
 */
export const businessEvents = output.eventGrid({ connection: CONNECTIONS.eventGrid });

/** An item of the `orders` container as the change feed delivers it (system properties included). */
export interface OrderDocument {
  readonly id?: unknown;
  readonly customerId?: unknown;
  readonly status?: unknown;
  readonly total?: unknown;
  readonly currency?: unknown;
  /** Last modification, seconds since the epoch (Cosmos DB system property). */
  readonly _ts?: unknown;
  /** Version of the item (Cosmos DB system property); unique per change. */
  readonly _etag?: unknown;
}

export type OrderMapping = { readonly event: CloudEvent<OrderChangedData> } | { readonly skipped: string };

/**
 * Maps one changed order to an `Orders.Changed` event, or says why it is not published. The
 * event id is the order id plus the item's `_etag`, so a redelivered change keeps its id and
 * subscribers can drop duplicates.
 */
export function toOrderChangedEvent(doc: OrderDocument): OrderMapping {
  if (typeof doc.id !== "string" || doc.id === "") return { skipped: "it has no id" };
  if (typeof doc.customerId !== "string" || doc.customerId === "") return { skipped: "it has no customerId" };
  if (typeof doc.status !== "string" || !(ORDER_STATUSES as readonly string[]).includes(doc.status)) {
    return { skipped: `its status ${JSON.stringify(doc.status)} is not one of ${ORDER_STATUSES.join(", ")}` };
  }
  if (typeof doc.total !== "number" || !Number.isFinite(doc.total) || doc.total < 0) return { skipped: "its total is not a non-negative number" };
  if (typeof doc.currency !== "string" || !/^[A-Z]{3}$/.test(doc.currency)) return { skipped: "its currency is not an ISO 4217 code" };
  const version = typeof doc._etag === "string" ? doc._etag.replace(/"/g, "") : typeof doc._ts === "number" ? String(doc._ts) : undefined;
  if (version === undefined) return { skipped: "it has neither _etag nor _ts (not a change-feed item)" };
  const time = typeof doc._ts === "number" ? new Date(doc._ts * 1000).toISOString() : new Date().toISOString();
  return {
    event: cloudEvent<OrderChangedData>({
      id: `${doc.id}:${version}`,
      source: SOURCES.orders,
      type: EVENT_TYPES.orderChanged,
      subject: `${SUBJECTS.order}${doc.id}`,
      time,
      data: { orderId: doc.id, customerId: doc.customerId, status: doc.status, total: doc.total, currency: doc.currency },
    }),
  };
}

/** Publishes every valid changed order as one batch; invalid items are logged and skipped. */
export async function publishOrderChanges(documents: unknown[], context: InvocationContext): Promise<void> {
  const events: CloudEvent<OrderChangedData>[] = [];
  for (const doc of documents) {
    const mapped = toOrderChangedEvent((doc ?? {}) as OrderDocument);
    if ("event" in mapped) events.push(mapped.event);
    else context.warn(`order ${JSON.stringify((doc as OrderDocument | null)?.id)} not published: ${mapped.skipped}`);
  }
  if (events.length > 0) context.extraOutputs.set(businessEvents, events);
  context.log(`published ${events.length} of ${documents.length} order change(s) as ${EVENT_TYPES.orderChanged}`);
}

app.cosmosDB(FUNCTIONS.publishOrderChanges, {
  connection: CONNECTIONS.cosmosDb,
  databaseName: COSMOS.database,
  containerName: COSMOS.orders,
  leaseContainerName: COSMOS.leases,
  // With Entra ID the app cannot create containers (a control-plane operation): the pattern creates it.
  createLeaseContainerIfNotExists: false,
  // Without a retry policy a failed batch is checkpointed and lost; retry it before moving on.
  retry: { strategy: "exponentialBackoff", maxRetryCount: 5, minimumInterval: { seconds: 5 }, maximumInterval: { minutes: 5 } },
  extraOutputs: [businessEvents],
  handler: publishOrderChanges,
});
