import { CheckedResource, FLOW_TYPE, ResourceConfig } from "../../../../policy/types";
import { KnownDefect, RuleCase, RuleTable, checked, ref } from "../harness";

// AIC-NET-010 judges a recorded flow (the subject) against the resources it brings along: the
// target, its private endpoints and firewall rules, the caller's L1 and service-tag data sources.

const BUS = "azurerm_servicebus_namespace.Bus";
const LAKE = "azurerm_storage_account.Lake";
const APIM = "azurerm_api_management.Gateway";
const APP = "azurerm_linux_function_app.App";
const SUBSCRIPTION = "azurerm_eventgrid_event_subscription.Sub";
const CONNECTORS = "data.azurerm_network_service_tags.Connectors";

type Caller = ResourceConfig;

/** A flow config: caller, target address, endpoint. */
export function flow(caller: Caller, target: string, endpoint?: string): ResourceConfig {
  return { caller: { egress: [], ...caller }, target, ...(endpoint ? { endpoint } : {}), purpose: "test calls" };
}

const at = (address: string, config: ResourceConfig): CheckedResource => {
  const [type, name] = address.startsWith("data.") ? [address.split(".").slice(0, 2).join("."), address.split(".")[2]] : address.split(".");
  return { ...checked(type, config, "prod", name), address };
};

export const connector = { runsIn: "multi-tenant", service: "AzureConnectors" };
/** Event Grid as caller: the identity is read from the subscription's `attribute`. */
export const eventGrid = (attribute = "dead_letter_identity") => ({
  runsIn: "multi-tenant",
  service: "EventGrid",
  resource: SUBSCRIPTION,
  identity: { attribute },
});
const apim = { runsIn: "multi-tenant", service: "ApiManagement", resource: APIM };
const app = { runsIn: "multi-tenant", resource: APP };

export const bus = (config: ResourceConfig = {}) => at(BUS, { sku: "Premium", public_network_access_enabled: true, ...config });
export const lake = (config: ResourceConfig = {}) => at(LAKE, { public_network_access_enabled: true, ...config });
export const privateEndpoint = (target: string, subresource: string, name = "Pe") =>
  at(`azurerm_private_endpoint.${name}`, {
    private_service_connection: { private_connection_resource_id: ref(target), subresource_names: [subresource], is_manual_connection: false },
  });
export const connectorTags = () => at(CONNECTORS, { service: "AzureConnectors", location: "westeurope", location_filter: "westeurope" });
const subscription = (identity: string | undefined, attribute = "dead_letter_identity") =>
  at(SUBSCRIPTION, identity ? { [attribute]: { type: identity } } : {});
const gateway = (config: ResourceConfig = {}) => at(APIM, config);
const functionApp = (integrated: boolean, config: ResourceConfig = {}) =>
  at(APP, { ...(integrated ? { virtual_network_subnet_id: "${azurerm_subnet.Integration.id}" } : {}), ...config });

/** A case of a flow to `target` with `also` in scope. */
function c(name: string, config: ResourceConfig, also: CheckedResource[]): RuleCase {
  return { name, types: [FLOW_TYPE], config, with: () => also };
}

export const REACHABILITY_TABLES: RuleTable[] = [
  {
    id: "AIC-NET-010",
    pass: [
      c("managed connector → namespace whose IP rules hold the AzureConnectors service-tag ranges", flow(connector, BUS), [
        bus({ network_rule_set: { default_action: "Deny", ip_rules: `\${concat([], ${CONNECTORS}.ipv4_cidrs)}` } }),
        connectorTags(),
      ]),
      c("API Management outside a VNet → namespace whose IP rules hold its public IPs", flow(apim, BUS), [
        bus({ network_rule_set: { default_action: "Deny", ip_rules: `\${${APIM}.public_ip_addresses}` } }),
        gateway(),
      ]),
      c("injected API Management (Internal) → private-only namespace through its private endpoint", flow(apim, BUS), [
        bus({ public_network_access_enabled: false }),
        privateEndpoint(BUS, "namespace"),
        gateway({ virtual_network_type: "Internal" }),
      ]),
      c(
        "Event Grid dead-lettering with the system identity → storage denying by default, trusted services by Azure's default bypass",
        flow(eventGrid(), LAKE, "blob"),
        [lake({ network_rules: { default_action: "Deny", ip_rules: [] } }), subscription("SystemAssigned")],
      ),
      c("Event Grid delivery with a user-assigned identity → Premium namespace with trusted services", flow(eventGrid("delivery_identity"), BUS), [
        bus({ network_rule_set: { default_action: "Deny", ip_rules: ["203.0.113.0/24"], trusted_services_allowed: true } }),
        subscription("UserAssigned", "delivery_identity"),
      ]),
      c("Standard namespace with no IP rule: Service Bus applies no firewall", flow(connector, BUS), [bus({ sku: "Standard" })]),
      c("VNet-integrated app → private-only storage through its blob private endpoint", flow(app, LAKE, "blob"), [
        lake({ public_network_access_enabled: false }),
        privateEndpoint(LAKE, "blob"),
        functionApp(true),
      ]),
      c("app without VNet integration → storage allowing all networks", flow(app, LAKE, "blob"), [
        lake({ network_rules: { default_action: "Allow" } }),
        functionApp(false),
      ]),
      c(
        "Event Grid push → function app whose access restrictions admit the AzureEventGrid service tag",
        flow(eventGrid("delivery_identity"), APP, "sites"),
        [
          functionApp(false, {
            site_config: { ip_restriction_default_action: "Deny", ip_restriction: [{ action: "Allow", service_tag: "AzureEventGrid" }] },
          }),
          subscription(undefined),
        ],
      ),
      c(
        "managed VNet runtime → private-only vault through a managed private endpoint",
        flow(
          {
            runsIn: "managed-vnet",
            service: "DataFactory",
            resource: "azurerm_data_factory_integration_runtime_azure.Ir",
            identity: "SystemAssigned",
          },
          "azurerm_key_vault.Vault",
          "vault",
        ),
        [
          at("azurerm_key_vault.Vault", { public_network_access_enabled: false, network_acls: { default_action: "Deny", bypass: "AzureServices" } }),
          at("azurerm_data_factory_managed_private_endpoint.Mpe", {
            target_resource_id: ref("azurerm_key_vault.Vault"),
            subresource_name: "vault",
            data_factory_id: "${azurerm_data_factory.F.id}",
            name: "mpe",
          }),
          at("azurerm_data_factory_integration_runtime_azure.Ir", { virtual_network_enabled: true }),
        ],
      ),
      c(
        "self-hosted runtime (on premises) → factory through its private endpoint (VPN/ExpressRoute assumed)",
        flow({ runsIn: "on-premises" }, "azurerm_data_factory.F", "dataFactory"),
        [at("azurerm_data_factory.F", { public_network_enabled: false }), privateEndpoint("azurerm_data_factory.F", "dataFactory")],
      ),
      c(
        "public deployer → storage whose IP rules cover its egress range",
        flow({ runsIn: "internet", service: "Deployer", egress: ["203.0.113.16/28"] }, LAKE, "blob"),
        [lake({ network_rules: { default_action: "Deny", ip_rules: ["203.0.113.0/24"], bypass: ["None"] } })],
      ),
      c("managed connector → Cosmos DB accepting Azure datacenters (0.0.0.0)", flow(connector, "azurerm_cosmosdb_account.Db"), [
        at("azurerm_cosmosdb_account.Db", { public_network_access_enabled: true, ip_range_filter: ["0.0.0.0"] }),
      ]),
      c("managed connector → SQL server with one firewall rule per AzureConnectors range (for_each)", flow(connector, "azurerm_mssql_server.Sql"), [
        at("azurerm_mssql_server.Sql", { public_network_access_enabled: true }),
        at("azurerm_mssql_firewall_rule.Connectors", {
          server_id: ref("azurerm_mssql_server.Sql"),
          for_each: `\${toset(${CONNECTORS}.ipv4_cidrs)}`,
          start_ip_address: "${cidrhost(each.value, 0)}",
          end_ip_address: "${cidrhost(each.value, -1)}",
          name: "r",
        }),
        connectorTags(),
      ]),
      c("API Management → workflow trigger without caller restrictions", flow(apim, "azurerm_logic_app_workflow.Wf"), [
        at("azurerm_logic_app_workflow.Wf", {}),
        gateway(),
      ]),
      c(
        "Event Grid delivery → Event Hubs namespace with the trusted-service exception",
        flow(eventGrid("delivery_identity"), "azurerm_eventhub_namespace.Hubs"),
        [
          at("azurerm_eventhub_namespace.Hubs", {
            sku: "Standard",
            network_rulesets: { default_action: "Deny", ip_rule: [{ ip_mask: "203.0.113.0/24" }], trusted_service_access_enabled: true },
          }),
          subscription("SystemAssigned", "delivery_identity"),
        ],
      ),
      c(
        "Azure runtime outside a managed VNet → vault denying by default, trusted services on (Data Factory is trusted)",
        flow(
          {
            runsIn: "managed-vnet",
            service: "DataFactory",
            resource: "azurerm_data_factory_integration_runtime_azure.Ir",
            identity: "SystemAssigned",
          },
          "azurerm_key_vault.Vault",
          "vault",
        ),
        [
          at("azurerm_key_vault.Vault", { public_network_access_enabled: true, network_acls: { default_action: "Deny", bypass: "AzureServices" } }),
          at("azurerm_data_factory_integration_runtime_azure.Ir", { virtual_network_enabled: false }),
        ],
      ),
      c(
        "Azure runtime → Synapse workspace with the Allow Azure services rule (0.0.0.0)",
        flow(
          { runsIn: "managed-vnet", service: "DataFactory", resource: "azurerm_data_factory_integration_runtime_azure.Ir" },
          "azurerm_synapse_workspace.Syn",
          "Sql",
        ),
        [
          at("azurerm_synapse_workspace.Syn", { public_network_access_enabled: true }),
          at("azurerm_synapse_firewall_rule.Azure", {
            synapse_workspace_id: ref("azurerm_synapse_workspace.Syn"),
            name: "AllowAllWindowsAzureIps",
            start_ip_address: "0.0.0.0",
            end_ip_address: "0.0.0.0",
          }),
          at("azurerm_data_factory_integration_runtime_azure.Ir", { virtual_network_enabled: false }),
        ],
      ),
      c("target outside the stack (a hub's): not judged", flow(connector, "azurerm_servicebus_namespace.Elsewhere"), []),
    ],
    fail: [
      c("managed connector → private-only namespace (a private endpoint does not help)", flow(connector, BUS), [
        bus({ public_network_access_enabled: false }),
        privateEndpoint(BUS, "namespace"),
      ]),
      c("API Management outside a VNet → namespace whose IP rules hold other ranges", flow(apim, BUS), [
        bus({ network_rule_set: { default_action: "Deny", ip_rules: ["198.51.100.0/24"], trusted_services_allowed: true } }),
        gateway(),
      ]),
      c(
        "Event Grid dead-lettering with a user-assigned identity → storage behind a firewall (trusted only with the system identity)",
        flow(eventGrid(), LAKE, "blob"),
        [lake({ network_rules: { default_action: "Deny", bypass: ["AzureServices"] } }), subscription("UserAssigned")],
      ),
      c("Event Grid dead-lettering without an identity → storage behind a firewall", flow(eventGrid(), LAKE, "blob"), [
        lake({ network_rules: { default_action: "Deny" } }),
        subscription(undefined),
      ]),
      c("Event Grid dead-lettering → storage with bypass None", flow(eventGrid(), LAKE, "blob"), [
        lake({ network_rules: { default_action: "Deny", bypass: ["None"] } }),
        subscription("SystemAssigned"),
      ]),
      c(
        "Event Grid delivery → Standard namespace with IP rules (Standard has no trusted-services exception)",
        flow(eventGrid("delivery_identity"), BUS),
        [
          bus({ sku: "Standard", network_rule_set: { default_action: "Deny", ip_rules: ["203.0.113.0/24"], trusted_services_allowed: true } }),
          subscription("SystemAssigned", "delivery_identity"),
        ],
      ),
      c("VNet-integrated app → private-only storage without a private endpoint", flow(app, LAKE, "blob"), [
        lake({ public_network_access_enabled: false }),
        functionApp(true),
      ]),
      c("VNet-integrated app → storage whose only private endpoint is for blob, calling dfs", flow(app, LAKE, "dfs"), [
        lake({ public_network_access_enabled: false }),
        privateEndpoint(LAKE, "blob"),
        functionApp(true),
      ]),
      c("app without VNet integration → private-only storage (its private endpoint is out of reach)", flow(app, LAKE, "blob"), [
        lake({ public_network_access_enabled: false }),
        privateEndpoint(LAKE, "blob"),
        functionApp(false),
      ]),
      c("Event Grid push → function app denying by default without the AzureEventGrid tag", flow(eventGrid("delivery_identity"), APP, "sites"), [
        functionApp(false, {
          site_config: { ip_restriction_default_action: "Deny", ip_restriction: [{ action: "Allow", ip_address: "203.0.113.0/24" }] },
        }),
        subscription(undefined),
      ]),
      c(
        "managed VNet runtime → private-only vault without a managed private endpoint",
        flow(
          {
            runsIn: "managed-vnet",
            service: "DataFactory",
            resource: "azurerm_data_factory_integration_runtime_azure.Ir",
            identity: "SystemAssigned",
          },
          "azurerm_key_vault.Vault",
          "vault",
        ),
        [
          at("azurerm_key_vault.Vault", { public_network_access_enabled: false, network_acls: { default_action: "Deny", bypass: "AzureServices" } }),
          at("azurerm_data_factory_integration_runtime_azure.Ir", { virtual_network_enabled: true }),
        ],
      ),
      c(
        "self-hosted runtime → factory with public access off and no private endpoint (review F4)",
        flow({ runsIn: "on-premises" }, "azurerm_data_factory.F", "dataFactory"),
        [at("azurerm_data_factory.F", { public_network_enabled: false })],
      ),
      c(
        "public deployer → storage whose IP rules miss part of its egress",
        flow({ runsIn: "internet", service: "Deployer", egress: ["203.0.113.0/23"] }, LAKE, "blob"),
        [lake({ network_rules: { default_action: "Deny", ip_rules: ["203.0.113.0/24"] } })],
      ),
      c("API Management → workflow trigger admitting other addresses", flow(apim, "azurerm_logic_app_workflow.Wf"), [
        at("azurerm_logic_app_workflow.Wf", { access_control: { trigger: { allowed_caller_ip_address_range: ["198.51.100.7/32"] } } }),
        gateway(),
      ]),
      c("managed connector → SQL server with public access on and no firewall rule", flow(connector, "azurerm_mssql_server.Sql"), [
        at("azurerm_mssql_server.Sql", { public_network_access_enabled: true }),
      ]),
      c("app without VNet integration → topic admitting other addresses only", flow(app, "azurerm_eventgrid_topic.Topic"), [
        at("azurerm_eventgrid_topic.Topic", {
          public_network_access_enabled: true,
          inbound_ip_rule: [{ ip_mask: "198.51.100.0/24", action: "Allow" }],
        }),
        functionApp(false),
      ]),
      c(
        "Event Grid delivery → Event Hubs namespace without the trusted-service exception",
        flow(eventGrid("delivery_identity"), "azurerm_eventhub_namespace.Hubs"),
        [
          at("azurerm_eventhub_namespace.Hubs", {
            sku: "Standard",
            network_rulesets: { default_action: "Deny", ip_rule: [{ ip_mask: "203.0.113.0/24" }], trusted_service_access_enabled: false },
          }),
          subscription("SystemAssigned", "delivery_identity"),
        ],
      ),
      c(
        "on-premises runtime → Synapse workspace admitting only Azure (0.0.0.0 is not on premises)",
        flow({ runsIn: "on-premises" }, "azurerm_synapse_workspace.Syn", "Sql"),
        [
          at("azurerm_synapse_workspace.Syn", { public_network_access_enabled: true }),
          at("azurerm_synapse_firewall_rule.Azure", {
            synapse_workspace_id: ref("azurerm_synapse_workspace.Syn"),
            name: "AllowAllWindowsAzureIps",
            start_ip_address: "0.0.0.0",
            end_ip_address: "0.0.0.0",
          }),
        ],
      ),
    ],
  },
];

export const REACHABILITY_DEFECTS: KnownDefect[] = [];
