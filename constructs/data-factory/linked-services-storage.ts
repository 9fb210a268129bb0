import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { DataFactoryLinkedCustomService } from "@cdktf/provider-azurerm/lib/data-factory-linked-custom-service";
import { DataFactoryLinkedServiceAzureBlobStorage } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-azure-blob-storage";
import { DataFactoryLinkedServiceDataLakeStorageGen2 } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-data-lake-storage-gen2";
import { invalid } from "../core/errors";
import { BuiltInRole, grantRole } from "../core/grants";
import { terraformLiteral } from "../core/terraform-text";
import { CosmosDbAccountReference, CosmosDbDataRoles } from "../cosmos-db";
import { IStorageAccount, isStorageAccount, storageFlowTarget } from "../storage";
import { FactoryHost } from "./host";
import { CommonOptions, LinkedService, PrivateEndpointToggle } from "./linked-service";
import { connectionPart, grantScope, httpsUrl, privateEndpoint, recordStoreCalls } from "./linked-service-helpers";

// Data stores the factory reaches with its managed identity and a data-plane role: Data Lake
// Storage Gen2 and Blob storage (Storage Blob Data roles), Cosmos DB for NoSQL (Cosmos DB data roles).

/** A Data Lake Storage Gen2 account given by id and endpoint (not a {@link IStorageAccount}). */
export interface DataLakeTarget {
  readonly storageAccountId: string;
  /** e.g. `https://stcontoso.dfs.core.windows.net/` */
  readonly dfsEndpoint: string;
}

/** A Data Lake Storage Gen2 account reached with the factory's managed identity. */
export interface DataLakeLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** A StorageAccount created with `dataLake: true`, an import (taken to be Data Lake Gen2), or an existing account's id and endpoint. */
  readonly storage: IStorageAccount | DataLakeTarget;
  /** Blob data role granted to the factory: Reader or Contributor. @default "readWrite" */
  readonly access?: "read" | "readWrite";
}

/** A storage account given by id and endpoint (not a {@link IStorageAccount}), reached over its Blob endpoint. */
export interface BlobStorageTarget {
  readonly storageAccountId: string;
  /** e.g. `https://stcontoso.blob.core.windows.net/` */
  readonly blobEndpoint: string;
}

/** A storage account's Blob service reached with the factory's managed identity (no account key, no SAS). */
export interface BlobStorageLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** Our storage construct (with or without hierarchical namespace) or an existing account. */
  readonly storage: IStorageAccount | BlobStorageTarget;
  /** Blob data role granted to the factory: Reader or Contributor. @default "readWrite" */
  readonly access?: "read" | "readWrite";
}

/** The Cosmos DB account a linked service reaches (a Cosmos DB construct or an existing account). */
export type CosmosDbAccountRef = CosmosDbAccountReference;

/** A Cosmos DB for NoSQL database reached with the factory's managed identity. */
export interface CosmosDbLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  readonly account: CosmosDbAccountRef;
  readonly database: string;
  /** Data-plane role granted on the database: Built-in Data Reader or Contributor. @default "readWrite" */
  readonly access?: "read" | "readWrite";
}

export function addDataLakeLinkedService(host: FactoryHost, name: string, options: DataLakeLinkedServiceOptions): LinkedService<"AzureBlobFS"> {
  host.entities.claim("linkedService", name);
  const storage = options.storage;
  if (isStorageAccount(storage) && storage.dataLake === false) {
    invalid(host.scope, {
      field: "storage",
      value: storage.node.path,
      rule: "is not a Data Lake Storage Gen2 account (no hierarchical namespace)",
      fix: "create the StorageAccount with dataLake: true, or link it as Blob storage with addBlobStorageLinkedService",
    });
  }
  const { url, grant, endpoint, target, common } = storageLink(host, name, options, "dfs");
  const resource = new DataFactoryLinkedServiceDataLakeStorageGen2(host.scope, `LinkedService-${name}`, { ...common, url, useManagedIdentity: true });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, target, "dfs");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureBlobFS", [grant], endpoint));
}

/**
 * What both storage linked services start from, in this order: the account's id and its `dfs` or
 * `blob` endpoint (checked to be https), the factory's blob data role on the account, the managed
 * private endpoint to that sub-resource; and the linked service's common arguments.
 */
function storageLink(
  host: FactoryHost,
  name: string,
  options: DataLakeLinkedServiceOptions | BlobStorageLinkedServiceOptions,
  subresource: "dfs" | "blob",
) {
  const storage = options.storage;
  const own = isStorageAccount(storage);
  const accountId = own ? storage.id : storage.storageAccountId;
  const endpoints = own
    ? { dfs: storage.primaryDfsEndpoint, blob: storage.primaryBlobEndpoint }
    : { dfs: (storage as DataLakeTarget).dfsEndpoint, blob: (storage as BlobStorageTarget).blobEndpoint };
  const url = endpoints[subresource];
  httpsUrl(host, `storage.${subresource}Endpoint`, url);
  const grant = grantBlobData(host, name, storage, accountId, options.access);
  const target = "Microsoft.Storage/storageAccounts";
  const endpoint = privateEndpoint(host, name, accountId, "storage", subresource, options.managedPrivateEndpoint, target);
  const runtime = host.managedIntegrationRuntimeName;
  const common = { name, dataFactoryId: host.dataFactoryId, description: options.description, integrationRuntimeName: runtime };
  return { url, grant, endpoint, target: own ? storageFlowTarget(storage) : accountId, common };
}

/** Storage Blob Data Contributor (or Reader) for the factory on the account: through our construct's grant, else by id. */
function grantBlobData(
  host: FactoryHost,
  name: string,
  storage: IStorageAccount | object,
  accountId: string,
  access: "read" | "readWrite" = "readWrite",
) {
  const write = access === "readWrite";
  if (isStorageAccount(storage)) return write ? storage.grantBlobWrite(host.principal) : storage.grantBlobRead(host.principal);
  const role = write ? BuiltInRole.storageBlobDataContributor : BuiltInRole.storageBlobDataReader;
  return grantRole(grantScope(host, name), accountId, role, host.principal);
}

export function addBlobStorageLinkedService(
  host: FactoryHost,
  name: string,
  options: BlobStorageLinkedServiceOptions,
): LinkedService<"AzureBlobStorage"> {
  host.entities.claim("linkedService", name);
  const { url: serviceEndpoint, grant, endpoint, target, common } = storageLink(host, name, options, "blob");
  // With a managed identity, azurerm sends `service_endpoint` and no key (azurerm @v4.55.0:
  // internal/services/datafactory/data_factory_linked_service_azure_blob_storage_resource.go). Data
  // flows refuse managed identity on an empty or "Storage" account kind, so the kind is stated
  // (https://learn.microsoft.com/azure/data-factory/connector-azure-blob-storage#system-assigned-managed-identity-authentication);
  // StorageAccount creates StorageV2; an existing account's kind is unverified and assumed StorageV2.
  const resource = new DataFactoryLinkedServiceAzureBlobStorage(host.scope, `LinkedService-${name}`, {
    ...common,
    serviceEndpoint,
    useManagedIdentity: true,
    storageKind: "StorageV2",
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, target, "blob");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureBlobStorage", [grant], endpoint));
}

export function addCosmosDbLinkedService(host: FactoryHost, name: string, options: CosmosDbLinkedServiceOptions): LinkedService<"CosmosDb"> {
  host.entities.claim("linkedService", name);
  const { account, database } = options;
  httpsUrl(host, "account.endpoint", account.endpoint);
  connectionPart(host, "database", database);
  const role = options.access === "read" ? CosmosDbDataRoles.reader : CosmosDbDataRoles.contributor;
  const grant = new CosmosdbSqlRoleAssignment(host.scope, `LinkedService-${name}-DataAccess`, {
    resourceGroupName: account.resourceGroupName,
    accountName: account.name,
    roleDefinitionId: `${account.id}/sqlRoleDefinitions/${role.definitionGuid}`,
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
