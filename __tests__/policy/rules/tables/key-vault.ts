import { KnownDefect, RuleTable, diagnosticsTable, lockTable, privateEndpointTable, publicAccessTable } from "../harness";

export const KEY_VAULT_TABLES: RuleTable[] = [
  {
    id: "AIC-KV-001",
    pass: [
      { name: "rbac_authorization_enabled true", config: { rbac_authorization_enabled: true } },
      { name: "rbac_authorization_enabled is a reference", config: { rbac_authorization_enabled: "${var.rbac}" } },
    ],
    fail: [
      { name: "rbac_authorization_enabled false (access policies)", config: { rbac_authorization_enabled: false } },
      { name: "rbac_authorization_enabled absent (azurerm default: false)", config: {} },
    ],
  },
  {
    id: "AIC-KV-002",
    pass: [{ name: "purge_protection_enabled true", config: { purge_protection_enabled: true } }],
    fail: [
      { name: "purge_protection_enabled false", config: { purge_protection_enabled: false } },
      { name: "purge_protection_enabled absent (azurerm default: false)", config: {} },
    ],
  },
  {
    id: "AIC-KV-003",
    pass: [
      { name: "network_acls as an object, Deny", config: { network_acls: { default_action: "Deny", bypass: "AzureServices" } } },
      { name: "network_acls as a one-element list, Deny", config: { network_acls: [{ default_action: "Deny", bypass: "None", ip_rules: [] }] } },
    ],
    fail: [
      { name: "network_acls as an object, Allow", config: { network_acls: { default_action: "Allow", bypass: "AzureServices" } } },
      { name: "network_acls as a one-element list, Allow", config: { network_acls: [{ default_action: "Allow", bypass: "AzureServices" }] } },
      { name: "network_acls absent (open to all networks)", config: {} },
    ],
  },
  {
    id: "AIC-KV-004",
    pass: [
      { name: "90 days", config: { soft_delete_retention_days: 90 } },
      { name: "soft_delete_retention_days absent (absentOk: Azure default 90)", config: {} },
      { name: "soft_delete_retention_days is a reference", config: { soft_delete_retention_days: "${var.retention}" } },
    ],
    fail: [
      { name: "7 days in prod", config: { soft_delete_retention_days: 7 } },
      { name: "89 days in prod", config: { soft_delete_retention_days: 89 } },
    ],
    notApplicable: [{ name: "7 days in dev (prod-only)", config: { soft_delete_retention_days: 7 }, profile: "dev" }],
  },
  {
    id: "AIC-KV-005",
    pass: [
      { name: "rotates yearly, expires after two", config: { rotation_policy: { automatic: { time_after_creation: "P1Y" }, expire_after: "P2Y" } } },
      { name: "rotates 30 days before expiry", config: { rotation_policy: [{ automatic: [{ time_before_expiry: "P30D" }], expire_after: "P90D" }] } },
      { name: "durations known at deploy time", config: { rotation_policy: { automatic: { time_after_creation: "${var.rotate}" }, expire_after: "P2Y" } } },
    ],
    fail: [
      { name: "no rotation policy", config: { key_type: "RSA", key_size: 2048 } },
      { name: "expires, never rotates", config: { rotation_policy: { expire_after: "P2Y", notify_before_expiry: "P30D" } } },
      { name: "rotates, never expires", config: { rotation_policy: { automatic: { time_after_creation: "P1Y" } } } },
      { name: "rotation after the expiry", config: { rotation_policy: { automatic: { time_after_creation: "P2Y" }, expire_after: "P1Y" } } },
      { name: "expire_after not a duration", config: { rotation_policy: { automatic: { time_after_creation: "P1Y" }, expire_after: "2 years" } } },
    ],
  },
  {
    id: "AIC-KV-006",
    pass: [
      { name: "RSA 2048", config: { key_type: "RSA", key_size: 2048 } },
      { name: "RSA-HSM 4096", config: { key_type: "RSA-HSM", key_size: 4096 } },
      { name: "an EC key has a curve, no size", config: { key_type: "EC", curve: "P-256" } },
    ],
    fail: [
      { name: "RSA 1024", config: { key_type: "RSA", key_size: 1024 } },
      { name: "RSA-HSM without a size", config: { key_type: "RSA-HSM" } },
    ],
  },
  diagnosticsTable("AIC-KV-020"),
  lockTable("AIC-KV-021"),
  privateEndpointTable("AIC-KV-022"),
  publicAccessTable("AIC-KV-023"),
];

export const KEY_VAULT_DEFECTS: KnownDefect[] = [];
