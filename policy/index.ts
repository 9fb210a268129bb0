// The policy pack's folder index: every public name, listed (no `export *`).
export {
  absent,
  all,
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
  SECRET_ATTRIBUTES,
  SECRET_LITERAL,
  valueAt,
} from "./checks";
export { appliesTo, DIAGRAM_FILE, POLICY_REPORT_FILE, PolicyPack } from "./policy-pack";
export { accessMatrix, DIAGRAM_END, DIAGRAM_START, diagramMarkdown, flowDiagram } from "./diagram";
export type { AccessEntry } from "./diagram";
export type { PolicyPackOptions } from "./policy-pack";
export { summarize } from "./report";
export type { PolicyReport } from "./report";
export { FLOW_TYPE, HOLE_TYPE, REFERENCE_TYPE } from "./types";
export type { CheckedResource, CheckedScope, PolicyFinding, PolicyLevel, PolicyRule, ResourceConfig } from "./types";
export { RULES } from "./rules";
export { API_MANAGEMENT_RULES } from "./rules/api-management";
export { APPLICATION_GATEWAY_RULES } from "./rules/application-gateway";
export { diagnosticsRule, identityRule, prodLockRule, prodPrivateEndpointRule, prodPublicAccessRule, sharedRules } from "./rules/common";
export type { RuleTarget, SharedFamilies, SharedFamily } from "./rules/common";
export { DATA_FACTORY_RULES } from "./rules/data-factory";
export { DATA_STORE_RULES } from "./rules/data-stores";
export { DEPLOYER_RULES, isDeployerPrincipal } from "./rules/deployer";
export { ENCRYPTION_RULES } from "./rules/encryption";
export { EVENT_GRID_RULES } from "./rules/event-grid";
export { EVENT_HUBS_RULES } from "./rules/event-hubs";
export { FUNCTIONS_RULES } from "./rules/functions";
export { KEY_VAULT_RULES } from "./rules/key-vault";
export { LOGIC_APPS_RULES } from "./rules/logic-apps";
export { PLATFORM_RULES } from "./rules/platform";
export { REACHABILITY_RULES } from "./rules/reachability";
export { REFERENCE_RULES } from "./rules/references";
export { SERVICE_BUS_RULES } from "./rules/service-bus";
export { STORAGE_RULES } from "./rules/storage";
export { referencesIn, TerraformGraph } from "../constructs/core/terraform-graph";
export { flowReport } from "./reachability/report";
export type { FlowReportEntry } from "./reachability/report";
export { NETWORK_TABLE_END, NETWORK_TABLE_START, networkTable } from "./reachability/table";
export { judgeFlow } from "./reachability/judge";
export type { FlowConfig, HoleConfig, Verdict } from "./reachability/judge";
