// The linked services by store kind; this file is what the rest of the folder (and index.ts) imports.
export { LinkedService, addKeyVaultLinkedService, requireType } from "./linked-service";
export type {
  KeyVaultLinkedServiceOptions,
  KeyVaultSecretReference,
  KeyVaultTarget,
  LinkedServiceGrant,
  LinkedServiceType,
} from "./linked-service";
export { addAzureSqlDatabaseLinkedService, addSqlServerLinkedService, addSynapseLinkedService } from "./linked-services-sql";
export type { AzureSqlDatabaseLinkedServiceOptions, SqlServerLinkedServiceOptions, SynapseLinkedServiceOptions } from "./linked-services-sql";
export { addBlobStorageLinkedService, addCosmosDbLinkedService, addDataLakeLinkedService } from "./linked-services-storage";
export type {
  BlobStorageLinkedServiceOptions,
  BlobStorageTarget,
  CosmosDbAccountRef,
  CosmosDbLinkedServiceOptions,
  DataLakeLinkedServiceOptions,
  DataLakeTarget,
} from "./linked-services-storage";
export { addRestLinkedService } from "./linked-services-rest";
export type { RestAuthentication, RestLinkedServiceOptions } from "./linked-services-rest";
