export { DataFactory } from "./data-factory";
export type { DataFactoryProps, IDataFactory } from "./data-factory";

export { Activity, expression } from "./activities";
export type {
  ActivityJson,
  ActivityOptions,
  ActivityPolicy,
  CopyActivityOptions,
  Dependency,
  ExecuteDataFlowActivityOptions,
  Expression,
  ForEachActivityOptions,
  IfConditionActivityOptions,
  LookupActivityOptions,
  StoredProcedureActivityOptions,
  StoredProcedureParameter,
  WebActivityAuthentication,
  WebActivityOptions,
} from "./activities";
export { ACTIVITY_TYPES, CONTAINER_PROPERTIES, DEPENDENCY_CONDITIONS, REQUIRED_TYPE_PROPERTIES } from "./activity-types";
export type { ActivityType, DependencyCondition } from "./activity-types";

export { DataFlow, parseDataFlowScript } from "./data-flow";
export type { DataFlowEndpoint, DataFlowOptions, DataFlowTransformation, ScriptStream, StreamKind } from "./data-flow";
export { Dataset } from "./datasets";
export type { DatasetType } from "./datasets";
export type {
  AzureSqlTableDatasetOptions,
  CosmosContainerDatasetOptions,
  DataLakeLocation,
  DelimitedTextDatasetOptions,
  JsonDatasetOptions,
  ParquetDatasetOptions,
  RestResourceDatasetOptions,
  SqlServerTableDatasetOptions,
  StorageLinkedServiceType,
  SynapseTableDatasetOptions,
} from "./dataset-options";
export { FactoryEntities, FactoryEntity } from "./entities";
export type { FactoryChildResource } from "./entities";
export type { AzureDevOpsConfiguration, GitHubConfiguration } from "./git";
export type { GlobalParameter } from "./global-parameters";
export { SelfHostedIntegrationRuntime } from "./integration-runtime";
export type { ManagedIntegrationRuntimeOptions, SelfHostedIntegrationRuntimeOptions } from "./integration-runtime";
export { LinkedService } from "./linked-services";
// The option types from the files that define them (linked-services.ts gathers only the builders).
export type { KeyVaultLinkedServiceOptions, KeyVaultSecretReference, KeyVaultTarget, LinkedServiceGrant, LinkedServiceType } from "./linked-service";
export type { RestAuthentication, RestLinkedServiceOptions } from "./linked-services-rest";
export type { AzureSqlDatabaseLinkedServiceOptions, SqlServerLinkedServiceOptions, SynapseLinkedServiceOptions } from "./linked-services-sql";
export type {
  BlobStorageLinkedServiceOptions,
  BlobStorageTarget,
  CosmosDbAccountRef,
  CosmosDbLinkedServiceOptions,
  DataLakeLinkedServiceOptions,
  DataLakeTarget,
} from "./linked-services-storage";
export { APPROVABLE_TARGET_TYPES, ManagedPrivateEndpointApproval, approvalTemplate } from "./managed-private-endpoint-approval";
export type { ApprovableEndpoint } from "./managed-private-endpoint-approval";
export type { ManagedPrivateEndpoint, ManagedPrivateEndpointApprovalSettings, ManagedPrivateEndpointOptions } from "./managed-private-endpoints";
export { ENTITY_NAME_RULES, validateEntityName } from "./names";
export type { EntityKind } from "./names";
export { Pipeline } from "./pipeline";
export type { ExternalReferences, PipelineOptions } from "./pipeline";
export { AUTO_RESOLVE_RUNTIME, checkPipeline } from "./pipeline-check";
export { DATA_FACTORY_TIME_ZONES } from "./time-zones";
export type { KnownEntities, PipelineCheckInput, PipelineCheckResult, ReferenceKind } from "./pipeline-check";
export type { PipelineDefinition } from "./pipeline-file";
export type {
  BlobEvent,
  BlobEventTriggerOptions,
  ScheduleOptions,
  ScheduleTriggerOptions,
  Trigger,
  TumblingWindowTriggerOptions,
  WeekDay,
} from "./triggers";
