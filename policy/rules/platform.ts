import { atLeast, carriesSecret, danglingReferences, either, equals, isReference, present, valueAt } from "../checks";
import { replaceTrigger, underLock } from "../../constructs/core/lock";
import { CheckedResource, CheckedScope, PolicyRule } from "../types";
import { sharedRules } from "./common";
import { isDeployerPrincipal } from "./deployer";

/**
 * Subnets that cannot carry a network security group: the VPN/ExpressRoute gateway, Azure
 * Firewall and Route Server subnets, and dedicated HSM delegations (PSRule for Azure,
 * Azure.VNET.UseNSGs: azure.github.io/PSRule.Rules.Azure/en/rules/Azure.VNET.UseNSGs/).
 */
const NO_NSG_SUBNETS = ["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet"];
const NO_NSG_DELEGATIONS = ["Microsoft.HardwareSecurityModules/dedicatedHSMs"];
const SUBNET_ASSOCIATIONS = [
  "azurerm_subnet_network_security_group_association",
  "azurerm_subnet_nat_gateway_association",
  "azurerm_subnet_route_table_association",
];
/** Apps whose `virtual_network_subnet_id` is regional VNet integration (outbound through the subnet). */
const INTEGRATED_APPS = [
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_function_app_flex_consumption",
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_logic_app_standard",
];

/**
 * The references that stand for `subnet`: its id, and the `subnet_id` (or `id`, which is the
 * subnet's id too) of every association chained on it, as the Network construct hands them out.
 */
function subnetReferences(subnet: CheckedResource, scope: CheckedScope): Set<string> {
  const refs = new Set([`\${${subnet.address}.id}`]);
  let grown = true;
  while (grown) {
    grown = false;
    for (const r of scope.resources) {
      if (!SUBNET_ASSOCIATIONS.includes(r.type) || !refs.has(String(valueAt(r.config, "subnet_id")))) continue;
      for (const ref of [`\${${r.address}.subnet_id}`, `\${${r.address}.id}`]) {
        if (refs.has(ref)) continue;
        refs.add(ref);
        grown = true;
      }
    }
  }
  return refs;
}

/** The associations of `type` attached to `subnet`. */
function associations(type: string, subnet: CheckedResource, scope: CheckedScope): CheckedResource[] {
  const refs = subnetReferences(subnet, scope);
  return scope.resources.filter((r) => r.type === type && refs.has(String(valueAt(r.config, "subnet_id"))));
}

/** False for the special subnets above; a name known only at deploy time may be one of them. */
function supportsNsg({ config }: CheckedResource): boolean {
  const name = valueAt(config, "name");
  const delegation = valueAt(config, "delegation.service_delegation.name");
  return !isReference(name) && !NO_NSG_SUBNETS.includes(String(name)) && !NO_NSG_DELEGATIONS.includes(String(delegation));
}

/** A route for 0.0.0.0/0 that goes somewhere (not `None`), inline or as an `azurerm_route`. */
function routesToInternet(association: CheckedResource, scope: CheckedScope): boolean {
  const id = String(valueAt(association.config, "route_table_id"));
  const table = scope.resources.find((r) => r.type === "azurerm_route_table" && id === `\${${r.address}.id}`);
  // A route table outside the stack (or only known at deploy time) cannot be inspected.
  if (!table) return true;
  const inline = table.config.route;
  const routes = [...(Array.isArray(inline) ? inline : inline ? [inline] : [])];
  const separate = scope.resources.filter((r) => r.type === "azurerm_route" && r.config.route_table_name === `\${${table.address}.name}`);
  routes.push(...separate.map((r) => r.config));
  return routes.some((route) => (route.address_prefix === "0.0.0.0/0" || isReference(route.address_prefix)) && route.next_hop_type !== "None");
}

/** Whether a VNet-integrated app sends its traffic through `subnet`. */
function hostsIntegratedApps(subnet: CheckedResource, scope: CheckedScope): boolean {
  const refs = subnetReferences(subnet, scope);
  return scope.resources.some(
    (r) =>
      (INTEGRATED_APPS.includes(r.type) && refs.has(String(valueAt(r.config, "virtual_network_subnet_id")))) ||
      (r.type === "azurerm_app_service_virtual_network_swift_connection" && refs.has(String(valueAt(r.config, "subnet_id")))),
  );
}

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
  const triggered = (address: string) => {
    const trigger = /^(data|module)\./.test(address) ? undefined : replaceTrigger(graph, address, readOnly);
    return trigger === undefined || triggers.has(address) || triggers.has(trigger);
  };
  return underLock(graph, lock.address).filter((address) => !dependencies.has(address) || !triggered(address));
}

const LOCK_ORDER_FIX =
  "create the lock with the construct's `lock` prop or call `orderLockLast(lock)` on your own ManagementLock; " +
  "nothing under the lock may depend on the lock";

/** The finding's fix: what the lock misses, by construct path where the pack knows it, then how to order it. */
function orderingRemediation(lock: CheckedResource, scope: CheckedScope): string {
  const missing = unorderedUnderLock(lock, scope);
  const named = missing.slice(0, 5).map((address) => {
    const path = scope.resources.find((r) => r.address === address)?.path;
    return path ? `${path} (${address})` : address;
  });
  const more = missing.length > named.length ? ` and ${missing.length - named.length} more` : "";
  return `it is not ordered after ${named.join(", ")}${more}: ${LOCK_ORDER_FIX}`;
}


/**
 * Failure signals per resource type, as the Alerts construct watches them (metric names from
 * Learn's supported-metrics pages: Microsoft.Logic/workflows, Microsoft.ApiManagement/service,
 * Microsoft.DataFactory/factories, Microsoft.EventGrid/topics, systemTopics and domains).
 */
const FAILURE_METRICS: Readonly<Record<string, readonly string[]>> = {
  azurerm_logic_app_workflow: ["RunsFailed"],
  azurerm_api_management: ["Requests", "Capacity"],
  azurerm_data_factory: ["PipelineFailedRuns", "TriggerFailedRuns"],
  azurerm_eventgrid_topic: ["DroppedEventCount", "DeadLetteredCount"],
  azurerm_eventgrid_system_topic: ["DroppedEventCount", "DeadLetteredCount"],
  azurerm_eventgrid_domain: ["DroppedEventCount", "DeadLetteredCount"],
};

/** Apps with no platform failure metric (Standard workflows) or whose failures live in Application Insights: watched by log queries. */
const LOG_WATCHED_APPS = [
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_function_app_flex_consumption",
  "azurerm_logic_app_standard",
];

const asList = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v && typeof v === "object" ? [v as Record<string, unknown>] : []);

/** The failure metrics of `r` that no enabled metric alert scoped to it watches. */
function unwatchedMetrics(r: CheckedResource, s: CheckedScope): string[] {
  const id = `\${${r.address}.id}`;
  const watched = new Set(
    s.resources
      .filter((a) =>
        a.type === "azurerm_monitor_metric_alert" && a.config.enabled !== false && Array.isArray(a.config.scopes) && a.config.scopes.includes(id))
      .flatMap((a) => asList(a.config.criteria).map((c) => c.metric_name)),
  );
  return (FAILURE_METRICS[r.type] ?? []).filter((metric) => !watched.has(metric));
}

/** An enabled scheduled query alert whose query names the app (its literal name, or its id or name reference). */
function hasFailureQuery(r: CheckedResource, s: CheckedScope): boolean {
  const names = [
    `\${${r.address}.id}`,
    `\${${r.address}.name}`,
    ...(typeof r.config.name === "string" && !isReference(r.config.name) ? [`"${r.config.name}"`] : []),
  ];
  return s.resources.some(
    (q) =>
      q.type === "azurerm_monitor_scheduled_query_rules_alert_v2" &&
      q.config.enabled !== false &&
      asList(q.config.criteria).some((c) => typeof c.query === "string" && names.some((n) => (c.query as string).includes(n))),
  );
}

/** `${type.name.id}` → `type.name`, or undefined for anything else. */
function addressIn(value: unknown): string | undefined {
  const m = typeof value === "string" ? /^\$\{([\w-]+\.[\w-]+)\.id\}$/.exec(value) : null;
  return m ? m[1] : undefined;
}

/**
 * A Service Bus queue or subscription is watched by a metric alert on `DeadletteredMessages` of its
 * namespace whose `EntityName` dimension includes the entity (a subscription's is its topic: the
 * metric counts per queue and topic), or `*`, or is left out (every entity summed). Learn:
 * https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-servicebus-namespaces-metrics
 */
function hasDeadLetterAlert(r: CheckedResource, s: CheckedScope): boolean {
  let namespaceId: unknown = r.config.namespace_id;
  let entity: unknown = r.config.name;
  if (r.type === "azurerm_servicebus_subscription") {
    const topic = s.resources.find((t) => t.type === "azurerm_servicebus_topic" && t.address === addressIn(r.config.topic_id));
    if (!topic) return isReference(r.config.topic_id) && addressIn(r.config.topic_id) === undefined;
    namespaceId = topic.config.namespace_id;
    entity = topic.config.name;
  }
  if (typeof namespaceId !== "string") return false;
  return s.resources.some(
    (alert) =>
      alert.type === "azurerm_monitor_metric_alert" &&
      alert.config.enabled !== false &&
      Array.isArray(alert.config.scopes) &&
      alert.config.scopes.includes(namespaceId) &&
      asList(alert.config.criteria).some((c) => {
        if (c.metric_name !== "DeadletteredMessages") return false;
        const byEntity = asList(c.dimension).filter((d) => d.name === "EntityName");
        if (byEntity.length === 0) return true;
        return byEntity.every((d) => {
          const values = Array.isArray(d.values) ? d.values : [];
          if (d.operator !== "Include") return false;
          return values.includes("*") || (typeof entity === "string" && (values.includes(entity) || isReference(entity)));
        });
      }),
  );
}

export const PLATFORM_RULES: PolicyRule[] = [
  {
    id: "AIC-MON-001",
    level: "warning",
    resourceTypes: ["azurerm_log_analytics_workspace"],
    title: "Log Analytics keeps logs at least 30 days (90 in prod)",
    remediation: "keep the Monitoring `retentionInDays` profile default",
    check: (r, s) => atLeast("retention_in_days", r.profile === "prod" ? 90 : 30)(r, s),
  },
  {
    id: "AIC-MON-002",
    level: "warning",
    resourceTypes: ["azurerm_log_analytics_workspace"],
    title: "Log Analytics workspaces accept Entra ID authentication only",
    remediation: "keep `local_authentication_enabled` false",
    check: either(equals("local_authentication_enabled", false), equals("local_authentication_disabled", true)),
  },
  {
    id: "AIC-MON-003",
    level: "error",
    resourceTypes: ["azurerm_application_insights"],
    title: "Application Insights is workspace-based",
    remediation: "keep the Monitoring construct's `workspace_id`",
    check: present("workspace_id"),
  },
  {
    id: "AIC-MON-004",
    level: "warning",
    resourceTypes: ["azurerm_application_insights"],
    title: "Application Insights accepts Entra ID–authenticated telemetry only",
    remediation: "keep `applicationInsightsLocalAuth` false and grant `grantMetricsPublisher`",
    check: equals("local_authentication_disabled", true),
  },
  {
    // A warning, in prod: a dead-lettered message is an order or command nobody processed, but alerts often come from
    // outside the stack (Azure Monitor Baseline Alerts assigned by Azure Policy at subscription scope), which the pack
    // cannot see; an error would fail such stacks. The patterns pass it (their Alerts), with no suppression.
    id: "AIC-MON-005",
    level: "warning",
    resourceTypes: ["azurerm_servicebus_queue", "azurerm_servicebus_subscription"],
    profiles: ["prod"],
    title: "Every Service Bus queue and subscription has a dead-letter alert (DeadletteredMessages on its queue or topic)",
    remediation: "keep the pattern's `alerts` default, or call `Alerts.watch` over the namespace",
    check: hasDeadLetterAlert,
  },
  {
    id: "AIC-MON-006",
    level: "warning",
    resourceTypes: Object.keys(FAILURE_METRICS),
    profiles: ["prod"],
    title: "Every workflow, API Management service, data factory and Event Grid topic has a metric alert on each of its failure signals",
    remediation: "keep the pattern's `alerts` default, or call `Alerts.watch` over the resource",
    check: (r, s) => unwatchedMetrics(r, s).length === 0,
    remediationFor: (r, s) =>
      `add metric alerts on ${unwatchedMetrics(r, s).join(", ")} (\`Alerts.watch\` does), or keep the pattern's \`alerts\` default`,
  },
  {
    id: "AIC-MON-007",
    level: "warning",
    resourceTypes: LOG_WATCHED_APPS,
    profiles: ["prod"],
    title: "Every function app and Standard logic app has a log alert on its failed executions or runs",
    remediation: "keep the pattern's `alerts` default, or call `Alerts.watch` over the app (a scheduled query naming the app)",
    check: hasFailureQuery,
  },
  {
    id: "AIC-NET-001",
    level: "warning",
    resourceTypes: ["azurerm_subnet"],
    title: "Subnets have no default outbound internet access",
    remediation: "keep `default_outbound_access_enabled` false; route egress explicitly",
    check: equals("default_outbound_access_enabled", false),
  },
  {
    id: "AIC-NET-002",
    level: "error",
    resourceTypes: ["azurerm_subnet"],
    title: "Subnets that support a network security group have one",
    remediation:
      "keep the Network construct's NSG per subnet (`networkSecurityGroup` in the subnet spec), " +
      "or associate your own with `azurerm_subnet_network_security_group_association`",
    check: (r, s) => !supportsNsg(r) || associations("azurerm_subnet_network_security_group_association", r, s).length > 0,
  },
  {
    // A warning, not an error: egress can come from outside the stack (a Virtual WAN hub's routing
    // intent, a route table or NAT gateway attached by a platform team or Azure Policy), and apps
    // whose every dependency has a private endpoint need none.
    id: "AIC-NET-003",
    level: "warning",
    resourceTypes: ["azurerm_subnet"],
    title:
      "Subnets without default outbound access that host VNet-integrated apps have explicit egress " +
      "(a NAT gateway, or a route table with a 0.0.0.0/0 route)",
    remediation:
      "keep the Network construct's `egress` (NAT gateway, or `{ type: \"firewall\", privateIp }` with a hub), " +
      "or associate a NAT gateway or route table with the subnet",
    check: (r, s) =>
      valueAt(r.config, "default_outbound_access_enabled") !== false ||
      !hostsIntegratedApps(r, s) ||
      associations("azurerm_subnet_nat_gateway_association", r, s).length > 0 ||
      associations("azurerm_subnet_route_table_association", r, s).some((a) => routesToInternet(a, s)),
  },
  ...sharedRules("NET", ["azurerm_virtual_network"], "Virtual networks", { diagnostics: { level: "warning" } }),
  {
    id: "AIC-IAM-001",
    level: "warning",
    resourceTypes: ["azurerm_role_assignment"],
    title: "Role assignments use least-privilege roles, not Owner, Contributor or User Access Administrator",
    remediation: "grant with the construct's `grant*` methods (data-plane roles)",
    check: ({ config }) =>
      !BROAD_ROLES.includes(String(valueAt(config, "role_definition_name"))) &&
      !BROAD_ROLE_IDS.some((id) => String(valueAt(config, "role_definition_id") ?? "").toLowerCase().endsWith(id)),
  },
  {
    id: "AIC-IAM-002",
    level: "warning",
    resourceTypes: ["azurerm_role_assignment"],
    title:
      "Role assignments name the principal type (avoids replication-delay failures), except the deployer's (an existing principal of unknown type)",
    remediation: "grant with `grantRole`, which sets `principal_type`",
    check: (r, s) => present("principal_type")(r, s) || isDeployerPrincipal(r.config.principal_id, s.deployer),
  },
  {
    id: "AIC-TF-001",
    level: "error",
    resourceTypes: ["*"],
    title: "References name a resource, data source, variable, local or module of the same stack (anything else fails only at plan)",
    remediation: "reference constructs of this stack only (pattern stacks skip cdktf's cross-stack wiring; pass values between stacks as " +
      "variables), and check escape-hatch overrides for typos",
    check: (resource, scope) => danglingReferences(resource.config, scope).length === 0,
  },
  {
    id: "AIC-TF-002",
    level: "error",
    resourceTypes: ["azurerm_management_lock"],
    title:
      "A management lock depends on, and is replaced with, every resource under its scope " +
      "(the lock covers them: without that, Terraform cannot replace or destroy them)",
    remediation: LOCK_ORDER_FIX,
    check: (resource, scope) => unorderedUnderLock(resource, scope).length === 0,
    remediationFor: orderingRemediation,
  },
  {
    id: "AIC-SEC-001",
    level: "error",
    resourceTypes: ["terraform_output"],
    title: "Outputs that carry keys, passwords, connection strings or signed URLs are sensitive",
    remediation: "set `sensitive: true` on the TerraformOutput, or do not output the secret",
    check: ({ config }) => config.sensitive === true || !carriesSecret(JSON.stringify(config.value ?? "")),
  },
];
