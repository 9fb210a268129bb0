import { all, atLeast, equals, oneOf, present } from "../checks";
import { CheckedResource, CheckedScope, PolicyRule } from "../types";
import { sharedRules } from "./common";

const ACCOUNT = ["azurerm_storage_account"];

export const STORAGE_RULES: PolicyRule[] = [
  {
    id: "AIC-ST-001",
    level: "error",
    resourceTypes: ACCOUNT,
    title: "Storage accounts disable shared key access (Entra ID only)",
    remediation: "do not set `sharedAccessKeyEnabled` back to true; grant roles with `grantBlobRead`/`grantBlobWrite`",
    check: equals("shared_access_key_enabled", false),
  },
  {
    id: "AIC-ST-002",
    level: "error",
    resourceTypes: ACCOUNT,
    title: "Storage accounts require TLS 1.2",
    remediation: "set `min_tls_version` to TLS1_2 (the StorageAccount default)",
    check: equals("min_tls_version", "TLS1_2", true),
  },
  {
    id: "AIC-ST-003",
    level: "error",
    resourceTypes: ACCOUNT,
    title: "Storage accounts accept HTTPS only",
    remediation: "keep `https_traffic_only_enabled` true",
    check: equals("https_traffic_only_enabled", true, true),
  },
  {
    id: "AIC-ST-004",
    level: "error",
    resourceTypes: ACCOUNT,
    title: "Storage accounts forbid public blob access",
    remediation: "keep `allow_nested_items_to_be_public` false",
    check: equals("allow_nested_items_to_be_public", false),
  },
  {
    id: "AIC-ST-005",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage account firewalls deny by default",
    remediation: "keep `firewallDefaultAction: \"Deny\"` and list `allowedIpRanges`",
    check: equals("network_rules.default_action", "Deny"),
  },
  {
    id: "AIC-ST-006",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage accounts keep deleted blobs recoverable (soft delete)",
    remediation: "set `blobSoftDeleteDays` (default 7)",
    check: atLeast("blob_properties.delete_retention_policy.days", 1),
  },
  {
    id: "AIC-ST-007",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage accounts disable cross-tenant replication",
    remediation: "keep `cross_tenant_replication_enabled` false",
    check: equals("cross_tenant_replication_enabled", false, true),
  },
  {
    id: "AIC-ST-008",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage accounts default to Entra ID in the portal",
    remediation: "keep `default_to_oauth_authentication` true",
    check: equals("default_to_oauth_authentication", true),
  },
  {
    id: "AIC-ST-009",
    level: "error",
    resourceTypes: ACCOUNT,
    profiles: ["prod"],
    title: "Storage accounts are zone-redundant in prod",
    remediation: "use `replication: \"ZRS\"` or `\"GZRS\"` (the prod default)",
    check: oneOf("account_replication_type", ["ZRS", "GZRS", "RAGZRS"]),
  },
  {
    id: "AIC-ST-010",
    level: "error",
    resourceTypes: ["azurerm_storage_container"],
    title: "Blob containers are private",
    remediation: "keep `container_access_type` \"private\"",
    check: equals("container_access_type", "private", true),
  },
  {
    id: "AIC-ST-011",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage accounts encrypt at the infrastructure layer too",
    remediation: "keep `infrastructure_encryption_enabled` true (set at creation)",
    check: equals("infrastructure_encryption_enabled", true),
  },
  {
    id: "AIC-ST-012",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage accounts disable local (SFTP) users",
    remediation: "keep `local_user_enabled` false",
    check: all(equals("local_user_enabled", false), equals("sftp_enabled", false, true)),
  },
  {
    id: "AIC-ST-013",
    level: "warning",
    resourceTypes: ACCOUNT,
    title: "Storage accounts have network rules",
    remediation: "keep the StorageAccount network rules",
    check: present("network_rules"),
  },
  ...sharedRules("ST", ACCOUNT, "Storage accounts", { diagnostics: true, lock: true, privateEndpoint: true, publicAccess: true, identity: true }),
  {
    id: "AIC-ST-014",
    level: "error",
    resourceTypes: ACCOUNT,
    title: "Storage accounts log every service they use (queue, table, file), not only blob",
    remediation: "keep the construct's `diagnostics` default; for services used without the construct creating their children, call `useService()`",
    check: (account, scope) => unloggedServices(account, scope).length === 0,
    remediationFor: (account, scope) =>
      `add a diagnostic setting on ${unloggedServices(account, scope).map((s) => `\`<account id>/${s}Services/default\``).join(", ")} ` +
      `(StorageAccount.useService(${unloggedServices(account, scope).map((s) => `"${s}"`).join(", ")}) does, with the account's diagnostics)`,
  },
  {
    id: "AIC-ST-015",
    level: "error",
    resourceTypes: ACCOUNT,
    profiles: ["prod"],
    title: "Storage accounts that hold data are geo-zone-redundant in prod (an app host's own storage is exempt)",
    remediation: "keep the prod default `replication: \"GZRS\"` (or use `\"RAGZRS\"` where reads from the secondary help)",
    check: (account, scope) => hostsOf(account, scope).length > 0 || oneOf("account_replication_type", ["GZRS", "RAGZRS"])(account, scope),
  },
];

type SubService = "queue" | "table" | "file";

// Children that put a service to use. azurerm @v4.55.0 website/docs/r/storage_{queue,share}.html.markdown: `storage_account_id`
// (`storage_account_name` deprecated); storage_table.html.markdown: `storage_account_name` only.
const CHILDREN: ReadonlyArray<{ type: string; service: SubService }> = [
  { type: "azurerm_storage_queue", service: "queue" },
  { type: "azurerm_storage_table", service: "table" },
  { type: "azurerm_storage_share", service: "file" },
];

/**
 * Apps whose runtime uses their host storage's services: the Functions host keeps blob-trigger
 * queues and diagnostic events in tables; a Standard logic app also keeps its content in a file
 * share (https://learn.microsoft.com/azure/azure-functions/storage-considerations).
 */
const HOSTS: Readonly<Record<string, readonly SubService[]>> = {
  azurerm_linux_function_app: ["queue", "table"],
  azurerm_windows_function_app: ["queue", "table"],
  azurerm_logic_app_standard: ["file", "queue", "table"],
};

/** The apps that run on the account as their host storage (`storage_account_name`, or Flex's deployment container). */
function hostsOf(account: CheckedResource, scope: CheckedScope): CheckedResource[] {
  const name = `\${${account.address}.name}`;
  const blob = `\${${account.address}.primary_blob_endpoint}`;
  return scope.resources.filter(
    (r) =>
      (r.type in HOSTS && r.config.storage_account_name === name) ||
      (r.type === "azurerm_function_app_flex_consumption" && String(r.config.storage_container_endpoint ?? "").startsWith(blob)),
  );
}

/** Services of the account in use (children or hosted apps) that no diagnostic setting targets. */
function unloggedServices(account: CheckedResource, scope: CheckedScope): SubService[] {
  const id = `\${${account.address}.id}`;
  const name = `\${${account.address}.name}`;
  const used = new Set<SubService>();
  for (const { type, service } of CHILDREN) {
    if (scope.resources.some(
      (r) => r.type === type && (r.config.storage_account_id === id || r.config.storage_account_name === name),
    )) used.add(service);
  }
  for (const host of hostsOf(account, scope)) for (const service of HOSTS[host.type] ?? []) used.add(service);
  const targets = new Set(
    scope.referencing("azurerm_monitor_diagnostic_setting", "target_resource_id", account).map((d) => d.config.target_resource_id),
  );
  return [...used].filter((service) => !targets.has(`${id}/${service}Services/default`)).sort();
}
