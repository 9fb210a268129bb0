import { atLeast, either, equals } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule, prodLockRule, prodPrivateEndpointRule, prodPublicAccessRule } from "./common";

const VAULT = ["azurerm_key_vault"];

export const KEY_VAULT_RULES: PolicyRule[] = [
  { id: "AIC-KV-001", level: "error", resourceTypes: VAULT, title: "Key Vaults authorize with Azure RBAC, not access policies", remediation: "keep `rbac_authorization_enabled` true and grant with `grantSecretsRead`", check: either(equals("rbac_authorization_enabled", true), equals("enable_rbac_authorization", true)) },
  { id: "AIC-KV-002", level: "error", resourceTypes: VAULT, title: "Key Vaults have purge protection", remediation: "keep `purgeProtection` true", check: equals("purge_protection_enabled", true) },
  { id: "AIC-KV-003", level: "error", resourceTypes: VAULT, title: "Key Vault firewalls deny by default", remediation: "keep `firewallDefaultAction: \"Deny\"`; list `allowedIpRanges`", check: equals("network_acls.default_action", "Deny") },
  { id: "AIC-KV-004", level: "warning", resourceTypes: VAULT, profiles: ["prod"], title: "Key Vaults keep deleted secrets for 90 days in prod", remediation: "keep `softDeleteRetentionDays` at the prod default (90)", check: atLeast("soft_delete_retention_days", 90, true) },
  diagnosticsRule("AIC-KV-020", VAULT, "Key Vaults"),
  prodLockRule("AIC-KV-021", VAULT, "Key Vaults"),
  prodPrivateEndpointRule("AIC-KV-022", VAULT, "Key Vaults"),
  prodPublicAccessRule("AIC-KV-023", VAULT, "Key Vaults"),
];
