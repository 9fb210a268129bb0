import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { IntegrationContext } from "../../../constructs/core/context";
import { addLock, LockOptions } from "../../../constructs/core/lock";
import { ProfileName } from "../../../constructs/core/profiles";
import { fixture, resourcesOfType } from "../../helpers";

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
