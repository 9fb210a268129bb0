// Public entry point of azure-integration-cdktf: the constructs, their props, options and
// interfaces, the patterns, the policy pack and the context. A curated, named list (no
// `export *`): adding a name here is a reviewed change (`__tests__/api-surface.test.ts`).
// Helpers for people who write constructs or rules: `azure-integration-cdktf/authoring`.
// The reference application (stacks, environments): `azure-integration-cdktf/app`.

// The context and the vocabulary every construct's props share.
export { BuiltInRole, IntegrationContext, PROFILES, Principal, UserAssignedIdentity, ValidationError, encryptionKeyOf } from "./constructs/core";
export type {
  ApiManagementDefaultSku,
  BuiltInRoleName,
  Grantee,
  IAzureResource,
  IGrantable,
  IMessagingGrants,
  CommonResourceProps,
  KitProps,
  CustomerManagedKeyOptOut,
  CustomerManagedKeyOptions,
  CustomerManagedKeyProp,
  IEncryptionKey,
  ResolvedCustomerManagedKey,
  DiagnosticsOptions,
  EntraAdministrator,
  FunctionAppPlan,
  IDiagnosticsDestination,
  IPrincipal,
  IPrivateNetwork,
  IResourceGroup,
  IdentityOptions,
  IntegrationContextProps,
  LockOptions,
  LogAnalyticsDestinationType,
  NetworkAccessOptions,
  PrincipalType,
  PrivateEndpointOptions,
  PrivateLinkSubresource,
  ProfileDefaults,
  ProfileName,
  ResolvedContext,
  ServiceBusSku,
  SqlBackupStorageRedundancy,
  TagDefaults,
  UserAssignedIdentityProps,
  ValidationProblem,
} from "./constructs/core";
export type { Deployer, DeployerNetwork, DeployerProps } from "./constructs/core";
// Disaster recovery, the option every pattern takes.
export { AZURE_REGION_PAIRS, pairedRegion } from "./constructs/core";
export type { DisasterRecoveryOptions } from "./constructs/core";

// Supporting constructs.
export { ResourceGroup } from "./constructs/resource-group";
export type { ResourceGroupProps } from "./constructs/resource-group";
export { ActionGroup, Alerts, DEFAULT_ALERT_THRESHOLDS, Monitoring } from "./constructs/monitoring";
export type {
  ActionGroupProps,
  ActionGroupReceivers,
  AlertSignal,
  AlertsProps,
  MetricAlertOptions,
  MonitoringProps,
  TelemetryProps,
  TelemetryTarget,
  WatchedAlert,
} from "./constructs/monitoring";
export { Network } from "./constructs/network";
export type {
  ExistingPrivateNetworkProps,
  FirewallEgress,
  HubPeeringOptions,
  NatGatewayEgress,
  NetworkEgress,
  NetworkProps,
  SubnetDelegationName,
  SubnetSpec,
} from "./constructs/network";
export { ENCRYPTION_KEY_ROTATION, ENCRYPTION_KEY_SIZE, EncryptionKey, KeyVault, stackEncryptionKey } from "./constructs/key-vault";
export type { EncryptionKeyProps, IKeyVault, KeyVaultProps } from "./constructs/key-vault";
export { StorageAccount } from "./constructs/storage";
export type { IStorageAccount, StorageAccountProps, StorageEndpointSubresource, StorageReplication } from "./constructs/storage";

// Messaging and events.
export { ServiceBusNamespace, ServiceBusQueue, ServiceBusSubscription, ServiceBusTopic } from "./constructs/service-bus";
export type {
  CorrelationFilter,
  EntityHost,
  ImportedServiceBusNamespaceOptions,
  GeoDisasterRecoveryAlias,
  IServiceBusEntity,
  IServiceBusGrantable,
  IServiceBusNamespace,
  MessageHandlingOptions,
  QueueOptions,
  ServiceBusNamespaceProps,
  ServiceBusQueueProps,
  ServiceBusSubscriptionProps,
  ServiceBusSystemProperties,
  ServiceBusTopicProps,
  SubscriptionOptions,
  SubscriptionRuleOptions,
  TopicOptions,
} from "./constructs/service-bus";
export {
  AdvancedFilter,
  EventDestination,
  EventGridDomain,
  EventGridDomainTopic,
  EventGridSubscription,
  EventGridSystemTopic,
  EventGridTopic,
} from "./constructs/event-grid";
export type {
  AzureFunctionDestination,
  IEventGridFunctionHost,
  BatchOptions,
  BoolFilter,
  DeadLetterOptions,
  EventDeliverySchema,
  EventGridDomainProps,
  EventGridDomainTopicProps,
  EventGridInputSchema,
  EventGridPublisherConfig,
  EventGridPublisherProps,
  EventGridSubscriptionProps,
  EventGridSystemTopicProps,
  EventGridTopicProps,
  EventHubDestination,
  EventSubscriptionOptions,
  IEventGridPublisher,
  IEventGridSource,
  IEventGridSubscribable,
  IUserAssignedIdentityRef,
  NumberCompareFilter,
  NumberCompareOperator,
  NumberListFilter,
  NumberRangeFilter,
  PresenceFilter,
  ServiceBusQueueDestination,
  ServiceBusTopicDestination,
  SourceIdentities,
  StorageQueueDestination,
  StringFilter,
  StringFilterOperator,
  SubscriptionIdentity,
  SubscriptionTarget,
  SystemTopicType,
  WebhookDestination,
  WebhookOptions,
} from "./constructs/event-grid";
export { EventHub, EventHubNamespace } from "./constructs/event-hubs";
export type {
  EventHubCaptureOptions,
  EventHubNamespaceProps,
  EventHubOptions,
  EventHubParent,
  EventHubProps,
  EventHubsSku,
  IEventHubNamespace,
  TierLimits,
} from "./constructs/event-hubs";

// API and compute.
export { ApiManagement, ApiManagementPrivateDns, ApiManagementSubnet, ApimApi, ApimProduct } from "./constructs/api-management";
export type {
  AdditionalLocationOptions,
  ApiManagementPrivateDnsProps,
  ApiManagementProps,
  ApiManagementSubnetProps,
  ApiManagementTier,
  ApiOperationOptions,
  ApiOptions,
  ApimApiProps,
  ApimProductProps,
  ApplicationInsightsOptions,
  BackendOptions,
  CircuitBreakerOptions,
  ExistingApiManagementOptions,
  ExistingApiManagementProps,
  IApiManagement,
  IPolicyHost,
  ISecretsReadGrantable,
  LogicAppBackendOptions,
  NamedValueOptions,
  ProductOptions,
  TierCapabilities,
  VirtualNetworkOptions,
  VirtualNetworkType,
} from "./constructs/api-management";
export { ApiManagementIngress, ApplicationGateway } from "./constructs/application-gateway";
export type {
  ApiManagementIngressOptions,
  ApiManagementIngressProps,
  ApplicationGatewayBackend,
  ApplicationGatewayCertificate,
  ApplicationGatewayProps,
} from "./constructs/application-gateway";
export { LogicAppWorkflow } from "./constructs/logic-app";
export type {
  AccessControlOptions,
  ConnectionOptions,
  ILogicAppWorkflow,
  JsonObject,
  JsonValue,
  LogicAppWorkflowProps,
  ManagedApiName,
  ManagedIdentityConnector,
  TriggerAuthenticationOptions,
  WorkflowConnection,
  WorkflowDefinition,
  WorkflowTrigger,
} from "./constructs/logic-app";
export { LogicAppStandard } from "./constructs/logic-app-standard";
export type {
  BuiltInConnector,
  BuiltInConnectorName,
  CheckedWorkflow,
  HostStorage,
  LogicAppStandardProps,
  PackageDeployment,
  PackagedParameter,
  ServiceProviderConnection,
  ServiceProviderReference,
  StandardWorkflowKind,
  StandardWorkflowOptions,
  WorkflowPackage,
  WorkflowStandardSku,
} from "./constructs/logic-app-standard";
export { FunctionApp } from "./constructs/function-app";
export type {
  DataConnectionAccess,
  FunctionAppBuild,
  FunctionAppCode,
  FunctionAppCodeDeployment,
  FunctionAppProps,
  FunctionAppTelemetryTarget,
  FunctionBinding,
  ICosmosDbAccountConnectable,
  IEventGridTopicConnectable,
  IEventHubsNamespaceConnectable,
  IFunctionApp,
  IServiceBusEntityConnectable,
  IServiceBusNamespaceConnectable,
  MessagingConnectionAccess,
  RegisteredFunction,
  ServiceBusConnectionTarget,
} from "./constructs/function-app";

// Data stores.
export { CosmosDbAccount, CosmosDbDataRoles, CosmosDbSqlContainer, CosmosDbSqlDatabase } from "./constructs/cosmos-db";
export type {
  CosmosDbAccountProps,
  CosmosDbAccountReference,
  CosmosDbBackupTier,
  CosmosDbConsistencyLevel,
  CosmosDbContainerOptions,
  CosmosDbDataRole,
  CosmosDbSqlContainerProps,
  CosmosDbSqlDatabaseProps,
  CosmosDbThroughputOptions,
  ICosmosDbAccount,
} from "./constructs/cosmos-db";
export { SqlDatabase, SqlDeployScript } from "./constructs/sql";
export type {
  ISqlDatabase,
  SqlDatabaseProps,
  SqlDatabaseRole,
  SqlDatabaseUser,
  SqlDatabaseUserOptions,
  SqlDeployScriptProps,
  SqlLongTermRetention,
} from "./constructs/sql";
export { DedicatedSqlPool, SynapseWorkspace } from "./constructs/synapse";
export type {
  DedicatedSqlPoolOptions,
  DedicatedSqlPoolProps,
  SqlPoolSku,
  SynapseEndpointSubresource,
  SynapseWorkspaceProps,
} from "./constructs/synapse";
export {
  Activity,
  DataFactory,
  DataFlow,
  Dataset,
  LinkedService,
  Pipeline,
  SelfHostedIntegrationRuntime,
  expression,
} from "./constructs/data-factory";
export type {
  ActivityJson,
  ActivityOptions,
  ActivityPolicy,
  ActivityType,
  ApprovableEndpoint,
  AzureDevOpsConfiguration,
  AzureSqlDatabaseLinkedServiceOptions,
  AzureSqlTableDatasetOptions,
  BlobEvent,
  BlobEventTriggerOptions,
  BlobStorageLinkedServiceOptions,
  BlobStorageTarget,
  CopyActivityOptions,
  CosmosContainerDatasetOptions,
  CosmosDbAccountRef,
  CosmosDbLinkedServiceOptions,
  DataFactoryProps,
  DataFlowEndpoint,
  DataFlowOptions,
  DataFlowTransformation,
  DataLakeLinkedServiceOptions,
  DataLakeLocation,
  DataLakeTarget,
  DatasetType,
  DelimitedTextDatasetOptions,
  Dependency,
  DependencyCondition,
  EntityKind,
  ExecuteDataFlowActivityOptions,
  Expression,
  ExternalReferences,
  ForEachActivityOptions,
  GitHubConfiguration,
  GlobalParameter,
  IDataFactory,
  IfConditionActivityOptions,
  JsonDatasetOptions,
  KeyVaultLinkedServiceOptions,
  KeyVaultSecretReference,
  KeyVaultTarget,
  LinkedServiceGrant,
  LinkedServiceType,
  LookupActivityOptions,
  ManagedIntegrationRuntimeOptions,
  ManagedPrivateEndpoint,
  ManagedPrivateEndpointApprovalSettings,
  ManagedPrivateEndpointOptions,
  ParquetDatasetOptions,
  PipelineDefinition,
  PipelineOptions,
  RestAuthentication,
  RestLinkedServiceOptions,
  RestResourceDatasetOptions,
  ScheduleOptions,
  ScheduleTriggerOptions,
  SelfHostedIntegrationRuntimeOptions,
  SqlServerLinkedServiceOptions,
  SqlServerTableDatasetOptions,
  StorageLinkedServiceType,
  StoredProcedureActivityOptions,
  StoredProcedureParameter,
  SynapseLinkedServiceOptions,
  SynapseTableDatasetOptions,
  Trigger,
  TumblingWindowTriggerOptions,
  WebActivityAuthentication,
  WebActivityOptions,
  WeekDay,
} from "./constructs/data-factory";

// The reference architectures.
export { ApiGateway, ApiRegistration } from "./patterns/api-gateway";
export type {
  ApiGatewayJwtOptions,
  ApiGatewayProps,
  ApiGatewayRateLimit,
  ApiRegistrationOptions,
  ManagedConnectorFirewall,
} from "./patterns/api-gateway";
export { MessageBroker } from "./patterns/message-broker";
export type { ApiPublisher, MessageBrokerProps } from "./patterns/message-broker";
export { EventDriven } from "./patterns/event-driven";
export type { EventDrivenProps, EventDrivenRetryPolicy, EventDrivenSubscriptions, ExternalWebhookOptions } from "./patterns/event-driven";
export { DataPipeline } from "./patterns/data-pipeline";
export type {
  DataFlowDefinition,
  DataPipelineDatasets,
  DataPipelineLinkedServices,
  DataPipelinePipelines,
  DataPipelineProps,
  DataPipelineSqlPoolProps,
  DataPipelineTriggers,
  OnPremisesSqlServerProps,
  PipelineName,
  RestApiSourceProps,
} from "./patterns/data-pipeline";

// Guardrails: the rule pack and the types its rules and reports use.
export { DIAGRAM_FILE, POLICY_REPORT_FILE, PolicyPack, RULES } from "./policy";
export type {
  CheckedResource,
  CheckedScope,
  PolicyFinding,
  PolicyLevel,
  PolicyPackOptions,
  PolicyReport,
  PolicyRule,
  ResourceConfig,
} from "./policy";
