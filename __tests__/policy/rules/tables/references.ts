import { CheckedResource, REFERENCE_TYPE, ResourceConfig } from "../../../../policy/types";
import { KnownDefect, RuleCase, RuleTable, checked, ref } from "../harness";

// The reference rules judge a caller (a recorded binding reference, an Event Grid subscription, a
// dataset) against the children the stack declares on the account or namespace it names.

const ACCOUNT = "azurerm_storage_account.Data";
const BUS = "azurerm_servicebus_namespace.Bus";

const at = (address: string, config: ResourceConfig): CheckedResource => {
  const [type, name] = address.split(".");
  return { ...checked(type, config, "prod", name), address };
};

const account = () => at(ACCOUNT, { name: "stdata" });
const bus = () => at(BUS, { name: "sbns" });
const container = (name: string, attribute = "storage_account_id", type = "azurerm_storage_container") =>
  at(`${type}.C_${name.replace(/\W/g, "")}`, { name, [attribute]: ref(ACCOUNT, attribute === "storage_account_id" ? "id" : "name") });
const storageQueue = (name: string) => at(`azurerm_storage_queue.Q_${name}`, { name, storage_account_id: ref(ACCOUNT) });
const busQueue = (name: string) => at(`azurerm_servicebus_queue.Q_${name}`, { name, namespace_id: ref(BUS) });
const topic = (name: string) => at(`azurerm_servicebus_topic.T_${name}`, { name, namespace_id: ref(BUS) });
const subscription = (name: string, topicName: string) =>
  at(`azurerm_servicebus_subscription.S_${name}`, { name, topic_id: ref(`azurerm_servicebus_topic.T_${topicName}`) });

/** A recorded reference (what `recordEntityReference` leaves for the pack). */
const reference = (kind: string, name: string, parent: string | undefined, topicName?: string): ResourceConfig => ({
  kind,
  name,
  ...(topicName ? { topic: topicName } : {}),
  parent,
  caller: 'function "archive" (blob output)',
});
const r = (name: string, config: ResourceConfig, also: CheckedResource[]): RuleCase => ({ name, types: [REFERENCE_TYPE], config, with: () => also });

const deadLetter = (containerName: string, accountId = ref(ACCOUNT)) => ({
  storage_blob_dead_letter_destination: { storage_account_id: accountId, storage_blob_container_name: containerName },
});

const LAKE_LINK = "azurerm_data_factory_linked_service_data_lake_storage_gen2.Lake";
const BLOB_LINK = "azurerm_data_factory_linked_service_azure_blob_storage.Blob";
const lakeLink = () => at(LAKE_LINK, { name: "lake", url: ref(ACCOUNT, "primary_dfs_endpoint"), use_managed_identity: true });
const blobLink = () => at(BLOB_LINK, { name: "blob", service_endpoint: ref(ACCOUNT, "primary_blob_endpoint"), use_managed_identity: true });
const LOCATED = ["azurerm_data_factory_dataset_parquet", "azurerm_data_factory_dataset_delimited_text"];
const BLOB_LOCATED = [...LOCATED, "azurerm_data_factory_dataset_json", "azurerm_data_factory_dataset_binary"];
const fsDataset = (fileSystem: string, extra: ResourceConfig = {}) => ({
  linked_service_name: ref(LAKE_LINK, "name"),
  azure_blob_fs_location: { file_system: fileSystem, path: "in", ...extra },
});
const blobDataset = (name: string) => ({ linked_service_name: ref(BLOB_LINK, "name"), azure_blob_storage_location: { container: name, path: "in" } });
const customDataset = (fileSystem: unknown) => ({
  type: "Json",
  linked_service: { name: ref(LAKE_LINK, "name") },
  type_properties_json: JSON.stringify({ location: { type: "AzureBlobFSLocation", fileSystem } }),
});
const CUSTOM = ["azurerm_data_factory_custom_dataset"];

export const REFERENCE_TABLES: RuleTable[] = [
  {
    id: "AIC-REF-001",
    pass: [
      r("blob container the stack creates on the account", reference("blob container", "archive", ACCOUNT), [account(), container("archive")]),
      r("container found by the deprecated storage_account_name", reference("blob container", "archive", ACCOUNT), [
        account(),
        container("archive", "storage_account_name"),
      ]),
      r("a Data Lake file system counts as a container", reference("blob container", "raw", ACCOUNT), [
        account(),
        container("raw", "storage_account_id", "azurerm_storage_data_lake_gen2_filesystem"),
      ]),
      r("a container whose name is known at deploy time may be the one", reference("blob container", "archive", ACCOUNT), [
        account(),
        container("${var.c}"),
      ]),
      r("account the stack does not create (imported): unknown, skipped", reference("blob container", "archive", undefined), [container("other")]),
      r("storage queue the stack creates", reference("storage queue", "orders", ACCOUNT), [account(), storageQueue("orders")]),
      r("Service Bus queue the namespace has", reference("servicebus queue", "orders", BUS), [bus(), busQueue("orders")]),
      r("Service Bus topic the namespace has", reference("servicebus topic", "events", BUS), [bus(), topic("events")]),
      r("subscription the topic has", reference("servicebus subscription", "audit", BUS, "events"), [
        bus(),
        topic("events"),
        subscription("audit", "events"),
      ]),
      r("subscription of a missing topic: the topic reference reports it", reference("servicebus subscription", "audit", BUS, "events"), [bus()]),
    ],
    fail: [
      r("blob container the account lacks", reference("blob container", "archive", ACCOUNT), [account(), container("raw")]),
      r("same container name on another account", reference("blob container", "archive", ACCOUNT), [
        account(),
        at("azurerm_storage_container.Elsewhere", { name: "archive", storage_account_id: ref("azurerm_storage_account.Other") }),
      ]),
      r("storage queue the account lacks (a Service Bus queue of that name does not count)", reference("storage queue", "orders", ACCOUNT), [
        account(),
        bus(),
        busQueue("orders"),
      ]),
      r("Service Bus queue the namespace lacks", reference("servicebus queue", "orders", BUS), [bus(), busQueue("payments")]),
      r("Service Bus topic the namespace lacks", reference("servicebus topic", "events", BUS), [bus()]),
      r("subscription the topic lacks", reference("servicebus subscription", "audit", BUS, "events"), [
        bus(),
        topic("events"),
        subscription("billing", "events"),
      ]),
    ],
  },
  {
    id: "AIC-REF-002",
    pass: [
      { name: "dead-letter container the stack creates", config: deadLetter("deadletter"), with: () => [account(), container("deadletter")] },
      {
        name: "dead-letter to an account the stack does not create",
        config: deadLetter("deadletter", "/subscriptions/x/storageAccounts/y"),
        with: () => [],
      },
      { name: "no dead-letter destination", config: {}, with: () => [account()] },
      { name: "container name known at deploy time", config: deadLetter("${var.c}"), with: () => [account()] },
    ],
    fail: [
      { name: "dead-letter container the account lacks", config: deadLetter("deadletter"), with: () => [account(), container("raw")] },
      {
        name: "as a one-element list",
        config: { storage_blob_dead_letter_destination: [deadLetter("dl").storage_blob_dead_letter_destination] },
        with: () => [account()],
      },
    ],
  },
  {
    id: "AIC-REF-003",
    pass: [
      {
        name: "Data Lake file system the stack creates",
        types: LOCATED,
        config: fsDataset("raw"),
        with: () => [account(), lakeLink(), container("raw")],
      },
      {
        name: "dynamic file system",
        types: LOCATED,
        config: fsDataset("@dataset().fs", { dynamic_file_system_enabled: true }),
        with: () => [account(), lakeLink()],
      },
      {
        name: "Blob container the stack creates",
        types: BLOB_LOCATED,
        config: blobDataset("raw"),
        with: () => [account(), blobLink(), container("raw")],
      },
      {
        name: "custom dataset on a file system the stack creates",
        types: CUSTOM,
        config: customDataset("raw"),
        with: () => [account(), lakeLink(), container("raw")],
      },
      {
        name: "custom dataset with an expression file system",
        types: CUSTOM,
        config: customDataset({ value: "@x", type: "Expression" }),
        with: () => [account(), lakeLink()],
      },
      {
        name: "Blob-linked account the stack does not create",
        types: BLOB_LOCATED,
        config: blobDataset("raw"),
        with: () => [at(BLOB_LINK, { service_endpoint: "https://x.blob.core.windows.net/" })],
      },
      {
        name: "Data Lake-linked account the stack does not create",
        types: CUSTOM,
        config: customDataset("raw"),
        with: () => [at(LAKE_LINK, { url: "https://x.dfs.core.windows.net/" })],
      },
    ],
    fail: [
      {
        name: "Data Lake file system the account lacks",
        types: LOCATED,
        config: fsDataset("raw"),
        with: () => [account(), lakeLink(), container("curated")],
      },
      { name: "Blob container the account lacks", types: BLOB_LOCATED, config: blobDataset("raw"), with: () => [account(), blobLink()] },
      { name: "custom dataset on a missing file system", types: CUSTOM, config: customDataset("raw"), with: () => [account(), lakeLink()] },
    ],
  },
];

export const REFERENCE_DEFECTS: KnownDefect[] = [];
