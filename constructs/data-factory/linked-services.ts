import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { DataFactoryLinkedCustomService } from "@cdktf/provider-azurerm/lib/data-factory-linked-custom-service";
import { DataFactoryLinkedServiceAzureBlobStorage } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-azure-blob-storage";
import { DataFactoryLinkedServiceAzureSqlDatabase } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-azure-sql-database";
import { DataFactoryLinkedServiceDataLakeStorageGen2 } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-data-lake-storage-gen2";
import { DataFactoryLinkedServiceKeyVault } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-key-vault";
import { DataFactoryLinkedServiceSqlServer } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-sql-server";
import { DataFactoryLinkedServiceSynapse } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-synapse";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid, isUnresolved } from "../core/errors";
import { FlowTarget, recordFlow } from "../core/flows";
import { BuiltInRole, grantRole } from "../core/grants";
import { terraformLiteral } from "../core/terraform-text";
import { CosmosDbDataRoles, ICosmosDbAccount } from "../cosmos-db";
import { KeyVault } from "../key-vault";
import { StorageAccount } from "../storage";
import { FactoryChildResource, FactoryEntity } from "./entities";
import { FactoryHost } from "./host";
import { SelfHostedIntegrationRuntime } from "./integration-runtime";
import { ManagedPrivateEndpoint } from "./managed-private-endpoints";
import { withArticle } from "./names";

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

interface CommonOptions {
  /** @default none */
  readonly description?: string;
}

interface PrivateEndpointToggle {
  /**
   * Reach the target through a managed private endpoint of the factory (created once per target;
   * the target's owner approves the connection). @default true when the factory has a managed VNet
   */
  readonly managedPrivateEndpoint?: boolean;
}

/** An on-premises SQL Server reached through a self-hosted integration runtime. */
export interface SqlServerLinkedServiceOptions extends CommonOptions {
  /** The self-hosted runtime installed next to the server. */
  readonly integrationRuntime: SelfHostedIntegrationRuntime;
  /** Host name, `host\instance` or `host,port`. */
  readonly server: string;
  readonly database: string;
  /** SQL login, or `DOMAIN\user` with `windowsAuthentication`. */
  readonly userName: string;
  /** The password, kept in Key Vault. */
  readonly password: KeyVaultSecretReference;
  /** Windows authentication instead of a SQL login. @default false */
  readonly windowsAuthentication?: boolean;
  /** Encrypt the connection (the server needs a certificate the runtime's machine trusts). @default true */
  readonly encrypt?: boolean;
}

/** An Azure SQL Database reached with the factory's managed identity. */
export interface AzureSqlDatabaseLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** Server FQDN, e.g. `sql-contoso.database.windows.net`. */
  readonly server: string;
  readonly database: string;
  /** ARM id of the logical server, for the managed private endpoint (`sqlServer`). @default none: no endpoint */
  readonly serverId?: string;
}

/** A Data Lake Storage Gen2 account that is not one of our {@link StorageAccount} constructs. */
export interface DataLakeTarget {
  readonly storageAccountId: string;
  /** e.g. `https://stcontoso.dfs.core.windows.net/` */
  readonly dfsEndpoint: string;
}

/** A Data Lake Storage Gen2 account reached with the factory's managed identity. */
export interface DataLakeLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** Our storage construct (created with `dataLake: true`) or an existing account. */
  readonly storage: StorageAccount | DataLakeTarget;
  /** Blob data role granted to the factory: Reader or Contributor. @default "readWrite" */
  readonly access?: "read" | "readWrite";
}

/** A storage account that is not one of our {@link StorageAccount} constructs, reached over its Blob endpoint. */
export interface BlobStorageTarget {
  readonly storageAccountId: string;
  /** e.g. `https://stcontoso.blob.core.windows.net/` */
  readonly blobEndpoint: string;
}

/** A storage account's Blob service reached with the factory's managed identity (no account key, no SAS). */
export interface BlobStorageLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** Our storage construct (with or without hierarchical namespace) or an existing account. */
  readonly storage: StorageAccount | BlobStorageTarget;
  /** Blob data role granted to the factory: Reader or Contributor. @default "readWrite" */
  readonly access?: "read" | "readWrite";
}

/** A Synapse dedicated SQL pool reached with the factory's managed identity. */
export interface SynapseLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** SQL endpoint, e.g. `synw-contoso.sql.azuresynapse.net`. */
  readonly server: string;
  /** The dedicated SQL pool. */
  readonly database: string;
  /** ARM id of the Synapse workspace, for the managed private endpoint (`Sql`). @default none: no endpoint */
  readonly workspaceId?: string;
}

/** The Cosmos DB account a linked service reaches (a Cosmos DB construct or an existing account). */
export type CosmosDbAccountRef = ICosmosDbAccount;

/** A Cosmos DB for NoSQL database reached with the factory's managed identity. */
export interface CosmosDbLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  readonly account: CosmosDbAccountRef;
  readonly database: string;
  /** Data-plane role granted on the database: Built-in Data Reader or Contributor. @default "readWrite" */
  readonly access?: "read" | "readWrite";
}

/** How a REST linked service authenticates. */
export type RestAuthentication =
  | { readonly type: "ManagedServiceIdentity"; /** App ID URI or client id of the API, e.g. `api://orders`. */ readonly aadResourceId: string }
  | { readonly type: "Anonymous" };

/** A REST API. */
export interface RestLinkedServiceOptions extends CommonOptions {
  /** Base URL (https). */
  readonly url: string;
  readonly authentication: RestAuthentication;
  /** A self-hosted runtime for APIs on premises. @default the managed-VNet Azure runtime */
  readonly integrationRuntime?: SelfHostedIntegrationRuntime;
}

/** A Key Vault that is not one of our {@link KeyVault} constructs. */
export interface KeyVaultTarget {
  readonly keyVaultId: string;
}

/** A Key Vault the factory reads secrets from with its managed identity. */
export interface KeyVaultLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  readonly vault: KeyVault | KeyVaultTarget;
}

/** Connection-string pieces of ours never carry a password: the identity or Key Vault supplies it. */
function sqlConnectionString(parts: Record<string, string>): string {
  return Object.entries(parts)
    .map(([key, value]) => `${key}=${value}`)
    .join(";");
}

/** A SQL connection string without credentials (Azure SQL, Synapse): the factory signs in with its managed identity. */
function identityConnectionString(host: FactoryHost, server: string, database: string): string {
  connectionPart(host, "server", server);
  connectionPart(host, "database", database);
  return sqlConnectionString({
    "Integrated Security": "False",
    Encrypt: "True",
    "Connection Timeout": "30",
    "Data Source": server,
    "Initial Catalog": database,
  });
}

export function addSqlServerLinkedService(host: FactoryHost, name: string, options: SqlServerLinkedServiceOptions): LinkedService<"SqlServer"> {
  host.entities.claim("linkedService", name);
  host.entities.requireOwned("integrationRuntime", options.integrationRuntime, "integrationRuntime");
  host.entities.requireOwned("linkedService", options.password.keyVault, "password.keyVault");
  requireType(host, options.password.keyVault, "AzureKeyVault", "password.keyVault");
  connectionPart(host, "server", options.server);
  connectionPart(host, "database", options.database);
  connectionPart(host, "userName", options.userName);
  const windows = options.windowsAuthentication ?? false;
  const connectionString = sqlConnectionString({
    "Integrated Security": windows ? "True" : "False",
    "Data Source": options.server,
    "Initial Catalog": options.database,
    ...(windows ? {} : { "User ID": options.userName }),
    Encrypt: (options.encrypt ?? true) ? "True" : "False",
  });
  const resource = new DataFactoryLinkedServiceSqlServer(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: options.integrationRuntime.resource.name,
    connectionString,
    userName: windows ? options.userName : undefined,
    keyVaultPassword: { linkedServiceName: options.password.keyVault.resource.name, secretName: options.password.secretName },
  });
  return host.entities.add("linkedService", new LinkedService(name, resource, "SqlServer"));
}

export function addAzureSqlDatabaseLinkedService(host: FactoryHost, name: string, options: AzureSqlDatabaseLinkedServiceOptions): LinkedService<"AzureSqlDatabase"> {
  host.entities.claim("linkedService", name);
  const connectionString = identityConnectionString(host, options.server, options.database);
  const endpoint = privateEndpoint(host, name, options.serverId, "serverId", "sqlServer", options.managedPrivateEndpoint, "Microsoft.Sql/servers");
  const resource = new DataFactoryLinkedServiceAzureSqlDatabase(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: host.managedIntegrationRuntimeName,
    useManagedIdentity: true,
    connectionString,
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, options.serverId ?? options.server, "sqlServer");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureSqlDatabase", [], endpoint));
}

export function addDataLakeLinkedService(host: FactoryHost, name: string, options: DataLakeLinkedServiceOptions): LinkedService<"AzureBlobFS"> {
  host.entities.claim("linkedService", name);
  const storage = options.storage;
  if (storage instanceof StorageAccount && !storage.dataLake) {
    invalid(host.scope, {
      field: "storage",
      value: storage.node.path,
      rule: "is not a Data Lake Storage Gen2 account (no hierarchical namespace)",
      fix: "create the StorageAccount with dataLake: true, or link it as Blob storage with addBlobStorageLinkedService",
    });
  }
  const accountId = storage instanceof StorageAccount ? storage.id : storage.storageAccountId;
  const url = storage instanceof StorageAccount ? storage.primaryDfsEndpoint : storage.dfsEndpoint;
  httpsUrl(host, "storage.dfsEndpoint", url);
  const grant = grantBlobData(host, name, storage, accountId, options.access);
  const endpoint = privateEndpoint(host, name, accountId, "storage", "dfs", options.managedPrivateEndpoint, "Microsoft.Storage/storageAccounts");
  const resource = new DataFactoryLinkedServiceDataLakeStorageGen2(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: host.managedIntegrationRuntimeName,
    url,
    useManagedIdentity: true,
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, storage instanceof StorageAccount ? storage : accountId, "dfs");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureBlobFS", [grant], endpoint));
}

/** Storage Blob Data Contributor (or Reader) for the factory on the account: through our construct's grant, else by id. */
function grantBlobData(host: FactoryHost, name: string, storage: StorageAccount | object, accountId: string, access: "read" | "readWrite" = "readWrite") {
  const write = access === "readWrite";
  if (storage instanceof StorageAccount) return write ? storage.grantBlobWrite(host.principal) : storage.grantBlobRead(host.principal);
  return grantRole(grantScope(host, name), accountId, write ? BuiltInRole.storageBlobDataContributor : BuiltInRole.storageBlobDataReader, host.principal);
}

export function addBlobStorageLinkedService(
  host: FactoryHost,
  name: string,
  options: BlobStorageLinkedServiceOptions,
): LinkedService<"AzureBlobStorage"> {
  host.entities.claim("linkedService", name);
  const storage = options.storage;
  const accountId = storage instanceof StorageAccount ? storage.id : storage.storageAccountId;
  const serviceEndpoint = storage instanceof StorageAccount ? storage.primaryBlobEndpoint : storage.blobEndpoint;
  httpsUrl(host, "storage.blobEndpoint", serviceEndpoint);
  const grant = grantBlobData(host, name, storage, accountId, options.access);
  const endpoint = privateEndpoint(host, name, accountId, "storage", "blob", options.managedPrivateEndpoint, "Microsoft.Storage/storageAccounts");
  // With a managed identity, azurerm sends `service_endpoint` and no key (azurerm @v4.55.0:
  // internal/services/datafactory/data_factory_linked_service_azure_blob_storage_resource.go). Data
  // flows refuse managed identity on an empty or "Storage" account kind, so the kind is stated
  // (https://learn.microsoft.com/azure/data-factory/connector-azure-blob-storage#system-assigned-managed-identity-authentication);
  // StorageAccount creates StorageV2; an existing account's kind is unverified and assumed StorageV2.
  const resource = new DataFactoryLinkedServiceAzureBlobStorage(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: host.managedIntegrationRuntimeName,
    serviceEndpoint,
    useManagedIdentity: true,
    storageKind: "StorageV2",
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, storage instanceof StorageAccount ? storage : accountId, "blob");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureBlobStorage", [grant], endpoint));
}

export function addSynapseLinkedService(host: FactoryHost, name: string, options: SynapseLinkedServiceOptions): LinkedService<"AzureSqlDW"> {
  host.entities.claim("linkedService", name);
  // azurerm offers only a connection string here; one without credentials makes Data Factory
  // sign in with its system-assigned managed identity (the documented legacy AzureSqlDW form).
  const connectionString = identityConnectionString(host, options.server, options.database);
  const synapseType = "Microsoft.Synapse/workspaces";
  const endpoint = privateEndpoint(host, name, options.workspaceId, "workspaceId", "Sql", options.managedPrivateEndpoint, synapseType);
  const resource = new DataFactoryLinkedServiceSynapse(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: host.managedIntegrationRuntimeName,
    connectionString,
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, options.workspaceId ?? options.server, "Sql");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureSqlDW", [], endpoint));
}

export function addCosmosDbLinkedService(host: FactoryHost, name: string, options: CosmosDbLinkedServiceOptions): LinkedService<"CosmosDb"> {
  host.entities.claim("linkedService", name);
  const { account, database } = options;
  httpsUrl(host, "account.endpoint", account.endpoint);
  connectionPart(host, "database", database);
  const grant = new CosmosdbSqlRoleAssignment(host.scope, `LinkedService-${name}-DataAccess`, {
    resourceGroupName: account.resourceGroupName,
    accountName: account.name,
    roleDefinitionId: `${account.id}/sqlRoleDefinitions/${(options.access === "read" ? CosmosDbDataRoles.reader : CosmosDbDataRoles.contributor).definitionGuid}`,
    principalId: host.principal.principalId,
    scope: `${account.id}/dbs/${database}`,
  });
  const endpoint = privateEndpoint(host, name, account.id, "account", "Sql", options.managedPrivateEndpoint, "Microsoft.DocumentDB/databaseAccounts");
  // azurerm's cosmosdb linked service takes only keys or connection strings; the custom service
  // with an endpoint and no credential signs in with the factory's managed identity.
  const resource = new DataFactoryLinkedCustomService(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    type: "CosmosDb",
    typePropertiesJson: terraformLiteral(JSON.stringify({ accountEndpoint: account.endpoint, database })),
    integrationRuntime: { name: host.managedIntegrationRuntimeName },
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, account.id, "Sql");
  return host.entities.add("linkedService", new LinkedService(name, resource, "CosmosDb", [grant], endpoint));
}

export function addRestLinkedService(host: FactoryHost, name: string, options: RestLinkedServiceOptions): LinkedService<"RestService"> {
  host.entities.claim("linkedService", name);
  httpsUrl(host, "url", options.url);
  if (options.integrationRuntime) host.entities.requireOwned("integrationRuntime", options.integrationRuntime, "integrationRuntime");
  const auth = options.authentication;
  if (auth.type === "ManagedServiceIdentity" && !isUnresolved(auth.aadResourceId) && auth.aadResourceId.trim() === "") {
    invalid(host.scope, {
      field: "authentication.aadResourceId",
      value: auth.aadResourceId,
      rule: "is empty",
      fix: "set the App ID URI or client id of the API the factory's identity requests a token for",
    });
  }
  const resource = new DataFactoryLinkedCustomService(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    type: "RestService",
    typePropertiesJson: terraformLiteral(
      JSON.stringify({
        url: options.url,
        enableServerCertificateValidation: true,
        authenticationType: auth.type,
        ...(auth.type === "ManagedServiceIdentity" ? { aadResourceId: auth.aadResourceId } : {}),
      }),
    ),
    integrationRuntime: { name: options.integrationRuntime?.resource.name ?? host.managedIntegrationRuntimeName },
  });
  // Only an API of this stack (a token URL) can be judged; a literal URL is outside it.
  const runtime = options.integrationRuntime?.resource ?? host.managedIntegrationRuntime;
  if (isUnresolved(options.url)) recordStoreCalls(name, resource, runtime, options.url, undefined);
  return host.entities.add("linkedService", new LinkedService(name, resource, "RestService"));
}

export function addKeyVaultLinkedService(host: FactoryHost, name: string, options: KeyVaultLinkedServiceOptions): LinkedService<"AzureKeyVault"> {
  host.entities.claim("linkedService", name);
  const vault = options.vault;
  const vaultId = vault instanceof KeyVault ? vault.id : vault.keyVaultId;
  const grant =
    vault instanceof KeyVault ? vault.grantSecretsRead(host.principal) : grantRole(grantScope(host, name), vaultId, BuiltInRole.keyVaultSecretsUser, host.principal);
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

function privateEndpoint(
  host: FactoryHost,
  name: string,
  targetId: string | undefined,
  targetField: string,
  subresource: string,
  wanted: boolean | undefined,
  targetType: string,
): ManagedPrivateEndpoint | undefined {
  if (wanted === false) return undefined;
  if (targetId === undefined) {
    if (wanted === true) {
      invalid(host.scope, {
        field: "managedPrivateEndpoint",
        value: true,
        rule: `needs the target's resource id (${targetField})`,
        fix: `set ${targetField}, or leave managedPrivateEndpoint unset`,
      });
    }
    return undefined;
  }
  return host.managedPrivateEndpoints.forLinkedService(name, targetId, subresource, targetType);
}

/**
 * Records the calls a linked service makes from `runtime` (the managed VNet runtime, an Azure
 * runtime or a self-hosted one: the policy pack reads which from the synthesized runtime) with
 * the factory's system-assigned identity, which Storage and Key Vault trust.
 */
function recordStoreCalls(name: string, linkedService: Construct, runtime: TerraformResource, target: FlowTarget, endpoint?: string): void {
  const caller = { runsIn: "managed-vnet", service: "DataFactory", resource: runtime, identity: "SystemAssigned" } as const;
  recordFlow(linkedService, { caller, target, endpoint, purpose: `linked service ${name}` });
}

/** Grants on plain resource ids live under a scope per linked service, so each keeps its own address. */
function grantScope(host: FactoryHost, name: string): Construct {
  const id = `LinkedService-${name}-Grants`;
  return (host.scope.node.tryFindChild(id) as Construct | undefined) ?? new Construct(host.scope, id);
}

function connectionPart(host: FactoryHost, field: string, value: string): void {
  if (isUnresolved(value)) return;
  if (value.trim() === "" || /[;=]/.test(value)) {
    invalid(host.scope, {
      field,
      value,
      rule: "is empty or holds ';' or '=', which would break the connection string",
      fix: `set ${field} to the plain value only; secrets come from Key Vault or the managed identity`,
    });
  }
}

function httpsUrl(host: FactoryHost, field: string, url: string): void {
  if (isUnresolved(url)) return;
  if (!/^https:\/\/[^\s/]+/.test(url)) {
    invalid(host.scope, { field, value: url, rule: "is not an https URL", fix: "use https://<host>/..." });
  }
}
