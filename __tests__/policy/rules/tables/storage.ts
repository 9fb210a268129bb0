import { CheckedResource } from "../../../../policy/types";
import { KnownDefect, RuleTable, checked, diagnosticSettingFor, diagnosticsTable, identityTable, lockTable, privateEndpointTable, publicAccessTable, ref } from "../harness";

export const STORAGE_TABLES: RuleTable[] = [
  {
    id: "AIC-ST-001",
    pass: [
      { name: "shared_access_key_enabled false", config: { shared_access_key_enabled: false } },
      { name: "shared_access_key_enabled is a reference", config: { shared_access_key_enabled: "${var.shared_keys}" } },
    ],
    fail: [
      { name: "shared_access_key_enabled true", config: { shared_access_key_enabled: true } },
      { name: "shared_access_key_enabled absent (azurerm default: true)", config: {} },
    ],
  },
  {
    id: "AIC-ST-002",
    pass: [
      { name: "min_tls_version TLS1_2", config: { min_tls_version: "TLS1_2" } },
      { name: "min_tls_version absent (absentOk: the azurerm default complies)", config: {} },
    ],
    fail: [
      { name: "min_tls_version TLS1_0", config: { min_tls_version: "TLS1_0" } },
      { name: "min_tls_version TLS1_1", config: { min_tls_version: "TLS1_1" } },
    ],
  },
  {
    id: "AIC-ST-003",
    pass: [
      { name: "https_traffic_only_enabled true", config: { https_traffic_only_enabled: true } },
      { name: "https_traffic_only_enabled absent (absentOk: azurerm default true)", config: {} },
    ],
    fail: [{ name: "https_traffic_only_enabled false", config: { https_traffic_only_enabled: false } }],
  },
  {
    id: "AIC-ST-004",
    pass: [{ name: "allow_nested_items_to_be_public false", config: { allow_nested_items_to_be_public: false } }],
    fail: [
      { name: "allow_nested_items_to_be_public true", config: { allow_nested_items_to_be_public: true } },
      { name: "allow_nested_items_to_be_public absent (azurerm default: true)", config: {} },
    ],
  },
  {
    id: "AIC-ST-005",
    pass: [
      { name: "network_rules as an object, Deny", config: { network_rules: { default_action: "Deny", bypass: ["AzureServices"] } } },
      { name: "network_rules as a one-element list, Deny", config: { network_rules: [{ default_action: "Deny", ip_rules: ["203.0.113.0/24"] }] } },
      { name: "default_action is a reference", config: { network_rules: { default_action: "${var.default_action}" } } },
    ],
    fail: [
      { name: "network_rules as an object, Allow", config: { network_rules: { default_action: "Allow" } } },
      { name: "network_rules as a one-element list, Allow", config: { network_rules: [{ default_action: "Allow" }] } },
      { name: "network_rules absent", config: {} },
      { name: "network_rules without default_action", config: { network_rules: { bypass: ["AzureServices"] } } },
    ],
  },
  {
    id: "AIC-ST-006",
    pass: [
      { name: "nested blocks as objects, 7 days", config: { blob_properties: { delete_retention_policy: { days: 7 } } } },
      { name: "nested blocks as one-element lists, 1 day", config: { blob_properties: [{ delete_retention_policy: [{ days: 1 }] }] } },
      { name: "outer list, inner object, 365 days", config: { blob_properties: [{ versioning_enabled: true, delete_retention_policy: { days: 365 } }] } },
      { name: "days is a reference", config: { blob_properties: { delete_retention_policy: { days: "${var.soft_delete_days}" } } } },
    ],
    fail: [
      { name: "days 0", config: { blob_properties: { delete_retention_policy: { days: 0 } } } },
      { name: "blob_properties absent", config: {} },
      { name: "blob_properties without delete_retention_policy", config: { blob_properties: [{ versioning_enabled: true }] } },
      { name: "delete_retention_policy without days", config: { blob_properties: { delete_retention_policy: [{ permanent_delete_enabled: false }] } } },
    ],
  },
  {
    id: "AIC-ST-007",
    pass: [
      { name: "cross_tenant_replication_enabled false", config: { cross_tenant_replication_enabled: false } },
      { name: "cross_tenant_replication_enabled absent (absentOk: the azurerm default complies)", config: {} },
    ],
    fail: [
      { name: "cross_tenant_replication_enabled true", config: { cross_tenant_replication_enabled: true } },
    ],
  },
  {
    id: "AIC-ST-008",
    pass: [{ name: "default_to_oauth_authentication true", config: { default_to_oauth_authentication: true } }],
    fail: [
      { name: "default_to_oauth_authentication false", config: { default_to_oauth_authentication: false } },
      { name: "default_to_oauth_authentication absent (azurerm default: false)", config: {} },
    ],
  },
  {
    id: "AIC-ST-009",
    pass: [
      { name: "ZRS", config: { account_replication_type: "ZRS" } },
      { name: "GZRS", config: { account_replication_type: "GZRS" } },
      { name: "RAGZRS", config: { account_replication_type: "RAGZRS" } },
      { name: "replication is a reference", config: { account_replication_type: "${var.replication}" } },
    ],
    fail: [
      { name: "LRS", config: { account_replication_type: "LRS" } },
      { name: "GRS (geo, not zone-redundant)", config: { account_replication_type: "GRS" } },
      { name: "replication absent", config: {} },
    ],
    notApplicable: [{ name: "LRS in dev (prod-only)", config: { account_replication_type: "LRS" }, profile: "dev" }],
  },
  {
    id: "AIC-ST-010",
    pass: [
      { name: "container_access_type private", config: { container_access_type: "private" } },
      { name: "container_access_type absent (absentOk: azurerm default private)", config: {} },
    ],
    fail: [
      { name: "container_access_type blob", config: { container_access_type: "blob" } },
      { name: "container_access_type container", config: { container_access_type: "container" } },
    ],
  },
  {
    id: "AIC-ST-011",
    pass: [{ name: "infrastructure_encryption_enabled true", config: { infrastructure_encryption_enabled: true } }],
    fail: [
      { name: "infrastructure_encryption_enabled false", config: { infrastructure_encryption_enabled: false } },
      { name: "infrastructure_encryption_enabled absent", config: {} },
    ],
  },
  {
    id: "AIC-ST-012",
    pass: [
      { name: "local users off, sftp_enabled absent (absentOk)", config: { local_user_enabled: false } },
      { name: "local users off, sftp off", config: { local_user_enabled: false, sftp_enabled: false } },
    ],
    fail: [
      { name: "local_user_enabled true", config: { local_user_enabled: true, sftp_enabled: false } },
      { name: "local_user_enabled absent (azurerm default: true)", config: { sftp_enabled: false } },
      { name: "local users off but sftp_enabled true", config: { local_user_enabled: false, sftp_enabled: true } },
    ],
  },
  {
    id: "AIC-ST-013",
    pass: [
      { name: "network_rules as an object", config: { network_rules: { default_action: "Deny" } } },
      { name: "network_rules as a one-element list", config: { network_rules: [{ default_action: "Allow" }] } },
    ],
    fail: [
      { name: "network_rules absent", config: {} },
      { name: "network_rules an empty list", config: { network_rules: [] } },
    ],
  },
  diagnosticsTable("AIC-ST-020"),
  lockTable("AIC-ST-021"),
  privateEndpointTable("AIC-ST-022"),
  publicAccessTable("AIC-ST-023"),
  identityTable("AIC-ST-024"),
  {
    id: "AIC-ST-014",
    pass: [
      { name: "only blob in use", config: {}, with: (self) => [diagnosticSettingFor(self, "/blobServices/default")] },
      {
        name: "a queue, and the queue service logged",
        config: {},
        with: (self) => [queueOf(self), diagnosticSettingFor(self, "/queueServices/default")],
      },
      {
        name: "a Functions host logs queue and table",
        config: {},
        with: (self) => [functionAppOn(self), ...["queue", "table"].map((s) => diagnosticSettingFor(self, `/${s}Services/default`, `D${s}`))],
      },
      {
        name: "a share by (deprecated) account name, file logged",
        config: {},
        with: (self) => [checked("azurerm_storage_share", { storage_account_name: ref(self.address, "name") }), diagnosticSettingFor(self, "/fileServices/default")],
      },
    ],
    fail: [
      { name: "a queue, only the account logged", config: {}, with: (self) => [queueOf(self), diagnosticSettingFor(self)] },
      { name: "a queue, blob logged", config: {}, with: (self) => [queueOf(self), diagnosticSettingFor(self, "/blobServices/default")] },
      {
        name: "a Functions host, queue logged but not table",
        config: {},
        with: (self) => [functionAppOn(self), diagnosticSettingFor(self, "/queueServices/default")],
      },
      {
        name: "a Standard logic app host, queue and table logged but not file",
        config: {},
        with: (self) => [
          checked("azurerm_logic_app_standard", { storage_account_name: ref(self.address, "name") }),
          ...["queue", "table"].map((s) => diagnosticSettingFor(self, `/${s}Services/default`, `D${s}`)),
        ],
      },
      { name: "a table, in dev too", config: {}, profile: "dev", with: (self) => [checked("azurerm_storage_table", { storage_account_name: ref(self.address, "name") }, "dev")] },
    ],
  },
  {
    id: "AIC-ST-015",
    pass: [
      { name: "GZRS", config: { account_replication_type: "GZRS" } },
      { name: "RAGZRS", config: { account_replication_type: "RAGZRS" } },
      { name: "ZRS, a Functions host's own storage", config: { account_replication_type: "ZRS" }, with: (self) => [functionAppOn(self)] },
      {
        name: "ZRS, a Flex Consumption host's deployment storage",
        config: { account_replication_type: "ZRS" },
        with: (self) => [checked("azurerm_function_app_flex_consumption", { storage_container_endpoint: `${ref(self.address, "primary_blob_endpoint")}app-package` })],
      },
    ],
    fail: [
      { name: "ZRS holding data", config: { account_replication_type: "ZRS" } },
      { name: "GRS (geo, one zone)", config: { account_replication_type: "GRS" } },
      { name: "ZRS, an app only reads it through a setting", config: { account_replication_type: "ZRS" }, with: (self) => [functionAppReading(self)] },
    ],
    notApplicable: [{ name: "LRS in dev (prod-only)", config: { account_replication_type: "LRS" }, profile: "dev" }],
  },
];

function queueOf(account: CheckedResource): CheckedResource {
  return checked("azurerm_storage_queue", { name: "orders", storage_account_id: ref(account.address) }, account.profile, "Queue");
}

function functionAppOn(account: CheckedResource): CheckedResource {
  return checked("azurerm_linux_function_app", { storage_account_name: ref(account.address, "name") }, account.profile, "App");
}

/** A data account named in an app setting is not the app's host storage. */
function functionAppReading(account: CheckedResource): CheckedResource {
  return checked("azurerm_linux_function_app", { app_settings: { Data__blobServiceUri: ref(account.address, "primary_blob_endpoint") } }, account.profile, "App");
}

export const STORAGE_DEFECTS: KnownDefect[] = [];
