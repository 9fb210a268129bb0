// The core kit's folder index: every name of core, listed (no `export *`). The package root and the
// authoring entry pick from it; constructs import core files directly.
export { validateChildName, validateNameLength } from "./child-names";
export { clientConfig } from "./client-config";
export { IntegrationContext } from "./context";
export type { IDiagnosticsDestination, IntegrationContextProps, IPrivateNetwork, IResourceGroup, ResolvedContext } from "./context";
export { dependOnKey, encryptionKeyOf, resolveCustomerManagedKey, withKeyIdentity } from "./customer-managed-key";
export type {
  CustomerManagedKeyOptions,
  CustomerManagedKeyOptOut,
  CustomerManagedKeyProp,
  CustomerManagedKeyRequest,
  IEncryptionKey,
  ResolvedCustomerManagedKey,
} from "./customer-managed-key";
export { addDependency } from "./depends-on";
export {
  AZURE_REGION_PAIRS,
  pairedRegion,
  resolveDisasterRecovery,
  withCosmosFailover,
  withGeoBackups,
  withGeoRedundantStorage,
} from "./disaster-recovery";
export type { DisasterRecoveryOptions } from "./disaster-recovery";
export { cidrContains, deployTimeOperations, endpointNetwork, networkPath, recordDeployTimeOperation } from "./deploy-time";
export type { DeployTimeOperation, EndpointNetwork, EndpointSettings, NetworkPath } from "./deploy-time";
export { deployerOf, deployerPosition, grantToDeployer } from "./deployer";
export type { Deployer, DeployerNetwork, DeployerPosition, DeployerProps } from "./deployer";
export { addDiagnostics } from "./diagnostics";
export type { DiagnosticsCapabilities, DiagnosticsOptions, LogAnalyticsDestinationType } from "./diagnostics";
export { checkDuration, durationSeconds } from "./duration";
export type { DurationRule } from "./duration";
export { DEPLOYER_ADMINISTRATOR_LOGIN, NIL_GUID, resolveAdministrator, validateAdministrator } from "./entra-administrator";
export type { EntraAdministrator } from "./entra-administrator";
export { invalid, isUnresolved, requireLiteral, ValidationError } from "./errors";
export type { ValidationProblem } from "./errors";
export { explainConstructError, uniqueId } from "./unique-id";
export { AZURE_REGIONS, checkLocation, isAzureRegion } from "./regions";
export { closest } from "./closest";
export {
  recordDeployerFlow,
  recordedEntityReferences,
  recordedFlows,
  recordedHoles,
  recordEntityReference,
  recordFlow,
  recordHole,
} from "./flows";
export type {
  CallerNetwork,
  CallerService,
  EntityKind,
  EntityReferenceProps,
  FlowCaller,
  FlowProps,
  FlowTarget,
  RecordedEntityReference,
  RecordedFlow,
  RecordedHole,
} from "./flows";
export { functionCodeDeployment, registerFunctionCode } from "./function-code";
export type { ServiceBusSystemProperties } from "./message-properties";
export { ResourceConstructBase, withMessagingGrants } from "./data-grants";
export type { GrantTargetClass, IMessagingGrants, MessagingDataRoles } from "./data-grants";
export { BuiltInRole, copyGrants, grantRole, Principal, principalOf } from "./grants";
export type { BuiltInRoleName, Grantee, IGrantable, IPrincipal, PrincipalType } from "./grants";
export { identityBlock, identityPrincipal, UserAssignedIdentity } from "./identity";
export { GrantableResource, ImportedResource } from "./imported-resource";
export type { IAzureResource } from "./imported-resource";
export { parseResourceId, resourceIdOf } from "./resource-id";
export type { ParsedResourceId } from "./resource-id";
export type { IdentityOptions, UserAssignedIdentityProps } from "./identity";
export { ipRangeOf, ipRangesOf } from "./ip-range";
export type { FirewallIpRange } from "./ip-range";
export { contains, formatIpv4, isIpv4Address, isNetworkCidr, networkCidr, overlaps, parseCidr, subnet } from "./ipv4";
export type { Ipv4Block } from "./ipv4";
export { addLock, orderLockLast } from "./lock";
export type { LockOptions } from "./lock";
export { kebab, NAMING_RULES, pathSuffix, resourceName, validateName } from "./naming";
export type { NameParts, NamingRule, ResourceType } from "./naming";
export { resolveNetworkAccess } from "./network-access";
export type { NetworkAccessOptions, ResolvedNetworkAccess } from "./network-access";
export { PRIVATE_DNS_ZONES, PrivateEndpoint } from "./private-endpoint";
export type { PrivateEndpointOptions, PrivateEndpointProps, PrivateLinkSubresource } from "./private-endpoint";
export { PROFILES } from "./profiles";
export type { ApiManagementDefaultSku, FunctionAppPlan, ProfileDefaults, ProfileName, ServiceBusSku, SqlBackupStorageRedundancy } from "./profiles";
export { ensureRandomProvider } from "./random-provider";
export { ResourceConstruct } from "./resource-construct";
export type { CommonResourceProps, KitDiagnostics, KitPrivateEndpoint, KitProps, KitSpec, WiredKit } from "./resource-construct";
export { atomicWriteFile } from "./fs";
export { recordSuppression, SUPPRESSION_METADATA, suppressionsOf } from "./suppressions";
export type { RuleSuppression } from "./suppressions";
export { TagDefaults } from "./tags";
export { exclusiveProps } from "./props";
export type { ExclusivePair } from "./props";
export { terraformLiteral } from "./terraform-text";
export { timeProvider, waitFor } from "./time";
export type { WaitProps } from "./time";
