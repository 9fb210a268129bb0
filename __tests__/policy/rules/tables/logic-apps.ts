import { KnownDefect, RuleTable, diagnosticsTable, identityTable } from "../harness";

const TRIGGER = { allowed_caller_ip_address_range: ["203.0.113.0/24"] };

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
    ],
    fail: [
      { name: "access_control absent", config: {} },
      { name: "access_control without trigger (only action)", config: { access_control: { action: TRIGGER } } },
      { name: "trigger an empty list", config: { access_control: [{ trigger: [] }] } },
    ],
    notApplicable: [{ name: "open triggers in dev (prod-only)", config: {}, profile: "dev" }],
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
  diagnosticsTable("AIC-LA-020"),
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
