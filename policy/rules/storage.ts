import { all, atLeast, equals, oneOf, present } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule, identityRule, prodLockRule, prodPrivateEndpointRule, prodPublicAccessRule } from "./common";

const ACCOUNT = ["azurerm_storage_account"];

export const STORAGE_RULES: PolicyRule[] = [
  { id: "AIC-ST-001", level: "error", resourceTypes: ACCOUNT, title: "Storage accounts disable shared key access (Entra ID only)", remediation: "do not set `sharedAccessKeyEnabled` back to true; grant roles with `grantBlobRead`/`grantBlobWrite`", check: equals("shared_access_key_enabled", false) },
  { id: "AIC-ST-002", level: "error", resourceTypes: ACCOUNT, title: "Storage accounts require TLS 1.2", remediation: "set `min_tls_version` to TLS1_2 (the StorageAccount default)", check: equals("min_tls_version", "TLS1_2", true) },
  { id: "AIC-ST-003", level: "error", resourceTypes: ACCOUNT, title: "Storage accounts accept HTTPS only", remediation: "keep `https_traffic_only_enabled` true", check: equals("https_traffic_only_enabled", true, true) },
  { id: "AIC-ST-004", level: "error", resourceTypes: ACCOUNT, title: "Storage accounts forbid public blob access", remediation: "keep `allow_nested_items_to_be_public` false", check: equals("allow_nested_items_to_be_public", false) },
  { id: "AIC-ST-005", level: "warning", resourceTypes: ACCOUNT, title: "Storage account firewalls deny by default", remediation: "keep `firewallDefaultAction: \"Deny\"` and list `allowedIpRanges`", check: equals("network_rules.default_action", "Deny") },
  { id: "AIC-ST-006", level: "warning", resourceTypes: ACCOUNT, title: "Storage accounts keep deleted blobs recoverable (soft delete)", remediation: "set `blobSoftDeleteDays` (default 7)", check: atLeast("blob_properties.delete_retention_policy.days", 1) },
  { id: "AIC-ST-007", level: "warning", resourceTypes: ACCOUNT, title: "Storage accounts disable cross-tenant replication", remediation: "keep `cross_tenant_replication_enabled` false", check: equals("cross_tenant_replication_enabled", false, true) },
  { id: "AIC-ST-008", level: "warning", resourceTypes: ACCOUNT, title: "Storage accounts default to Entra ID in the portal", remediation: "keep `default_to_oauth_authentication` true", check: equals("default_to_oauth_authentication", true) },
  { id: "AIC-ST-009", level: "error", resourceTypes: ACCOUNT, profiles: ["prod"], title: "Storage accounts are zone-redundant in prod", remediation: "use `replication: \"ZRS\"` or `\"GZRS\"` (the prod default)", check: oneOf("account_replication_type", ["ZRS", "GZRS", "RAGZRS"]) },
  { id: "AIC-ST-010", level: "error", resourceTypes: ["azurerm_storage_container"], title: "Blob containers are private", remediation: "keep `container_access_type` \"private\"", check: equals("container_access_type", "private", true) },
  { id: "AIC-ST-011", level: "warning", resourceTypes: ACCOUNT, title: "Storage accounts encrypt at the infrastructure layer too", remediation: "keep `infrastructure_encryption_enabled` true (set at creation)", check: equals("infrastructure_encryption_enabled", true) },
  { id: "AIC-ST-012", level: "warning", resourceTypes: ACCOUNT, title: "Storage accounts disable local (SFTP) users", remediation: "keep `local_user_enabled` false", check: all(equals("local_user_enabled", false), equals("sftp_enabled", false, true)) },
  { id: "AIC-ST-013", level: "warning", resourceTypes: ACCOUNT, title: "Storage accounts have network rules", remediation: "keep the StorageAccount network rules", check: present("network_rules") },
  diagnosticsRule("AIC-ST-020", ACCOUNT, "Storage accounts"),
  prodLockRule("AIC-ST-021", ACCOUNT, "Storage accounts"),
  prodPrivateEndpointRule("AIC-ST-022", ACCOUNT, "Storage accounts"),
  prodPublicAccessRule("AIC-ST-023", ACCOUNT, "Storage accounts"),
  identityRule("AIC-ST-024", ACCOUNT, "Storage accounts"),
];
