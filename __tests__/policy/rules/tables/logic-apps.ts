import { CheckedResource } from "../../../../policy/types";
import { KnownDefect, RuleTable, TOKEN, checked, diagnosticsTable, identityTable, privateEndpointTable, ref } from "../harness";

const TRIGGER = { allowed_caller_ip_address_range: ["203.0.113.0/24"] };
/** A request trigger on `workflow`: what gives a Consumption workflow an endpoint to call. */
const requestTrigger = (workflow: CheckedResource) => [
  checked("azurerm_logic_app_trigger_http_request", { name: "manual", logic_app_id: ref(workflow.address), schema: "{}" }, workflow.profile, "Manual"),
];
const KEY = "${azurerm_storage_account.Host.primary_access_key}";

/** The Standard app rules (azurerm_logic_app_standard). */
function STANDARD_TABLES(): RuleTable[] {
  return [
    {
      id: "AIC-LA-003",
      pass: [
        { name: "https_only true", config: { https_only: true } },
        { name: "https_only is a reference", config: { https_only: TOKEN } },
      ],
      fail: [
        { name: "https_only false", config: { https_only: false } },
        { name: "https_only absent (azurerm default: false)", config: {} },
      ],
    },
    {
      id: "AIC-LA-004",
      pass: [
        { name: "site and SCM at 1.2 (object)", config: { site_config: { min_tls_version: "1.2", scm_min_tls_version: "1.2" } } },
        { name: "1.3 in a one-element list", config: { site_config: [{ min_tls_version: "1.3", scm_min_tls_version: "1.3" }] } },
        { name: "both absent (azurerm: 1.2 for new apps)", config: { site_config: { http2_enabled: true } } },
        { name: "site_config absent", config: {} },
      ],
      fail: [
        { name: "site at 1.1", config: { site_config: { min_tls_version: "1.1", scm_min_tls_version: "1.2" } } },
        { name: "SCM at 1.0", config: { site_config: [{ min_tls_version: "1.2", scm_min_tls_version: "1.0" }] } },
      ],
    },
    {
      id: "AIC-LA-005",
      pass: [
        {
          name: "FTPS disabled, FTP basic auth off",
          config: { site_config: { ftps_state: "Disabled" }, ftp_publish_basic_authentication_enabled: false },
        },
        {
          name: "site_config as a one-element list",
          config: { site_config: [{ ftps_state: "Disabled" }], ftp_publish_basic_authentication_enabled: false },
        },
      ],
      fail: [
        { name: "ftps_state absent (azurerm default: AllAllowed)", config: { site_config: {}, ftp_publish_basic_authentication_enabled: false } },
        { name: "ftps_state FtpsOnly", config: { site_config: { ftps_state: "FtpsOnly" }, ftp_publish_basic_authentication_enabled: false } },
        { name: "FTP basic auth absent (azurerm default: on)", config: { site_config: { ftps_state: "Disabled" } } },
      ],
    },
    {
      id: "AIC-LA-006",
      pass: [
        { name: "public_network_access Disabled", config: { public_network_access: "Disabled" } },
        { name: "public_network_access is a reference", config: { public_network_access: TOKEN } },
      ],
      fail: [
        { name: "public_network_access Enabled", config: { public_network_access: "Enabled" } },
        { name: "public_network_access absent (Azure default: Enabled)", config: {} },
        { name: "only the deprecated site_config flag is off", config: { site_config: { public_network_access_enabled: false } } },
      ],
      notApplicable: [{ name: "public access in dev (prod-only)", config: { public_network_access: "Enabled" }, profile: "dev" }],
    },
    {
      id: "AIC-LA-007",
      pass: [{ name: "virtual_network_subnet_id set", config: { virtual_network_subnet_id: "${azurerm_subnet.Integration.id}" } }],
      fail: [
        { name: "no VNet integration", config: {} },
        { name: "an empty subnet id", config: { virtual_network_subnet_id: "" } },
      ],
      notApplicable: [{ name: "no VNet integration in dev (prod-only)", config: {}, profile: "dev" }],
    },
    {
      id: "AIC-LA-008",
      pass: [
        { name: "the account's key by reference", config: { storage_account_name: "sthost", storage_account_access_key: KEY } },
        {
          name: "a Key Vault data source's secret by reference",
          config: { storage_account_access_key: "${data.azurerm_key_vault_secret.Key.value}" },
        },
      ],
      fail: [
        { name: "a literal key", config: { storage_account_name: "sthost", storage_account_access_key: "c2VjcmV0LWtleS1ieXRlcw==" } },
        { name: "an empty literal", config: { storage_account_access_key: "" } },
      ],
    },
    {
      id: "AIC-LA-009",
      pass: [
        {
          name: "endpoints for built-in connections, a Key Vault reference, App Insights",
          config: {
            app_settings: {
              serviceBus_fullyQualifiedNamespace: "sbns-x.servicebus.windows.net",
              ApiKey: "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/api-key)",
              APPLICATIONINSIGHTS_CONNECTION_STRING: "${azurerm_application_insights.Ai.connection_string}",
              WEBSITE_RUN_FROM_PACKAGE: "${azurerm_storage_blob.Package.url}",
            },
          },
        },
        { name: "no app settings", config: {} },
        {
          name: "a Key Vault connection_string block",
          config: { connection_string: [{ name: "db", type: "SQLAzure", value: "@Microsoft.KeyVault(SecretUri=https://kv/secrets/db)" }] },
        },
      ],
      fail: [
        {
          name: "a Service Bus connection string",
          config: { app_settings: { serviceBus_connectionString: "Endpoint=sb://x/;SharedAccessKeyName=R;SharedAccessKey=abc=" } },
        },
        { name: "a reference to a storage key", config: { app_settings: { Storage: "${azurerm_storage_account.Host.primary_connection_string}" } } },
        { name: "a literal connection_string block", config: { connection_string: { name: "db", type: "SQLAzure", value: "Server=x;Password=p" } } },
      ],
    },
    {
      id: "AIC-LA-010",
      pass: [{ name: "SCM basic auth off", config: { scm_publish_basic_authentication_enabled: false } }],
      fail: [
        { name: "SCM basic auth on", config: { scm_publish_basic_authentication_enabled: true } },
        { name: "absent (azurerm default: on)", config: {} },
      ],
    },
    {
      id: "AIC-LA-011",
      pass: [{ name: "vnet_content_share_enabled true", config: { vnet_content_share_enabled: true } }],
      fail: [
        { name: "vnet_content_share_enabled false", config: { vnet_content_share_enabled: false } },
        { name: "absent (azurerm default: false)", config: {} },
      ],
      notApplicable: [{ name: "content share over the internet in dev (prod-only)", config: {}, profile: "dev" }],
    },
  ];
}

export const LOGIC_APPS_TABLES: RuleTable[] = [
  {
    id: "AIC-LA-001",
    pass: [
      { name: "access_control.trigger as objects", config: { access_control: { trigger: TRIGGER } } },
      { name: "access_control.trigger as one-element lists", config: { access_control: [{ trigger: [TRIGGER] }] } },
      {
        name: "trigger with Entra ID authentication policies",
        config: { access_control: { trigger: { allowed_caller_ip_address_range: [], open_authentication_policy: [{ name: "entra", claim: [{ name: "iss", value: "https://sts.windows.net/x/" }] }] } } },
      },
      { name: "no request trigger (nothing to call), access_control absent", config: {} },
    ],
    fail: [
      { name: "access_control absent", config: {}, with: requestTrigger },
      { name: "access_control without trigger (only action)", config: { access_control: { action: TRIGGER } }, with: requestTrigger },
      { name: "trigger an empty list", config: { access_control: [{ trigger: [] }] }, with: requestTrigger },
    ],
    notApplicable: [{ name: "open triggers in dev (prod-only)", config: {}, profile: "dev", with: requestTrigger }],
  },
  {
    id: "AIC-LA-002",
    pass: [
      { name: "parameter_values absent (managed identity connection)", config: { managed_api_id: "/x/managedApis/servicebus" } },
      { name: "non-secret parameters", config: { parameter_values: { namespaceEndpoint: "sb://x.servicebus.windows.net/" } } },
      { name: "a reference to a non-secret attribute", config: { parameter_values: { endpoint: "${azurerm_storage_account.Data.primary_blob_endpoint}" } } },
    ],
    fail: [
      { name: "a literal connection string with a key", config: { parameter_values: { connectionString: "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=" } } },
      { name: "a reference to a storage access key", config: { parameter_values: { accessKey: "${azurerm_storage_account.Data.primary_access_key}" } } },
      { name: "a SQL password", config: { parameter_values: { sqlConnectionString: "Server=x;Database=db;User Id=app;Pwd=hunter2" } } },
    ],
  },
  ...STANDARD_TABLES(),
  diagnosticsTable("AIC-LA-020"),
  privateEndpointTable("AIC-LA-022"),
  identityTable("AIC-LA-024"),
];

export const LOGIC_APPS_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-LA-002",
    type: "azurerm_api_connection",
    name: "a reference to an Event Hubs namespace default_primary_connection_string (missing from SECRET_ATTRIBUTES)",
    config: { parameter_values: { connectionString: "${azurerm_eventhub_namespace.Hub.default_primary_connection_string}" } },
    should: "violate",
  },
];
