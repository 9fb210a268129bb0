import { atLeast, carriesSecret, danglingReferences, either, equals, present, valueAt } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule } from "./common";

/** Roles that grant far more than any integration workload needs, by name and by built-in GUID. */
const BROAD_ROLES = ["Owner", "Contributor", "User Access Administrator"];
const BROAD_ROLE_IDS = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-e35e-4fb5-a5c3-7773c20a72d9"];

export const PLATFORM_RULES: PolicyRule[] = [
  { id: "AIC-MON-001", level: "warning", resourceTypes: ["azurerm_log_analytics_workspace"], title: "Log Analytics keeps logs at least 30 days (90 in prod)", remediation: "keep the Monitoring `retentionInDays` profile default", check: (r, s) => atLeast("retention_in_days", r.profile === "prod" ? 90 : 30)(r, s) },
  { id: "AIC-MON-002", level: "warning", resourceTypes: ["azurerm_log_analytics_workspace"], title: "Log Analytics workspaces accept Entra ID authentication only", remediation: "keep `local_authentication_enabled` false", check: either(equals("local_authentication_enabled", false), equals("local_authentication_disabled", true)) },
  { id: "AIC-MON-003", level: "error", resourceTypes: ["azurerm_application_insights"], title: "Application Insights is workspace-based", remediation: "keep the Monitoring construct's `workspace_id`", check: present("workspace_id") },
  { id: "AIC-MON-004", level: "warning", resourceTypes: ["azurerm_application_insights"], title: "Application Insights accepts Entra ID–authenticated telemetry only", remediation: "keep `applicationInsightsLocalAuth` false and grant `grantMetricsPublisher`", check: equals("local_authentication_disabled", true) },
  { id: "AIC-NET-001", level: "warning", resourceTypes: ["azurerm_subnet"], title: "Subnets have no default outbound internet access", remediation: "keep `default_outbound_access_enabled` false; route egress explicitly", check: equals("default_outbound_access_enabled", false) },
  diagnosticsRule("AIC-NET-020", ["azurerm_virtual_network"], "Virtual networks", "warning"),
  { id: "AIC-IAM-001", level: "warning", resourceTypes: ["azurerm_role_assignment"], title: "Role assignments use least-privilege roles, not Owner, Contributor or User Access Administrator", remediation: "grant with the construct's `grant*` methods (data-plane roles)", check: ({ config }) => !BROAD_ROLES.includes(String(valueAt(config, "role_definition_name"))) && !BROAD_ROLE_IDS.some((id) => String(valueAt(config, "role_definition_id") ?? "").toLowerCase().endsWith(id)) },
  { id: "AIC-IAM-002", level: "warning", resourceTypes: ["azurerm_role_assignment"], title: "Role assignments name the principal type (avoids replication-delay failures)", remediation: "grant with `grantRole`, which sets `principal_type`", check: present("principal_type") },
  {
    id: "AIC-TF-001",
    level: "error",
    resourceTypes: ["*"],
    title: "References name a resource, data source, variable, local or module of the same stack (anything else fails only at plan)",
    remediation: "reference constructs of this stack only (pattern stacks skip cdktf's cross-stack wiring; pass values between stacks as variables), and check escape-hatch overrides for typos",
    check: (resource, scope) => danglingReferences(resource.config, scope).length === 0,
  },
  { id: "AIC-SEC-001", level: "error", resourceTypes: ["terraform_output"], title: "Outputs that carry keys, passwords, connection strings or signed URLs are sensitive", remediation: "set `sensitive: true` on the TerraformOutput, or do not output the secret", check: ({ config }) => config.sensitive === true || !carriesSecret(JSON.stringify(config.value ?? "")) },
];
