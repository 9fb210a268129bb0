import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { LogicAppStandard as LogicAppStandardResource } from "@cdktf/provider-azurerm/lib/logic-app-standard";
import { ServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
import { StorageShare } from "@cdktf/provider-azurerm/lib/storage-share";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { LogicAppStandard } from "../../../constructs/logic-app-standard";
import { PolicyPack } from "../../../policy";
import { SECRET_LITERAL } from "../../../policy/checks";
import { resolved, resources, synth, withProvider } from "../../helpers";
import { APP, HIGH_VALUE_FILE, standardApp } from "./app";

Testing.setupJest();

const config = (json: ReturnType<typeof synth>) => json.resource.azurerm_logic_app_standard.Orders_A9B65338;

describe("LogicAppStandard defaults (dev)", () => {
  const { stack, app } = standardApp("dev");
  const text = Testing.synth(stack);
  const json = JSON.parse(text);
  const site = config(json);

  test("a hardened site on a WS1 plan, runtime ~4, no public-network trade-offs beyond dev's", () => {
    expect(text).toHaveResourceWithProperties(ServicePlan, {
      os_type: "Windows",
      sku_name: "WS1",
      worker_count: 1,
      maximum_elastic_worker_count: 20,
      zone_balancing_enabled: false,
    });
    expect(site).toMatchObject({
      name: "logic-test-orders-af8a70",
      version: "~4",
      https_only: true,
      ftp_publish_basic_authentication_enabled: false,
      scm_publish_basic_authentication_enabled: false,
      public_network_access: "Enabled",
      identity: { type: "SystemAssigned, UserAssigned" },
      site_config: {
        min_tls_version: "1.2",
        scm_min_tls_version: "1.2",
        ftps_state: "Disabled",
        http2_enabled: true,
        scm_use_main_ip_restriction: true,
      },
    });
    // No VNet in dev: nothing routed through one.
    expect(site.virtual_network_subnet_id).toBeUndefined();
    expect(site.vnet_content_share_enabled).toBeUndefined();
    expect(site.site_config.vnet_route_all_enabled).toBeUndefined();
    expect(app.sku).toBe("WS1");
    expect(app.zoneRedundant).toBe(false);
  });

  test("host storage: a dedicated account by key reference only, its pre-created content share, keys nowhere else", () => {
    const account = resources(stack, "azurerm_storage_account").Orders_Storage_F9145D16;
    expect(account).toMatchObject({
      shared_access_key_enabled: true,
      public_network_access_enabled: true,
      network_rules: { default_action: "Allow" },
    });
    expect(site.storage_account_name).toBe("${azurerm_storage_account.Orders_Storage_F9145D16.name}");
    expect(site.storage_account_access_key).toBe("${azurerm_storage_account.Orders_Storage_F9145D16.primary_access_key}");
    expect(text).toHaveResourceWithProperties(StorageShare, {
      storage_account_id: "${azurerm_storage_account.Orders_Storage_F9145D16.id}",
      quota: 100,
    });
    expect(site.storage_account_share_name).toBe("${azurerm_storage_share.Orders_ContentShare_4932FA51.name}");
    expect(json.output ?? {}).toEqual({});
    expect(text).not.toMatch(SECRET_LITERAL);
    // The key is referenced exactly once: by the site.
    expect(text.match(/primary_access_key/g)).toHaveLength(1);
  });

  test("app settings: runtime, package, telemetry with Entra ID; nothing azurerm writes itself", () => {
    expect(site.app_settings).toEqual({
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Authorization=AAD",
      APPLICATIONINSIGHTS_CONNECTION_STRING: "${azurerm_application_insights.Monitoring_ApplicationInsights_B682F62A.connection_string}",
      FUNCTIONS_WORKER_RUNTIME: "dotnet",
      WEBSITE_RUN_FROM_PACKAGE: "${azurerm_storage_blob.Orders_Package_B243637C.url}",
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: "${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.id}",
    });
    const publisher = Object.values(resources(stack, "azurerm_role_assignment")).find(
      (r) => r.role_definition_name === "Monitoring Metrics Publisher",
    );
    expect(publisher).toMatchObject({
      principal_id: "${azurerm_logic_app_standard.Orders_A9B65338.identity[0].principal_id}",
      principal_type: "ServicePrincipal",
    });
  });

  test("diagnostics (allLogs, which carries WorkflowRuntime) and no lock in dev", () => {
    const diagnostics = Object.values(resources(stack, "azurerm_monitor_diagnostic_setting")).filter((d) => d.target_resource_id === `\${${APP}.id}`);
    expect(diagnostics).toEqual([
      expect.objectContaining({ enabled_log: [{ category_group: "allLogs" }], enabled_metric: [{ category: "AllMetrics" }] }),
    ]);
    expect(resources(stack, "azurerm_management_lock")).toEqual({});
    expect(resources(stack, "azurerm_private_endpoint")).toEqual({});
  });
});

describe("LogicAppStandard defaults (prod)", () => {
  const { stack, app } = standardApp("prod");
  const text = Testing.synth(stack);
  const site = config(JSON.parse(text));

  test("zone-redundant plan with one instance per zone", () => {
    expect(text).toHaveResourceWithProperties(ServicePlan, { sku_name: "WS1", worker_count: 3, zone_balancing_enabled: true });
    expect(app.zoneRedundant).toBe(true);
  });

  test("VNet-integrated, all traffic and the content share through the VNet, public access off behind a sites endpoint", () => {
    expect(site).toMatchObject({
      // Read through the NAT association, so the app waits for its subnet's egress.
      virtual_network_subnet_id: "${azurerm_subnet_nat_gateway_association.Network_NatGatewayAssociationIntegration_76C2C3B9.subnet_id}",
      vnet_content_share_enabled: true,
      public_network_access: "Disabled",
      site_config: { vnet_route_all_enabled: true },
    });
    const endpoints = Object.values(resources(stack, "azurerm_private_endpoint"));
    const to = (target: string) =>
      endpoints
        .filter((e) => e.private_service_connection.private_connection_resource_id === target)
        .map((e) => e.private_service_connection.subresource_names[0]);
    expect(to(`\${${APP}.id}`)).toEqual(["sites"]);
    expect(to("${azurerm_storage_account.Orders_Storage_F9145D16.id}").sort()).toEqual(["blob", "file", "queue", "table"]);
  });

  test("the host storage is private: public access off, zone-redundant, locked (the app itself is not, by default)", () => {
    const account = resources(stack, "azurerm_storage_account").Orders_Storage_F9145D16;
    expect(account).toMatchObject({ shared_access_key_enabled: true, public_network_access_enabled: false, account_replication_type: "ZRS" });
    const locks = Object.values(resources(stack, "azurerm_management_lock")).map((l) => l.scope);
    expect(locks).toContain("${azurerm_storage_account.Orders_Storage_F9145D16.id}");
    expect(locks).not.toContain(`\${${APP}.id}`);
  });

  test("the app waits for its share, its storage endpoints and its package role", () => {
    expect(site.depends_on).toEqual(
      expect.arrayContaining([
        "azurerm_storage_share.Orders_ContentShare_4932FA51",
        "azurerm_role_assignment.Orders_PackageReaderAccess_9CEEB061",
        "azurerm_private_endpoint.Orders_StoragePrivateEndpointFile_EC7466C3",
        "azurerm_private_endpoint.Orders_Storage_PrivateEndpointBlob_BC2C9ED7",
      ]),
    );
  });
});

describe("LogicAppStandard overrides", () => {
  test("SKU, instances, zone redundancy and allowed ranges", () => {
    const { stack } = standardApp("dev", {
      sku: "WS3",
      zoneRedundant: true,
      minimumInstances: 2,
      maximumInstances: 10,
      allowedIpRanges: ["203.0.113.0/24"],
    });
    const text = Testing.synth(stack);
    expect(text).toHaveResourceWithProperties(ServicePlan, {
      sku_name: "WS3",
      worker_count: 2,
      maximum_elastic_worker_count: 10,
      zone_balancing_enabled: true,
    });
    expect(config(JSON.parse(text)).site_config.ip_restriction).toEqual([
      expect.objectContaining({ ip_address: "203.0.113.0/24", action: "Allow", priority: 100 }),
    ]);
  });

  test("a user-assigned identity reads the package and authenticates telemetry when the system one is off", () => {
    const { stack } = standardApp("dev", {});
    const id = new UserAssignedIdentity(stack, "Shared");
    const other = new LogicAppStandard(stack, "Other", {
      identity: { systemAssigned: false, userAssigned: [id] },
      workflows: { flow: { definitionFile: HIGH_VALUE_FILE } },
    });
    const byPrefix = (type: string, prefix: string) => Object.entries(resources(stack, type)).find(([key]) => key.startsWith(prefix))!;
    const [, site] = byPrefix("azurerm_logic_app_standard", "Other_");
    const [shared] = byPrefix("azurerm_user_assigned_identity", "Shared_");
    expect(site.identity).toEqual({ type: "UserAssigned", identity_ids: [`\${azurerm_user_assigned_identity.${shared}.id}`] });
    expect(site.app_settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).toBe(`\${azurerm_user_assigned_identity.${shared}.id}`);
    expect(site.app_settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe(
      `ClientId=\${azurerm_user_assigned_identity.${shared}.client_id};Authorization=AAD`,
    );
    // No identity of its own is made when one is given.
    expect(Object.keys(resources(stack, "azurerm_user_assigned_identity")).filter((k) => k.startsWith("Other_"))).toEqual([]);
    expect(other.principal).toBe(id);
    expect(other.packageIdentity).toBe(id);
  });

  test("integrationSubnetId: false in prod keeps the host storage public (the app could not reach it otherwise)", () => {
    const { stack } = standardApp("prod", { integrationSubnetId: false });
    const account = resources(stack, "azurerm_storage_account").Orders_Storage_F9145D16;
    expect(account).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: "Allow" } });
    expect(config(synth(stack)).virtual_network_subnet_id).toBeUndefined();
  });

  test("VNet integration without private endpoints: the firewall admits the app's subnet and a public deployer's ranges", () => {
    const subnet = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apps";
    const { stack } = standardApp("dev", { integrationSubnetId: subnet }, { deployer: { network: "public", egressIpRanges: ["198.51.100.0/28"] } });
    const account = resources(stack, "azurerm_storage_account").Orders_Storage_F9145D16;
    expect(account.network_rules).toEqual({
      default_action: "Deny",
      bypass: ["AzureServices"],
      ip_rules: ["198.51.100.0/28"],
      virtual_network_subnet_ids: [subnet],
    });
  });

  test("public access follows the sites endpoint unless publicNetworkAccess says otherwise", () => {
    expect(config(synth(standardApp("prod", { privateEndpoint: false }).stack)).public_network_access).toBe("Enabled");
    expect(config(synth(standardApp("prod", { publicNetworkAccess: true }).stack)).public_network_access).toBe("Enabled");
    expect(config(synth(standardApp("dev", { publicNetworkAccess: false }).stack)).public_network_access).toBe("Disabled");
  });

  test("extra app settings, and telemetry off", () => {
    const { stack } = standardApp("dev", { appSettings: { Region: "EU" }, applicationInsights: false });
    const settings = config(synth(stack)).app_settings;
    expect(settings.Region).toBe("EU");
    expect(settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBeUndefined();
  });
});

describe("LogicAppStandard principal (the principal rule)", () => {
  test("the system-assigned identity by default", () => {
    const { stack, app } = standardApp();
    expect([resolved(stack, app.principal.principalId), app.principal.grantKey]).toEqual([`\${${APP}.identity[0].principal_id}`, "test/Orders"]);
  });

  test("without it, the first user-assigned identity: the user's, else the package identity made for the app", () => {
    const { app } = standardApp("dev", { identity: { systemAssigned: false } });
    expect(app.principal).toBe(app.packageIdentity);
    const other = standardApp("dev");
    const mine = new UserAssignedIdentity(other.stack, "Mine");
    const app2 = new LogicAppStandard(other.stack, "Mine2", { workflows: { "high-value-order": { definitionFile: HIGH_VALUE_FILE } }, identity: { systemAssigned: false, userAssigned: [mine] } });
    expect(app2.principal).toBe(mine);
  });
});

describe.each(["dev", "prod"] as const)("LogicAppStandard in a stack passes the policy pack (%s)", (profile) => {
  const { stack } = standardApp(profile);
  withProvider(stack);
  const pack = PolicyPack.apply(stack);
  Testing.synth(stack);

  test("no unsuppressed error, and the host storage key is the one reasoned suppression", () => {
    const findings = pack.report().findings;
    expect(findings.filter((f) => f.level === "error" && !f.suppressed).map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
    const suppressed = findings.filter((f) => f.suppressed).map((f) => f.ruleId);
    // AIC-IAM-002 exempts the deployer's grant itself now, so the construct's suppression of it matches nothing.
    expect(suppressed.sort()).toEqual(["AIC-ST-001"]);
  });

  test("synthesizes with cdktf's validations and ours", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("the Standard app rules judge what the construct synthesizes", () => {
  test.each([
    ["AIC-LA-003", (r: LogicAppStandardResource) => (r.httpsOnly = false)],
    ["AIC-LA-006", (r: LogicAppStandardResource) => (r.publicNetworkAccess = "Enabled")],
    ["AIC-LA-011", (r: LogicAppStandardResource) => (r.vnetContentShareEnabled = false)],
    ["AIC-LA-008", (r: LogicAppStandardResource) => (r.storageAccountAccessKey = "bGl0ZXJhbC1rZXk=")],
  ])("%s fires once the escape hatch weakens the prod app", (ruleId, weaken) => {
    const { stack, app } = standardApp("prod");
    const pack = PolicyPack.apply(stack);
    weaken(app.resource);
    expect(
      pack
        .report()
        .findings.filter((f) => f.ruleId === ruleId && !f.suppressed)
        .map((f) => f.path),
    ).toEqual(["test/Orders/Resource"]);
  });
});
