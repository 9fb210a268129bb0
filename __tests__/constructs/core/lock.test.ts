import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformResource, TerraformStack, Testing } from "cdktf";
import { DataAzurermKeyVaultSecret } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret";
import { KeyVaultSecret } from "@cdktf/provider-azurerm/lib/key-vault-secret";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { IntegrationContext } from "../../../constructs/core/context";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { addLock, LockOptions, orderLockLast } from "../../../constructs/core/lock";
import { ProfileName } from "../../../constructs/core/profiles";
import { CosmosDbAccount } from "../../../constructs/cosmos-db";
import { KeyVault } from "../../../constructs/key-vault";
import { StorageAccount } from "../../../constructs/storage";
import { TerraformGraph } from "../../../constructs/core/terraform-graph";
import { PolicyPack } from "../../../policy/policy-pack";
import { RULES } from "../../../policy/rules";
import { fixture, Json, messageOf, PROD_CONTEXT, resourcesOfType, withProvider } from "../../helpers";

const VAULT_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-orders";
const DEFAULT_NOTES = "Protects stateful data from accidental deletion.";

function lockFor(profile: ProfileName, options: LockOptions | boolean | undefined) {
  const { stack } = fixture({ profile });
  const owner = new Construct(stack, "Vault");
  const lock = addLock(owner, VAULT_ID, "kv-orders", options);
  return { stack, owner, lock, locks: resourcesOfType(stack, "azurerm_management_lock") };
}

describe("addLock", () => {
  test("dev profile: no lock by default", () => {
    const { lock, locks } = lockFor("dev", undefined);
    expect(lock).toBeUndefined();
    expect(locks).toHaveLength(0);
  });

  test("prod profile: a CanNotDelete lock with notes by default", () => {
    const { lock, locks, owner } = lockFor("prod", undefined);
    expect(lock).toBeDefined();
    expect(owner.node.findChild("Lock")).toBe(lock);
    expect(locks).toEqual([{ name: "lock-kv-orders", scope: VAULT_ID, lock_level: "CanNotDelete", notes: DEFAULT_NOTES }]);
  });

  test("`true` locks even in dev", () => {
    const { locks } = lockFor("dev", true);
    expect(locks).toEqual([{ name: "lock-kv-orders", scope: VAULT_ID, lock_level: "CanNotDelete", notes: DEFAULT_NOTES }]);
  });

  test("`false` does not lock even in prod", () => {
    const { lock, locks } = lockFor("prod", false);
    expect(lock).toBeUndefined();
    expect(locks).toHaveLength(0);
  });

  test("options lock even in dev, with the given level and notes", () => {
    const { locks } = lockFor("dev", { level: "ReadOnly", notes: "Frozen for audit." });
    expect(locks).toEqual([{ name: "lock-kv-orders", scope: VAULT_ID, lock_level: "ReadOnly", notes: "Frozen for audit." }]);
  });

  test("empty options lock with the defaults", () => {
    const { locks } = lockFor("prod", {});
    expect(locks).toEqual([{ name: "lock-kv-orders", scope: VAULT_ID, lock_level: "CanNotDelete", notes: DEFAULT_NOTES }]);
  });

  test("options with only a level keep the default notes", () => {
    const { locks } = lockFor("dev", { level: "ReadOnly" });
    expect(locks[0]).toMatchObject({ lock_level: "ReadOnly", notes: DEFAULT_NOTES });
  });

  test("the profile is read from the nearest context", () => {
    const { stack } = fixture({ profile: "dev" });
    const prodArea = new Construct(stack, "Prod");
    IntegrationContext.set(prodArea, { profile: "prod" });
    expect(addLock(new Construct(prodArea, "Vault"), VAULT_ID, "kv-a", undefined)).toBeDefined();
    expect(addLock(new Construct(stack, "Vault"), VAULT_ID, "kv-b", undefined)).toBeUndefined();
  });
});

// --- Ordering: a lock is created after, destroyed before, and replaced with what it covers ------

/** The stack's JSON as cdktf writes it, and its dependency graph. */
function graphOf(stack: TerraformStack): { json: Json; graph: TerraformGraph } {
  const json = JSON.parse(Testing.synth(stack)) as Json;
  return { json, graph: TerraformGraph.of(json) };
}

const addressOf = (resource: TerraformResource) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

/** A user's own stack: our storage account first, then grants and L1 resources on it from elsewhere in the program. */
function userStack() {
  const { app, stack } = fixture(PROD_CONTEXT);
  const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw"] });
  // Created after the account and its lock, by other code: a grant, a user's own container and a grant on it.
  const worker = new UserAssignedIdentity(stack, "Worker");
  const grant = lake.grantBlobWrite(worker, "raw");
  const own = new StorageContainer(stack, "OwnContainer", { name: "own", storageAccountId: lake.id });
  const ownGrant = new RoleAssignment(stack, "OwnGrant", {
    scope: own.resourceManagerId,
    roleDefinitionName: "Storage Blob Data Reader",
    principalId: worker.principalId,
  });
  return { app, stack, lake, later: [grant, own, ownGrant].map(addressOf) };
}

describe("a lock depends on, and is replaced with, everything under its scope", () => {
  test("grants and L1 resources added after the lock, by other code, are waited for (no policy pack)", () => {
    const { stack, lake, later } = userStack();
    const { json, graph } = graphOf(stack);
    const lock = addressOf(lake.lock as ManagementLock);
    const config = json.resource.azurerm_management_lock[lake.lock?.friendlyUniqueId as string];
    for (const address of later) {
      expect({ address, dependsOn: graph.dependsOn(lock, address) }).toEqual({ address, dependsOn: true });
      expect(config.lifecycle.replace_triggered_by).toContain(`${address}.id`);
    }
    // The account's own children and extension resources too: container, diagnostic settings, private endpoints.
    for (const type of ["azurerm_storage_container", "azurerm_monitor_diagnostic_setting", "azurerm_private_endpoint", "azurerm_role_assignment"]) {
      // (Not the stack's encryption key and the lake's key identity: they are not under the lake, the lake waits for them.)
      const under = Object.keys(json.resource[type]).filter((name) => !name.startsWith("EncryptionKey_") && !name.includes("_EncryptionIdentity_"));
      for (const name of under) expect(config.depends_on).toContain(`${type}.${name}`);
    }
    expect(config.depends_on).not.toContain(lock);
    expect(graph.findCycle()).toBeUndefined();
  });

  test("with the policy pack: AIC-TF-002 passes and the JSON handed to the synthesizer has the ordering", () => {
    const { app, stack, lake, later } = userStack();
    withProvider(stack);
    const pack = PolicyPack.apply(stack);
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "test", "cdk.tf.json"), "utf8")) as Json;
    expect(pack.report().findings.filter((f) => f.ruleId === "AIC-TF-002")).toEqual([]);
    expect(written.resource.azurerm_management_lock[lake.lock?.friendlyUniqueId as string].depends_on).toEqual(expect.arrayContaining(later));
  });

  test("`cdktf synth --hcl` renders the ordering too", () => {
    const { stack, later } = userStack();
    const hcl = Testing.synthHcl(stack) as string;
    const lockBlock = hcl.slice(hcl.indexOf('resource "azurerm_management_lock"'));
    for (const address of later) expect(lockBlock).toContain(address);
    expect(lockBlock).toContain("replace_triggered_by");
  });

  test("synthesizing twice gives the same JSON (the ordering written back to the lock is not doubled)", () => {
    const { stack } = userStack();
    expect(Testing.synth(stack)).toEqual(Testing.synth(stack));
  });

  test("Cosmos DB role assignments on a container of the account are waited for (a child of a child)", () => {
    const { stack } = fixture(PROD_CONTEXT);
    const account = new CosmosDbAccount(stack, "Db");
    const container = account.addDatabase("orders").addContainer("lines", { partitionKeyPaths: ["/orderId"] });
    const grant = container.grantDataRead(new UserAssignedIdentity(stack, "Reader"));
    const { graph } = graphOf(stack);
    const lock = addressOf(account.lock as ManagementLock);
    expect(graph.dependsOn(lock, addressOf(grant))).toBe(true);
    expect(graph.dependsOn(addressOf(grant), lock)).toBe(false);
  });

  test("data sources, data-plane and non-Azure resources are waited for but trigger nothing; counted resources trigger as a whole", () => {
    const { stack } = fixture(PROD_CONTEXT);
    const vault = new KeyVault(stack, "Vault");
    const lock = vault.lock as ManagementLock;
    lock.lifecycle = { ignoreChanges: ["notes"] };
    const secretRead = new DataAzurermKeyVaultSecret(stack, "Read", { name: "s", keyVaultId: vault.id });
    const secret = new KeyVaultSecret(stack, "Secret", { name: "c", value: "${var.c}", keyVaultId: vault.id });
    const wait = new TerraformResource(stack, "Wait", { terraformResourceType: "time_sleep" });
    wait.addOverride("triggers", { vault: vault.id });
    const counted = new RoleAssignment(stack, "Counted", { scope: vault.id, roleDefinitionName: "Reader", principalId: "${var.p}", count: 2 });
    const config = graphOf(stack).json.resource.azurerm_management_lock[lock.friendlyUniqueId];
    const waitedFor = [`data.azurerm_key_vault_secret.${secretRead.friendlyUniqueId}`, addressOf(secret), addressOf(wait), addressOf(counted)];
    expect(config.depends_on).toEqual(expect.arrayContaining(waitedFor));
    expect(config.lifecycle.replace_triggered_by).toContain(addressOf(counted));
    for (const quiet of [secretRead.friendlyUniqueId, secret.friendlyUniqueId, wait.friendlyUniqueId]) {
      expect(config.lifecycle.replace_triggered_by.join(" ")).not.toContain(quiet);
    }
    expect(config.lifecycle.ignore_changes).toEqual(["notes"]); // user settings are kept
  });

  test("a ReadOnly lock is replaced on any change of what it covers, and of the locked resource", () => {
    const { stack } = fixture(PROD_CONTEXT);
    const vault = new KeyVault(stack, "Vault", { lock: { level: "ReadOnly" } });
    const config = graphOf(stack).json.resource.azurerm_management_lock[(vault.lock as ManagementLock).friendlyUniqueId];
    expect(config.lifecycle.replace_triggered_by).toContain(addressOf(vault.resource));
    expect(config.lifecycle.replace_triggered_by.every((t: string) => !t.endsWith(".id"))).toBe(true);
  });

  test("no cycle: what already depends on the lock is not waited for", () => {
    const { stack } = fixture(PROD_CONTEXT);
    const vault = new KeyVault(stack, "Vault");
    const lock = vault.lock as ManagementLock;
    const after = new KeyVaultSecret(stack, "AfterLock", { name: "a", value: "${var.a}", keyVaultId: vault.id, dependsOn: [lock] });
    const { graph } = graphOf(stack);
    expect(graph.findCycle()).toBeUndefined();
    expect(graph.dependsOn(addressOf(after), addressOf(lock))).toBe(true);
    expect(graph.dependsOn(addressOf(lock), addressOf(after))).toBe(false);
  });

  test("two locks on one resource do not wait for each other", () => {
    const { stack } = fixture(PROD_CONTEXT);
    const vault = new KeyVault(stack, "Vault");
    const lock = vault.lock as ManagementLock;
    const twin = new ManagementLock(stack, "Twin", { name: "twin", scope: vault.id, lockLevel: "CanNotDelete" });
    orderLockLast(twin);
    const { graph } = graphOf(stack);
    expect(graph.findCycle()).toBeUndefined();
    expect(graph.dependsOn(addressOf(lock), addressOf(twin))).toBe(false);
    expect(graph.dependsOn(addressOf(twin), addressOf(lock))).toBe(false);
    expect(graph.dependsOn(addressOf(twin), addressOf(vault.diagnostics as TerraformResource))).toBe(true);
  });
});

describe("AIC-TF-002 over a real stack", () => {
  function handMadeLock(ordered: boolean) {
    const { stack } = fixture(PROD_CONTEXT);
    withProvider(stack);
    const lake = new StorageAccount(stack, "Lake", { lock: false, containers: ["raw", "curated", "archive"] });
    const lock = new ManagementLock(stack, "OwnLock", { name: "own", scope: lake.id, lockLevel: "CanNotDelete" });
    if (ordered) orderLockLast(lock);
    PolicyPack.apply(stack, { rules: RULES.filter((r) => r.id === "AIC-TF-002") });
    return { stack, lake };
  }

  test("fires on a hand-made lock without the ordering, naming the lock, what it misses and the fix", () => {
    const { stack, lake } = handMadeLock(false);
    const message = messageOf(() => Testing.synth(stack, true));
    expect(message).toContain("test/OwnLock: [AIC-TF-002]");
    expect(message).toContain(`test/Lake/Container-curated (azurerm_storage_container.${lake.containers.get("curated")?.friendlyUniqueId})`);
    expect(message).toContain("and 1 more"); // the raw container: the list stops at five
    expect(message).toContain("call `orderLockLast(lock)`");
  });

  test("passes once the lock is ordered", () => {
    const { stack } = handMadeLock(true);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
