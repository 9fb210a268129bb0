import { CheckedResource } from "../../../../policy/types";
import { KnownDefect, RuleTable, TOKEN, checked, ref } from "../harness";

const KEY = "https://kv-cmk.vault.azure.net/keys/cmk";
const IDENTITY = "${azurerm_user_assigned_identity.Key.id}";
const dev = { name: "no key in dev (prod-only)", config: {}, profile: "dev" as const };
/** A separate resource of `type` that points at the subject through `path`. */
const separate = (type: string, path: string, extra: Record<string, unknown> = {}) => (self: CheckedResource) => [
  checked(type, { [path]: ref(self.address), ...extra }, "prod", "Key"),
];

export const ENCRYPTION_TABLES: RuleTable[] = [
  {
    id: "AIC-CMK-001",
    pass: [
      { name: "customer_managed_key block", config: { customer_managed_key: { key_vault_key_id: KEY, user_assigned_identity_id: IDENTITY } } },
      {
        name: "customer_managed_key as a one-element list",
        config: { customer_managed_key: [{ key_vault_key_id: KEY, user_assigned_identity_id: IDENTITY }] },
      },
      {
        name: "an azurerm_storage_account_customer_managed_key for the account",
        config: {},
        with: separate("azurerm_storage_account_customer_managed_key", "storage_account_id", { key_name: "cmk" }),
      },
    ],
    fail: [
      { name: "no key (Microsoft-managed keys)", config: { infrastructure_encryption_enabled: true } },
      { name: "an empty customer_managed_key list", config: { customer_managed_key: [] } },
      {
        name: "a key resource for another account",
        config: {},
        with: () => [checked("azurerm_storage_account_customer_managed_key", { storage_account_id: TOKEN }, "prod", "Key")],
      },
    ],
    notApplicable: [dev],
  },
  {
    id: "AIC-CMK-002",
    pass: [
      { name: "key_vault_key_id (versionless)", config: { key_vault_key_id: KEY, default_identity_type: `UserAssignedIdentity=${IDENTITY}` } },
      { name: "managed_hsm_key_id", config: { managed_hsm_key_id: "https://hsm.managedhsm.azure.net/keys/cmk" } },
    ],
    fail: [
      { name: "no key", config: {} },
      { name: "a default identity but no key", config: { default_identity_type: `UserAssignedIdentity=${IDENTITY}` } },
    ],
    notApplicable: [dev],
  },
  {
    id: "AIC-CMK-003",
    pass: [
      {
        name: "Premium with customer_managed_key",
        config: { sku: "Premium", customer_managed_key: { key_vault_key_id: KEY, identity_id: IDENTITY } },
      },
      { name: "Standard (no customer-managed keys in that tier)", config: { sku: "Standard" } },
    ],
    fail: [
      { name: "Premium without a key", config: { sku: "Premium" } },
      { name: "a sku only known at deploy time, without a key", config: { sku: "${var.sku}" } },
    ],
    notApplicable: [{ ...dev, config: { sku: "Premium" } }],
  },
  {
    id: "AIC-CMK-004",
    pass: [
      {
        name: "Premium with a namespace key resource",
        config: { sku: "Premium" },
        with: separate("azurerm_eventhub_namespace_customer_managed_key", "eventhub_namespace_id"),
      },
      { name: "Standard (no customer-managed keys in that tier)", config: { sku: "Standard" } },
    ],
    fail: [
      { name: "Premium without a key", config: { sku: "Premium" } },
      { name: "Standard on a Dedicated cluster without a key", config: { sku: "Standard", dedicated_cluster_id: TOKEN } },
    ],
    notApplicable: [{ ...dev, config: { sku: "Premium" } }],
  },
  {
    id: "AIC-CMK-005",
    pass: [
      {
        name: "transparent_data_encryption_key_vault_key_id (versioned)",
        config: { transparent_data_encryption_key_vault_key_id: `${KEY}/0123456789abcdef0123456789abcdef` },
      },
      {
        name: "an azurerm_mssql_server_transparent_data_encryption with a key",
        config: {},
        with: separate("azurerm_mssql_server_transparent_data_encryption", "server_id", { key_vault_key_id: KEY, auto_rotation_enabled: true }),
      },
    ],
    fail: [
      { name: "service-managed TDE", config: {} },
      {
        name: "a TDE resource without a key (service-managed)",
        config: {},
        with: separate("azurerm_mssql_server_transparent_data_encryption", "server_id"),
      },
    ],
    notApplicable: [dev],
  },
  {
    id: "AIC-CMK-006",
    pass: [
      {
        name: "customer_managed_key block",
        config: { customer_managed_key: { key_versionless_id: KEY, key_name: "cmk", user_assigned_identity_id: IDENTITY } },
      },
    ],
    fail: [{ name: "no key", config: { managed_virtual_network_enabled: true } }],
    notApplicable: [dev],
  },
  {
    id: "AIC-CMK-007",
    pass: [
      { name: "customer_managed_key_id", config: { customer_managed_key_id: KEY, customer_managed_key_identity_id: IDENTITY } },
      {
        name: "an azurerm_data_factory_customer_managed_key for the factory",
        config: {},
        with: separate("azurerm_data_factory_customer_managed_key", "data_factory_id"),
      },
    ],
    fail: [
      { name: "no key", config: {} },
      { name: "only the identity", config: { customer_managed_key_identity_id: IDENTITY } },
    ],
    notApplicable: [dev],
  },
];

export const ENCRYPTION_DEFECTS: KnownDefect[] = [];
