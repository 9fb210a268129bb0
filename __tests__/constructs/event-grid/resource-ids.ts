import { SUBSCRIPTION_ID } from "../../helpers";

/** Literal ids and Terraform references shared by the Event Grid tests (no stacks are built here). */

// Resource ids of destinations owned elsewhere (other stacks or teams).
const RG = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers`;
export const QUEUE_ID = `${RG}/Microsoft.ServiceBus/namespaces/sb-shared/queues/orders`;
export const SB_TOPIC_ID = `${RG}/Microsoft.ServiceBus/namespaces/sb-shared/topics/orders`;
export const EVENT_HUB_ID = `${RG}/Microsoft.EventHub/namespaces/evh-shared/eventhubs/orders`;
export const STORAGE_ID = `${RG}/Microsoft.Storage/storageAccounts/stshared`;
export const FUNCTION_APP_ID = `${RG}/Microsoft.Web/sites/func-shared`;
export const KEY_VAULT_ID = `${RG}/Microsoft.KeyVault/vaults/kv-shared`;
export const COSMOS_ID = `${RG}/Microsoft.DocumentDB/databaseAccounts/cosmos-shared`;
export const RESOURCE_GROUP_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared`;

/** The Terraform references of the topic `Orders` the tests create in stack `test`. */
export const TOPIC = {
  id: "${azurerm_eventgrid_topic.Orders_A9B65338.id}",
  principalId: "${azurerm_eventgrid_topic.Orders_A9B65338.identity[0].principal_id}",
};

export const APP_OBJECT_ID = "22222222-2222-2222-2222-222222222222";
