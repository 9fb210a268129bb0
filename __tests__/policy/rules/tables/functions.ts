import { KnownDefect, RuleTable, diagnosticsTable, identityTable, privateEndpointTable, publicAccessTable } from "../harness";

const LINUX = ["azurerm_linux_function_app"];

export const FUNCTIONS_TABLES: RuleTable[] = [
  {
    id: "AIC-FN-001",
    pass: [
      { name: "https_only true", config: { https_only: true } },
      { name: "https_only is a reference", config: { https_only: "${var.https_only}" } },
    ],
    fail: [
      { name: "https_only false", config: { https_only: false } },
      { name: "https_only absent (azurerm default: false)", config: {} },
    ],
  },
  {
    id: "AIC-FN-002",
    pass: [
      { name: "site_config as an object, 1.2", config: { site_config: { minimum_tls_version: "1.2" } } },
      { name: "site_config as a one-element list, 1.2", config: { site_config: [{ minimum_tls_version: "1.2", http2_enabled: true }] } },
      { name: "minimum_tls_version absent (absentOk: azurerm default 1.2)", config: { site_config: { http2_enabled: true } } },
      { name: "site_config absent", config: {} },
    ],
    fail: [
      { name: "site_config as an object, 1.0", config: { site_config: { minimum_tls_version: "1.0" } } },
      { name: "site_config as a one-element list, 1.1", config: { site_config: [{ minimum_tls_version: "1.1" }] } },
    ],
  },
  {
    id: "AIC-FN-003",
    pass: [
      { name: "ftps_state absent (absentOk: the azurerm default complies)", config: { site_config: {}, ftp_publish_basic_authentication_enabled: false } },
      { name: "site_config as an object: FTP disabled, FTP basic auth off", config: { site_config: { ftps_state: "Disabled" }, ftp_publish_basic_authentication_enabled: false } },
      { name: "site_config as a one-element list", config: { site_config: [{ ftps_state: "Disabled" }], ftp_publish_basic_authentication_enabled: false } },
    ],
    fail: [
      { name: "ftps_state FtpsOnly", config: { site_config: { ftps_state: "FtpsOnly" }, ftp_publish_basic_authentication_enabled: false } },
      { name: "ftps_state AllAllowed (list)", config: { site_config: [{ ftps_state: "AllAllowed" }], ftp_publish_basic_authentication_enabled: false } },
      { name: "FTP basic auth on", config: { site_config: { ftps_state: "Disabled" }, ftp_publish_basic_authentication_enabled: true } },
      { name: "FTP basic auth absent (azurerm default: true)", config: { site_config: { ftps_state: "Disabled" } } },
    ],
  },
  {
    id: "AIC-FN-004",
    pass: [
      { name: "storage_uses_managed_identity true, no key", config: { storage_account_name: "stdata", storage_uses_managed_identity: true } },
      { name: "storage_uses_managed_identity is a reference", config: { storage_uses_managed_identity: "${var.msi}" } },
    ],
    fail: [
      { name: "an access key reference", config: { storage_account_name: "stdata", storage_account_access_key: "${azurerm_storage_account.Data.primary_access_key}" } },
      { name: "identity on but a key set too", config: { storage_uses_managed_identity: true, storage_account_access_key: "${azurerm_storage_account.Data.primary_access_key}" } },
      { name: "storage_uses_managed_identity false", config: { storage_uses_managed_identity: false } },
      { name: "storage_uses_managed_identity absent", config: { storage_account_name: "stdata" } },
    ],
  },
  {
    id: "AIC-FN-005",
    pass: [
      { name: "SystemAssignedIdentity", config: { storage_authentication_type: "SystemAssignedIdentity" } },
      { name: "UserAssignedIdentity", config: { storage_authentication_type: "UserAssignedIdentity", storage_user_assigned_identity_id: "${azurerm_user_assigned_identity.Id.id}" } },
      { name: "storage_authentication_type is a reference", config: { storage_authentication_type: "${var.storage_auth}" } },
    ],
    fail: [
      { name: "StorageAccountConnectionString", config: { storage_authentication_type: "StorageAccountConnectionString", storage_access_key: "${azurerm_storage_account.Data.primary_access_key}" } },
      { name: "identity type but a storage_access_key set", config: { storage_authentication_type: "SystemAssignedIdentity", storage_access_key: "${azurerm_storage_account.Data.primary_access_key}" } },
      { name: "storage_authentication_type absent", config: {} },
    ],
  },
  {
    id: "AIC-FN-006",
    pass: [
      {
        name: "identity-based connections and Key Vault references",
        config: {
          app_settings: {
            AzureWebJobsStorage__accountName: "stdata",
            ServiceBus__fullyQualifiedNamespace: "sb-x.servicebus.windows.net",
            ApiKey: "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/api-key)",
            Endpoint: "${azurerm_storage_account.Data.primary_blob_endpoint}",
          },
        },
      },
      { name: "app_settings absent", config: {} },
      { name: "app_settings empty", config: { app_settings: {} } },
    ],
    fail: [
      { name: "a literal storage connection string with AccountKey", config: { app_settings: { AzureWebJobsStorage: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==;EndpointSuffix=core.windows.net" } } },
      { name: "a literal Service Bus connection string with SharedAccessKey", config: { app_settings: { Bus: "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=" } } },
      { name: "a reference to a storage connection string", config: { app_settings: { AzureWebJobsStorage: "${azurerm_storage_account.Data.primary_connection_string}" } } },
      { name: "a reference to a Cosmos DB key", config: { app_settings: { CosmosKey: "${azurerm_cosmosdb_account.Db.primary_key}" } } },
      { name: "a SQL password in a connection string", config: { app_settings: { Sql: "Server=tcp:x.database.windows.net;Database=db;User ID=app;Password=hunter2;" } } },
      { name: "a SAS URL", config: { app_settings: { Package: "https://x.blob.core.windows.net/c/app.zip?sv=2022-11-02&sig=abc%3D" } } },
    ],
  },
  {
    id: "AIC-FN-007",
    pass: [
      { name: "site_config as an object", config: { site_config: { http2_enabled: true } } },
      { name: "site_config as a one-element list", config: { site_config: [{ http2_enabled: true }] } },
    ],
    fail: [
      { name: "http2_enabled false", config: { site_config: { http2_enabled: false } } },
      { name: "http2_enabled absent (azurerm default: false)", config: { site_config: [{}] } },
      { name: "site_config absent", config: {} },
    ],
  },
  {
    id: "AIC-FN-008",
    pass: [
      { name: "virtual_network_subnet_id a subnet id", config: { virtual_network_subnet_id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apps" } },
      { name: "virtual_network_subnet_id a reference", config: { virtual_network_subnet_id: "${azurerm_subnet.Apps.id}" } },
    ],
    fail: [
      { name: "virtual_network_subnet_id absent", config: {} },
      { name: "virtual_network_subnet_id empty", config: { virtual_network_subnet_id: "" } },
    ],
    notApplicable: [{ name: "no VNet integration in dev (prod-only)", config: {}, profile: "dev" }],
  },
  {
    id: "AIC-FN-009",
    pass: [
      { name: "zone_balancing_enabled true", config: { sku_name: "EP1", os_type: "Linux", worker_count: 3, zone_balancing_enabled: true } },
      { name: "zone_balancing_enabled is a reference", config: { zone_balancing_enabled: "${var.zones}" } },
    ],
    fail: [
      { name: "zone_balancing_enabled false", config: { sku_name: "EP1", zone_balancing_enabled: false } },
      { name: "zone_balancing_enabled absent (azurerm default: false)", config: { sku_name: "EP1" } },
    ],
    notApplicable: [{ name: "no zone balancing in dev (prod-only)", config: { sku_name: "EP1", zone_balancing_enabled: false }, profile: "dev" }],
  },
  diagnosticsTable("AIC-FN-020"),
  privateEndpointTable("AIC-FN-022"),
  publicAccessTable("AIC-FN-023"),
  identityTable("AIC-FN-024"),
];

export const FUNCTIONS_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-FN-002",
    type: LINUX[0],
    name: "site_config.minimum_tls_version 1.3 (stricter than 1.2; accepted by azurerm since 4.8)",
    config: { site_config: { minimum_tls_version: "1.3" } },
    should: "comply",
  },
  {
    id: "AIC-FN-006",
    type: LINUX[0],
    name: "a reference to a Service Bus namespace default_primary_connection_string (missing from SECRET_ATTRIBUTES)",
    config: { app_settings: { ServiceBusConnection: "${azurerm_servicebus_namespace.Bus.default_primary_connection_string}" } },
    should: "violate",
  },
  {
    id: "AIC-FN-006",
    type: LINUX[0],
    name: "a storage key in a connection_string block (not in app_settings)",
    config: { connection_string: [{ name: "Storage", type: "Custom", value: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==" }] },
    should: "violate",
  },
];
