import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput } from "cdktf";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { KeyVault as KeyVaultResource } from "@cdktf/provider-azurerm/lib/key-vault";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { KeyVault } from "../../../constructs/key-vault";

import { makeStack, PROD_CONTEXT as PROD, resourcesOfType as resources } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";


describe("KeyVault defaults (dev)", () => {
  const stack = makeStack();
  const vault = new KeyVault(stack, "Vault");
  const synth = Testing.synth(stack);

  test("is hardened", () => {
    expect(synth).toHaveDataSource(DataAzurermClientConfig);
    expect(synth).toHaveResourceWithProperties(KeyVaultResource, {
      name: "kv-test-vault-534ef5",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku_name: "standard",
      tenant_id: "${data.azurerm_client_config.ClientConfig.tenant_id}",
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 7,
      public_network_access_enabled: true,
      network_acls: expect.objectContaining({ default_action: "Deny", bypass: "AzureServices", ip_rules: [] }),
    });
  });

  test("uses rbac_authorization_enabled, not the deprecated enable_rbac_authorization", () => {
    const [kv] = resources(stack, "azurerm_key_vault");
    expect(kv).not.toHaveProperty("enable_rbac_authorization");
    expect(kv).not.toHaveProperty("access_policy");
  });

  test("dev has no private endpoint, diagnostics or lock", () => {
    expect(synth).not.toHaveResource(PrivateEndpoint);
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).not.toHaveResource(ManagementLock);
    expect(vault.privateEndpoint).toBeUndefined();
    expect(vault.diagnostics).toBeUndefined();
    expect(vault.lock).toBeUndefined();
  });

  test("exposes the L1 and its attributes", () => {
    expect(vault.resource).toBeInstanceOf(KeyVaultResource);
    expect(vault.resource.node.id).toBe("Resource");
    const outputs = makeStack();
    const other = new KeyVault(outputs, "Vault");
    new TerraformOutput(outputs, "id", { value: other.id });
    new TerraformOutput(outputs, "name", { value: other.name });
    new TerraformOutput(outputs, "uri", { value: other.vaultUri });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe("${azurerm_key_vault.Vault_23237E5B.id}");
    expect(output.name.value).toBe("${azurerm_key_vault.Vault_23237E5B.name}");
    expect(output.uri.value).toBe("${azurerm_key_vault.Vault_23237E5B.vault_uri}");
  });
});

describe("KeyVault in prod", () => {
  const stack = makeStack(PROD);
  new KeyVault(stack, "Vault");
  const synth = Testing.synth(stack);

  test("has a private endpoint with a DNS zone group and public access off", () => {
    expect(synth).toHaveResourceWithProperties(KeyVaultResource, {
      public_network_access_enabled: false,
      soft_delete_retention_days: 90,
      network_acls: expect.objectContaining({ default_action: "Deny" }),
    });
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-kv-test-vault-534ef5-vault",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({
        private_connection_resource_id: "${azurerm_key_vault.Vault_23237E5B.id}",
        subresource_names: ["vault"],
        is_manual_connection: false,
      }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.vaultcore.azure.net"] }),
    });
  });

  test("sends all logs and metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: "${azurerm_key_vault.Vault_23237E5B.id}",
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, {
      name: "lock-kv-test-vault-534ef5",
      scope: "${azurerm_key_vault.Vault_23237E5B.id}",
      lock_level: "CanNotDelete",
    });
  });
});

describe("KeyVault overrides", () => {
  test("user values win over defaults, including false", () => {
    const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
    new KeyVault(stack, "Vault", {
      name: "kv-custom",
      sku: "premium",
      tenantId: "33333333-3333-3333-3333-333333333333",
      softDeleteRetentionDays: 30,
      purgeProtection: false,
      publicNetworkAccess: true,
      firewallDefaultAction: "Allow",
      allowedIpRanges: ["203.0.113.7/32"],
      tags: { owner: "team" },
      diagnostics: false,
      privateEndpoint: false,
      lock: false,
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(KeyVaultResource, {
      name: "kv-custom",
      sku_name: "premium",
      tenant_id: "33333333-3333-3333-3333-333333333333",
      soft_delete_retention_days: 30,
      purge_protection_enabled: false,
      public_network_access_enabled: true,
      network_acls: expect.objectContaining({ default_action: "Allow", ip_rules: ["203.0.113.7/32"] }),
      tags: { owner: "team" },
    });
    expect(synth).not.toHaveResource(PrivateEndpoint);
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).not.toHaveResource(ManagementLock);
    expect(synth).not.toHaveDataSource(DataAzurermClientConfig);
  });

  test("context allowedIpRanges feed the firewall; publicNetworkAccess false without an endpoint survives", () => {
    const stack = makeStack({ allowedIpRanges: ["198.51.100.0/24"] });
    new KeyVault(stack, "Vault", { publicNetworkAccess: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KeyVaultResource, {
      public_network_access_enabled: false,
      network_acls: expect.objectContaining({ ip_rules: ["198.51.100.0/24"] }),
    });
  });

  test("an explicit subnet gives a dev vault an endpoint without DNS; privateDnsZoneIds [] leaves DNS to a hub", () => {
    const dev = makeStack();
    new KeyVault(dev, "Vault", { privateEndpoint: { subnetId: "/subnets/own" } });
    const [devPe] = resources(dev, "azurerm_private_endpoint");
    expect(devPe.subnet_id).toBe("/subnets/own");
    expect(devPe).not.toHaveProperty("private_dns_zone_group");
    expect(resources(dev, "azurerm_key_vault")[0].public_network_access_enabled).toBe(false);

    const prod = makeStack(PROD);
    new KeyVault(prod, "Vault", { privateEndpoint: { privateDnsZoneIds: [] } });
    expect(resources(prod, "azurerm_private_endpoint")[0]).not.toHaveProperty("private_dns_zone_group");
  });

  test("lock options and a diagnostics destination of its own", () => {
    const stack = makeStack();
    new KeyVault(stack, "Vault", { lock: { level: "ReadOnly", notes: "frozen" }, diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" } } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "frozen" });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: "/other" });
  });
});

describe("KeyVault validation", () => {
  test.each([6, 91, 7.5])("softDeleteRetentionDays %p is rejected", (days) => {
    expect(() => new KeyVault(makeStack(), "Vault", { softDeleteRetentionDays: days })).toThrow(
      `test/Vault: softDeleteRetentionDays ${days} is not a whole number of days from 7 to 90; set softDeleteRetentionDays to 7-90 (the range Azure allows)`,
    );
  });

  test.each([7, 90])("softDeleteRetentionDays %p is accepted", (days) => {
    expect(() => new KeyVault(makeStack(), "Vault", { softDeleteRetentionDays: days })).not.toThrow();
  });

  test("a bad explicit name names the rule and the fix", () => {
    expect(() => new KeyVault(makeStack(), "Vault", { name: "kv--bad" })).toThrow(
      /^test\/Vault: name "kv--bad" breaks the keyVault naming rule; use letters, digits and hyphens, .*no consecutive hyphens$/,
    );
  });
});

describe("KeyVault grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantSecretsRead", "Key Vault Secrets User"],
    ["grantSecretsManage", "Key Vault Secrets Officer"],
    ["grantCryptoUse", "Key Vault Crypto Service Encryption User"],
    ["grantCertificatesRead", "Key Vault Certificate User"],
  ] as const)("%s grants %s on the vault", (method, role) => {
    const stack = makeStack();
    const vault = new KeyVault(stack, "Vault");
    const assignment = vault[method](principal);
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "${azurerm_key_vault.Vault_23237E5B.id}",
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("granting twice yields one assignment", () => {
    const stack = makeStack();
    const vault = new KeyVault(stack, "Vault");
    const first = vault.grantSecretsRead(principal);
    expect(vault.grantSecretsRead(principal)).toBe(first);
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
  });

  test("a group keeps its principal type", () => {
    const stack = makeStack();
    new KeyVault(stack, "Vault").grantSecretsManage(Principal.fromObjectId(APP_ID, "Group"));
    const [assignment] = resources(stack, "azurerm_role_assignment");
    expect(assignment.principal_type).toBe("Group");
    expect(assignment).not.toHaveProperty("skip_service_principal_aad_check");
  });
});

describe("KeyVault naming", () => {
  const nameAt = (id: string) => {
    const stack = makeStack();
    new KeyVault(stack, id);
    return resources(stack, "azurerm_key_vault")[0].name as string;
  };

  test("the generated name is stable per path, unique per construct and valid", () => {
    const name = nameAt("Vault");
    expect(nameAt("Vault")).toBe(name);
    expect(nameAt("Secrets")).not.toBe(name);
    expect(name).toMatch(NAMING_RULES.keyVault.pattern);
    expect(name.length).toBeLessThanOrEqual(24);
  });

  test("a long construct id is shortened and keeps its suffix", () => {
    const name = nameAt("AVeryLongConstructIdForTheVault");
    expect(name).toMatch(NAMING_RULES.keyVault.pattern);
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toMatch(/-[0-9a-f]{6}$/);
  });
});

test("fully-featured KeyVault snapshot", () => {
  const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const vault = new KeyVault(stack, "Vault", { sku: "premium", tags: { owner: "team" } });
  vault.grantSecretsRead(Principal.fromObjectId(APP_ID, "ServicePrincipal"));
  vault.grantCryptoUse(Principal.fromObjectId(APP_ID, "ServicePrincipal"));
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
