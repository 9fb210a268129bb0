import { IConstruct } from "constructs";
import { ServicebusNamespaceCustomerManagedKey } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { invalid, isUnresolved } from "../core/errors";
import { UserAssignedIdentity } from "../core/identity";
import { ServiceBusSku, requireTier } from "./tiers";

/**
 * Encryption with a key of your own (the AVM `customer_managed_key` interface). Premium only.
 * The identity needs "Key Vault Crypto Service Encryption User" on the key or its vault
 * (`keyVault.grantCryptoUse(identity)`), and the vault needs purge protection (our KeyVault's default).
 */
export interface CustomerManagedKeyOptions {
  /** Key Vault key id, versioned or versionless (versionless follows key rotation). */
  readonly keyId: string;
  /** The user-assigned identity that reads the key; it is added to the namespace's identities. */
  readonly identity: UserAssignedIdentity;
  /** A second layer of encryption at the infrastructure level; cannot be changed later. @default true */
  readonly infrastructureEncryption?: boolean;
}

const KEY_ID = /^https:\/\/[^/]+\/keys\/[^/]+(\/[^/]*)?$/;

/** The `customer_managed_key` block, validated: Premium only and a Key Vault key id. */
export function customerManagedKeyBlock(
  scope: IConstruct,
  sku: ServiceBusSku,
  options: CustomerManagedKeyOptions | undefined,
): ServicebusNamespaceCustomerManagedKey | undefined {
  if (options === undefined) return undefined;
  requireTier(scope, sku, { field: "customerManagedKey", needs: "Premium", otherwise: "remove customerManagedKey (Microsoft-managed keys still encrypt the data)" });
  if (!isUnresolved(options.keyId) && !KEY_ID.test(options.keyId)) {
    invalid(scope, {
      field: "customerManagedKey.keyId",
      value: options.keyId,
      rule: "is not a Key Vault key id",
      fix: "pass the key's id or versionless id, e.g. https://kv-example.vault.azure.net/keys/sb-cmk",
    });
  }
  return {
    keyVaultKeyId: options.keyId,
    identityId: options.identity.id,
    infrastructureEncryptionEnabled: options.infrastructureEncryption ?? true,
  };
}
