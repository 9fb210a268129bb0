// `azure-integration-cdktf/authoring`: the kit for people who write their own constructs or policy
// rules. Validation, naming, grants, the standard kit's helpers (identity, diagnostics, private
// endpoints, locks, network access), flows and holes for the reachability rules, the deployer,
// suppressions, CIDR math, and the rule pack's check combinators and rule families. A curated,
// named list (no `export *`); `__tests__/api-surface.test.ts` lists it.
import * as ipv4 from "./constructs/core/ipv4";

// Validation: one error format (`<path>: <field> <value> <rule>; <fix>`), tokens skipped.
export { ValidationError, checkDuration, durationSeconds, invalid, isUnresolved, requireLiteral } from "./constructs/core";
export type { DurationRule, ValidationProblem } from "./constructs/core";
// `existing<Thing>` xor `<thing>Props`, every conflict in one error.
export { exclusiveProps } from "./constructs/core";
export type { ExclusivePair } from "./constructs/core";

// Naming: generated names and the per-resource rules.
export { NAMING_RULES, kebab, pathSuffix, resourceName, validateChildName, validateName } from "./constructs/core";
export type { NameParts, NamingRule, ResourceType } from "./constructs/core";

// The base class, grants and the standard kit.
export { ResourceConstruct } from "./constructs/core";
export type { CommonResourceProps, KitDiagnostics, KitPrivateEndpoint, KitProps, KitSpec, WiredKit } from "./constructs/core";
export { BuiltInRole, Principal, copyGrants, grantRole, principalOf } from "./constructs/core";
export type { BuiltInRoleName, Grantee, IGrantable, IPrincipal, PrincipalType } from "./constructs/core";
// One implementation of a service's grants for its construct, children and imports.
export { ResourceConstructBase, withMessagingGrants } from "./constructs/core";
export type { GrantTargetClass, IMessagingGrants, MessagingDataRoles } from "./constructs/core";
export { UserAssignedIdentity, identityBlock, identityPrincipal } from "./constructs/core";
// Imports and child entities: one base (GrantableResource) and one parser for every resource id `fromId` takes.
export { GrantableResource, ImportedResource, parseResourceId, resourceIdOf } from "./constructs/core";
export type { IAzureResource, ParsedResourceId } from "./constructs/core";
export type { IdentityOptions, UserAssignedIdentityProps } from "./constructs/core";
export { addDiagnostics } from "./constructs/core";
export type { DiagnosticsCapabilities, DiagnosticsOptions } from "./constructs/core";
export { PRIVATE_DNS_ZONES, PrivateEndpoint } from "./constructs/core";
export type { PrivateEndpointOptions, PrivateEndpointProps, PrivateLinkSubresource } from "./constructs/core";
export { addLock, orderLockLast } from "./constructs/core";
export type { LockOptions } from "./constructs/core";
export { dependOnKey, resolveCustomerManagedKey, withKeyIdentity } from "./constructs/core";
export type { CustomerManagedKeyRequest } from "./constructs/core";
export { resolveNetworkAccess } from "./constructs/core";
export type { NetworkAccessOptions, ResolvedNetworkAccess } from "./constructs/core";
export { addDependency, clientConfig, ensureRandomProvider, terraformLiteral, timeProvider, waitFor } from "./constructs/core";
export type { WaitProps } from "./constructs/core";
// Files written at synth (bundles, caches): a temporary file and a rename.
export { atomicWriteFile } from "./constructs/core";

// Flows and holes (what the reachability rules judge), deploy-time operations and the deployer.
export {
  recordDeployerFlow,
  recordEntityReference,
  recordFlow,
  recordHole,
  recordedEntityReferences,
  recordedFlows,
  recordedHoles,
} from "./constructs/core";
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
} from "./constructs/core";
export { deployTimeOperations, endpointNetwork, networkPath, recordDeployTimeOperation } from "./constructs/core";
export type { DeployTimeOperation, EndpointNetwork, EndpointSettings, NetworkPath } from "./constructs/core";
export { deployerOf, deployerPosition, grantToDeployer } from "./constructs/core";
export type { Deployer, DeployerNetwork, DeployerPosition, DeployerProps } from "./constructs/core";

// Reasoned suppressions a construct records (the policy pack reads them from the construct tree).
export { SUPPRESSION_METADATA, recordSuppression, suppressionsOf } from "./constructs/core";
export type { RuleSuppression } from "./constructs/core";

// Addresses and administrators shared by several services.
export { ipv4 };
export type { Ipv4Block } from "./constructs/core";
export { ipRangeOf, ipRangesOf, resolveAdministrator, validateAdministrator } from "./constructs/core";
export type { EntraAdministrator, FirewallIpRange } from "./constructs/core";

// Profiles: the per-environment defaults constructs read through the context.
export { PROFILES } from "./constructs/core";
export type { ProfileDefaults, ProfileName } from "./constructs/core";

// Writing policy rules: the check combinators, the shared rule families, the pack's rule arrays.
export {
  SECRET_ATTRIBUTES,
  SECRET_LITERAL,
  absent,
  all,
  appliesTo,
  atLeast,
  carriesSecret,
  danglingReferences,
  either,
  equals,
  everyBlock,
  hasDiagnostics,
  hasIdentity,
  hasLock,
  hasPrivateEndpoint,
  isReference,
  noLiteralCredentialsIn,
  noSecretsIn,
  oneOf,
  present,
  publicAccessOff,
  referencesIn,
  valueAt,
} from "./policy";
export { diagnosticsRule, identityRule, prodLockRule, prodPrivateEndpointRule, prodPublicAccessRule, sharedRules } from "./policy";
export type { RuleTarget, SharedFamilies, SharedFamily } from "./policy";
export {
  API_MANAGEMENT_RULES,
  APPLICATION_GATEWAY_RULES,
  DATA_FACTORY_RULES,
  DATA_STORE_RULES,
  DEPLOYER_RULES,
  ENCRYPTION_RULES,
  EVENT_GRID_RULES,
  EVENT_HUBS_RULES,
  FUNCTIONS_RULES,
  KEY_VAULT_RULES,
  LOGIC_APPS_RULES,
  PLATFORM_RULES,
  REACHABILITY_RULES,
  REFERENCE_RULES,
  RULES,
  SERVICE_BUS_RULES,
  STORAGE_RULES,
} from "./policy";
export { FLOW_TYPE, HOLE_TYPE, REFERENCE_TYPE, isDeployerPrincipal } from "./policy";
export type { CheckedResource, CheckedScope, PolicyLevel, PolicyRule, ResourceConfig } from "./policy";
// The reachability verdicts and the network table the reports are built from.
export { NETWORK_TABLE_END, NETWORK_TABLE_START, flowReport, judgeFlow, networkTable, summarize } from "./policy";
export { accessMatrix, DIAGRAM_END, DIAGRAM_START, diagramMarkdown, flowDiagram } from "./policy";
export type { AccessEntry } from "./policy";
export type { FlowConfig, FlowReportEntry, HoleConfig, Verdict } from "./policy";
