import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { DataFactoryLinkedServiceKeyVault } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-key-vault";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid } from "../core/errors";
import { BuiltInRole, grantRole } from "../core/grants";
import { KeyVault } from "../key-vault";
import { FactoryChildResource, FactoryEntity } from "./entities";
import { FactoryHost } from "./host";
import { grantScope, privateEndpoint, recordStoreCalls } from "./linked-service-helpers";
import { ManagedPrivateEndpoint } from "./managed-private-endpoints";
import { withArticle } from "./names";

// The LinkedService entity, the options every kind shares, and the Key Vault linked service the
// others read secrets through; each other store kind has its own linked-services-<kind>.ts.

/** The Data Factory type of each linked service this construct creates. */
export type LinkedServiceType =
  | "SqlServer"
  | "AzureSqlDatabase"
  | "AzureBlobFS"
  | "AzureBlobStorage"
  | "AzureSqlDW"
  | "CosmosDb"
  | "RestService"
  | "AzureKeyVault";

/** A role grant a linked service made for the factory's identity on its target. */
export type LinkedServiceGrant = RoleAssignment | CosmosdbSqlRoleAssignment;

/** A connection from the factory to a store; datasets and activities refer to it by {@link name}. */
export class LinkedService<T extends LinkedServiceType = LinkedServiceType> extends FactoryEntity {
  constructor(
    name: string,
    resource: FactoryChildResource,
    /** The Data Factory linked service type, e.g. `AzureBlobFS`. */
    public readonly type: T,
    /** Role grants made for the factory's identity on the target (empty where Azure has no ARM role, e.g. SQL). */
    public readonly grants: readonly LinkedServiceGrant[] = [],
    /** The managed private endpoint the connection goes through, if any. */
    public readonly managedPrivateEndpoint?: ManagedPrivateEndpoint,
  ) {
    super(name, resource);
  }
}

/** A Key Vault secret read by the factory at run time (the secret never enters Terraform). */
export interface KeyVaultSecretReference {
  /** A Key Vault linked service of this factory. */
  readonly keyVault: LinkedService<"AzureKeyVault">;
  readonly secretName: string;
}

/** Options every linked service kind takes. */
export interface CommonOptions {
  /** @default none */
  readonly description?: string;
}

/** The option of the kinds that can go through a managed private endpoint. */
export interface PrivateEndpointToggle {
  /**
   * Reach the target through a managed private endpoint of the factory (created once per target;
   * the target's owner approves the connection). @default true when the factory has a managed VNet
   */
  readonly managedPrivateEndpoint?: boolean;
}

/** A Key Vault that is not one of our {@link KeyVault} constructs. */
export interface KeyVaultTarget {
  readonly keyVaultId: string;
}

/** A Key Vault the factory reads secrets from with its managed identity. */
export interface KeyVaultLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  readonly vault: KeyVault | KeyVaultTarget;
}

export function addKeyVaultLinkedService(host: FactoryHost, name: string, options: KeyVaultLinkedServiceOptions): LinkedService<"AzureKeyVault"> {
  host.entities.claim("linkedService", name);
  const vault = options.vault;
  const vaultId = vault instanceof KeyVault ? vault.id : vault.keyVaultId;
  const grant = vault instanceof KeyVault
    ? vault.grantSecretsRead(host.principal)
    : grantRole(grantScope(host, name), vaultId, BuiltInRole.keyVaultSecretsUser, host.principal);
  const endpoint = privateEndpoint(host, name, vaultId, "vault", "vault", options.managedPrivateEndpoint, "Microsoft.KeyVault/vaults");
  // No integration runtime: Data Factory resolves Key Vault references itself (the portal offers
  // none for this type); with a managed VNet the call goes through the managed private endpoint.
  const resource = new DataFactoryLinkedServiceKeyVault(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    keyVaultId: vaultId,
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, vaultId, "vault");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureKeyVault", [grant], endpoint));
}

/** Throws unless `linkedService` has the type an option needs (guards JavaScript callers and casts). */
export function requireType(host: FactoryHost, linkedService: LinkedService, type: LinkedServiceType, field: string): void {
  if (linkedService.type !== type) {
    invalid(host.scope, {
      field,
      value: linkedService.name,
      rule: `is ${withArticle(linkedService.type)} linked service, not ${type}`,
      fix: `pass ${withArticle(type)} linked service`,
    });
  }
}
