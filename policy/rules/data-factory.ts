import { absent, all, carriesSecret, equals, valueAt } from "../checks";
import { PolicyRule } from "../types";
import { sharedRules } from "./common";

const FACTORY = ["azurerm_data_factory"];
const LINKED_SERVICES = [
  "azurerm_data_factory_linked_service_azure_sql_database",
  "azurerm_data_factory_linked_service_sql_server",
  "azurerm_data_factory_linked_service_synapse",
  "azurerm_data_factory_linked_service_cosmosdb",
  "azurerm_data_factory_linked_service_data_lake_storage_gen2",
  "azurerm_data_factory_linked_service_azure_blob_storage",
  "azurerm_data_factory_linked_custom_service",
];

/** Linked services whose azurerm resource has `use_managed_identity`. */
const IDENTITY_LINKED_SERVICES = [
  "azurerm_data_factory_linked_service_azure_sql_database",
  "azurerm_data_factory_linked_service_data_lake_storage_gen2",
  "azurerm_data_factory_linked_service_azure_blob_storage",
];

/** Attributes that may carry a credential in their text (Blob Storage's SAS URI and insecure connection string included). */
const SECRET_BEARING = ["connection_string", "connection_string_insecure", "sas_uri", "type_properties_json"];

/** Attributes that can only hold a key: any value means key-based authentication. */
const KEY_ATTRIBUTES = ["account_key", "service_principal_key", "storage_account_key"];

export const DATA_FACTORY_RULES: PolicyRule[] = [
  // Public access is off only behind a private endpoint: without one, self-hosted runtimes cannot connect (dev).
  {
    id: "AIC-ADF-001",
    level: "error",
    resourceTypes: FACTORY,
    profiles: ["prod"],
    title: "Data factories disable public network access in prod",
    remediation: "give the factory a private endpoint (the prod profile's network); public access then defaults to off",
    check: equals("public_network_enabled", false),
  },
  {
    id: "AIC-ADF-002",
    level: "error",
    resourceTypes: FACTORY,
    title: "Data factories run in a managed virtual network",
    remediation: "keep `managed_virtual_network_enabled` true",
    check: equals("managed_virtual_network_enabled", true),
  },
  {
    id: "AIC-ADF-003",
    level: "error",
    resourceTypes: LINKED_SERVICES,
    title: "Linked services hold no literal keys, passwords or connection strings with credentials",
    remediation: "use managed identity (`use_managed_identity`) or a Key Vault secret reference",
    check: all(
      ...KEY_ATTRIBUTES.map((k) => absent(k)),
      ({ config }) => !SECRET_BEARING.some((k) => carriesSecret(valueAt(config, k))),
    ),
  },
  {
    id: "AIC-ADF-004",
    level: "warning",
    resourceTypes: IDENTITY_LINKED_SERVICES,
    title: "Linked services to Azure SQL, Data Lake and Blob Storage authenticate with the factory's managed identity",
    remediation: "keep `use_managed_identity` true",
    check: equals("use_managed_identity", true),
  },
  ...sharedRules("ADF", FACTORY, "Data factories", { diagnostics: true, privateEndpoint: { level: "warning" }, identity: { level: "error" } }),
];
