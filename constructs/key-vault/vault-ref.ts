import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IResourceGroup } from "../core/context";
import { BuiltInRole, BuiltInRoleName, Grantee, grantRole } from "../core/grants";
import { GrantTargetClass } from "../core/data-grants";
import { ImportedResource, referenceFromId, referenceFromName } from "../core/imported-resource";

/** The resource type vault ids name, and the rule vault names follow. */
const KEY_VAULT = { type: "Microsoft.KeyVault/vaults", naming: "keyVault" } as const;

/** A Key Vault (RBAC authorization), created here or imported: what clients and grants need. */
export interface IKeyVault extends IConstruct {
  /** Resource id of the vault. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /** Data-plane URI, e.g. `https://kv-x.vault.azure.net/`. */
  readonly vaultUri: string;
  /** Read secret contents (Key Vault Secrets User). */
  grantSecretsRead(grantee: Grantee): RoleAssignment;
  /** Create, update and delete secrets (Key Vault Secrets Officer). */
  grantSecretsManage(grantee: Grantee): RoleAssignment;
  /** Wrap and unwrap with keys, e.g. for customer-managed keys (Key Vault Crypto Service Encryption User). */
  grantCryptoUse(grantee: Grantee): RoleAssignment;
  /** Read certificates, including their secret part (Key Vault Certificate User). */
  grantCertificatesRead(grantee: Grantee): RoleAssignment;
  /** Any role (built-in or custom, by name) on the vault. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/** The data-plane roles of a vault, by grant method. */
export const KEY_VAULT_DATA_ROLES = {
  secretsRead: BuiltInRole.keyVaultSecretsUser,
  secretsManage: BuiltInRole.keyVaultSecretsOfficer,
  cryptoUse: BuiltInRole.keyVaultCryptoUser,
  certificatesRead: BuiltInRole.keyVaultCertificateUser,
} as const;

/**
 * `Base` with the vault's data-plane grants on `this.id`: the one implementation for
 * {@link KeyVault} (over `ResourceConstructBase`) and its import (over `ImportedResource`).
 * The assignments live under the construct, so their construct ids stay what they were.
 */
export function withKeyVaultGrants<TBase extends GrantTargetClass>(Base: TBase) {
  abstract class KeyVaultGrants extends Base {
    /** Read secret contents (Key Vault Secrets User). */
    public grantSecretsRead(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, KEY_VAULT_DATA_ROLES.secretsRead, grantee);
    }

    /** Create, update and delete secrets (Key Vault Secrets Officer). */
    public grantSecretsManage(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, KEY_VAULT_DATA_ROLES.secretsManage, grantee);
    }

    /** Wrap and unwrap with keys, e.g. for customer-managed keys (Key Vault Crypto Service Encryption User). */
    public grantCryptoUse(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, KEY_VAULT_DATA_ROLES.cryptoUse, grantee);
    }

    /** Read certificates, including their secret part (Key Vault Certificate User). */
    public grantCertificatesRead(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, KEY_VAULT_DATA_ROLES.certificatesRead, grantee);
    }
  }
  return KeyVaultGrants;
}

/**
 * An existing vault: see {@link KeyVault.fromId} and {@link KeyVault.fromName}. The URI assumes the
 * Azure public cloud (`https://<name>.vault.azure.net/`); nothing is looked up.
 */
export class ImportedKeyVault extends withKeyVaultGrants(ImportedResource) implements IKeyVault {
  /** By resource id; an id known only at deploy time is split by Terraform. */
  public static fromId(scope: Construct, id: string, vaultId: string): IKeyVault {
    return new ImportedKeyVault(scope, id, (self) => referenceFromId(self, vaultId, KEY_VAULT, "vaultId"));
  }

  /** By name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IKeyVault {
    return new ImportedKeyVault(scope, id, (self) => referenceFromName(self, name, KEY_VAULT, resourceGroup));
  }

  public readonly vaultUri = `https://${this.name}.vault.azure.net/`;
}
