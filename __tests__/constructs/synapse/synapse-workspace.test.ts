import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { SynapseFirewallRule } from "@cdktf/provider-azurerm/lib/synapse-firewall-rule";
import { SynapseSqlPool } from "@cdktf/provider-azurerm/lib/synapse-sql-pool";
import { SynapseWorkspace as SynapseWorkspaceResource } from "@cdktf/provider-azurerm/lib/synapse-workspace";
import { SynapseWorkspaceAadAdmin } from "@cdktf/provider-azurerm/lib/synapse-workspace-aad-admin";
import { Password } from "@cdktf/provider-random/lib/password";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { StorageAccount, StorageAccountProps } from "../../../constructs/storage";
import { DedicatedSqlPool, SQL_POOL_SKUS, SynapseWorkspace, SynapseWorkspaceProps } from "../../../constructs/synapse";

import { makeStack, PROD_CONTEXT as PROD, resolved, resourcesOfType as resources, single, withProvider } from "../../helpers";

Testing.setupJest();

const ADMIN_ID = "11111111-1111-1111-1111-111111111111";
const ADMIN = { login: "synapse-admins", objectId: ADMIN_ID };
const WORKSPACE = "${azurerm_synapse_workspace.Synapse_D9F8DB77.id}";
const LAKE = "${azurerm_storage_account.Lake_5F1B88EA.id}";
const FILESYSTEM = "azurerm_storage_container.Lake_Container-synapse_FC63EFDC";

type Props = Omit<SynapseWorkspaceProps, "dataLake" | "administrator"> & Partial<Pick<SynapseWorkspaceProps, "administrator">>;

function workspace(
  props: Props = {},
  extra: IntegrationContextProps = {},
  lakeProps: StorageAccountProps = { dataLake: true },
): { stack: TerraformStack; synapse: SynapseWorkspace; lake: StorageAccount } {
  const stack = makeStack(extra);
  const lake = new StorageAccount(stack, "Lake", lakeProps);
  return { stack, lake, synapse: new SynapseWorkspace(stack, "Synapse", { dataLake: lake, administrator: ADMIN, ...props }) };
}

describe("SynapseWorkspace defaults (dev)", () => {
  const { stack, synapse, lake } = workspace();
  const synth = Testing.synth(stack);

  test("is Entra-only on a Data Lake filesystem with a managed VNet and an identity", () => {
    expect(synth).toHaveResourceWithProperties(SynapseWorkspaceResource, {
      name: "synw-test-synapse-4334a0",
      resource_group_name: "rg-test",
      location: "westeurope",
      storage_data_lake_gen2_filesystem_id: "${azurerm_storage_account.Lake_5F1B88EA.primary_dfs_endpoint}synapse",
      azuread_authentication_only: true,
      managed_virtual_network_enabled: true,
      data_exfiltration_protection_enabled: false,
      public_network_access_enabled: true,
      identity: { type: "SystemAssigned" },
      depends_on: [FILESYSTEM],
    });
  });

  test("has the SQL administrator login Synapse needs, with a generated password that is never a literal nor an output", () => {
    const [config] = resources(stack, "azurerm_synapse_workspace");
    expect(config).toMatchObject({
      sql_administrator_login: "sqladminuser",
      sql_administrator_login_password: "${random_password.Synapse_SqlAdministratorPassword_35ABB530.result}",
      azuread_authentication_only: true,
    });
    expect(synth).toHaveResourceWithProperties(Password, {
      length: 32,
      min_lower: 2,
      min_upper: 2,
      min_numeric: 2,
      min_special: 2,
      override_special: "-_!#%*+=",
    });
    expect(JSON.parse(synth).provider.random).toEqual([{}]);
    expect(JSON.parse(synth).output).toBeUndefined();
    expect(synapse.sqlAdministratorPassword).toBeInstanceOf(Password);
  });

  test("the login and password are create-time only: changing them never replaces the workspace", () => {
    const [config] = resources(stack, "azurerm_synapse_workspace");
    expect(config.lifecycle).toEqual({ ignore_changes: ["sql_administrator_login", "sql_administrator_login_password"] });
  });

  test("synthesizes with cdktf's provider checks (the random provider is declared)", () => {
    expect(() => Testing.synth(withProvider(stack), true)).not.toThrow();
  });

  test("creates the filesystem on the Data Lake", () => {
    expect(synth).toHaveResourceWithProperties(StorageContainer, { name: "synapse", storage_account_id: LAKE, container_access_type: "private" });
    expect(synapse.fileSystem).toBe(lake.containers.get("synapse"));
  });

  test("makes the administrator the workspace's Entra admin in the deploying tenant", () => {
    expect(synth).toHaveDataSource(DataAzurermClientConfig);
    expect(synth).toHaveResourceWithProperties(SynapseWorkspaceAadAdmin, {
      synapse_workspace_id: WORKSPACE,
      login: "synapse-admins",
      object_id: ADMIN_ID,
      tenant_id: "${data.azurerm_client_config.ClientConfig.tenant_id}",
    });
    expect(synapse.administrator).toBeInstanceOf(SynapseWorkspaceAadAdmin);
  });

  test("grants the workspace identity Storage Blob Data Contributor on the Data Lake", () => {
    expect(synth).toHaveResourceWithProperties(RoleAssignment, {
      scope: LAKE,
      role_definition_name: "Storage Blob Data Contributor",
      principal_id: "${azurerm_synapse_workspace.Synapse_D9F8DB77.identity[0].principal_id}",
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
    expect(synapse.dataLakeGrant).toBeInstanceOf(RoleAssignment);
  });

  test("dev has no private endpoint, firewall rule, diagnostics, lock or SQL pool", () => {
    for (const type of [PrivateEndpoint, SynapseFirewallRule, MonitorDiagnosticSetting, ManagementLock, SynapseSqlPool]) expect(synth).not.toHaveResource(type);
    expect(synapse.privateEndpoints).toEqual({});
    expect(synapse.firewallRules).toEqual([]);
    expect(synapse.diagnostics).toBeUndefined();
    expect(synapse.lock).toBeUndefined();
  });

  test("exposes the L1 and its attributes", () => {
    expect(synapse.resource).toBeInstanceOf(SynapseWorkspaceResource);
    expect(synapse.resource.node.id).toBe("Resource");
    const { stack: outputs, synapse: other } = workspace();
    const attrs = { id: other.id, name: other.name, principal: other.principalId, sql: other.sqlEndpoint, ondemand: other.sqlOnDemandEndpoint, dev: other.devEndpoint };
    for (const [key, value] of Object.entries(attrs)) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(WORKSPACE);
    expect(output.name.value).toBe("${azurerm_synapse_workspace.Synapse_D9F8DB77.name}");
    expect(output.principal.value).toBe("${azurerm_synapse_workspace.Synapse_D9F8DB77.identity[0].principal_id}");
    expect(output.sql.value).toBe('${azurerm_synapse_workspace.Synapse_D9F8DB77.connectivity_endpoints["sql"]}');
    expect(output.ondemand.value).toBe('${azurerm_synapse_workspace.Synapse_D9F8DB77.connectivity_endpoints["sqlOnDemand"]}');
    expect(output.dev.value).toBe('${azurerm_synapse_workspace.Synapse_D9F8DB77.connectivity_endpoints["dev"]}');
    expect(other.principal).toEqual({ principalId: other.principalId, principalType: "ServicePrincipal", grantKey: "test/Synapse" });
    // The deprecated method is the same principal.
    expect(other.identityPrincipal()).toEqual(other.principal);
    expect(resolved(outputs, other.principal.principalId)).toBe("${azurerm_synapse_workspace.Synapse_D9F8DB77.identity[0].principal_id}");
  });
});

describe("SynapseWorkspace in prod", () => {
  const { stack, synapse } = workspace({}, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const synth = Testing.synth(stack);

  test("protects against data exfiltration with public access off and no firewall rules", () => {
    expect(synth).toHaveResourceWithProperties(SynapseWorkspaceResource, {
      data_exfiltration_protection_enabled: true,
      managed_virtual_network_enabled: true,
      public_network_access_enabled: false,
    });
    expect(synth).not.toHaveResource(SynapseFirewallRule);
  });

  test.each([
    ["Sql", "pep-synw-test-synapse-4334a0-sql", "privatelink.sql.azuresynapse.net"],
    ["SqlOnDemand", "pep-synw-test-synapse-4334a0-sql-on-demand", "privatelink.sql.azuresynapse.net"],
    ["Dev", "pep-synw-test-synapse-4334a0-dev", "privatelink.dev.azuresynapse.net"],
  ] as const)("has a %s private endpoint in the Synapse DNS zone", (subresource, name, zone) => {
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name,
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: WORKSPACE, subresource_names: [subresource] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: [`/zones/${zone}`] }),
    });
    expect(synapse.privateEndpoints[subresource]).toBeDefined();
  });

  test("the Sql endpoint is not registered in Cosmos DB's zone", () => {
    const zones = resources(stack, "azurerm_private_endpoint")
      .filter((pe) => pe.private_service_connection.private_connection_resource_id === WORKSPACE)
      .flatMap((pe) => pe.private_dns_zone_group.private_dns_zone_ids);
    expect(zones).toHaveLength(3);
    expect(zones).not.toContain("/zones/privatelink.documents.azure.com");
  });

  test("sends allLogs and AllMetrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: WORKSPACE,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-synw-test-synapse-4334a0", scope: WORKSPACE, lock_level: "CanNotDelete" });
  });
});

describe("SynapseWorkspace overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack } = workspace(
      {
        customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
        name: "synw-contoso",
        fileSystem: "workspace",
        administrator: { login: "dba@contoso.com", objectId: ADMIN_ID, tenantId: "44444444-4444-4444-4444-444444444444" },
        dataExfiltrationProtection: false,
        publicNetworkAccess: true,
        allowedIpRanges: ["203.0.113.7"],
        tags: { owner: "team" },
        diagnostics: false,
        privateEndpoint: false,
        lock: false,
      },
      PROD,
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SynapseWorkspaceResource, {
      name: "synw-contoso",
      storage_data_lake_gen2_filesystem_id: "${azurerm_storage_account.Lake_5F1B88EA.primary_dfs_endpoint}workspace",
      data_exfiltration_protection_enabled: false,
      public_network_access_enabled: true,
      tags: { owner: "team" },
    });
    expect(synth).toHaveResourceWithProperties(SynapseWorkspaceAadAdmin, { login: "dba@contoso.com", tenant_id: "44444444-4444-4444-4444-444444444444" });
    expect(synth).toHaveResourceWithProperties(StorageContainer, { name: "workspace" });
    expect(synth).toHaveResourceWithProperties(SynapseFirewallRule, {
      name: "allow-203.0.113.7-32",
      synapse_workspace_id: WORKSPACE,
      start_ip_address: "203.0.113.7",
      end_ip_address: "203.0.113.7",
    });
    // The Data Lake keeps its own kit; only the workspace's is switched off.
    const targets = resources(stack, "azurerm_monitor_diagnostic_setting").map((d) => d.target_resource_id);
    expect(targets).not.toContain(WORKSPACE);
    expect(resources(stack, "azurerm_private_endpoint").map((pe) => pe.private_service_connection.private_connection_resource_id)).not.toContain(WORKSPACE);
    expect(resources(stack, "azurerm_management_lock").map((l) => l.scope)).not.toContain(WORKSPACE);
  });

  test("without a managed VNet, exfiltration protection defaults off even in prod", () => {
    const { stack } = workspace({ managedVirtualNetwork: false }, PROD);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SynapseWorkspaceResource, {
      managed_virtual_network_enabled: false,
      data_exfiltration_protection_enabled: false,
    });
  });

  test("an existing filesystem is reused, not added again", () => {
    const { stack, synapse, lake } = workspace({ fileSystem: "raw" }, {}, { dataLake: true, containers: ["raw"] });
    expect(resources(stack, "azurerm_storage_container")).toHaveLength(1);
    expect(synapse.fileSystem).toBe(lake.containers.get("raw"));
    expect(resources(stack, "azurerm_synapse_workspace")[0].depends_on).toEqual(["azurerm_storage_container.Lake_Container-raw_04FB0A40"]);
  });

  test("one firewall rule per allowed range from context in dev", () => {
    const { stack, synapse } = workspace({}, { allowedIpRanges: ["198.51.100.0/24", "192.0.2.0/25"] });
    const rules = resources(stack, "azurerm_synapse_firewall_rule").map((r) => [r.name, r.start_ip_address, r.end_ip_address]);
    expect(rules).toHaveLength(2);
    expect(rules).toEqual(expect.arrayContaining([["allow-198.51.100.0-24", "198.51.100.0", "198.51.100.255"], ["allow-192.0.2.0-25", "192.0.2.0", "192.0.2.127"]]));
    expect(synapse.firewallRules).toHaveLength(2);
  });

  test("user-assigned identities join the system-assigned one", () => {
    const stack = makeStack();
    const uami = new UserAssignedIdentity(stack, "Identity");
    const lake = new StorageAccount(stack, "Lake", { dataLake: true });
    new SynapseWorkspace(stack, "Synapse", { dataLake: lake, administrator: ADMIN, identity: { userAssigned: [uami] } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SynapseWorkspaceResource, {
      identity: expect.objectContaining({ type: "SystemAssigned, UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Identity_2D60E2CC.id}"] }),
    });
  });
});

describe("Synapse dedicated SQL pools", () => {
  test("default to DW100c on local storage without geo-backups, encrypted, tagged like the workspace", () => {
    const { stack, synapse } = workspace({ tags: { owner: "team" } });
    const pool = synapse.addSqlPool("dwh");
    expect(pool).toBeInstanceOf(DedicatedSqlPool);
    expect(pool.resource.node.id).toBe("Resource");
    expect(synapse.sqlPools.get("dwh")).toBe(pool);
    const [config] = resources(stack, "azurerm_synapse_sql_pool");
    expect(config).toEqual({
      name: "dwh",
      synapse_workspace_id: WORKSPACE,
      sku_name: "DW100c",
      create_mode: "Default",
      storage_account_type: "LRS",
      geo_backup_policy_enabled: false,
      data_encrypted: true,
      tags: { owner: "team" },
    });
    expect(pool.diagnostics).toBeUndefined();
  });

  test("in prod use geo-redundant storage with geo-backups and send diagnostics", () => {
    const { stack, synapse } = workspace({}, PROD);
    const pool = synapse.addSqlPool("dwh");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SynapseSqlPool, { storage_account_type: "GRS", geo_backup_policy_enabled: true });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: "${azurerm_synapse_sql_pool.Synapse_SqlPool-dwh_855CCE1C.id}",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
    expect(pool.diagnostics).toBeDefined();
  });

  test("options win, including false; workspace diagnostics false holds for pools", () => {
    const { stack, synapse } = workspace({ diagnostics: false }, PROD);
    synapse.addSqlPool("big", { sku: "DW30000c", storageAccountType: "LRS", dataEncrypted: false, tags: { tier: "gold" } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SynapseSqlPool, {
      sku_name: "DW30000c",
      storage_account_type: "LRS",
      geo_backup_policy_enabled: false,
      data_encrypted: false,
      tags: { tier: "gold" },
    });
    const targets = resources(stack, "azurerm_monitor_diagnostic_setting").map((d) => d.target_resource_id);
    expect(targets.some((t: string) => t.includes("synapse"))).toBe(false);
  });

  test("GRS in dev turns geo-backups on", () => {
    const { stack, synapse } = workspace();
    synapse.addSqlPool("dwh", { storageAccountType: "GRS" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SynapseSqlPool, { storage_account_type: "GRS", geo_backup_policy_enabled: true });
  });

  test("every listed SKU is accepted", () => {
    const { synapse } = workspace();
    for (const sku of SQL_POOL_SKUS) expect(() => synapse.addSqlPool(`pool_${sku}`, { sku })).not.toThrow();
  });
});

describe("SynapseWorkspace validation", () => {
  const at = (message: string) => `test/Synapse: ${message}`;

  test("a storage account without the hierarchical namespace is rejected", () => {
    expect(() => workspace({}, {}, {})).toThrow(at('dataLake "test/Lake" is not a Data Lake Gen2 account (hierarchical namespace off); create the StorageAccount with dataLake: true'));
  });

  test.each([
    ["Raw", 'container name "Raw" breaks the container naming rule; use lower-case letters, digits and single hyphens, starting and ending with a letter or digit'],
    ["fs", 'container name "fs" is 2 characters; a container name must be 3-63; choose a name of 3 to 63 characters'],
  ])("fileSystem %p is rejected", (fileSystem, message) => {
    expect(() => workspace({ fileSystem })).toThrow(at(message));
  });

  test("the nil GUID as administrator is refused", () => {
    expect(() => workspace({ administrator: { login: "admins", objectId: "00000000-0000-0000-0000-000000000000" } })).toThrow(
      at('administrator.objectId "00000000-0000-0000-0000-000000000000" is the nil GUID, a placeholder that names no Entra principal'),
    );
  });

  test("without an administrator the deploying principal is the workspace's Entra admin", () => {
    const stack = makeStack();
    const lake = new StorageAccount(stack, "Lake", { dataLake: true });
    new SynapseWorkspace(stack, "Synapse", { dataLake: lake });
    expect(single(stack, "azurerm_synapse_workspace_aad_admin").config).toMatchObject({
      login: "deploying-principal",
      object_id: "${data.azurerm_client_config.ClientConfig.object_id}",
      tenant_id: "${data.azurerm_client_config.ClientConfig.tenant_id}",
    });
  });

  test("a custom SQL administrator login is used; one azurerm would refuse is rejected", () => {
    const { stack } = workspace({ sqlAdministratorLogin: "synadmin-01" });
    expect(single(stack, "azurerm_synapse_workspace").config.sql_administrator_login).toBe("synadmin-01");
    expect(() => workspace({ sqlAdministratorLogin: "1admin" })).toThrow(
      at(
        'sqlAdministratorLogin "1admin" breaks azurerm\'s SQL administrator login rule; ' +
          'use 1-128 letters, digits and hyphens starting with a letter, e.g. "sqladminuser"',
      ),
    );
  });

  test("a random provider the stack already has is reused", () => {
    const stack = makeStack();
    new RandomProvider(stack, "rnd");
    const lake = new StorageAccount(stack, "Lake", { dataLake: true });
    new SynapseWorkspace(stack, "Synapse", { dataLake: lake });
    expect(stack.node.children.filter((c) => c instanceof RandomProvider)).toHaveLength(1);
  });

  test("a bad administrator object id is rejected", () => {
    expect(() => workspace({ administrator: { login: "admins", objectId: "admins" } })).toThrow(
      at('administrator.objectId "admins" is not a GUID; use the Entra object id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'),
    );
  });

  test("exfiltration protection without the managed VNet is rejected", () => {
    expect(() => workspace({ managedVirtualNetwork: false, dataExfiltrationProtection: true })).toThrow(
      at("dataExfiltrationProtection true needs the managed virtual network; leave managedVirtualNetwork on or set dataExfiltrationProtection: false"),
    );
  });

  test("switching off the system-assigned identity is rejected", () => {
    expect(() => workspace({ identity: { systemAssigned: false } })).toThrow(
      at("identity.systemAssigned false cannot be off: the workspace reaches its Data Lake with its system-assigned identity; leave systemAssigned on (user-assigned identities may be added)"),
    );
  });

  test("names", () => {
    expect(() => workspace({ name: "synw-ondemand-x" })).toThrow(
      at('name "synw-ondemand-x" contains "-ondemand", which Synapse reserves for the serverless SQL endpoint; choose a name without it'),
    );
    expect(() => workspace({ name: "Synw_Bad" })).toThrow(
      at('name "Synw_Bad" breaks the synapseWorkspace naming rule; use lower-case letters, digits and hyphens, starting and ending with a letter or digit'),
    );
    const name = resources(workspace().stack, "azurerm_synapse_workspace")[0].name;
    expect(name).toMatch(NAMING_RULES.synapseWorkspace.pattern);
  });

  test.each(["dwh-sales", "dwh.", "dwh ", "a".repeat(61), "dwh@x", ""])("SQL pool name %p is rejected", (name) => {
    expect(() => workspace().synapse.addSqlPool(name)).toThrow(
      `: sql pool name "${name}" breaks the dedicated SQL pool naming rule; use 1-60 characters without < > * % & : \\ / ? @ -, not ending with '.' or a space (e.g. "dwh_sales")`,
    );
  });

  test("SQL pool name rules accept underscores and 60 characters", () => {
    expect(() => workspace().synapse.addSqlPool("dwh_sales")).not.toThrow();
    expect(() => workspace().synapse.addSqlPool("a".repeat(60))).not.toThrow();
  });

  test("an unknown SQL pool SKU is rejected", () => {
    // Cast: TypeScript users are stopped by the type; JavaScript users by this check.
    expect(() => workspace().synapse.addSqlPool("dwh", { sku: "DW100" as "DW100c" })).toThrow(
      `test/Synapse/SqlPool-dwh: sku "DW100" is not a dedicated SQL pool performance level; use one of ${SQL_POOL_SKUS.join(", ")}`,
    );
  });

  test("a duplicate SQL pool is rejected", () => {
    const { synapse } = workspace();
    synapse.addSqlPool("dwh");
    expect(() => synapse.addSqlPool("dwh")).toThrow(at('sql pool name "dwh" is already defined in this workspace; add each SQL pool once'));
  });

  test("a bad allowed range is rejected", () => {
    expect(() => workspace({ allowedIpRanges: ["198.51.100.0/24", "not-an-ip"] })).toThrow(
      at('allowedIpRanges "not-an-ip" is not an IPv4 address or CIDR range; use e.g. "203.0.113.7" or "198.51.100.0/24"'),
    );
  });
});

test("fully-featured SynapseWorkspace snapshot", () => {
  const { stack, synapse } = workspace({ fileSystem: "workspace", tags: { owner: "team" } }, PROD, { dataLake: true, containers: ["raw"] });
  synapse.addSqlPool("dwh", { sku: "DW500c" });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
