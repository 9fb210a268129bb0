import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** How a system topic type's source is identified. */
interface TopicTypeInfo {
  /** ARM resource type of the source, e.g. `Microsoft.Storage/storageAccounts`. */
  readonly resourceType: string;
  /** Sources above resource level (a resource group, a subscription) live in location "global". */
  readonly global?: boolean;
}

/**
 * Azure services that publish events to a system topic, by topic type (the azurerm
 * `eventgrid_system_topic` list, plus API Management). Cosmos DB is not one: it has no Event Grid events.
 */
export const SYSTEM_TOPIC_TYPES = {
  "Microsoft.ApiManagement.Service": { resourceType: "Microsoft.ApiManagement/service" },
  "Microsoft.AppConfiguration.ConfigurationStores": { resourceType: "Microsoft.AppConfiguration/configurationStores" },
  "Microsoft.Communication.CommunicationServices": { resourceType: "Microsoft.Communication/communicationServices" },
  "Microsoft.ContainerRegistry.Registries": { resourceType: "Microsoft.ContainerRegistry/registries" },
  "Microsoft.Devices.IoTHubs": { resourceType: "Microsoft.Devices/IotHubs" },
  "Microsoft.EventHub.Namespaces": { resourceType: "Microsoft.EventHub/namespaces" },
  "Microsoft.KeyVault.vaults": { resourceType: "Microsoft.KeyVault/vaults" },
  "Microsoft.MachineLearningServices.Workspaces": { resourceType: "Microsoft.MachineLearningServices/workspaces" },
  "Microsoft.Maps.Accounts": { resourceType: "Microsoft.Maps/accounts" },
  "Microsoft.Resources.ResourceGroups": { resourceType: "resourceGroups", global: true },
  "Microsoft.Resources.Subscriptions": { resourceType: "subscriptions", global: true },
  "Microsoft.ServiceBus.Namespaces": { resourceType: "Microsoft.ServiceBus/namespaces" },
  "Microsoft.SignalRService.SignalR": { resourceType: "Microsoft.SignalRService/SignalR" },
  "Microsoft.Storage.StorageAccounts": { resourceType: "Microsoft.Storage/storageAccounts" },
  "Microsoft.Web.ServerFarms": { resourceType: "Microsoft.Web/serverFarms" },
  "Microsoft.Web.Sites": { resourceType: "Microsoft.Web/sites" },
} as const satisfies Record<string, TopicTypeInfo>;

export type SystemTopicType = keyof typeof SYSTEM_TOPIC_TYPES;

const COSMOS = /documentdb|cosmos/i;
const COSMOS_FIX =
  "Cosmos DB publishes no Event Grid events: read its change feed with a Cosmos DB-triggered function that publishes to an EventGridTopic " +
    "(topic.grantPublish(functionIdentity)), and subscribe to that topic";

/**
 * The canonical spelling of `topicType` (matched case-insensitively, e.g. the provider docs'
 * `Microsoft.Eventhub.Namespaces`), or a clear error — with the custom-topic route for Cosmos DB.
 */
export function resolveTopicType(scope: IConstruct, topicType: string): SystemTopicType {
  const known = (Object.keys(SYSTEM_TOPIC_TYPES) as SystemTopicType[]).find((t) => t.toLowerCase() === topicType.toLowerCase());
  if (known) return known;
  if (COSMOS.test(topicType)) {
    invalid(scope, { field: "topicType", value: topicType, rule: "is not an Event Grid system-topic source", fix: COSMOS_FIX });
  }
  return invalid(scope, {
    field: "topicType",
    value: topicType,
    rule: "is not a system topic type this library knows",
    fix: `use one of ${Object.keys(SYSTEM_TOPIC_TYPES).join(", ")} ` +
      `(for a type not listed yet, override the L1: resource.addOverride("topic_type", "<type>"))`,
  });
}

/** Checks that a literal source id is of the resource type `topicType` publishes for; tokens are skipped. */
export function validateSource(scope: IConstruct, topicType: SystemTopicType, sourceResourceId: string): void {
  if (isUnresolved(sourceResourceId)) return;
  if (/\/providers\/Microsoft\.DocumentDB\//i.test(sourceResourceId)) {
    invalid(scope, {
      field: "sourceResourceId",
      value: sourceResourceId,
      rule: "is a Cosmos DB account, which is not an Event Grid system-topic source",
      fix: COSMOS_FIX,
    });
  }
  const { resourceType }: TopicTypeInfo = SYSTEM_TOPIC_TYPES[topicType];
  const what = resourceType === "subscriptions" ? "subscription" : resourceType === "resourceGroups" ? "resource group" : resourceType;
  const pattern =
    resourceType === "subscriptions"
      ? /^\/subscriptions\/[^/]+$/i
      : resourceType === "resourceGroups"
        ? /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i
        : new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${resourceType.replace(".", "\\.")}/[^/]+$`, "i");
  if (!pattern.test(sourceResourceId)) {
    invalid(scope, {
      field: "sourceResourceId",
      value: sourceResourceId,
      rule: `is not the id of a ${what} (the source of topicType "${topicType}")`,
      fix: "pass the id of the resource whose events you want, or the topicType matching it",
    });
  }
}

/** True when the type's system topic must be in location "global". */
export function isGlobalTopicType(topicType: SystemTopicType): boolean {
  const info: TopicTypeInfo = SYSTEM_TOPIC_TYPES[topicType];
  return info.global === true;
}
