/**
 * The contract between the event-handlers app and the infrastructure that feeds it: connection
 * names, Cosmos DB containers, function names, event types and subjects. The EventDriven pattern
 * reads the same constants to build app settings, containers and subscription filters, so code
 * and filters cannot drift apart. Plain constants only: no @azure/functions import here.
 */

/** App-setting prefixes of the identity-based connections (`<name>__topicEndpointUri`, `<name>__accountEndpoint`). */
export const CONNECTIONS = {
  eventGrid: "EventGridConnection",
  cosmosDb: "CosmosDbConnection",
} as const;

/** The Cosmos DB database and containers the functions read and write. */
export const COSMOS = {
  database: "commerce",
  /** Orders written by the order service; its change feed becomes `Orders.Changed` events. */
  orders: "orders",
  /** Change-feed leases of `publishOrderChanges` (partition key `/id`, as the trigger requires). */
  leases: "leases",
  /** One record per received upload, written by `onUploadReceived`. */
  uploads: "uploads",
} as const;

/** Function names as registered (Event Grid subscriptions address `<app id>/functions/<name>`). */
export const FUNCTIONS = {
  onBlobCreated: "onBlobCreated",
  onOrderChanged: "onOrderChanged",
  onUploadReceived: "onUploadReceived",
  publishOrderChanges: "publishOrderChanges",
} as const;

/** The blob container whose new blobs become `Uploads.Received` events. */
export const UPLOADS_CONTAINER = "incoming";

/** CloudEvents `type`s on the business-events topic, and the storage event the uploads adapter reads. */
export const EVENT_TYPES = {
  orderChanged: "Orders.Changed",
  uploadReceived: "Uploads.Received",
  blobCreated: "Microsoft.Storage.BlobCreated",
} as const;

/** CloudEvents `source` of the events the functions publish. */
export const SOURCES = {
  orders: "/commerce/orders",
  uploads: `/uploads/${UPLOADS_CONTAINER}`,
} as const;

/** Subject prefixes the subscriptions filter on. */
export const SUBJECTS = {
  /** `/orders/<order id>` */
  order: "/orders/",
  /** `/uploads/incoming/<blob path>` */
  upload: `/uploads/${UPLOADS_CONTAINER}/`,
  /** Storage system-topic subjects of blobs in the uploads container. */
  incomingBlob: `/blobServices/default/containers/${UPLOADS_CONTAINER}/`,
} as const;

/** Order statuses the order service writes; anything else is not published. */
export const ORDER_STATUSES = ["Created", "Paid", "Shipped", "Cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
