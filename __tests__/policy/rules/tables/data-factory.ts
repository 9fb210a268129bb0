import { KnownDefect, RuleTable, diagnosticsTable, identityTable, privateEndpointTable } from "../harness";

const SQL_DATABASE = "azurerm_data_factory_linked_service_azure_sql_database";
const SQL_SERVER = "azurerm_data_factory_linked_service_sql_server";
const SYNAPSE = "azurerm_data_factory_linked_service_synapse";
const COSMOS = "azurerm_data_factory_linked_service_cosmosdb";
const DATA_LAKE = "azurerm_data_factory_linked_service_data_lake_storage_gen2";
const CUSTOM = "azurerm_data_factory_linked_custom_service";
const BLOB = "azurerm_data_factory_linked_service_azure_blob_storage";

const MI_SQL = "Integrated Security=False;Data Source=sql-x.database.windows.net;Initial Catalog=db;Authentication=Active Directory Managed Identity";

export const DATA_FACTORY_TABLES: RuleTable[] = [
  {
    id: "AIC-ADF-001",
    pass: [
      { name: "public_network_enabled false", config: { public_network_enabled: false } },
      { name: "public_network_enabled is a reference", config: { public_network_enabled: "${var.public}" } },
    ],
    fail: [
      { name: "public_network_enabled true", config: { public_network_enabled: true } },
      { name: "public_network_enabled absent (azurerm default: true)", config: {} },
    ],
    // Without a private endpoint (dev) self-hosted runtimes reach the factory only publicly.
    notApplicable: [{ name: "public access on in dev (prod-only)", config: { public_network_enabled: true }, profile: "dev" }],
  },
  {
    id: "AIC-ADF-002",
    pass: [{ name: "managed_virtual_network_enabled true", config: { managed_virtual_network_enabled: true } }],
    fail: [
      { name: "managed_virtual_network_enabled false", config: { managed_virtual_network_enabled: false } },
      { name: "managed_virtual_network_enabled absent", config: {} },
    ],
  },
  {
    id: "AIC-ADF-003",
    pass: [
      { name: "managed identity connection string", config: { connection_string: MI_SQL, use_managed_identity: true }, types: [SQL_DATABASE] },
      {
        name: "password from Key Vault (key_vault_password block)",
        config: { connection_string: "Data Source=sql-x;Initial Catalog=db;User ID=app", key_vault_password: { linked_service_name: "kv", secret_name: "sql" } },
        types: [SQL_SERVER, SYNAPSE],
      },
      { name: "account endpoint only (managed identity)", config: { account_endpoint: "https://cosmos-x.documents.azure.com:443/", database: "db" }, types: [COSMOS] },
      { name: "managed identity, no key", config: { url: "https://st.dfs.core.windows.net", use_managed_identity: true }, types: [DATA_LAKE] },
      {
        name: "blob endpoint with managed identity",
        config: { service_endpoint: "https://st.blob.core.windows.net/", use_managed_identity: true },
        types: [BLOB],
      },
      {
        name: "SAS URI without a token (the token in Key Vault)",
        config: { sas_uri: "https://st.blob.core.windows.net/", key_vault_sas_token: { linked_service_name: "kv", secret_name: "sas" } },
        types: [BLOB],
      },
      { name: "type_properties_json without credentials", config: { type: "AzureBlobStorage", type_properties_json: JSON.stringify({ serviceEndpoint: "https://st.blob.core.windows.net/" }) }, types: [CUSTOM] },
    ],
    fail: [
      { name: "a password in the connection string", config: { connection_string: "Data Source=sql-x;Initial Catalog=db;User ID=app;Password=hunter2" }, types: [SQL_DATABASE, SQL_SERVER, SYNAPSE] },
      { name: "a connection string with AccountKey", config: { connection_string: "AccountEndpoint=https://cosmos-x.documents.azure.com:443/;AccountKey=abc==;Database=db" }, types: [COSMOS] },
      { name: "account_key referencing the Cosmos DB primary key", config: { account_endpoint: "https://cosmos-x.documents.azure.com:443/", account_key: "${azurerm_cosmosdb_account.Db.primary_key}" }, types: [COSMOS] },
      {
        name: "service_principal_key referencing a secret attribute",
        config: { connection_string: "Data Source=sql-x;Initial Catalog=db", service_principal_id: "x", service_principal_key: "${azurerm_storage_account.Data.primary_access_key}" },
        types: [SQL_DATABASE],
      },
      {
        name: "service_principal_key referencing a secret attribute",
        config: { url: "https://st.dfs.core.windows.net", service_principal_id: "x", service_principal_key: "${azurerm_storage_account.Data.primary_access_key}" },
        types: [DATA_LAKE],
      },
      {
        name: "a connection string with AccountKey",
        config: { connection_string: "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==" },
        types: [BLOB],
      },
      {
        name: "an insecure connection string with AccountKey",
        config: { connection_string_insecure: "AccountName=st;AccountKey=abc==" },
        types: [BLOB],
      },
      { name: "a SAS URI with its signature", config: { sas_uri: "https://st.blob.core.windows.net/c?sv=2022-11-02&sig=abc%3D" }, types: [BLOB] },
      {
        name: "type_properties_json with a storage connection string",
        config: { type: "AzureBlobStorage", type_properties_json: JSON.stringify({ connectionString: "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==" }) },
        types: [CUSTOM],
      },
    ],
  },
  {
    id: "AIC-ADF-004",
    pass: [
      { name: "use_managed_identity true", config: { use_managed_identity: true } },
      { name: "use_managed_identity is a reference", config: { use_managed_identity: "${var.msi}" } },
    ],
    fail: [
      { name: "use_managed_identity false", config: { use_managed_identity: false } },
      { name: "use_managed_identity absent", config: {} },
    ],
  },
  diagnosticsTable("AIC-ADF-020"),
  privateEndpointTable("AIC-ADF-022"),
  identityTable("AIC-ADF-024"),
];

export const DATA_FACTORY_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-ADF-003",
    type: DATA_LAKE,
    name: "a literal storage_account_key (not in the checked attributes)",
    config: { url: "https://st.dfs.core.windows.net", storage_account_key: "c3RvcmFnZS1rZXktYmFzZTY0PT0=" },
    should: "violate",
  },
  {
    id: "AIC-ADF-003",
    type: DATA_LAKE,
    name: "storage_account_key referencing the account's primary_access_key (attribute not checked)",
    config: { url: "https://st.dfs.core.windows.net", storage_account_key: "${azurerm_storage_account.Data.primary_access_key}" },
    should: "violate",
  },
  {
    id: "AIC-ADF-003",
    type: COSMOS,
    name: "a literal account_key (carriesSecret only recognizes connection-string syntax)",
    config: { account_endpoint: "https://cosmos-x.documents.azure.com:443/", account_key: "c2VjcmV0LWNvc21vcy1rZXk=" },
    should: "violate",
  },
  {
    id: "AIC-ADF-003",
    type: SQL_DATABASE,
    name: "a literal service_principal_key (a client secret)",
    config: { connection_string: "Data Source=sql-x;Initial Catalog=db", service_principal_id: "x", service_principal_key: "Q8~abcDEF123ghiJKL456mnoPQR789stuVWX" },
    should: "violate",
  },
];
