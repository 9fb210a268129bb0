import { KnownDefect, RuleTable, diagnosticsTable, identityTable } from "../harness";

const API = ["azurerm_api_management_api"];

const OLD_PROTOCOLS = [
  "frontend_ssl30_enabled",
  "frontend_tls10_enabled",
  "frontend_tls11_enabled",
  "backend_ssl30_enabled",
  "backend_tls10_enabled",
  "backend_tls11_enabled",
] as const;
const ALL_OFF = Object.fromEntries(OLD_PROTOCOLS.map((p) => [p, false]));

export const API_MANAGEMENT_TABLES: RuleTable[] = [
  {
    id: "AIC-APIM-011",
    pass: [
      { name: "Premium_3 over zones 1-3", config: { sku_name: "Premium_3", zones: ["1", "2", "3"] } },
      { name: "Premium_4 over two zones", config: { sku_name: "Premium_4", zones: ["1", "2"] } },
      { name: "the SKU is known at deploy time", config: { sku_name: "${var.sku}", zones: ["1", "2", "3"] } },
      { name: "Premium_2, zones left to the service (automatic)", config: { sku_name: "Premium_2" } },
    ],
    fail: [
      { name: "Premium_1, no zones", config: { sku_name: "Premium_1" } },
      { name: "Standard_2: no zones in the tier", config: { sku_name: "Standard_2" } },
      { name: "one zone", config: { sku_name: "Premium_1", zones: ["1"] } },
      { name: "fewer units than zones", config: { sku_name: "Premium_2", zones: ["1", "2", "3"] } },
      { name: "Developer_1 in prod", config: { sku_name: "Developer_1" } },
    ],
    notApplicable: [{ name: "Developer_1 in dev (prod-only)", config: { sku_name: "Developer_1" }, profile: "dev" }],
  },
  {
    id: "AIC-APIM-001",
    pass: [
      { name: "security absent (absentOk: the azurerm default complies)", config: {} },
      { name: "security as an object, all six off", config: { security: { ...ALL_OFF, triple_des_ciphers_enabled: false } } },
      { name: "security as a one-element list, all six off", config: { security: [ALL_OFF] } },
      { name: "one of them a reference", config: { security: { ...ALL_OFF, backend_tls11_enabled: "${var.backend_tls11}" } } },
    ],
    fail: [
      ...OLD_PROTOCOLS.map((p) => ({ name: `${p} true`, config: { security: { ...ALL_OFF, [p]: true } } })),
      { name: "backend_tls10_enabled true (list)", config: { security: [{ ...ALL_OFF, backend_tls10_enabled: true }] } },
    ],
  },
  {
    id: "AIC-APIM-002",
    pass: [
      { name: "triple_des_ciphers_enabled absent (absentOk: the azurerm default complies)", config: { security: [ALL_OFF] } },
      { name: "security absent (absentOk: the azurerm default complies)", config: {} },
      { name: "security as an object", config: { security: { triple_des_ciphers_enabled: false } } },
      { name: "security as a one-element list", config: { security: [{ ...ALL_OFF, triple_des_ciphers_enabled: false }] } },
    ],
    fail: [
      { name: "triple_des_ciphers_enabled true", config: { security: { triple_des_ciphers_enabled: true } } },
    ],
  },
  {
    id: "AIC-APIM-003",
    pass: [{ name: "min_api_version 2021-08-01", config: { min_api_version: "2021-08-01" } }],
    fail: [
      { name: "min_api_version absent", config: {} },
      { name: "min_api_version empty", config: { min_api_version: "" } },
    ],
  },
  {
    id: "AIC-APIM-004",
    pass: [
      { name: "virtual_network_type Internal", config: { virtual_network_type: "Internal", virtual_network_configuration: { subnet_id: "${azurerm_subnet.Apim.id}" } } },
      { name: "virtual_network_type is a reference", config: { virtual_network_type: "${var.vnet_type}" } },
    ],
    fail: [
      { name: "virtual_network_type External", config: { virtual_network_type: "External" } },
      { name: "virtual_network_type None", config: { virtual_network_type: "None" } },
      { name: "virtual_network_type absent", config: {} },
    ],
    notApplicable: [{ name: "no VNet in dev (prod-only)", config: { virtual_network_type: "None" }, profile: "dev" }],
  },
  {
    id: "AIC-APIM-005",
    pass: [
      { name: "protocols [https]", config: { protocols: ["https"] } },
      { name: "protocols absent (azurerm default https)", config: {} },
    ],
    fail: [
      { name: "protocols [http]", config: { protocols: ["http"] } },
      { name: "protocols [http, https]", config: { protocols: ["http", "https"] } },
      { name: "protocols [https, ws] (plaintext WebSocket)", config: { protocols: ["https", "ws"] } },
    ],
  },
  {
    id: "AIC-APIM-006",
    pass: [
      { name: "subscription_required true", config: { subscription_required: true } },
      { name: "subscription_required absent (absentOk: azurerm default true)", config: {} },
      { name: "subscription_required is a reference", config: { subscription_required: "${var.subscription_required}" } },
    ],
    fail: [{ name: "subscription_required false", config: { subscription_required: false } }],
  },
  {
    id: "AIC-APIM-007",
    pass: [
      { name: "a plain (not secret) literal", config: { display_name: "backend-url", value: "https://backend.contoso.com", secret: false } },
      { name: "secret absent, literal value", config: { display_name: "region", value: "westeurope" } },
      { name: "secret from Key Vault (object)", config: { display_name: "api-key", secret: true, value_from_key_vault: { secret_id: "${azurerm_key_vault_secret.ApiKey.versionless_id}" } } },
      { name: "secret from Key Vault (one-element list)", config: { display_name: "api-key", secret: true, value_from_key_vault: [{ secret_id: "https://kv-x.vault.azure.net/secrets/api-key" }] } },
      { name: "secret value is a reference", config: { display_name: "api-key", secret: true, value: "${azurerm_api_management_subscription.Sub.primary_key}" } },
    ],
    fail: [{ name: "secret with a literal value", config: { display_name: "api-key", secret: true, value: "s3cr3t-api-key" } }],
  },
  {
    id: "AIC-APIM-008",
    pass: [
      { name: "application_insights with a connection string (object)", config: { application_insights: { connection_string: "${azurerm_application_insights.Insights.connection_string}" } } },
      { name: "application_insights with a connection string (list)", config: { application_insights: [{ connection_string: "InstrumentationKey=x;IngestionEndpoint=https://x/" }] } },
      { name: "an Event Hub logger (no application_insights)", config: { eventhub: { name: "logs", endpoint_uri: "sb://x.servicebus.windows.net/" } } },
    ],
    fail: [
      { name: "instrumentation_key reference (object)", config: { application_insights: { instrumentation_key: "${azurerm_application_insights.Insights.instrumentation_key}" } } },
      { name: "instrumentation_key literal (list)", config: { application_insights: [{ instrumentation_key: "00000000-0000-0000-0000-000000000000" }] } },
    ],
  },
  {
    id: "AIC-APIM-010",
    pass: [{ name: "an Event Hub logger", config: { eventhub: { name: "logs", endpoint_uri: "sb://x.servicebus.windows.net/" } } }],
    fail: [{ name: "a connection-string Application Insights logger", config: { application_insights: { connection_string: "${azurerm_application_insights.Insights.connection_string}" } } }],
  },
  {
    id: "AIC-APIM-009",
    pass: [
      { name: "credentials absent", config: { protocol: "http", url: "https://backend.contoso.com" } },
      { name: "a reference to a non-secret attribute", config: { credentials: { header: { "x-host": "${azurerm_storage_account.Data.primary_blob_endpoint}" } } } },
    ],
    fail: [
      { name: "literal headers (one-element list) are credentials", config: { credentials: [{ header: { "x-tenant": "contoso" } }] } },
      { name: "literal headers and query (object) are credentials", config: { credentials: { header: { "x-tenant": "contoso" }, query: { "api-version": "2024-01-01" } } } },
      { name: "a header with a subscription key reference", config: { credentials: { header: { "Ocp-Apim-Subscription-Key": "${azurerm_api_management_subscription.Sub.primary_key}" } } } },
      { name: "a query with a SAS signature (list)", config: { credentials: [{ query: { token: "sv=2022-11-02&sig=abc%3D" } }] } },
      { name: "a header with a literal connection string", config: { credentials: { header: { "x-conn": "Endpoint=sb://x/;SharedAccessKeyName=Root;SharedAccessKey=abc=" } } } },
    ],
  },
  diagnosticsTable("AIC-APIM-020"),
  identityTable("AIC-APIM-024"),
];

export const API_MANAGEMENT_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-APIM-005",
    type: API[0],
    name: "a WebSocket API on wss (TLS) only",
    config: { api_type: "websocket", protocols: ["wss"] },
    should: "comply",
  },
  {
    id: "AIC-APIM-009",
    type: "azurerm_api_management_backend",
    name: "a literal Basic credential in credentials.authorization.parameter is not checked",
    config: { credentials: { authorization: { scheme: "Basic", parameter: "YWRtaW46aHVudGVyMg==" } } },
    should: "violate",
  },
  {
    id: "AIC-APIM-009",
    type: "azurerm_api_management_backend",
    name: "a literal API key in a header (no connection-string syntax) is not detected",
    config: { credentials: { header: { "x-api-key": "3f9c2a7d41e84b6fa0c1d2e3f4a5b6c7" } } },
    should: "violate",
  },
];
