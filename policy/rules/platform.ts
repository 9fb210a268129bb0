import { atLeast, carriesSecret, danglingReferences, either, equals, present, valueAt } from "../checks";
import { replaceTrigger, underLock } from "../../constructs/core/lock";
import { CheckedResource, CheckedScope, PolicyRule } from "../types";
import { diagnosticsRule } from "./common";

/** Roles that grant far more than any integration workload needs, by name and by built-in GUID. */
const BROAD_ROLES = ["Owner", "Contributor", "User Access Administrator"];
const BROAD_ROLE_IDS = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-e35e-4fb5-a5c3-7773c20a72d9"];

/**
 * What is under a lock's scope but not ordered before it: resources it does not (transitively)
 * depend on, or whose replacement does not replace it (`lifecycle.replace_triggered_by`). Terraform
 * destroys in reverse dependency order, so a dependency also makes the lock go first on destroy.
 */
export function unorderedUnderLock(lock: CheckedResource, scope: CheckedScope): string[] {
  const { graph } = scope;
  if (!graph.has(lock.address)) return [];
  const dependencies = graph.dependenciesOf(lock.address);
  const raw: unknown = lock.config.lifecycle?.replace_triggered_by;
  const triggers = new Set(Array.isArray(raw) ? raw : []);
  const readOnly = lock.config.lock_level === "ReadOnly";
  const triggered = (address: string) =>
    /^(data|module)\./.test(address) || triggers.has(address) || triggers.has(replaceTrigger(graph, address, readOnly));
  return underLock(graph, lock.address).filter((address) => !dependencies.has(address) || !triggered(address));
}

/** The finding's detail: what the lock misses, by construct path where the pack knows it. */
function describeUnordered(lock: CheckedResource, scope: CheckedScope): string {
  const missing = unorderedUnderLock(lock, scope);
  const named = missing.slice(0, 5).map((address) => {
    const path = scope.resources.find((r) => r.address === address)?.path;
    return path ? `${path} (${address})` : address;
  });
  const more = missing.length > named.length ? ` and ${missing.length - named.length} more` : "";
  return `not ordered after: ${named.join(", ")}${more}`;
}

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
  {
    id: "AIC-TF-002",
    level: "error",
    resourceTypes: ["azurerm_management_lock"],
    title:
      "A management lock depends on, and is replaced with, every resource under its scope " +
      "(the lock covers them: without that, Terraform cannot replace or destroy them)",
    remediation:
      "create the lock with the construct's `lock` prop or call `orderLockLast(lock)` on your own ManagementLock; " +
      "nothing under the lock may depend on the lock",
    check: (resource, scope) => unorderedUnderLock(resource, scope).length === 0,
    explain: describeUnordered,
  },
  { id: "AIC-SEC-001", level: "error", resourceTypes: ["terraform_output"], title: "Outputs that carry keys, passwords, connection strings or signed URLs are sensitive", remediation: "set `sensitive: true` on the TerraformOutput, or do not output the secret", check: ({ config }) => config.sensitive === true || !carriesSecret(JSON.stringify(config.value ?? "")) },
];
