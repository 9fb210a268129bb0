// The linked services' builders by store kind, for the factory; their option types are imported from their own files.
export { LinkedService, addKeyVaultLinkedService, requireType } from "./linked-service";
export { addAzureSqlDatabaseLinkedService, addSqlServerLinkedService, addSynapseLinkedService } from "./linked-services-sql";
export { addBlobStorageLinkedService, addCosmosDbLinkedService, addDataLakeLinkedService } from "./linked-services-storage";
export { addRestLinkedService } from "./linked-services-rest";
