// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/event-grid/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import {
  AdvancedFilter, EventDestination, EventGridSystemTopic, EventGridTopic, ServiceBusNamespace, StorageAccount, UserAssignedIdentity,
} from "azure-integration-cdktf";

const bus = new ServiceBusNamespace(stack, "Bus");
const uploads = bus.addQueue("uploads");
const files = new StorageAccount(stack, "Files", { containers: ["incoming", "undelivered"] });

// Blob events of the account: every new .csv under incoming/ goes to the queue.
const blobEvents = new EventGridSystemTopic(stack, "FileEvents", {
  sourceResourceId: files.id,
  topicType: "Microsoft.Storage.StorageAccounts",
});
blobEvents.addSubscription("csv-to-queue", {
  destination: EventDestination.serviceBusQueue(uploads.id), // the topic's identity is granted Azure Service Bus Data Sender
  includedEventTypes: ["Microsoft.Storage.BlobCreated"],
  subjectBeginsWith: "/blobServices/default/containers/incoming/",
  subjectEndsWith: ".csv",
  deadLetter: { storageAccountId: files.id, containerName: "undelivered", container: files.containers.get("undelivered") },
});

// A custom topic for the application's own events.
const orders = new EventGridTopic(stack, "OrderEvents");
orders.grantPublish(new UserAssignedIdentity(stack, "OrderService")); // EventGrid Data Sender
orders.addSubscription("big-orders", {
  destination: EventDestination.serviceBusQueue(bus.addQueue("big-orders").id),
  includedEventTypes: ["Orders.Created"],
  advancedFilters: [AdvancedFilter.numberGreaterThanOrEquals("data.amount", 1000), AdvancedFilter.stringIn("data.currency", ["EUR", "USD"])],
  maxDeliveryAttempts: 10,
  eventTimeToLive: 120,
});
