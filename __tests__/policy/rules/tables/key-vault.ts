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
  diagnosticsTable("AIC-KV-020"),
  lockTable("AIC-KV-021"),
  privateEndpointTable("AIC-KV-022"),
  publicAccessTable("AIC-KV-023"),
];

export const KEY_VAULT_DEFECTS: KnownDefect[] = [];
