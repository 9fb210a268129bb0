import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { EdgeFilter, TerraformGraph } from "./terraform-graph";
import { IntegrationContext } from "./context";
import { StackJson, fixUpStackJson } from "./stack-json";

/** A management lock on a construct's main resource (the AVM `lock` interface). */
export interface LockOptions {
  /** @default "CanNotDelete" */
  readonly level?: "CanNotDelete" | "ReadOnly";
  /** @default "Protects stateful data from accidental deletion." */
  readonly notes?: string;
}

/**
 * Locks a resource: `true` or options lock it, `false` does not, and `undefined` follows the
 * profile (prod locks the data stores). The lock is ordered by {@link orderLockLast}.
 */
export function addLock(
  scope: Construct,
  resourceId: string,
  resourceName: string,
  options: LockOptions | boolean | undefined,
): ManagementLock | undefined {
  const wanted = options ?? IntegrationContext.of(scope).defaults.locks;
  if (wanted === false) return undefined;
  const opts: LockOptions = wanted === true ? {} : wanted;
  const level = opts.level ?? "CanNotDelete";
  const lock = new ManagementLock(scope, "Lock", {
    name: `lock-${resourceName}`,
    scope: resourceId,
    lockLevel: level,
    notes: opts.notes ?? "Protects stateful data from accidental deletion.",
  });
  orderLockLast(lock);
  return lock;
}

const LOCK_TYPE = "azurerm_management_lock";
const ORDERED = new WeakMap<TerraformStack, Set<ManagementLock>>();

/**
 * Makes `lock` wait for everything under its scope ({@link underLock}) and be re-created with it:
 * - `depends_on` every resource under it, so Terraform creates the lock last and destroys it
 *   first (a lock covers every child and extension resource of what it locks, which can then
 *   not be deleted: https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources#lock-inheritance);
 * - `lifecycle.replace_triggered_by` their ids ({@link replaceTrigger}: those the lock can block), so an
 *   apply that replaces one of them (a ForceNew change) replaces the lock too, deleting it before
 *   the child and re-creating it after. ForceNew children are common: `principal_id` of a Cosmos
 *   DB role assignment, every argument of a Data Factory managed private endpoint,
 *   `frequency`/`interval`/`start_time` of a tumbling-window trigger (azurerm @v4.55.0:website/docs/r/cosmosdb_sql_role_assignment.html.markdown,
 *   …/data_factory_managed_private_endpoint.html.markdown, …/data_factory_trigger_tumbling_window.html.markdown).
 *   Creating and deleting a lock each wait for 12 consistent reads 10 s apart
 *   (azurerm @v4.55.0:internal/services/resource/management_lock_resource.go), so that apply is minutes longer.
 *   A replaced resource's `id` is unknown in the plan, an updated one's is not
 *   (hashicorp/terraform v1.5.0:internal/terraform/eval_context_builtin.go EvaluateReplaceTriggeredBy);
 *   the lock's destroy runs before its dependencies' (…/transform_destroy_edge.go). `ReadOnly`
 *   locks, which also block updates, are re-created on any change (whole-resource references).
 *   A resource removed from the code triggers nothing: replace the lock in that apply
 *   (`terraform apply -replace=<lock address>`; the state records the lock as its dependent).
 *
 * Why at the resolved JSON: grants, diagnostics, private endpoints and children that other
 * constructs (or a user's own L1 resources) add to the locked resource later in the program are
 * only all known there, as plain `${type.name.attr}` references. cdktf resolves a stack once
 * (`toTerraform()`; the policy pack hands that JSON on to the synthesizer), so the dependencies
 * are added right after that single resolve, with or without the policy pack, and written back
 * to the lock for later renders. A lazy `depends_on` or an aspect would see tokens, not what
 * they reference, or need a second resolve.
 */
export function orderLockLast(lock: ManagementLock): void {
  const stack = TerraformStack.of(lock);
  let locks = ORDERED.get(stack);
  if (!locks) {
    const ordered = (locks = new Set<ManagementLock>());
    ORDERED.set(stack, ordered);
    fixUpStackJson(stack, "lock-order", (json) => orderLocks(json, ordered));
  }
  locks.add(lock);
}

const isLock = (address: string) => address.startsWith(`${LOCK_TYPE}.`);
const isManaged = (address: string) => !/^(data|module|local|var|output)\./.test(address);
/** What a lock locks: the blocks its `scope` references. */
const targetsOf = (graph: TerraformGraph, lock: string) =>
  graph
    .edgesFrom(lock)
    .filter((e) => e.via === "scope")
    .map((e) => e.to);

/**
 * Everything under a lock's scope in the stack: every block that refers to what the lock locks,
 * directly or through others (children such as containers, queues, APIs and linked services;
 * role assignments, diagnostic settings, private endpoints and Cosmos DB role assignments on it
 * or on a child of it; deployments targeting it). A safe over-approximation: a resource that only
 * reads the locked resource (e.g. an app using a storage account) waits for nothing it should
 * not, and is ordered before the lock too.
 *
 * Locks' own ordering edges (`depends_on`, `lifecycle`) are not followed, so that locks do not
 * depend on each other's dependencies; a lock on a child of the locked resource is under it,
 * a second lock on the same resource is not (each would wait for the other). Resources,
 * data sources and modules only (what `depends_on` can name), sorted.
 */
export function underLock(graph: TerraformGraph, lock: string): string[] {
  const targets = targetsOf(graph, lock);
  const follow: EdgeFilter = (e) => !isLock(e.from) || e.via === "scope";
  const under = new Set<string>();
  for (const target of targets) for (const address of graph.dependentsOf(target, follow)) under.add(address);
  under.delete(lock);
  for (const address of under) {
    if (isLock(address) && targetsOf(graph, address).some((t) => targets.includes(t))) under.delete(address);
  }
  return [...under].filter((a) => !/^(local|var|output)\./.test(a)).sort();
}

/**
 * Azure resources a lock does not block: data-plane ones. "Locks only apply to control plane Azure
 * operations", and a lock on a storage account does not protect its blobs, queues, tables or files
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources#understand-scope-of-locks).
 * Key Vault objects and Data Lake paths go to the vault's and the lake's own endpoints (unverified
 * against a lock, by the same rule).
 */
const DATA_PLANE = new Set([
  "azurerm_storage_blob",
  "azurerm_storage_share_file",
  "azurerm_storage_share_directory",
  "azurerm_storage_table_entity",
  "azurerm_storage_data_lake_gen2_path",
  "azurerm_key_vault_secret",
  "azurerm_key_vault_key",
  "azurerm_key_vault_certificate",
]);

/**
 * The `replace_triggered_by` entry that replaces a lock with `address` (its id's change, or any
 * change), or `undefined` when the lock cannot block deleting it: a data-plane resource, or one
 * that is not an Azure resource at all (`time_sleep`, `terraform_data`, `random_*`, `azuread_*`).
 * Re-creating the lock for those would only add minutes to applies (e.g. every code deployment).
 */
export function replaceTrigger(graph: TerraformGraph, address: string, anyChange: boolean): string | undefined {
  const type = address.split(".")[0];
  if (!type.startsWith("azurerm_") || DATA_PLANE.has(type)) return undefined;
  const config = graph.config(address) ?? {};
  const repeated = config.count !== undefined || config.for_each !== undefined;
  return anyChange || repeated ? address : `${address}.id`;
}

function orderLocks(json: StackJson, locks: ReadonlySet<ManagementLock>): void {
  const byName = json.resource?.[LOCK_TYPE];
  if (!byName) return;
  const graph = TerraformGraph.of(json);
  for (const lock of locks) {
    const config = byName[lock.friendlyUniqueId];
    if (!config) continue;
    const address = `${LOCK_TYPE}.${lock.friendlyUniqueId}`;
    // What already waits for the lock cannot also be waited for (a cycle); AIC-TF-002 reports it.
    const waitingForLock = graph.dependentsOf(address);
    const under = underLock(graph, address).filter((a) => !waitingForLock.has(a));
    const readOnly = config.lock_level === "ReadOnly";
    const triggers = [...under.filter(isManaged), ...(readOnly ? targetsOf(graph, address).filter(isManaged) : [])]
      .map((a) => replaceTrigger(graph, a, readOnly))
      .filter((t): t is string => t !== undefined);
    const dependsOn = merged(config.depends_on, under);
    const replaceTriggeredBy = merged(config.lifecycle?.replace_triggered_by, triggers);
    if (dependsOn.length > 0) config.depends_on = dependsOn;
    if (replaceTriggeredBy.length > 0) config.lifecycle = { ...config.lifecycle, replace_triggered_by: replaceTriggeredBy };
    graph.reread(address); // the policy pack asks for this JSON's graph next
    // Later renders (`cdktf synth --hcl`, another resolve) start from the construct.
    lock.dependsOn = dependsOn.length > 0 ? dependsOn : undefined;
    if (replaceTriggeredBy.length > 0) lock.lifecycle = { ...lock.lifecycle, replaceTriggeredBy };
  }
}

/** `existing` (what the user or an earlier resolve set) followed by what is new of `added`. */
function merged(existing: unknown, added: readonly string[]): string[] {
  const first = Array.isArray(existing) ? existing.filter((e): e is string => typeof e === "string") : [];
  return [...first, ...added.filter((a) => !first.includes(a))];
}
