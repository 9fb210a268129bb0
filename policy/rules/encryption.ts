import { either, present, valueAt } from "../checks";
import { CheckedResource, CheckedScope, PolicyRule } from "../types";

// Customer-managed keys on the data stores that support them, in prod. Each construct's
// `customerManagedKey` prop sets them (the profile's default); `{ optOut: reason }` records a
// suppression of the service's rule with the reason. Attribute names: azurerm @v4.55.0
// internal/services/{storage,cosmos,servicebus,eventhub,mssql,synapse,datafactory}.

type Check = (resource: CheckedResource, scope: CheckedScope) => boolean;

/** A separate resource of `type` that sets the key for the subject through `path` (e.g. `storage_account_id`). */
const keyedBy =
  (type: string, path: string, keyPaths: readonly string[] = []): Check =>
  (resource, scope) =>
    scope.referencing(type, path, resource).some((r) => keyPaths.length === 0 || keyPaths.some((p) => present(p)(r, scope)));

const KEY_OF_TYPE = "prefer the stack's key (the construct default in prod), or give the reason with `customerManagedKey: { optOut }`";

const rule = (id: string, type: string, what: string, prop: string, check: Check): PolicyRule => ({
  id,
  level: "error",
  resourceTypes: [type],
  profiles: ["prod"],
  title: `${what} are encrypted with a customer-managed key in prod`,
  remediation: `keep the construct's \`customerManagedKey\` default (${prop}); ${KEY_OF_TYPE}`,
  check,
});

/** Service Bus and Event Hubs take a key only in Premium (or, for Event Hubs, a Dedicated cluster). */
const premium =
  (check: Check, dedicatedToo = false): Check =>
  (resource, scope) => {
    const sku = valueAt(resource.config, "sku");
    const dedicated = dedicatedToo && present("dedicated_cluster_id")(resource, scope);
    if (typeof sku === "string" && !sku.includes("${") && sku !== "Premium" && !dedicated) return true;
    return check(resource, scope);
  };

export const ENCRYPTION_RULES: PolicyRule[] = [
  rule(
    "AIC-CMK-001",
    "azurerm_storage_account",
    "Storage accounts",
    "`customer_managed_key`",
    either(present("customer_managed_key"), keyedBy("azurerm_storage_account_customer_managed_key", "storage_account_id")),
  ),
  rule(
    "AIC-CMK-002",
    "azurerm_cosmosdb_account",
    "Cosmos DB accounts",
    "`key_vault_key_id`",
    either(present("key_vault_key_id"), present("managed_hsm_key_id")),
  ),
  rule(
    "AIC-CMK-003",
    "azurerm_servicebus_namespace",
    "Premium Service Bus namespaces",
    "`customer_managed_key`",
    premium(present("customer_managed_key")),
  ),
  rule(
    "AIC-CMK-004",
    "azurerm_eventhub_namespace",
    "Premium and Dedicated Event Hubs namespaces",
    "an `azurerm_eventhub_namespace_customer_managed_key`",
    premium(keyedBy("azurerm_eventhub_namespace_customer_managed_key", "eventhub_namespace_id"), true),
  ),
  rule(
    "AIC-CMK-005",
    "azurerm_mssql_server",
    "SQL servers (TDE protector)",
    "`transparent_data_encryption_key_vault_key_id`",
    either(
      present("transparent_data_encryption_key_vault_key_id"),
      keyedBy("azurerm_mssql_server_transparent_data_encryption", "server_id", ["key_vault_key_id", "managed_hsm_key_id"]),
    ),
  ),
  rule("AIC-CMK-006", "azurerm_synapse_workspace", "Synapse workspaces", "`customer_managed_key`", present("customer_managed_key")),
  rule(
    "AIC-CMK-007",
    "azurerm_data_factory",
    "Data factories",
    "`customer_managed_key_id`",
    either(present("customer_managed_key_id"), keyedBy("azurerm_data_factory_customer_managed_key", "data_factory_id")),
  ),
];
