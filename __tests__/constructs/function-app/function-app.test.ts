import "cdktf/lib/testing/adapters/jest";
import * as path from "path";
import { DataResource, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { FunctionAppFlexConsumption } from "@cdktf/provider-azurerm/lib/function-app-flex-consumption";
import { LinuxFunctionApp } from "@cdktf/provider-azurerm/lib/linux-function-app";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { ServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
import { StorageAccount as StorageAccountResource } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { IntegrationContext, IntegrationContextProps } from "../../../constructs/core/context";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { FUNCTION_APP_PROFILE_DEFAULTS, FunctionApp, FunctionAppProps } from "../../../constructs/function-app";
import { Monitoring } from "../../../constructs/monitoring";
import { StorageAccount } from "../../../constructs/storage";
import { waitsFor } from "../../dependency-graph";
import { Json, makeStack, PROD_CONTEXT, resolved, resources, resourcesOfType, single, synth, withoutProviderPin } from "../../helpers";
import { eventGridTopic, serviceBus } from "./targets";
import { removeTempApps, tempApp } from "./temp-app";

// The stack's encryption key is not under test here (customer-managed-key.test.ts); its vault would be the first write a public deployer fails.
const NO_KEY = { customerManagedKey: { optOut: "The key vault is not under test: this test is about another endpoint." } } as const;

Testing.setupJest();

const ORDERS = path.resolve(__dirname, "fixtures/orders");
const INTEGRATION_SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/integration";
/** PROD_CONTEXT with the subnet Elastic Premium and Dedicated apps integrate with. */
const PROD: IntegrationContextProps = { ...PROD_CONTEXT, network: { ...PROD_CONTEXT.network!, integrationSubnetId: INTEGRATION_SUBNET } };

const FLEX = "azurerm_function_app_flex_consumption";
const LINUX = "azurerm_linux_function_app";
const STORAGE = "${azurerm_storage_account.Orders_Storage_F9145D16";
const APP_NAME = "func-test-orders-af8a70";
const CONTAINER = "app-package-af8a701f";
/** The principal Terraform runs as: the deployer when the environment names none. */
const DEPLOYER = "${data.azurerm_client_config.ClientConfig.object_id}";

function functionApp(props: Partial<FunctionAppProps> = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; app: FunctionApp } {
  const stack = makeStack(extra);
  return { stack, app: new FunctionApp(stack, "Orders", { code: { path: ORDERS }, ...props }) };
}

function only(stack: TerraformStack, type: string): Json {
  const all = resourcesOfType(stack, type);
  expect(all).toHaveLength(1);
  return all[0];
}

function warnings(app: FunctionApp): string[] {
  return app.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

describe("FunctionApp defaults (dev: Flex Consumption)", () => {
  const { stack, app } = functionApp();
  const json = Testing.synth(stack);
  const site = only(stack, FLEX);

  test("picks the dev profile's plan", () => {
    expect(FUNCTION_APP_PROFILE_DEFAULTS.dev).toEqual({ plan: "FlexConsumption", sku: "FC1" });
    expect([app.plan, app.sku, app.zoneRedundant, app.codeDeployment]).toEqual(["FlexConsumption", "FC1", false, "oneDeploy"]);
    expect(only(stack, "azurerm_service_plan")).toEqual({ name: "asp-test-orders", resource_group_name: "rg-test", location: "westeurope", os_type: "Linux", sku_name: "FC1" });
  });

  test("the app is hardened and runs Node.js 22 from its blob deployment container with its identity", () => {
    expect(json).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
      name: APP_NAME,
      resource_group_name: "rg-test",
      location: "westeurope",
      service_plan_id: "${azurerm_service_plan.Orders_Plan_09F8E699.id}",
      runtime_name: "node",
      runtime_version: "22",
      instance_memory_in_mb: 2048,
      maximum_instance_count: 100,
      https_only: true,
      public_network_access_enabled: true,
      webdeploy_publish_basic_authentication_enabled: false,
      storage_container_type: "blobContainer",
      storage_container_endpoint: `${STORAGE}.primary_blob_endpoint}${CONTAINER}`,
      storage_authentication_type: "SystemAssignedIdentity",
      identity: { type: "SystemAssigned" },
    });
    expect(site.site_config).toEqual({
      minimum_tls_version: "1.2",
      scm_minimum_tls_version: "1.2",
      http2_enabled: true,
      remote_debugging_enabled: false,
      ip_restriction: [],
      ip_restriction_default_action: "Allow",
    });
    expect(site).not.toHaveProperty("virtual_network_subnet_id");
    expect(site).not.toHaveProperty("zip_deploy_file");
    expect(site).not.toHaveProperty("storage_user_assigned_identity_id");
  });

  test("host storage is identity-based, with the empty AzureWebJobsStorage the azurerm workaround needs", () => {
    expect(site.app_settings).toEqual({
      AzureWebJobsStorage: "",
      AzureWebJobsStorage__accountName: `${STORAGE}.name}`,
      AzureWebJobsStorage__credential: "managedidentity",
    });
    expect(app.appSettings).toEqual({ AzureWebJobsStorage: "", AzureWebJobsStorage__accountName: app.hostStorage.name, AzureWebJobsStorage__credential: "managedidentity" });
  });

  test("a dedicated host storage account without keys, reachable without VNet integration", () => {
    expect(json).toHaveResourceWithProperties(StorageAccountResource, {
      name: "sttestordersaf8a70",
      shared_access_key_enabled: false,
      public_network_access_enabled: true,
      network_rules: expect.objectContaining({ default_action: "Allow" }),
    });
    expect(json).toHaveResourceWithProperties(StorageContainer, { name: CONTAINER, storage_account_id: `${STORAGE}.id}`, container_access_type: "private" });
    expect(app.hostStorage).toBeInstanceOf(StorageAccount);
    expect(app.packageContainer).toBe(CONTAINER);
  });

  test("the app's identity gets the data roles the Functions host needs on its storage", () => {
    const grants = resourcesOfType(stack, "azurerm_role_assignment").filter((g) => g.principal_id !== DEPLOYER);
    expect(grants.map((g) => g.role_definition_name).sort()).toEqual(["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor"]);
    for (const grant of grants) {
      expect(grant).toMatchObject({
        scope: `${STORAGE}.id}`,
        principal_id: `\${${FLEX}.Orders_A9B65338.identity[0].principal_id}`,
        principal_type: "ServicePrincipal",
        skip_service_principal_aad_check: true,
      });
    }
  });

  test("cdktf deploy publishes the code: a terraform_data runs one deploy with the deployer's Entra sign-in", () => {
    const json = synth(stack);
    const [[name, deployment]] = Object.entries<Json>(json.resource.terraform_data);
    expect(deployment.provisioner).toEqual([
      {
        "local-exec": {
          command:
            "az functionapp deployment source config-zip --subscription ${data.azurerm_client_config.ClientConfig.subscription_id} " +
            `--resource-group rg-test --name \${${FLEX}.Orders_A9B65338.name} --src "\${abspath("${app.asset.path}")}"`,
        },
      },
    ]);
    // A new build or a new app publishes again.
    expect(deployment.triggers_replace).toEqual({ package: app.build.hash, app: `\${${FLEX}.Orders_A9B65338.id}` });
    expect(deployment.input).toEqual({ deploy_time_operation: "publish the code package (one deploy)", target: `\${${FLEX}.Orders_A9B65338.id}` });
    expect(app.codeDeployment).toBe("oneDeploy");
    expect(app.codeDeployed).toBeInstanceOf(DataResource);
    expect(json).not.toHaveProperty("output");
    expect(warnings(app)).toEqual([]);
    expect(name).toMatch(/^Orders_CodeDeployment_/);
  });

  test("the deployer gets Website Contributor on the app, and the publish waits until it and the app's host-storage roles propagated", () => {
    const json = synth(stack);
    const deployerGrants = Object.entries<Json>(json.resource.azurerm_role_assignment).filter(([, g]) => g.principal_id === DEPLOYER);
    expect(deployerGrants.map(([, g]) => g)).toEqual([
      expect.objectContaining({ role_definition_name: "Website Contributor", scope: `\${${FLEX}.Orders_A9B65338.id}` }),
    ]);
    // The deployer may be a user or a service principal: Azure resolves the type.
    expect(deployerGrants[0][1]).not.toHaveProperty("principal_type");
    const [sleepName, sleep] = Object.entries<Json>(json.resource.time_sleep)[0];
    expect(sleep).toMatchObject({ create_duration: "120s", provider: "time" });
    const publish = `terraform_data.${Object.keys(json.resource.terraform_data)[0]}`;
    const waited = waitsFor(json, publish);
    expect(waited).toContain(`time_sleep.${sleepName}`);
    expect(waited).toContain(`azurerm_role_assignment.${deployerGrants[0][0]}`);
    for (const [grant, g] of Object.entries<Json>(json.resource.azurerm_role_assignment)) {
      if (g.principal_id !== DEPLOYER) expect(waited).toContain(`azurerm_role_assignment.${grant}`);
    }
    expect(json.terraform.required_providers.time).toEqual({ source: "hashicorp/time", version: "0.13.1" });
  });

  test("dev has no private endpoint, diagnostics, lock or telemetry", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(json).not.toHaveResource(type);
    expect([app.privateEndpoint, app.diagnostics, app.lock]).toEqual([undefined, undefined, undefined]);
    expect(site.site_config).not.toHaveProperty("application_insights_connection_string");
  });

  test("exposes the L1s and the attributes users wire", () => {
    expect(app.resource).toBeInstanceOf(FunctionAppFlexConsumption);
    expect(app.resource.node.id).toBe("Resource");
    expect(app.servicePlan).toBeInstanceOf(ServicePlan);
    const outputs = makeStack();
    const other = new FunctionApp(outputs, "Orders", { code: { path: ORDERS } });
    for (const [key, value] of Object.entries({ id: other.id, name: other.name, host: other.defaultHostname, principal: other.principal.principalId })) {
      new TerraformOutput(outputs, key, { value });
    }
    const { output } = synth(outputs);
    expect(output.id.value).toBe(`\${${FLEX}.Orders_A9B65338.id}`);
    expect(output.name.value).toBe(`\${${FLEX}.Orders_A9B65338.name}`);
    expect(output.host.value).toBe(`\${${FLEX}.Orders_A9B65338.default_hostname}`);
    expect(output.principal.value).toBe(`\${${FLEX}.Orders_A9B65338.identity[0].principal_id}`);
    expect(other.principal.principalType).toBe("ServicePrincipal");
  });
});

describe("FunctionApp in prod (Elastic Premium)", () => {
  const { stack, app } = functionApp({}, PROD);
  const json = Testing.synth(stack);
  const site = only(stack, LINUX);

  test("picks EP1, zone-redundant across three instances", () => {
    expect(FUNCTION_APP_PROFILE_DEFAULTS.prod).toEqual({ plan: "ElasticPremium", sku: "EP1" });
    expect(json).toHaveResourceWithProperties(ServicePlan, { sku_name: "EP1", os_type: "Linux", zone_balancing_enabled: true, worker_count: 3, maximum_elastic_worker_count: 20 });
    expect(app.zoneRedundant).toBe(true);
  });

  test("the Linux app is hardened, keyless and VNet-integrated", () => {
    expect(json).toHaveResourceWithProperties(LinuxFunctionApp, {
      name: APP_NAME,
      functions_extension_version: "~4",
      https_only: true,
      public_network_access_enabled: false,
      ftp_publish_basic_authentication_enabled: false,
      webdeploy_publish_basic_authentication_enabled: false,
      storage_account_name: `${STORAGE}.name}`,
      storage_uses_managed_identity: true,
      content_share_force_disabled: true,
      builtin_logging_enabled: false,
      virtual_network_subnet_id: INTEGRATION_SUBNET,
      // The package reader is user-assigned, so its grant exists before the app starts.
      identity: { type: "SystemAssigned, UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.id}"] },
    });
    expect(site.site_config).toEqual({
      application_stack: { node_version: "22" },
      minimum_tls_version: "1.2",
      scm_minimum_tls_version: "1.2",
      ftps_state: "Disabled",
      http2_enabled: true,
      remote_debugging_enabled: false,
      vnet_route_all_enabled: true,
      runtime_scale_monitoring_enabled: true,
      ip_restriction: [],
      ip_restriction_default_action: "Allow",
    });
    for (const key of ["zip_deploy_file", "storage_account_access_key", "key_vault_reference_identity_id"]) expect(site).not.toHaveProperty(key);
  });

  test("runs from a content-addressed package blob that Terraform uploads, read with the package identity", () => {
    const json = synth(stack);
    const [[blobName, blob]] = Object.entries<Json>(json.resource.azurerm_storage_blob);
    const source = `\${abspath("${app.asset.path}")}`;
    expect(blob).toMatchObject({
      name: `${app.build.hash.slice(0, 32)}.zip`,
      storage_account_name: `${STORAGE}.name}`,
      storage_container_name: CONTAINER,
      type: "Block",
      source,
      content_md5: `\${filemd5(abspath("${app.asset.path}"))}`,
      content_type: "application/zip",
      lifecycle: { create_before_destroy: true },
    });
    expect(site.app_settings).toEqual({
      AzureWebJobsStorage__credential: "managedidentity",
      WEBSITE_RUN_FROM_PACKAGE: `\${azurerm_storage_blob.${blobName}.url}`,
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: "${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.id}",
    });
    expect([app.codeDeployment, app.packageBlob?.node.id, app.packageIdentity?.node.id]).toEqual(["packageBlob", "Package", "PackageIdentity"]);
    expect(json).not.toHaveProperty("output");
    expect(warnings(app)).toEqual([]);
  });

  test("the deployer may write the package container only, and the upload waits for that role and the reader's", () => {
    const json = synth(stack);
    const containerScope = `${STORAGE}.id}/blobServices/default/containers/${CONTAINER}`;
    const grants = Object.entries<Json>(json.resource.azurerm_role_assignment);
    // The deployer's other role in prod: Crypto Officer on the encryption-key vault (customer-managed-key.test.ts).
    const deployer = grants.filter(([, g]) => g.principal_id === DEPLOYER && g.role_definition_name !== "Key Vault Crypto Officer");
    expect(deployer.map(([, g]) => [g.role_definition_name, g.scope])).toEqual([["Storage Blob Data Contributor", containerScope]]);
    const reader = grants.filter(([, g]) => g.principal_id === "${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.principal_id}");
    expect(reader.map(([, g]) => [g.role_definition_name, g.scope])).toEqual([["Storage Blob Data Reader", containerScope]]);
    const blob = `azurerm_storage_blob.${Object.keys(json.resource.azurerm_storage_blob)[0]}`;
    const waited = waitsFor(json, blob);
    const sleeps = Object.entries<Json>(json.resource.time_sleep);
    const propagation = sleeps.find(([name]) => name.startsWith("Orders_RolePropagation_"));
    expect(propagation?.[1]).toMatchObject({ create_duration: "120s" });
    const needed = [`time_sleep.${propagation?.[0]}`, `azurerm_role_assignment.${deployer[0][0]}`, `azurerm_role_assignment.${reader[0][0]}`];
    for (const address of needed) expect(waited).toContain(address);
    // The app only starts once its package exists.
    expect(waitsFor(json, `${LINUX}.Orders_A9B65338`)).toContain(blob);
  });

  test("the code counts as deployed after the restart's trigger sync: a wait after the app and its host-storage roles", () => {
    const json = synth(stack);
    const [syncName, sync] = Object.entries<Json>(json.resource.time_sleep).find(([name]) => name.startsWith("Orders_TriggerSync_")) ?? [];
    const triggers = { package: `${app.build.hash.slice(0, 32)}.zip`, app: `\${${LINUX}.Orders_A9B65338.id}` };
    expect(sync).toMatchObject({ create_duration: "3m", triggers });
    const waited = waitsFor(json, `time_sleep.${syncName}`);
    expect(waited).toContain(`${LINUX}.Orders_A9B65338`);
    expect([...waited].filter((a) => a.includes("_HostStorageAccess_"))).toHaveLength(3);
  });

  test("a public deployer cannot reach the private host storage: synthesis names the upload, the deployer's position and the fix", () => {
    // Without the encryption key, whose vault a public deployer cannot reach either (its own test: customer-managed-key.test.ts).
    expect(() => functionApp({ storageAccountProps: NO_KEY }, { ...PROD, deployer: { network: "public" } })).toThrow(
      "test/Orders: deployer.network \"public\" cannot reach the blob endpoint of test/Orders/Storage to upload the code package " +
        "(test/Orders/Package): the endpoint has public network access off; deploy from a runner with line of sight to the VNet's " +
        "private endpoints and set \"deployer\": { \"network\": \"private\" } in config/<env>.json",
    );
  });

  test("a private endpoint for sites with its DNS zone, public access off", () => {
    expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
      name: `pep-${APP_NAME}-sites`,
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: `\${${LINUX}.Orders_A9B65338.id}`, subresource_names: ["sites"] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.azurewebsites.net"] }),
    });
    expect(app.privateEndpoint).toBeDefined();
  });

  test("the host storage is private, with blob, queue and table endpoints", () => {
    expect(json).toHaveResourceWithProperties(StorageAccountResource, { public_network_access_enabled: false, network_rules: expect.objectContaining({ default_action: "Deny" }) });
    const endpoints = resourcesOfType(stack, "azurerm_private_endpoint").filter((pe) => pe.private_service_connection.private_connection_resource_id === `${STORAGE}.id}`);
    expect(endpoints.map((pe) => [pe.private_service_connection.subresource_names[0], pe.private_dns_zone_group.private_dns_zone_ids[0]]).sort()).toEqual([
      ["blob", "/zones/privatelink.blob.core.windows.net"],
      ["queue", "/zones/privatelink.queue.core.windows.net"],
      ["table", "/zones/privatelink.table.core.windows.net"],
    ]);
  });

  test("sends logs and metrics to Log Analytics; no lock by default, `lock: true` locks the app", () => {
    expect(json).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: `\${${LINUX}.Orders_A9B65338.id}`,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
    // The host storage (a data store) keeps its lock; the app itself has none.
    expect(Object.values(resources(stack, "azurerm_management_lock")).map((l: Json) => l.scope)).not.toContain(`\${${LINUX}.Orders_A9B65338.id}`);
    expect(app.lock).toBeUndefined();
    const locked = Testing.synth(functionApp({ lock: true }, PROD).stack);
    const scope = `\${${LINUX}.Orders_A9B65338.id}`;
    expect(locked).toHaveResourceWithProperties(ManagementLock, { name: `lock-${APP_NAME}`, scope, lock_level: "CanNotDelete" });
  });
});

describe("FunctionApp on a Dedicated plan", () => {
  test("a SKU alone picks the plan, and cdktf deploy pushes the zip (SCM basic auth on, FTP off)", () => {
    const { stack, app } = functionApp({ sku: "P1v3" });
    const site = only(stack, LINUX);
    expect([app.plan, app.codeDeployment]).toEqual(["Dedicated", "zipDeploy"]);
    expect(only(stack, "azurerm_service_plan")).toMatchObject({ sku_name: "P1v3", worker_count: 1, zone_balancing_enabled: false });
    expect(only(stack, "azurerm_service_plan")).not.toHaveProperty("maximum_elastic_worker_count");
    expect(site).toMatchObject({
      zip_deploy_file: app.asset.path,
      webdeploy_publish_basic_authentication_enabled: true,
      ftp_publish_basic_authentication_enabled: false,
      app_settings: { AzureWebJobsStorage__credential: "managedidentity", WEBSITE_RUN_FROM_PACKAGE: "1" },
    });
    expect(site.site_config).toMatchObject({ always_on: true, ftps_state: "Disabled" });
    // The zip-deployed package lives on the plan, so the host storage gets no package container.
    expect(resourcesOfType(stack, "azurerm_storage_container")).toEqual([]);
    expect(app.packageContainer).toBeUndefined();
    expect(site.site_config).not.toHaveProperty("runtime_scale_monitoring_enabled");
    expect(synth(stack).output).toBeUndefined();
    // zip_deploy_file deploys while the app is created or updated: the app is the code deployment.
    expect(app.codeDeployed).toBe(app.resource);
    expect(resourcesOfType(stack, "azurerm_storage_blob")).toEqual([]);
    expect(warnings(app)).toEqual([]);
  });

  test('codeDeployment "packageBlob" keeps SCM basic auth off and runs from a package blob the deployer uploads', () => {
    const { stack, app } = functionApp({ plan: "Dedicated", codeDeployment: "packageBlob" });
    const site = only(stack, LINUX);
    expect(site.webdeploy_publish_basic_authentication_enabled).toBe(false);
    expect(site).not.toHaveProperty("zip_deploy_file");
    const [blobName] = Object.keys(resources(stack, "azurerm_storage_blob"));
    expect(site.app_settings.WEBSITE_RUN_FROM_PACKAGE).toBe(`\${azurerm_storage_blob.${blobName}.url}`);
    expect(app.packageContainer).toBe(CONTAINER);
    expect(synth(stack).output).toBeUndefined();
  });

  test("prod zone redundancy applies to Premium v3, not to Basic", () => {
    expect(only(functionApp({ sku: "P2v3" }, PROD).stack, "azurerm_service_plan")).toMatchObject({ zone_balancing_enabled: true, worker_count: 3 });
    expect(only(functionApp({ sku: "B1" }, PROD).stack, "azurerm_service_plan")).toMatchObject({ zone_balancing_enabled: false, worker_count: 1 });
  });
});

describe("FunctionApp telemetry", () => {
  test("Monitoring from the IntegrationContext: connection string, Entra ID auth, Monitoring Metrics Publisher", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const withContext = makeStackWithMonitoring(stack, monitoring);
    const site = only(withContext, FLEX);
    const appInsights = single(withContext, "azurerm_application_insights");
    expect(site.site_config.application_insights_connection_string).toBe(appInsights.ref("connection_string"));
    expect(site.app_settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe("Authorization=AAD");
    expect(resourcesOfType(withContext, "azurerm_role_assignment")).toContainEqual(
      expect.objectContaining({
        scope: appInsights.ref("id"),
        role_definition_name: "Monitoring Metrics Publisher",
        principal_id: `\${${FLEX}.Orders_A9B65338.identity[0].principal_id}`,
        principal_type: "ServicePrincipal",
      }),
    );
  });

  test("an explicit Application Insights component gets the grant on its id", () => {
    const { stack } = functionApp({ applicationInsights: { connectionString: "InstrumentationKey=x;IngestionEndpoint=https://x/", id: "/appi/shared" } });
    expect(only(stack, FLEX).site_config.application_insights_connection_string).toBe("InstrumentationKey=x;IngestionEndpoint=https://x/");
    const grants = Object.entries(resources(stack, "azurerm_role_assignment")).filter(([key]) => key.startsWith("Orders_ApplicationInsightsAccess_"));
    expect(grants.map(([, grant]) => grant)).toEqual([
      expect.objectContaining({
        scope: "/appi/shared",
        role_definition_name: "Monitoring Metrics Publisher",
        principal_id: `\${${FLEX}.Orders_A9B65338.identity[0].principal_id}`,
        principal_type: "ServicePrincipal",
      }),
    ]);
  });

  test("applicationInsights false sends no telemetry even with Monitoring in the context", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const withContext = makeStackWithMonitoring(stack, monitoring, { applicationInsights: false });
    const site = only(withContext, FLEX);
    expect(site.site_config).not.toHaveProperty("application_insights_connection_string");
    expect(site.app_settings).not.toHaveProperty("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
    expect(resourcesOfType(withContext, "azurerm_role_assignment").map((g) => g.role_definition_name)).not.toContain("Monitoring Metrics Publisher");
  });
});

/** An app whose IntegrationContext names `monitoring` as the diagnostics destination. */
function makeStackWithMonitoring(stack: TerraformStack, monitoring: Monitoring, props: Partial<FunctionAppProps> = {}): TerraformStack {
  IntegrationContext.set(stack, { diagnostics: monitoring });
  new FunctionApp(stack, "Orders", { code: { path: ORDERS }, diagnostics: false, ...props });
  return stack;
}

describe("FunctionApp with a user-assigned identity", () => {
  function withIdentity(props: Partial<FunctionAppProps>, extra: IntegrationContextProps = {}) {
    const stack = makeStack(extra);
    const identity = new UserAssignedIdentity(stack, "Identity");
    const monitoring = new Monitoring(stack, "Monitoring");
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS }, identity: { systemAssigned: false, userAssigned: [identity] }, monitoring, ...props });
    return { stack, app, identity };
  }
  const IDENTITY = "${azurerm_user_assigned_identity.Identity_2D60E2CC";

  test("Flex: the identity reads host and deployment storage and signs telemetry", () => {
    const { stack, app, identity } = withIdentity({});
    const site = only(stack, FLEX);
    expect(site).toMatchObject({
      identity: { type: "UserAssigned", identity_ids: [`${IDENTITY}.id}`] },
      storage_authentication_type: "UserAssignedIdentity",
      storage_user_assigned_identity_id: `${IDENTITY}.id}`,
    });
    expect(site.app_settings).toMatchObject({
      AzureWebJobsStorage__credential: "managedidentity",
      AzureWebJobsStorage__clientId: `${IDENTITY}.client_id}`,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `ClientId=${IDENTITY}.client_id};Authorization=AAD`,
    });
    expect(app.principal).toBe(identity);
    const grants = resourcesOfType(stack, "azurerm_role_assignment").filter((g) => g.principal_id !== DEPLOYER);
    for (const grant of grants) expect(grant.principal_id).toBe(`${IDENTITY}.principal_id}`);
  });

  test("Elastic Premium: Key Vault references use the identity, the package download the package identity", () => {
    const { stack } = withIdentity({ plan: "ElasticPremium" });
    const site = only(stack, LINUX);
    expect(site.key_vault_reference_identity_id).toBe(`${IDENTITY}.id}`);
    const packageIdentity = "${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.id}";
    expect(site.identity).toEqual({ type: "UserAssigned", identity_ids: [`${IDENTITY}.id}`, packageIdentity] });
    expect(site.app_settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).toBe(packageIdentity);
    expect(site.app_settings.AzureWebJobsStorage__clientId).toBe(`${IDENTITY}.client_id}`);
  });

  test("with the system-assigned identity kept, the system identity is the principal", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Identity");
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS }, identity: { userAssigned: [identity] } });
    const site = only(stack, FLEX);
    expect(site.identity.type).toBe("SystemAssigned, UserAssigned");
    expect(site.storage_authentication_type).toBe("SystemAssignedIdentity");
    expect(site.app_settings).not.toHaveProperty("AzureWebJobsStorage__clientId");
    expect(app.principal).not.toBe(identity);
  });
});

describe("FunctionApp overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack, app } = functionApp(
      {
        name: "orders-api",
        location: "northeurope",
        tags: { owner: "team" },
        sku: "EP2",
        zoneRedundant: false,
        minimumInstances: 2,
        maximumInstances: 40,
        publicNetworkAccess: true,
        allowedIpRanges: ["203.0.113.7/32"],
        diagnostics: false,
        privateEndpoint: false,
        lock: false,
        integrationSubnetId: false,
        appSettings: { FEATURE_FLAG: "on" },
        storageAccountProps: NO_KEY,
      },
      PROD,
    );
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(ServicePlan, { sku_name: "EP2", zone_balancing_enabled: false, worker_count: 2, maximum_elastic_worker_count: 40, location: "northeurope" });
    const site = only(stack, LINUX);
    expect(site).toMatchObject({ name: "orders-api", location: "northeurope", tags: { owner: "team" }, public_network_access_enabled: true });
    expect(site).not.toHaveProperty("virtual_network_subnet_id");
    expect(site.site_config).toMatchObject({ ip_restriction: [{ name: "allow-1", ip_address: "203.0.113.7/32", action: "Allow", priority: 100 }], ip_restriction_default_action: "Deny" });
    expect(site.site_config).not.toHaveProperty("vnet_route_all_enabled");
    expect(site.site_config).not.toHaveProperty("runtime_scale_monitoring_enabled");
    expect(site.app_settings.FEATURE_FLAG).toBe("on");
    expect(json).not.toHaveResource(PrivateEndpoint);
    expect(resourcesOfType(stack, "azurerm_monitor_diagnostic_setting").map((d) => d.target_resource_id)).not.toContain(`\${${LINUX}.Orders_A9B65338.id}`);
    expect(resourcesOfType(stack, "azurerm_management_lock").map((l) => l.scope)).toEqual([`${STORAGE}.id}`]);
    // Without VNet integration the host storage keeps public endpoints so the app can reach it.
    expect(json).toHaveResourceWithProperties(StorageAccountResource, { public_network_access_enabled: true, network_rules: expect.objectContaining({ default_action: "Allow" }) });
    expect(resourcesOfType(stack, "azurerm_storage_blob")).toHaveLength(1);
    expect(app.zoneRedundant).toBe(false);
  });

  test("context allowedIpRanges restrict access; an explicit Allow survives; Event Grid triggers keep their service tag", () => {
    const restricted = only(functionApp({}, { allowedIpRanges: ["198.51.100.0/24"] }).stack, FLEX);
    expect(restricted.site_config).toMatchObject({
      ip_restriction: [{ name: "allow-1", ip_address: "198.51.100.0/24", action: "Allow", priority: 100 }],
      ip_restriction_default_action: "Deny",
    });
    const allowed = only(functionApp({ firewallDefaultAction: "Allow" }, { allowedIpRanges: ["198.51.100.0/24"] }).stack, FLEX);
    expect(allowed.site_config.ip_restriction_default_action).toBe("Allow");
    const denied = only(functionApp({ firewallDefaultAction: "Deny" }).stack, FLEX);
    expect(denied.site_config.ip_restriction_default_action).toBe("Deny");

    const dir = eventGridApp();
    const stack = makeStack({ allowedIpRanges: ["198.51.100.0/24"] });
    new FunctionApp(stack, "Orders", { code: { path: dir } });
    expect(only(stack, FLEX).site_config.ip_restriction).toEqual([
      { name: "allow-1", ip_address: "198.51.100.0/24", action: "Allow", priority: 100 },
      { name: "allow-event-grid", service_tag: "AzureEventGrid", action: "Allow", priority: 101 },
    ]);
  });

  test("maximumInstances on Flex Consumption and an explicit integration subnet", () => {
    const site = only(functionApp({ plan: "FlexConsumption", maximumInstances: 250, integrationSubnetId: "/subnets/flex" }, PROD).stack, FLEX);
    expect(site).toMatchObject({ maximum_instance_count: 250, virtual_network_subnet_id: "/subnets/flex" });
  });

  test("storageAccountProps shape the dedicated host storage", () => {
    const { stack } = functionApp({ storageAccountProps: { name: "stordershost", replication: "ZRS", blobSoftDeleteDays: 14 } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(StorageAccountResource, { name: "stordershost", account_replication_type: "ZRS" });
    expect(only(stack, FLEX).app_settings.AzureWebJobsStorage__accountName).toBe("${azurerm_storage_account.Orders_Storage_F9145D16.name}");
  });

  test("an existing host storage account gets the package container and the grants, and no new account", () => {
    const stack = makeStack();
    const shared = new StorageAccount(stack, "Shared");
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS }, existingStorageAccount: shared });
    expect(app.hostStorage).toBe(shared);
    expect(resourcesOfType(stack, "azurerm_storage_account")).toHaveLength(1);
    const sharedId = single(stack, "azurerm_storage_account").ref("id");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(StorageContainer, { name: CONTAINER, storage_account_id: sharedId });
    const appGrants = resourcesOfType(stack, "azurerm_role_assignment").filter((g) => g.principal_id !== DEPLOYER);
    for (const grant of appGrants) expect(grant.scope).toBe(sharedId);
  });

  test("privateEndpoint options choose the subnet and DNS zones", () => {
    const { stack } = functionApp({ privateEndpoint: { subnetId: "/subnets/pe2", privateDnsZoneIds: [] } }, PROD);
    const sites = resourcesOfType(stack, "azurerm_private_endpoint").find((pe) => pe.private_service_connection.subresource_names[0] === "sites");
    expect(sites).toMatchObject({ subnet_id: "/subnets/pe2" });
    expect(sites).not.toHaveProperty("private_dns_zone_group");
  });
});

/** An app with an Event Grid trigger, for the access-restriction service tag. */
function eventGridApp(): string {
  return tempApp({ "index.ts": `import { app } from "@azure/functions";\napp.eventGrid("onOrder", { handler: async () => undefined });\n` });
}

afterAll(removeTempApps);

describe("FunctionApp snapshot", () => {
  test("a fully featured prod app", () => {
    const stack = makeStack(PROD);
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const monitoring = new Monitoring(stack, "Monitoring");
    const app = new FunctionApp(stack, "Orders", {
      code: { path: ORDERS },
      monitoring,
      allowedIpRanges: ["203.0.113.0/24"],
      appSettings: { ORDERS_TOPIC_SUBJECT_PREFIX: "orders/" },
      tags: { workload: "orders" },
    });
    app.connectServiceBus("ServiceBusConnection", serviceBus(stack), "both");
    app.connectEventGrid("EventGridConnection", eventGridTopic(stack));
    const normalised = Testing.synth(stack, true).split(app.build.hash).join("<hash>").split(app.build.hash.slice(0, 32)).join("<hash32>");
    expect(withoutProviderPin(JSON.parse(normalised))).toMatchSnapshot();
  });
});

describe("FunctionApp access restrictions for Event Grid triggers", () => {
  const EVENT_HANDLERS = path.resolve(__dirname, "../../../workloads/functions/event-handlers");
  const restrictions = (props: Partial<FunctionAppProps>) => {
    const stack = makeStack();
    new FunctionApp(stack, "Handlers", { code: { path: EVENT_HANDLERS }, ...props });
    return resourcesOfType(stack, "azurerm_function_app_flex_consumption")[0].site_config;
  };

  test("deny by default without ranges still admits Event Grid, by its service tag", () => {
    expect(restrictions({ firewallDefaultAction: "Deny" })).toMatchObject({
      ip_restriction_default_action: "Deny",
      ip_restriction: [{ name: "allow-event-grid", service_tag: "AzureEventGrid", action: "Allow", priority: 100 }],
    });
  });

  test("allow by default needs no rule", () => {
    expect(restrictions({})).toMatchObject({ ip_restriction_default_action: "Allow" });
    expect(restrictions({}).ip_restriction ?? []).toEqual([]);
  });
});

describe("FunctionApp principal, grants and imports", () => {
  const ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps/providers/Microsoft.Web/sites/func-shared";
  const GROUP = "33333333-3333-3333-3333-333333333333";

  test("principal: the system-assigned identity, else the first user-assigned one", () => {
    const { stack, app } = functionApp();
    expect([resolved(stack, app.principal.principalId), app.principal.grantKey]).toEqual([
      "${azurerm_function_app_flex_consumption.Orders_A9B65338.identity[0].principal_id}",
      "test/Orders",
    ]);
    const other = makeStack();
    const first = new UserAssignedIdentity(other, "First");
    const second = new UserAssignedIdentity(other, "Second");
    expect(new FunctionApp(other, "Orders", { code: { path: ORDERS }, identity: { systemAssigned: false, userAssigned: [first, second] } }).principal).toBe(first);
  });

  test("grantContributor grants Website Contributor on the app to a principal or a construct with one, once", () => {
    const { stack, app } = functionApp();
    const identity = new UserAssignedIdentity(stack, "Releaser");
    const assignment = app.grantContributor({ principal: identity });
    expect(app.grantContributor(identity)).toBe(assignment);
    expect(app.grant(identity, "Website Contributor")).toBe(assignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "${azurerm_function_app_flex_consumption.Orders_A9B65338.id}",
      role_definition_name: "Website Contributor",
      principal_id: resolved(stack, identity.principalId),
    });
  });

  test("fromId: a literal id is read now, with the app's grants", () => {
    const stack = makeStack();
    const shared = FunctionApp.fromId(stack, "Shared", ID);
    expect([shared.id, shared.name, shared.resourceGroupName, shared.defaultHostname]).toEqual([ID, "func-shared", "rg-apps", "func-shared.azurewebsites.net"]);
    shared.grantContributor(Principal.fromObjectId(GROUP, "Group"));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, { scope: ID, role_definition_name: "Website Contributor", principal_id: GROUP });
  });

  test("fromId: a token id is split at deploy time; a wrong id fails naming the import", () => {
    const { stack, app } = functionApp();
    const imported = FunctionApp.fromId(stack, "Again", app.id);
    expect(resolved(stack, imported.name)).toBe('${element(split("/", azurerm_function_app_flex_consumption.Orders_A9B65338.id), 8)}');
    const wrong = ID.replace("sites", "serverFarms");
    expect(() => FunctionApp.fromId(stack, "Wrong", wrong)).toThrow(
      `test/Wrong: resourceId "${wrong}" is not the id of a Microsoft.Web/sites resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Web/sites/<name>",
    );
  });

  test("fromName: in the context's resource group, the name checked", () => {
    const stack = makeStack();
    const shared = FunctionApp.fromName(stack, "Shared", "func-shared");
    expect(resolved(stack, shared.id)).toBe(`${resolved(stack, IntegrationContext.resourceGroup(stack, undefined).id)}/providers/Microsoft.Web/sites/func-shared`);
    expect(shared.defaultHostname).toBe("func-shared.azurewebsites.net");
    expect(() => FunctionApp.fromName(stack, "Bad", "func_shared")).toThrow(/func_shared/);
  });
});
