import { valueAt } from "../checks";
import { CheckedResource, CheckedScope, ResourceConfig } from "../types";

// Reading addresses and references out of synthesized JSON, for the reachability rules.

/** `type.name.attribute` references inside interpolations (`data.` included; `$${` is a literal). */
const ATTRIBUTE_REFERENCE = /(?<![\w.:])(?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][\w-]*\.[a-z_][a-z0-9_]*/g;
const INTERPOLATION = /(?<!\$)\$\{([^}]*)\}/g;

/** Every `type.name.attribute` (and `data.type.name.attribute`) reference in `value`. */
export function attributeReferences(value: unknown): string[] {
  const text = JSON.stringify(value) ?? "";
  const found: string[] = [];
  for (const [, expression] of text.matchAll(INTERPOLATION))
    for (const [reference] of expression.matchAll(ATTRIBUTE_REFERENCE)) found.push(reference);
  return found;
}

/** The address (`type.name`, `data.type.name`) an attribute reference belongs to. */
export function addressOf(reference: string): string {
  return reference
    .split(".")
    .slice(0, reference.startsWith("data.") ? 3 : 2)
    .join(".");
}

/** A value as a list: a list, one block rendered as an object, or one string (a literal or a list interpolation). */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether `value` is only known at deploy time (a list interpolation, a reference). */
export function isInterpolation(value: unknown): boolean {
  return typeof value === "string" && /(?<!\$)\$\{/.test(value);
}

const INDEX = new WeakMap<readonly CheckedResource[], Map<string, CheckedResource>>();

/** The resource (or data source, output) at `address`, if the checked scope holds it. */
export function resourceAt(scope: CheckedScope, address: string): CheckedResource | undefined {
  let index = INDEX.get(scope.resources);
  if (!index) {
    index = new Map(scope.resources.map((r) => [r.address, r]));
    INDEX.set(scope.resources, index);
  }
  return index.get(address);
}

/** Where a child's id points at the resource whose network settings apply (a queue's namespace, a trigger's workflow). */
const PARENT_ATTRIBUTE: Readonly<Record<string, string>> = {
  azurerm_servicebus_queue: "namespace_id",
  azurerm_servicebus_topic: "namespace_id",
  azurerm_servicebus_subscription: "topic_id",
  azurerm_eventhub: "namespace_id",
  azurerm_eventhub_consumer_group: "eventhub_name",
  azurerm_storage_container: "storage_account_id",
  azurerm_storage_queue: "storage_account_id",
  azurerm_storage_data_lake_gen2_filesystem: "storage_account_id",
  azurerm_eventgrid_domain_topic: "domain_id",
  azurerm_mssql_database: "server_id",
  azurerm_cosmosdb_sql_database: "account_name",
  azurerm_cosmosdb_sql_container: "account_name",
  azurerm_synapse_sql_pool: "synapse_workspace_id",
  azurerm_logic_app_trigger_http_request: "logic_app_id",
  azurerm_logic_app_trigger_custom: "logic_app_id",
};

/**
 * The resource a flow's target stands for: the first resource `value` refers to, then its parents
 * (a queue's namespace, a container's account) up to a resource without one.
 */
export function targetResource(value: unknown, scope: CheckedScope): CheckedResource | undefined {
  const first = attributeReferences(value)
    .map(addressOf)
    .find((a) => !a.startsWith("data.") && resourceAt(scope, a));
  let resource = first === undefined ? undefined : resourceAt(scope, first);
  for (let depth = 0; resource && depth < 4; depth++) {
    const attribute = PARENT_ATTRIBUTE[resource.type];
    if (!attribute) break;
    const parent = attributeReferences(valueAt(resource.config, attribute))
      .map(addressOf)
      .find((a) => resourceAt(scope, a));
    if (!parent) break;
    resource = resourceAt(scope, parent);
  }
  return resource;
}

/** `true`/`false` of a boolean attribute; `fallback` when absent or known only at deploy time. */
export function flag(config: ResourceConfig, path: string, fallback: boolean): boolean {
  const value = valueAt(config, path);
  return typeof value === "boolean" ? value : fallback;
}
