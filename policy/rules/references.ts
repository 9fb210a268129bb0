import { valueAt } from "../checks";
import { addressOf, attributeReferences, isInterpolation, resourceAt, targetResource } from "../reachability/terraform";
import { CheckedResource, CheckedScope, PolicyRule, REFERENCE_TYPE, ResourceConfig } from "../types";

// Whole-stack references: a caller names a child entity (container, file system, queue, topic,
// subscription) of an account or namespace the stack creates, so the stack must create the child
// too. Only parents the stack itself creates are judged: an account or namespace imported by name
// or id (a data source, a literal id) may well hold the entity, and the pack cannot know.

/** What a missing entity is, where it must be, and how to add it. */
interface Missing {
  readonly caller: string;
  readonly kind: string;
  readonly name: string;
  /** The topic of a missing subscription. */
  readonly topic?: string;
  readonly parent: CheckedResource;
  readonly fix: string;
  /** The names of that kind the parent does have, for the message. */
  readonly existing: readonly string[];
}

const CONTAINERS = ["azurerm_storage_container", "azurerm_storage_data_lake_gen2_filesystem"];

/** Children of `types` whose `attributes` (parent id or name) refer to `parent`. */
function childrenOf(scope: CheckedScope, types: readonly string[], attributes: readonly string[], parent: CheckedResource): CheckedResource[] {
  return scope.resources.filter(
    (r) =>
      types.includes(r.type) && attributes.some((a) => attributeReferences(valueAt(r.config, a)).some((ref) => addressOf(ref) === parent.address))
  );
}

/** The child named `name`, or `true` when a child's name is only known at deploy time (it may be that one). */
function findNamed(children: readonly CheckedResource[], name: string): CheckedResource | true | undefined {
  if (children.some((c) => isInterpolation(c.config.name))) return true;
  return children.find((c) => c.config.name === name);
}

const literal = (value: unknown): value is string => typeof value === "string" && value !== "" && !isInterpolation(value) && !value.startsWith("@");

/** The missing container of storage account `parent`, if `name` is a literal the stack does not create on it. */
function missingContainer(
  scope: CheckedScope,
  parent: CheckedResource | undefined,
  name: unknown,
  caller: string,
  kind = "blob container"
): Missing | undefined {
  if (!parent || parent.type !== "azurerm_storage_account" || !literal(name)) return undefined;
  const children = childrenOf(scope, CONTAINERS, ["storage_account_id", "storage_account_name"], parent);
  if (findNamed(children, name)) return undefined;
  return { caller, kind, name, parent, fix: `addContainer("${name}") on the StorageAccount`, existing: names(children) };
}

const names = (children: readonly CheckedResource[]) => children.map((c) => String(c.config.name)).sort();

/** The entity a recorded reference (`recordEntityReference`) names, if the stack creates its parent but not it. */
function missingReferenced(reference: CheckedResource, scope: CheckedScope): Missing | undefined {
  const {
    kind,
    name,
    topic,
    parent: address,
    caller,
  } = reference.config as { kind: string; name: string; topic?: string; parent?: string; caller: string };
  const parent = address === undefined ? undefined : resourceAt(scope, address);
  if (!parent) return undefined;
  if (kind === "blob container") return missingContainer(scope, parent, name, caller);
  if (!literal(name) || (topic !== undefined && !literal(topic))) return undefined;
  if (kind === "storage queue") {
    if (parent.type !== "azurerm_storage_account") return undefined;
    const queues = childrenOf(scope, ["azurerm_storage_queue"], ["storage_account_id", "storage_account_name"], parent);
    return findNamed(queues, name)
      ? undefined
      : { caller, kind, name, parent, fix: `addQueue("${name}") on the StorageAccount`, existing: names(queues) };
  }
  if (parent.type !== "azurerm_servicebus_namespace") return undefined;
  const entity = (type: string, entityName: string) => {
    const children = childrenOf(scope, [type], ["namespace_id"], parent);
    return { children, found: findNamed(children, entityName) };
  };
  if (kind === "servicebus queue") {
    const { children, found } = entity("azurerm_servicebus_queue", name);
    return found ? undefined : { caller, kind, name, parent, fix: `addQueue("${name}") on the ServiceBusNamespace`, existing: names(children) };
  }
  if (kind === "servicebus topic") {
    const { children, found } = entity("azurerm_servicebus_topic", name);
    return found ? undefined : { caller, kind, name, parent, fix: `addTopic("${name}") on the ServiceBusNamespace`, existing: names(children) };
  }
  if (kind === "servicebus subscription" && topic !== undefined) {
    // A missing topic is the topic reference's finding; the subscription is judged on a topic the stack creates.
    const { found: topicFound } = entity("azurerm_servicebus_topic", topic);
    if (!topicFound || topicFound === true) return undefined;
    const subscriptions = childrenOf(scope, ["azurerm_servicebus_subscription"], ["topic_id"], topicFound);
    if (findNamed(subscriptions, name)) return undefined;
    return {
      caller,
      kind,
      name,
      topic,
      parent,
      fix: `addSubscription("${name}") on the topic "${topic}" (ServiceBusTopic)`,
      existing: names(subscriptions),
    };
  }
  return undefined;
}

/** An Event Grid subscription's dead-letter container, if the stack creates the account but not the container. */
function missingDeadLetterContainer(subscription: CheckedResource, scope: CheckedScope): Missing | undefined {
  const destination = valueAt(subscription.config, "storage_blob_dead_letter_destination") as ResourceConfig | undefined;
  if (!destination || typeof destination !== "object") return undefined;
  const account = targetResource(destination.storage_account_id, scope);
  return missingContainer(scope, account, destination.storage_blob_container_name, "the dead-letter destination (deadLetter.containerName)");
}

/** Data Factory dataset types whose location names a file system or container. */
const DATASETS = [
  "azurerm_data_factory_dataset_parquet",
  "azurerm_data_factory_dataset_delimited_text",
  "azurerm_data_factory_dataset_json",
  "azurerm_data_factory_dataset_binary",
  "azurerm_data_factory_custom_dataset",
];

/** The attribute of each storage linked service that names its account (an endpoint URL). */
const LINKED_SERVICE_ACCOUNT: Readonly<Record<string, string>> = {
  azurerm_data_factory_linked_service_data_lake_storage_gen2: "url",
  azurerm_data_factory_linked_service_azure_blob_storage: "service_endpoint",
};

/** The file system (Data Lake) or container (Blob) a dataset's location names; undefined when dynamic. */
function datasetLocation(dataset: CheckedResource): unknown {
  const config = dataset.config;
  if (dataset.type === "azurerm_data_factory_custom_dataset") {
    const json = config.type_properties_json;
    if (typeof json !== "string") return undefined;
    try {
      const location = (JSON.parse(json) as { location?: { fileSystem?: unknown; container?: unknown } }).location;
      return location?.fileSystem ?? location?.container;
    } catch {
      return undefined;
    }
  }
  for (const [block, attribute, dynamic] of [
    ["azure_blob_fs_location", "file_system", "dynamic_file_system_enabled"],
    ["azure_blob_storage_location", "container", "dynamic_container_enabled"],
  ]) {
    const location = valueAt(config, block) as ResourceConfig | undefined;
    if (location && typeof location === "object") return location[dynamic] === true ? undefined : location[attribute];
  }
  return undefined;
}

/** A dataset's file system or container, if the stack creates the linked account but not it. */
function missingDatasetLocation(dataset: CheckedResource, scope: CheckedScope): Missing | undefined {
  const linkedServiceRef = dataset.config.linked_service_name ?? valueAt(dataset.config, "linked_service.name");
  const linked = attributeReferences(linkedServiceRef)
    .map(addressOf)
    .map((a) => resourceAt(scope, a))
    .find((r) => r !== undefined && LINKED_SERVICE_ACCOUNT[r.type] !== undefined);
  if (!linked) return undefined;
  const account = targetResource(valueAt(linked.config, LINKED_SERVICE_ACCOUNT[linked.type]), scope);
  const kind = linked.type.includes("data_lake") ? "file system" : "blob container";
  return missingContainer(scope, account, datasetLocation(dataset), `its location (${kind === "file system" ? "fileSystem" : "container"})`, kind);
}

function message(missing: Missing | undefined): string {
  if (!missing) return REMEDIATION;
  const { caller, kind, name, topic, parent, fix, existing } = missing;
  const has = existing.length > 0 ? `; it has ${existing.map((e) => `"${e}"`).join(", ")}` : "";
  const entity = `${kind} "${name}"${topic === undefined ? "" : ` of topic "${topic}"`}`;
  const construct = parent.path.replace(/\/Resource$/, "");
  return (
    `${caller} names ${entity}, which the stack does not create on ${construct} (${parent.address})${has}: ` +
    `add it with ${fix}, or name one the stack creates`
  );
}

const REMEDIATION =
  "create the container, queue, topic or subscription on the account or namespace (addContainer, addQueue, addTopic, addSubscription)";

type Finder = (resource: CheckedResource, scope: CheckedScope) => Missing | undefined;

function referenceRule(id: string, resourceTypes: readonly string[], title: string, find: Finder): PolicyRule {
  return {
    id,
    level: "error",
    resourceTypes,
    title,
    remediation: REMEDIATION,
    check: (resource, scope) => find(resource, scope) === undefined,
    remediationFor: (resource, scope) => message(find(resource, scope)),
  };
}

export const REFERENCE_RULES: PolicyRule[] = [
  // A blob trigger on a missing container never fires ("Container 'x' does not exist", azure-functions-host#6570); a
  // Service Bus trigger on a missing entity fails with MessagingEntityNotFound; the construct's container- and
  // queue-scoped grants have no scope to land on (unverified: whether ARM refuses the role assignment itself).
  referenceRule(
    "AIC-REF-001",
    [REFERENCE_TYPE],
    "Function bindings name containers, queues, topics and subscriptions the stack creates on the accounts and namespaces it creates",
    missingReferenced
  ),
  // Event Grid dead-letters into an existing container; it does not create one
  // (https://learn.microsoft.com/azure/event-grid/manage-event-delivery#set-dead-letter-location).
  referenceRule(
    "AIC-REF-002",
    ["azurerm_eventgrid_event_subscription", "azurerm_eventgrid_system_topic_event_subscription"],
    "Event Grid dead-letter destinations name a container the stack creates on the account it creates",
    missingDeadLetterContainer
  ),
  referenceRule(
    "AIC-REF-003",
    DATASETS,
    "Data Factory datasets name a file system or container the stack creates on the account it creates",
    missingDatasetLocation
  ),
];
