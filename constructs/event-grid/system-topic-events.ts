import { SystemTopicType } from "./system-topic-types";

/** Resource Manager's events, the same for a resource group and a subscription. */
const RESOURCE_EVENTS: readonly string[] = ["Write", "Delete", "Action"].flatMap((operation) =>
  ["Success", "Failure", "Cancel"].map((outcome) => `Microsoft.Resources.Resource${operation}${outcome}`),
);

/**
 * The event types each system topic type publishes, from the "Available event types" table of its Learn
 * event schema page. A subscription's `includedEventTypes` on such a topic is checked against them.
 * Topic types not listed here are not checked: their event lists are long or change often (API Management,
 * App Service, IoT Hub, ...), and a stale list would refuse a valid new event type.
 */
export const SYSTEM_TOPIC_EVENT_TYPES: Partial<Readonly<Record<SystemTopicType, readonly string[]>>> = {
  // https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage
  "Microsoft.Storage.StorageAccounts": [
    "Microsoft.Storage.BlobCreated",
    "Microsoft.Storage.BlobDeleted",
    "Microsoft.Storage.BlobRenamed",
    "Microsoft.Storage.BlobTierChanged",
    "Microsoft.Storage.AsyncOperationInitiated",
    "Microsoft.Storage.DirectoryCreated",
    "Microsoft.Storage.DirectoryRenamed",
    "Microsoft.Storage.DirectoryDeleted",
    "Microsoft.Storage.BlobInventoryPolicyCompleted",
    "Microsoft.Storage.LifecyclePolicyCompleted",
    "Microsoft.Storage.StorageTaskQueued",
    "Microsoft.Storage.StorageTaskCompleted",
    "Microsoft.Storage.StorageTaskAssignmentQueued",
    "Microsoft.Storage.StorageTaskAssignmentCompleted",
  ],
  // https://learn.microsoft.com/azure/event-grid/event-schema-service-bus
  "Microsoft.ServiceBus.Namespaces": [
    "Microsoft.ServiceBus.ActiveMessagesAvailableWithNoListeners",
    "Microsoft.ServiceBus.DeadletterMessagesAvailableWithNoListeners",
    "Microsoft.ServiceBus.ActiveMessagesAvailablePeriodicNotifications",
    "Microsoft.ServiceBus.DeadletterMessagesAvailablePeriodicNotifications",
  ],
  // https://learn.microsoft.com/azure/event-grid/event-schema-event-hubs
  "Microsoft.EventHub.Namespaces": ["Microsoft.EventHub.CaptureFileCreated"],
  // https://learn.microsoft.com/azure/event-grid/event-schema-key-vault
  "Microsoft.KeyVault.vaults": [
    "Microsoft.KeyVault.CertificateNewVersionCreated",
    "Microsoft.KeyVault.CertificateNearExpiry",
    "Microsoft.KeyVault.CertificateExpired",
    "Microsoft.KeyVault.KeyNewVersionCreated",
    "Microsoft.KeyVault.KeyNearExpiry",
    "Microsoft.KeyVault.KeyExpired",
    "Microsoft.KeyVault.SecretNewVersionCreated",
    "Microsoft.KeyVault.SecretNearExpiry",
    "Microsoft.KeyVault.SecretExpired",
    "Microsoft.KeyVault.VaultAccessPolicyChanged",
  ],
  // https://learn.microsoft.com/azure/event-grid/event-schema-resource-groups
  "Microsoft.Resources.ResourceGroups": RESOURCE_EVENTS,
  // https://learn.microsoft.com/azure/event-grid/event-schema-subscriptions
  "Microsoft.Resources.Subscriptions": RESOURCE_EVENTS,
};

