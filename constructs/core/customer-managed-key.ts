import { Construct } from "constructs";
import { ITerraformDependable, TerraformResource } from "cdktf";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { IntegrationContext } from "./context";
import { addDependency } from "./depends-on";
import { invalid } from "./errors";
import { BuiltInRole, grantRole } from "./grants";
import { IdentityOptions, UserAssignedIdentity } from "./identity";
import { recordSuppression } from "./suppressions";
import { ROLE_PROPAGATION, waitFor } from "./time";

/** A Key Vault key that encrypts a service's data (the key-encryption key of a customer-managed key). */
export interface IEncryptionKey {
  /** The key's name in its vault. */
  readonly name: string;
  /** Versioned key URI, `https://<vault>.vault.azure.net/keys/<name>/<version>`, for services that need a version (SQL TDE). */
  readonly keyId: string;
  /** Versionless key URI, `https://<vault>.vault.azure.net/keys/<name>`: services that take it follow the key's rotation. */
  readonly versionlessKeyId: string;
  /**
   * The key's versionless Resource Manager id (`…/providers/Microsoft.KeyVault/vaults/<vault>/keys/<name>`):
   * the scope of the consumers' role assignments, so each holds the role on this key only
   * (a key is a valid Key Vault RBAC scope:
   * https://learn.microsoft.com/azure/key-vault/general/rbac-guide#best-practices-for-individual-keys-secrets-and-certificates-role-assignments).
   */
  readonly resourceId: string;
  /** What a consumer waits for before it uses the key (the key, or the key after its deployer's role). */
  readonly dependable: ITerraformDependable;
}

/** An `azurerm_key_vault_key` (yours, from the escape hatch or elsewhere in the stack) as an {@link IEncryptionKey}. */
export function encryptionKeyOf(key: KeyVaultKey): IEncryptionKey {
  return {
    name: key.name,
    keyId: key.id,
    versionlessKeyId: key.versionlessId,
    // `resource_versionless_id` is the ARM id without a version (azurerm @v4.55.0:website/docs/r/key_vault_key.html.markdown).
    resourceId: key.resourceVersionlessId,
    dependable: key,
  };
}

/**
 * Encryption at rest with a Key Vault key (the AVM `customer_managed_key` interface), the same
 * prop on every construct whose service has it.
 */
export interface CustomerManagedKeyOptions {
  /** @default the stack's encryption key: one RSA 2048 key with a rotation policy, in a vault with purge protection, per stack */
  readonly key?: IEncryptionKey;
  /**
   * The user-assigned identity the service reads the key with; it joins the construct's
   * identities and is granted Key Vault Crypto Service Encryption User on the key only.
   * @default a new identity per construct, `<construct>/EncryptionIdentity`
   */
  readonly identity?: UserAssignedIdentity;
  /**
   * A second layer of encryption with a platform key, where the service has it (Storage, Service
   * Bus, Event Hubs). Azure fixes it when the resource is created: changing it recreates the resource.
   * @default true
   */
  readonly infrastructureEncryption?: boolean;
}

/** Microsoft-managed keys on purpose, in a profile that wants customer-managed keys; the reason shows in the policy report. */
export interface CustomerManagedKeyOptOut {
  /** Why: at least a sentence (the suppression of the construct's CMK rule). */
  readonly optOut: string;
}

/**
 * The kit prop: options turn customer-managed keys on, `{ optOut: reason }` turns them off with a
 * recorded reason, left out the profile decides (prod on, dev off).
 */
export type CustomerManagedKeyProp = CustomerManagedKeyOptions | CustomerManagedKeyOptOut;

/** What a construct wires into its resource when customer-managed keys are on. */
export interface ResolvedCustomerManagedKey {
  readonly key: IEncryptionKey;
  readonly identity: UserAssignedIdentity;
  /** Key Vault Crypto Service Encryption User on the key, for the identity. */
  readonly grant: RoleAssignment;
  /** The wait after the grant; the consuming resource depends on it ({@link dependOnKey}). */
  readonly ready: Sleep;
  readonly infrastructureEncryption: boolean;
}

/** How a construct resolves its `customerManagedKey` prop. */
export interface CustomerManagedKeyRequest {
  /** The policy rule that asks for a customer-managed key on this service; an opt-out suppresses it. */
  readonly ruleId: string;
  /** Whether the service (at this tier) supports customer-managed keys; a default never turns them on otherwise. */
  readonly supported: boolean;
  /** Why not, and the fix, when options ask for a key where `supported` is false. */
  readonly unsupported?: { readonly rule: string; readonly fix: string };
  /** The identity to read the key with when the options name none, e.g. a SQL server's primary identity. @default a new one */
  readonly defaultIdentity?: UserAssignedIdentity;
  /** The stack's key, created on first use (see `stackEncryptionKey` in constructs/key-vault). */
  readonly defaultKey: () => IEncryptionKey;
}

const isOptOut = (prop: CustomerManagedKeyProp | undefined): prop is CustomerManagedKeyOptOut =>
  prop !== undefined && typeof (prop as CustomerManagedKeyOptOut).optOut === "string";

/**
 * Resolves a construct's `customerManagedKey` prop: undefined when off (the profile's default, the
 * tier, or an opt-out, which is recorded as a suppression of `request.ruleId` with its reason);
 * otherwise the key, the consumer's identity, its role on the key and the wait for that role.
 */
export function resolveCustomerManagedKey(
  scope: Construct,
  prop: CustomerManagedKeyProp | undefined,
  request: CustomerManagedKeyRequest,
): ResolvedCustomerManagedKey | undefined {
  if (isOptOut(prop)) {
    recordSuppression(scope, request.ruleId, prop.optOut);
    return undefined;
  }
  if (prop === undefined && !(IntegrationContext.of(scope).defaults.customerManagedKeys && request.supported)) return undefined;
  if (!request.supported) {
    invalid(scope, {
      field: "customerManagedKey",
      rule: request.unsupported?.rule ?? "is not supported here",
      fix: request.unsupported?.fix ?? "remove customerManagedKey (Microsoft-managed keys still encrypt the data)",
    });
  }
  const options = (prop ?? {}) as CustomerManagedKeyOptions;
  const key = options.key ?? request.defaultKey();
  const identity = options.identity ?? request.defaultIdentity ?? new UserAssignedIdentity(scope, "EncryptionIdentity", {});
  // Under the identity: one identity shared by several consumers holds the role once.
  const grant = grantRole(identity, key.resourceId, BuiltInRole.keyVaultCryptoUser, identity);
  addDependency(grant, key.dependable);
  const ready =
    (identity.node.tryFindChild("KeyAccessPropagation") as Sleep | undefined) ??
    waitFor(identity, "KeyAccessPropagation", { after: [grant, key.dependable], duration: ROLE_PROPAGATION, triggers: { grant: grant.id } });
  return { key, identity, grant, ready, infrastructureEncryption: options.infrastructureEncryption ?? true };
}

/** `identity` with the key's identity among the user-assigned ones (system-assigned as before). */
export function withKeyIdentity(identity: IdentityOptions | undefined, cmk: ResolvedCustomerManagedKey | undefined): IdentityOptions | undefined {
  if (!cmk) return identity;
  const userAssigned = [...(identity?.userAssigned ?? [])];
  if (!userAssigned.includes(cmk.identity)) userAssigned.push(cmk.identity);
  return { ...identity, userAssigned };
}

/** Makes `resource` wait for the key, its identity's role and the role's propagation. */
export function dependOnKey(resource: TerraformResource, cmk: ResolvedCustomerManagedKey | undefined): void {
  if (cmk) addDependency(resource, cmk.ready);
}
