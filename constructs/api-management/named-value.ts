import { Construct } from "constructs";
import { ApiManagementNamedValue } from "@cdktf/provider-azurerm/lib/api-management-named-value";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid, isUnresolved } from "../core/errors";
import { Grantee, IPrincipal } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";

/** A vault that can grant secret reads, such as the {@link KeyVault} construct. */
export interface ISecretsReadGrantable {
  grantSecretsRead(grantee: Grantee): RoleAssignment;
}

/**
 * The value of a named value: exactly one of `value`, `secretValue` or `keyVaultSecretId`.
 * Policies reference it as `{{name}}`.
 */
export interface NamedValueOptions {
  /** A plain, non-secret value written into the Terraform configuration. @default none */
  readonly value?: string;
  /**
   * A secret value. It must be a token (e.g. a `TerraformVariable` with `sensitive: true`): a
   * literal would sit in plain text in the synthesized JSON and is refused.
   * @default none
   */
  readonly secretValue?: string;
  /**
   * Id of a Key Vault secret, preferably versionless (`https://<vault>.vault.azure.net/secrets/<name>`)
   * so API Management picks up rotations.
   * @default none
   */
  readonly keyVaultSecretId?: string;
  /**
   * The vault holding `keyVaultSecretId`. The reading identity is granted "Key Vault Secrets User"
   * on it, and the named value waits for that role assignment (API Management reads the secret
   * when the named value is created).
   * @default no grant: the identity must already hold a secret-read role on the vault
   */
  readonly keyVault?: ISecretsReadGrantable;
  /**
   * A user-assigned identity of this service that reads the secret.
   * @default the service's system-assigned identity
   */
  readonly identity?: UserAssignedIdentity;
  /** Tags of the named value (API Management tags, not Azure tags). @default none */
  readonly tags?: readonly string[];
}

/** Where a named value is created and who reads Key Vault secrets for it. */
export interface NamedValueTarget {
  readonly serviceName: string;
  readonly resourceGroupName: string;
  /** The identity that reads `keyVaultSecretId`; throws when the service has none that fits. */
  keyVaultReader(name: string, identity: UserAssignedIdentity | undefined): IPrincipal;
}

const KEY_VAULT_SECRET_ID = /^https:\/\/[A-Za-z0-9.-]+\/secrets\/[A-Za-z0-9-]{1,127}(\/[A-Za-z0-9]*)?\/?$/;

/** Creates `azurerm_api_management_named_value` `id` under `scope`, after validating `options`. */
export function createNamedValue(
  scope: Construct,
  id: string,
  target: NamedValueTarget,
  name: string,
  options: NamedValueOptions,
): ApiManagementNamedValue {
  const subject = `named value "${name}"`;
  const given = [options.value, options.secretValue, options.keyVaultSecretId].filter((v) => v !== undefined).length;
  if (given !== 1) {
    invalid(scope, {
      field: subject,
      rule: `sets ${given} of value, secretValue and keyVaultSecretId`,
      fix: "set exactly one: value (plain), secretValue (a token) or keyVaultSecretId (recommended for secrets)",
    });
  }
  if (options.keyVaultSecretId === undefined && (options.keyVault !== undefined || options.identity !== undefined)) {
    invalid(scope, {
      field: subject,
      rule: "sets keyVault or identity without keyVaultSecretId",
      fix: "add keyVaultSecretId or drop keyVault and identity",
    });
  }
  if (options.secretValue !== undefined && !isUnresolved(options.secretValue)) {
    // The value itself is left out of the message: it is a secret.
    invalid(scope, {
      field: `secretValue of ${subject}`,
      rule: "is a literal string, which would be written in plain text into the synthesized Terraform JSON",
      fix: "store the secret in Key Vault and pass keyVaultSecretId (with keyVault), or pass a token such as a sensitive TerraformVariable",
    });
  }
  const secretId = options.keyVaultSecretId;
  if (secretId !== undefined && !isUnresolved(secretId) && !KEY_VAULT_SECRET_ID.test(secretId)) {
    invalid(scope, {
      field: `keyVaultSecretId of ${subject}`,
      value: secretId,
      rule: "is not a Key Vault secret id",
      fix: 'use the secret\'s versionless id, e.g. "https://kv-x.vault.azure.net/secrets/backend-key"',
    });
  }

  let grant: RoleAssignment | undefined;
  let identityClientId: string | undefined;
  if (secretId !== undefined) {
    const reader = target.keyVaultReader(name, options.identity);
    identityClientId = options.identity?.clientId;
    grant = options.keyVault?.grantSecretsRead(reader);
  }

  return new ApiManagementNamedValue(scope, id, {
    name,
    displayName: name,
    apiManagementName: target.serviceName,
    resourceGroupName: target.resourceGroupName,
    value: options.value ?? options.secretValue,
    secret: options.value === undefined,
    valueFromKeyVault: secretId !== undefined ? { secretId, identityClientId } : undefined,
    tags: options.tags ? [...options.tags] : undefined,
    // The identity must hold the role before API Management first reads the secret.
    dependsOn: grant ? [grant] : undefined,
  });
}
