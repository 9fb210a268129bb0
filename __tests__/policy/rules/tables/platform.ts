import { CheckedResource, ResourceConfig } from "../../../../policy/types";
import { KnownDefect, RuleTable, TOKEN, checked, diagnosticsTable, ref } from "../harness";

// --- AIC-TF-002: a storage account, a container of it and a grant on the container --------------

const LAKE = "azurerm_storage_account.Lake";
const CONTAINER = "azurerm_storage_container.Raw";
const GRANT = "azurerm_role_assignment.OnRaw";
const CONTAINER_LOCK = "azurerm_management_lock.RawLock";
const BLOB = "azurerm_storage_blob.Blob";

function blob(): CheckedResource {
  const config = { name: "b", storage_account_name: `\${${LAKE}.name}`, storage_container_name: "raw", type: "Block" };
  return checked("azurerm_storage_blob", config, "prod", "Blob");
}

function lake(): CheckedResource {
  return checked("azurerm_storage_account", { name: "stlake" }, "prod", "Lake");
}

function underLake(): CheckedResource[] {
  const grant = { scope: ref(CONTAINER), principal_id: TOKEN, role_definition_name: "Storage Blob Data Reader" };
  const container = { name: "raw", storage_account_id: ref(LAKE) };
  return [lake(), checked("azurerm_storage_container", container, "prod", "Raw"), checked("azurerm_role_assignment", grant, "prod", "OnRaw")];
}

const BOTH = [CONTAINER, GRANT];
const SUBJECT = "azurerm_management_lock.Subject";
const READ_ONLY = { lock_level: "ReadOnly" };
const ids = (...addresses: string[]) => addresses.map((a) => `${a}.id`);

/** A lock's JSON: `scope` and, when given, `depends_on` and `lifecycle.replace_triggered_by`. */
function lockConfig(scope: string, dependsOn?: string[], triggers?: string[], extra: ResourceConfig = {}): ResourceConfig {
  const lifecycle = triggers && { lifecycle: { replace_triggered_by: triggers } };
  return { scope, lock_level: "CanNotDelete", ...extra, ...(dependsOn && { depends_on: dependsOn }), ...lifecycle };
}

const lakeLock = (dependsOn?: string[], triggers?: string[], extra?: ResourceConfig) => lockConfig(ref(LAKE), dependsOn, triggers, extra);

function containerLock(dependsOn: string[], triggers: string[]): CheckedResource {
  return checked("azurerm_management_lock", lockConfig(ref(CONTAINER), dependsOn, triggers), "prod", "RawLock");
}

// --- Subnets: NSGs and egress (AIC-NET-002, AIC-NET-003) ---------------------------------------

/** An association of `type` attaching `attached` (e.g. an NSG) to the subnet `subnetRef` stands for. */
function association(type: string, subnetRef: string, attached: Record<string, string>, name: string): CheckedResource {
  return checked(type, { subnet_id: subnetRef, ...attached }, "prod", name);
}
const nsgOn = (subnetRef: string, name = "Nsg") =>
  association(
    "azurerm_subnet_network_security_group_association",
    subnetRef,
    { network_security_group_id: "${azurerm_network_security_group.N.id}" },
    name
  );
const natOn = (subnetRef: string, name = "Nat") =>
  association("azurerm_subnet_nat_gateway_association", subnetRef, { nat_gateway_id: "${azurerm_nat_gateway.G.id}" }, name);
const routeTableOn = (subnetRef: string, table = "${azurerm_route_table.Egress.id}") =>
  association("azurerm_subnet_route_table_association", subnetRef, { route_table_id: table }, "Rt");
const appIn = (subnetRef: string, type = "azurerm_linux_function_app") => checked(type, { virtual_network_subnet_id: subnetRef }, "prod", "App");
const table = (routes: Record<string, string>[]) => checked("azurerm_route_table", { name: "rt", route: routes }, "prod", "Egress");
const TO_FIREWALL = { name: "internet", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.100.0.4" };
const PRIVATE = { name: "snet-apps", default_outbound_access_enabled: false };


const NAMESPACE = "azurerm_servicebus_namespace.Bus";
const TOPIC = checked("azurerm_servicebus_topic", { name: "order-events", namespace_id: ref(NAMESPACE) }, "prod", "Topic");
const QUEUE_CONFIG = { name: "orders", namespace_id: ref(NAMESPACE) };
const SUBSCRIPTION_CONFIG = { name: "billing", topic_id: ref(TOPIC.address) };

/** A DeadletteredMessages metric alert on `scope` with the given EntityName dimension (undefined: none). */
function deadLetterAlert(
  values: string[] | undefined,
  extra: { scope?: string; metric?: string; operator?: string; enabled?: boolean } = {},
): CheckedResource {
  const dimension = values === undefined ? [] : [{ name: "EntityName", operator: extra.operator ?? "Include", values }];
  return checked(
    "azurerm_monitor_metric_alert",
    {
      scopes: [extra.scope ?? ref(NAMESPACE)],
      ...(extra.enabled === undefined ? {} : { enabled: extra.enabled }),
      criteria: [
        {
          metric_namespace: "Microsoft.ServiceBus/namespaces",
          metric_name: extra.metric ?? "DeadletteredMessages",
          aggregation: "Maximum",
          operator: "GreaterThan",
          threshold: 0,
          dimension,
        },
      ],
    },
    "prod",
    "DeadLetters",
  );
}

export const PLATFORM_TABLES: RuleTable[] = [
  {
    id: "AIC-MON-001",
    pass: [
      { name: "90 days in prod", config: { retention_in_days: 90 } },
      { name: "365 days in prod", config: { retention_in_days: 365 } },
      { name: "30 days in dev", config: { retention_in_days: 30 }, profile: "dev" },
      { name: "retention is a reference", config: { retention_in_days: "${var.retention}" } },
    ],
    fail: [
      { name: "30 days in prod (prod needs 90)", config: { retention_in_days: 30 } },
      { name: "7 days in dev", config: { retention_in_days: 7 }, profile: "dev" },
      { name: "retention absent", config: {} },
      { name: "retention as a string", config: { retention_in_days: "90" } },
    ],
  },
  {
    id: "AIC-MON-002",
    pass: [{ name: "local_authentication_enabled false", config: { local_authentication_enabled: false } }],
    fail: [
      { name: "local_authentication_enabled true", config: { local_authentication_enabled: true } },
      { name: "local_authentication_enabled absent (Azure default: on)", config: {} },
    ],
  },
  {
    id: "AIC-MON-003",
    pass: [
      { name: "workspace_id is a literal id", config: { workspace_id: "/subscriptions/x/workspaces/log" } },
      { name: "workspace_id is a reference", config: { workspace_id: "${azurerm_log_analytics_workspace.Logs.id}" } },
    ],
    fail: [
      { name: "workspace_id absent (classic Application Insights)", config: {} },
      { name: "workspace_id empty", config: { workspace_id: "" } },
    ],
  },
  {
    id: "AIC-MON-004",
    pass: [{ name: "local_authentication_disabled true", config: { local_authentication_disabled: true } }],
    fail: [
      { name: "local_authentication_disabled false", config: { local_authentication_disabled: false } },
      { name: "local_authentication_disabled absent (Azure default: keys accepted)", config: {} },
    ],
  },
  {
    id: "AIC-MON-006",
    pass: [
      {
        name: "every failure signal watched (one alert listing them all)",
        config: {},
        with: (self) => [metricAlert(self, ["RunsFailed", "Requests", "Capacity", "PipelineFailedRuns", "TriggerFailedRuns", "DroppedEventCount", "DeadLetteredCount"])],
      },
      { name: "a workflow: RunsFailed watched", types: ["azurerm_logic_app_workflow"], config: {}, with: (self) => [metricAlert(self, ["RunsFailed"])] },
      {
        name: "API Management: Requests and Capacity, in two alerts",
        types: ["azurerm_api_management"],
        config: {},
        with: (self) => [metricAlert(self, ["Requests"]), metricAlert(self, ["Capacity"], "Capacity")],
      },
      {
        name: "a factory: pipeline and trigger failures in one alert",
        types: ["azurerm_data_factory"],
        config: {},
        with: (self) => [metricAlert(self, ["PipelineFailedRuns", "TriggerFailedRuns"])],
      },
    ],
    fail: [
      { name: "no alert", config: {} },
      { name: "a factory: trigger failures unwatched", types: ["azurerm_data_factory"], config: {}, with: (self) => [metricAlert(self, ["PipelineFailedRuns"])] },
      {
        name: "a topic: the alert is disabled",
        types: ["azurerm_eventgrid_topic"],
        config: {},
        with: (self) => [metricAlert(self, ["DroppedEventCount", "DeadLetteredCount"], "Alert", false)],
      },
      {
        name: "a workflow: the alert watches another workflow",
        types: ["azurerm_logic_app_workflow"],
        config: {},
        with: (self) => [metricAlert(checked(self.type, {}, self.profile, "Other"), ["RunsFailed"])],
      },
    ],
    notApplicable: [{ name: "no alert in dev (prod-only)", config: {}, profile: "dev" }],
  },
  {
    id: "AIC-MON-007",
    pass: [
      { name: "the app named in a query", config: { name: "app-orders" }, with: () => [queryAlert('AppRequests | where AppRoleName =~ "app-orders"')] },
      {
        name: "a function app named in a query",
        types: ["azurerm_linux_function_app"],
        config: { name: "func-orders" },
        with: () => [queryAlert('AppRequests | where AppRoleName =~ "func-orders" and Success == false')],
      },
      {
        name: "a Standard app by id reference",
        types: ["azurerm_logic_app_standard"],
        config: { name: "la-orders" },
        with: (self) => [queryAlert(`LogicAppWorkflowRuntime | where _ResourceId =~ "${ref(self.address)}" and Status == "Failed"`)],
      },
    ],
    fail: [
      { name: "no query alert", config: { name: "func-orders" } },
      {
        name: "a query naming another app (a prefix of it is no match)",
        types: ["azurerm_function_app_flex_consumption"],
        config: { name: "func-orders" },
        with: () => [queryAlert('AppRequests | where AppRoleName =~ "func-orders-2" and Success == false')],
      },
      {
        name: "the query alert is disabled",
        types: ["azurerm_linux_function_app"],
        config: { name: "func-orders" },
        with: () => [queryAlert('AppRequests | where AppRoleName =~ "func-orders"', false)],
      },
    ],
    notApplicable: [{ name: "no alert in dev (prod-only)", config: { name: "func-orders" }, profile: "dev" }],
  },
  {
    id: "AIC-MON-005",
    pass: [
      {
        name: "queue: the namespace alert names it",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(["orders", "order-events"])],
      },
      { name: "queue: EntityName *", types: ["azurerm_servicebus_queue"], config: QUEUE_CONFIG, with: () => [deadLetterAlert(["*"])] },
      {
        name: "queue: no EntityName dimension (every entity summed)",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(undefined)],
      },
      {
        name: "subscription: the alert names its topic",
        types: ["azurerm_servicebus_subscription"],
        config: SUBSCRIPTION_CONFIG,
        with: () => [TOPIC, deadLetterAlert(["order-events"])],
      },
    ],
    fail: [
      { name: "queue: no alert", types: ["azurerm_servicebus_queue"], config: QUEUE_CONFIG },
      {
        name: "queue: the alert names only other entities",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(["order-events"])],
      },
      {
        name: "queue: the alert excludes it",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(["orders"], { operator: "Exclude" })],
      },
      {
        name: "queue: another metric (ActiveMessages)",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(["orders"], { metric: "ActiveMessages" })],
      },
      {
        name: "queue: the alert watches another namespace",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(["orders"], { scope: ref("azurerm_servicebus_namespace.Other") })],
      },
      {
        name: "queue: the alert is disabled",
        types: ["azurerm_servicebus_queue"],
        config: QUEUE_CONFIG,
        with: () => [deadLetterAlert(["orders"], { enabled: false })],
      },
      { name: "subscription: no alert", types: ["azurerm_servicebus_subscription"], config: SUBSCRIPTION_CONFIG, with: () => [TOPIC] },
      {
        name: "subscription: the alert names the subscription, not its topic",
        types: ["azurerm_servicebus_subscription"],
        config: SUBSCRIPTION_CONFIG,
        with: () => [TOPIC, deadLetterAlert(["billing"])],
      },
    ],
    notApplicable: [{ name: "no alert in dev (prod-only)", types: ["azurerm_servicebus_queue"], config: QUEUE_CONFIG, profile: "dev" }],
  },
  {
    id: "AIC-NET-001",
    pass: [{ name: "default_outbound_access_enabled false", config: { default_outbound_access_enabled: false } }],
    fail: [
      { name: "default_outbound_access_enabled true", config: { default_outbound_access_enabled: true } },
      { name: "default_outbound_access_enabled absent (azurerm default: true)", config: {} },
    ],
  },
  {
    id: "AIC-NET-002",
    pass: [
      { name: "an NSG association on its id", config: { name: "snet-apps" }, with: (self) => [nsgOn(ref(self.address))] },
      {
        name: "an NSG association chained after its NAT gateway association (as the Network construct hands ids out)",
        config: { name: "snet-apps" },
        with: (self) => [natOn(ref(self.address)), nsgOn(ref("azurerm_subnet_nat_gateway_association.Nat", "subnet_id"))],
      },
      { name: "GatewaySubnet cannot have one", config: { name: "GatewaySubnet" } },
      { name: "AzureFirewallSubnet cannot have one", config: { name: "AzureFirewallSubnet" } },
      { name: "AzureFirewallManagementSubnet cannot have one", config: { name: "AzureFirewallManagementSubnet" } },
      { name: "RouteServerSubnet cannot have one", config: { name: "RouteServerSubnet" } },
      {
        name: "a dedicated HSM delegation cannot have one",
        config: { name: "snet-hsm", delegation: [{ name: "d", service_delegation: { name: "Microsoft.HardwareSecurityModules/dedicatedHSMs" } }] },
      },
      { name: "the name is only known at deploy time (it may be GatewaySubnet)", config: { name: "${var.subnet_name}" } },
      { name: "in dev too", config: { name: "snet-apps" }, profile: "dev", with: (self) => [nsgOn(ref(self.address))] },
    ],
    fail: [
      { name: "no NSG association", config: { name: "snet-private-endpoints" } },
      { name: "no NSG association, in dev", config: { name: "snet-apps" }, profile: "dev" },
      {
        name: "the association is on another subnet",
        config: { name: "snet-apps" },
        with: () => [checked("azurerm_subnet", {}, "prod", "Other"), nsgOn(ref("azurerm_subnet.Other"))],
      },
      {
        name: "a NAT gateway and a route table are no NSG",
        config: { name: "snet-apps" },
        with: (self) => [natOn(ref(self.address)), routeTableOn(ref(self.address))],
      },
      { name: "a name that only looks special", config: { name: "GatewaySubnet-apps" } },
      {
        name: "a delegated subnet (App Service) can have one",
        config: { name: "snet-integration", delegation: { name: "d", service_delegation: { name: "Microsoft.Web/serverFarms" } } },
      },
    ],
  },
  {
    id: "AIC-NET-003",
    pass: [
      { name: "an integrated app and a NAT gateway", config: PRIVATE, with: (self) => [appIn(ref(self.address)), natOn(ref(self.address))] },
      {
        name: "the app reads the id from the chained associations (NSG, then NAT gateway)",
        config: PRIVATE,
        with: (self) => [
          nsgOn(ref(self.address)),
          natOn(ref("azurerm_subnet_network_security_group_association.Nsg", "subnet_id")),
          appIn(ref("azurerm_subnet_nat_gateway_association.Nat", "subnet_id")),
        ],
      },
      {
        name: "a route table with 0.0.0.0/0 to a firewall",
        config: PRIVATE,
        with: (self) => [appIn(ref(self.address)), routeTableOn(ref(self.address)), table([TO_FIREWALL])],
      },
      {
        name: "a route table whose 0.0.0.0/0 route is a separate azurerm_route",
        config: PRIVATE,
        with: (self) => [
          appIn(ref(self.address)),
          routeTableOn(ref(self.address)),
          table([]),
          checked(
            "azurerm_route",
            { name: "internet", route_table_name: ref("azurerm_route_table.Egress", "name"), address_prefix: "0.0.0.0/0", next_hop_type: "Internet" },
            "prod",
            "R"
          ),
        ],
      },
      {
        name: "a route table outside the stack (it cannot be inspected)",
        config: PRIVATE,
        with: (self) => [appIn(ref(self.address)), routeTableOn(ref(self.address), "/subscriptions/s/routeTables/rt-hub")],
      },
      { name: "no app in the subnet (private endpoints only)", config: PRIVATE, with: () => [appIn(ref("azurerm_subnet.Other"))] },
      {
        name: "default outbound access on (AIC-NET-001's finding, not this one)",
        config: { name: "snet-apps", default_outbound_access_enabled: true },
        with: (self) => [appIn(ref(self.address))],
      },
      {
        name: "a swift connection and a NAT gateway",
        config: PRIVATE,
        with: (self) => [
          checked("azurerm_app_service_virtual_network_swift_connection", { app_service_id: TOKEN, subnet_id: ref(self.address) }, "prod", "Swift"),
          natOn(ref(self.address)),
        ],
      },
    ],
    fail: [
      { name: "a function app and no egress", config: PRIVATE, with: (self) => [appIn(ref(self.address))] },
      {
        name: "a Logic App Standard behind the NSG association and no egress",
        config: PRIVATE,
        with: (self) => [
          nsgOn(ref(self.address)),
          appIn(ref("azurerm_subnet_network_security_group_association.Nsg", "subnet_id"), "azurerm_logic_app_standard"),
        ],
      },
      {
        name: "a Flex Consumption app, NAT gateway on another subnet",
        config: PRIVATE,
        with: (self) => [appIn(ref(self.address), "azurerm_function_app_flex_consumption"), natOn(ref("azurerm_subnet.Other"))],
      },
      {
        name: "a swift connection and no egress",
        config: PRIVATE,
        with: (self) => [
          checked("azurerm_app_service_virtual_network_swift_connection", { app_service_id: TOKEN, subnet_id: ref(self.address) }, "prod", "Swift"),
        ],
      },
      {
        name: "a route table without a default route",
        config: PRIVATE,
        with: (self) => [appIn(ref(self.address)), routeTableOn(ref(self.address)), table([{ ...TO_FIREWALL, address_prefix: "10.0.0.0/8" }])],
      },
      {
        name: "a default route to None (drops the traffic)",
        config: PRIVATE,
        with: (self) => [
          appIn(ref(self.address)),
          routeTableOn(ref(self.address)),
          table([{ name: "drop", address_prefix: "0.0.0.0/0", next_hop_type: "None" }]),
        ],
      },
      { name: "an NSG is no egress", config: PRIVATE, with: (self) => [appIn(ref(self.address)), nsgOn(ref(self.address))] },
    ],
  },
  diagnosticsTable("AIC-NET-020"),
  {
    id: "AIC-IAM-001",
    pass: [
      { name: "a data-plane role", config: { role_definition_name: "Storage Blob Data Reader", principal_type: "ServicePrincipal" } },
      { name: "role by id, no name", config: { role_definition_id: "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1" } },
      { name: "role name is a reference", config: { role_definition_name: "${var.role}" } },
    ],
    fail: [
      { name: "Owner", config: { role_definition_name: "Owner" } },
      { name: "Contributor", config: { role_definition_name: "Contributor" } },
      { name: "User Access Administrator", config: { role_definition_name: "User Access Administrator" } },
    ],
  },
  {
    id: "AIC-IAM-002",
    pass: [
      { name: "principal_type ServicePrincipal", config: { principal_type: "ServicePrincipal" } },
      { name: "principal_type is a reference", config: { principal_type: "${var.principal_type}" } },
      // The deployer is an existing principal whose type the environment does not say.
      {
        name: "the deployer (the principal Terraform runs as) without principal_type",
        config: { principal_id: "${data.azurerm_client_config.ClientConfig.object_id}" },
      },
      {
        name: "the configured deployer without principal_type",
        config: { principal_id: "11111111-1111-1111-1111-111111111111" },
        deployer: { network: "private", egressIpRanges: [], objectId: "11111111-1111-1111-1111-111111111111" },
      },
    ],
    fail: [
      { name: "principal_type absent", config: {} },
      { name: "principal_type empty", config: { principal_type: "" } },
      { name: "an identity without principal_type", config: { principal_id: "${azurerm_user_assigned_identity.App.principal_id}" } },
      {
        name: "the client-config principal, when the environment names another deployer",
        config: { principal_id: "${data.azurerm_client_config.ClientConfig.object_id}" },
        deployer: { network: "private", egressIpRanges: [], objectId: "11111111-1111-1111-1111-111111111111" },
      },
    ],
  },
  {
    id: "AIC-TF-001",
    pass: [
      { name: "a reference to a resource of the stack", types: ["azurerm_role_assignment"], config: { scope: "${azurerm_storage_account.Data.id}", principal_id: "${azurerm_user_assigned_identity.App.principal_id}" }, with: () => [checked("azurerm_storage_account", {}, "prod", "Data"), checked("azurerm_user_assigned_identity", {}, "prod", "App")] },
      { name: "a function over a resource list", types: ["azurerm_logic_app_workflow"], config: { access_control: { trigger: { allowed_caller_ip_address_range: '${formatlist("%s/32", azurerm_api_management.Gw.public_ip_addresses)}' } } }, with: () => [checked("azurerm_api_management", {}, "prod", "Gw")] },
      { name: "no references; count and each", types: ["azurerm_storage_container"], config: { name: "raw", metadata: { n: "${count.index}", e: "${each.value}" } } },
      { name: "an escaped literal $${...}", types: ["terraform_output"], config: { value: "$${azurerm_storage_account.Literal.id}" } },
    ],
    fail: [
      { name: "a resource of another stack (or a typo)", types: ["azurerm_role_assignment"], config: { scope: "${azurerm_storage_account.Elsewhere.id}" } },
      { name: "an undeclared data source", types: ["azurerm_storage_container"], config: { name: "${data.azurerm_client_config.current.tenant_id}" } },
      { name: "an undeclared variable inside a longer expression", types: ["terraform_output"], config: { value: "${join(\",\", [var.missing])}" } },
      { name: "a function over another stack's resource list", types: ["azurerm_logic_app_workflow"], config: { access_control: { trigger: { allowed_caller_ip_address_range: '${formatlist("%s/32", azurerm_api_management.Elsewhere.public_ip_addresses)}' } } } },
    ],
  },
  {
    id: "AIC-TF-002",
    pass: [
      {
        name: "depends on and is replaced with the container and the grant on it (a grandchild)",
        config: lakeLock(BOTH, ids(...BOTH)),
        with: underLake,
      },
      { name: "nothing under the locked resource", config: lakeLock(), with: () => [lake()] },
      {
        name: "a blob (data plane, which a lock does not block) and a time_sleep are only waited for",
        config: lakeLock([...BOTH, BLOB, "time_sleep.Wait"], ids(...BOTH)),
        with: () => [
          ...underLake(),
          blob(),
          checked("time_sleep", { triggers: { blob: `\${${BLOB}.id}` } }, "prod", "Wait"),
        ],
      },
      { name: "a literal scope (a resource outside the stack)", config: { scope: "/subscriptions/x/resourceGroups/rg" }, with: underLake },
      {
        name: "waits for the grant through a lock on the container (transitively), replaced with each",
        config: lakeLock([CONTAINER, CONTAINER_LOCK], ids(...BOTH, CONTAINER_LOCK)),
        with: () => [...underLake(), containerLock([GRANT], ids(GRANT))],
      },
      {
        name: "a second lock on the same resource is no dependency (each would wait for the other)",
        config: lakeLock(BOTH, ids(...BOTH)),
        with: () => [...underLake(), checked("azurerm_management_lock", { scope: ref(LAKE), lock_level: "CanNotDelete" }, "prod", "Twin")],
      },
      {
        name: "ReadOnly: replaced on any change of what it covers (whole resources)",
        config: lakeLock(BOTH, [...BOTH, LAKE], READ_ONLY),
        with: underLake,
      },
    ],
    fail: [
      { name: "no depends_on and no replace_triggered_by (locks before this rule)", config: lakeLock(), with: underLake },
      { name: "misses the grant on the container (a child of a child)", config: lakeLock([CONTAINER], ids(CONTAINER)), with: underLake },
      { name: "depends on everything but is not replaced with it", config: lakeLock(BOTH), with: underLake },
      {
        name: "misses a time_sleep under the lock (what a lock cannot block still waits: it is destroyed first)",
        config: lakeLock([...BOTH, BLOB], ids(...BOTH)),
        with: () => [
          ...underLake(),
          blob(),
          checked("time_sleep", { triggers: { blob: `\${${BLOB}.id}` } }, "prod", "Wait"),
        ],
      },
      {
        name: "misses a grant another construct made on the account later",
        config: lakeLock(BOTH, ids(...BOTH)),
        with: () => [...underLake(), checked("azurerm_role_assignment", { scope: ref(LAKE), principal_id: TOKEN }, "prod", "LateGrant")],
      },
      {
        name: "something under the lock depends on the lock (a cycle if the lock waited for it)",
        config: lakeLock(BOTH, ids(...BOTH)),
        with: () => [...underLake(), checked("azurerm_storage_queue", { storage_account_id: ref(LAKE), depends_on: [SUBJECT] }, "prod", "Queue")],
      },
      {
        name: "ReadOnly with id triggers only (updates under a ReadOnly lock fail too)",
        config: lakeLock(BOTH, ids(...BOTH), READ_ONLY),
        with: underLake,
      },
    ],
  },
  {
    id: "AIC-SEC-001",
    pass: [
      { name: "an endpoint reference", config: { value: "${azurerm_storage_account.Data.primary_blob_endpoint}" } },
      { name: "a secret reference, sensitive", config: { value: "${azurerm_storage_account.Data.primary_access_key}", sensitive: true } },
      { name: "a literal without credentials", config: { value: "https://contoso.servicebus.windows.net/" } },
      { name: "no value", config: {} },
    ],
    fail: [
      { name: "an access key reference", config: { value: "${azurerm_storage_account.Data.primary_access_key}" } },
      { name: "a connection string reference, sensitive false", config: { value: "${azurerm_storage_account.Data.primary_connection_string}", sensitive: false } },
      { name: "an instrumentation key reference", config: { value: "${azurerm_application_insights.Insights.instrumentation_key}" } },
      { name: "a literal connection string with a key", config: { value: "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=" } },
      { name: "a SAS URL", config: { value: "https://x.blob.core.windows.net/c?sv=2022-11-02&sig=abc%3D" } },
      { name: "a secret nested in an object value", config: { value: { endpoint: "https://x/", key: "${azurerm_cosmosdb_account.Db.primary_key}" } } },
    ],
  },
];

export const PLATFORM_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-SEC-001",
    type: "terraform_output",
    name: "Service Bus namespace default_primary_connection_string is not in SECRET_ATTRIBUTES",
    config: { value: "${azurerm_servicebus_namespace.Bus.default_primary_connection_string}" },
    should: "violate",
  },
  {
    id: "AIC-IAM-001",
    type: "azurerm_role_assignment",
    name: "Owner granted by role_definition_id (built-in Owner GUID) is not recognized",
    config: { role_definition_id: "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", scope: TOKEN },
    should: "violate",
  },
];


function metricAlert(target: CheckedResource, metrics: string[], name = "Alert", enabled?: boolean): CheckedResource {
  const criteria = metrics.map((metric_name) => ({ metric_namespace: "Microsoft.Test/things", metric_name, aggregation: "Total", operator: "GreaterThan", threshold: 0 }));
  return checked("azurerm_monitor_metric_alert", { scopes: [ref(target.address)], criteria, ...(enabled === undefined ? {} : { enabled }) }, target.profile, name);
}

function queryAlert(query: string, enabled?: boolean): CheckedResource {
  return checked(
    "azurerm_monitor_scheduled_query_rules_alert_v2",
    { scopes: [TOKEN], criteria: [{ query, operator: "GreaterThan", threshold: 0, time_aggregation_method: "Count" }], ...(enabled === undefined ? {} : { enabled }) },
    "prod",
    "Query",
  );
}
