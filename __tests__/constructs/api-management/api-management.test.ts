import "cdktf/lib/testing/adapters/jest";
import * as path from "path";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { ApiManagement as ApiManagementResource } from "@cdktf/provider-azurerm/lib/api-management";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { BuiltInRole, grantRole } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { KeyVault } from "../../../constructs/key-vault";
import { Monitoring } from "../../../constructs/monitoring";
import { ApiManagement, ApiManagementProps, ApiManagementTier } from "../../../constructs/api-management";
import { makeStack, messageOf, PROD_CONTEXT as PROD, resolved, resources, resourcesOfType, single, withProvider } from "../../helpers";

Testing.setupJest();

const SERVICE = "${azurerm_api_management.Apim_95332D08.id}";
const SERVICE_NAME = "${azurerm_api_management.Apim_95332D08.name}";
const PRINCIPAL = "${azurerm_api_management.Apim_95332D08.identity[0].principal_id}";
const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apim";
const F = (file: string) => path.resolve(__dirname, "fixtures", file);
const REQUIRED = { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" } as const;

function service(props: Partial<ApiManagementProps> = {}, extra: IntegrationContextProps = {}) {
  const stack = makeStack(extra);
  const apim = new ApiManagement(stack, "Apim", { ...REQUIRED, ...props });
  return { stack, apim };
}

const apimConfig = (props: Partial<ApiManagementProps> = {}, extra: IntegrationContextProps = {}) => single(service(props, extra).stack, "azurerm_api_management").config;
const errorFor = (props: Partial<ApiManagementProps>, extra: IntegrationContextProps = {}) => messageOf(() => service(props, extra));

const SECURITY_OFF = {
  frontend_ssl30_enabled: false,
  frontend_tls10_enabled: false,
  frontend_tls11_enabled: false,
  backend_ssl30_enabled: false,
  backend_tls10_enabled: false,
  backend_tls11_enabled: false,
  triple_des_ciphers_enabled: false,
  tls_rsa_with_aes128_cbc_sha_ciphers_enabled: false,
  tls_rsa_with_aes256_cbc_sha_ciphers_enabled: false,
  tls_rsa_with_aes128_cbc_sha256_ciphers_enabled: false,
  tls_rsa_with_aes256_cbc_sha256_ciphers_enabled: false,
  tls_rsa_with_aes128_gcm_sha256_ciphers_enabled: false,
  tls_rsa_with_aes256_gcm_sha384_ciphers_enabled: false,
  tls_ecdhe_ecdsa_with_aes128_cbc_sha_ciphers_enabled: false,
  tls_ecdhe_ecdsa_with_aes256_cbc_sha_ciphers_enabled: false,
  tls_ecdhe_rsa_with_aes128_cbc_sha_ciphers_enabled: false,
  tls_ecdhe_rsa_with_aes256_cbc_sha_ciphers_enabled: false,
};

describe("ApiManagement defaults (dev)", () => {
  const { stack, apim } = service();
  const synth = Testing.synth(stack);
  const config = single(stack, "azurerm_api_management").config;

  test("is hardened", () => {
    expect(synth).toHaveResourceWithProperties(ApiManagementResource, {
      name: "apim-test-apim-7b82ce",
      resource_group_name: "rg-test",
      location: "westeurope",
      publisher_name: "Contoso",
      publisher_email: "api-team@contoso.com",
      sku_name: "Developer_1",
      identity: { type: "SystemAssigned" },
      min_api_version: "2021-08-01",
      public_network_access_enabled: true,
      virtual_network_type: "None",
    });
  });

  test("switches off SSL 3, TLS 1.0/1.1 on both sides and the weak ciphers, with the 4.55 attribute names", () => {
    expect(config.security).toEqual(SECURITY_OFF);
    // The deprecated enable_* spellings are not used.
    expect(Object.keys(config.security).some((k) => k.startsWith("enable_"))).toBe(false);
  });

  test("dev has no zones, regions, VNet, private endpoint, diagnostics, telemetry or lock", () => {
    for (const attribute of ["zones", "additional_location", "virtual_network_configuration"]) expect(config).not.toHaveProperty(attribute);
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
    for (const type of ["azurerm_resource_group_template_deployment", "azurerm_api_management_diagnostic", "azurerm_role_assignment"]) expect(resourcesOfType(stack, type)).toHaveLength(0);
    expect(apim.privateEndpoint).toBeUndefined();
    expect(apim.diagnostics).toBeUndefined();
    expect(apim.lock).toBeUndefined();
    expect(apim.appInsightsLoggerDeployment).toBeUndefined();
    expect(apim.appInsightsLoggerId).toBeUndefined();
    expect(apim.appInsightsMetricsPublisherGrant).toBeUndefined();
  });

  test("exposes the L1 and the attributes users wire", () => {
    expect(apim.resource).toBeInstanceOf(ApiManagementResource);
    expect(apim.resource.node.id).toBe("Resource");
    expect(apim.sku).toBe("Developer");
    const out = service();
    new TerraformOutput(out.stack, "id", { value: out.apim.id });
    new TerraformOutput(out.stack, "name", { value: out.apim.name });
    new TerraformOutput(out.stack, "gateway", { value: out.apim.gatewayUrl });
    const { output } = JSON.parse(Testing.synth(out.stack));
    expect(output.id.value).toBe(SERVICE);
    expect(output.name.value).toBe(SERVICE_NAME);
    expect(output.gateway.value).toBe("${azurerm_api_management.Apim_95332D08.gateway_url}");
    expect(resolved(out.stack, out.apim.serviceName)).toBe(SERVICE_NAME);
    expect(out.apim.resourceGroupName).toBe("rg-test");
  });

  test("the generated name follows the rule and is globally unique per path", () => {
    expect(config.name).toMatch(NAMING_RULES.apiManagement.pattern);
    expect(config.name).toMatch(/-[0-9a-f]{6}$/);
  });
});

describe("ApiManagement in prod", () => {
  const { stack, apim } = service({}, PROD);
  const synth = Testing.synth(stack);

  test("gets a Gateway private endpoint with a DNS zone group; public access stays on at creation (azurerm #21506)", () => {
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-apim-test-apim-7b82ce-gateway",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: SERVICE, subresource_names: ["Gateway"], is_manual_connection: false }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.azure-api.net"] }),
    });
    expect(single(stack, "azurerm_api_management").config.public_network_access_enabled).toBe(true);
    expect(apim.privateEndpoint).toBeDefined();
  });

  test("sends all logs and metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: SERVICE,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("is not locked by default (configuration only, redeployed from code); `lock: true` locks it", () => {
    expect(synth).not.toHaveResource(ManagementLock);
    expect(apim.lock).toBeUndefined();
    const locked = Testing.synth(service({ lock: true }, PROD).stack);
    expect(locked).toHaveResourceWithProperties(ManagementLock, { name: "lock-apim-test-apim-7b82ce", scope: SERVICE, lock_level: "CanNotDelete" });
  });

  test.each([
    [3, ["1", "2", "3"]],
    [5, ["1", "2", "3"]],
    [2, ["1", "2"]],
  ])("Premium with %p units spreads over zones %p", (capacity, zones) => {
    expect(apimConfig({ sku: "Premium", capacity }, PROD).zones).toEqual(zones);
  });

  test("one Premium unit, dev, and other tiers get no zones", () => {
    expect(apimConfig({ sku: "Premium", capacity: 1 }, PROD)).not.toHaveProperty("zones");
    expect(apimConfig({ sku: "Premium", capacity: 3 })).not.toHaveProperty("zones");
    expect(apimConfig({ sku: "StandardV2", capacity: 3 }, PROD)).not.toHaveProperty("zones");
  });

  test("tiers without inbound private endpoints and injected gateways skip the context's endpoint", () => {
    for (const props of [{ sku: "Consumption" as const }, { sku: "BasicV2" as const }, { sku: "Premium" as const, virtualNetwork: { subnetId: SUBNET, type: "Internal" as const } }]) {
      const { stack: s, apim: a } = service(props, PROD);
      expect(resourcesOfType(s, "azurerm_private_endpoint")).toHaveLength(0);
      expect(a.privateEndpoint).toBeUndefined();
    }
  });
});

describe("ApiManagement overrides", () => {
  test("user values win, including false and 0", () => {
    const stack = makeStack(PROD);
    const connection = new TerraformVariable(stack, "ai", { type: "string", sensitive: true });
    const identity = new UserAssignedIdentity(stack, "Id");
    new ApiManagement(stack, "Apim", {
      ...REQUIRED,
      name: "apim-custom",
      sku: "StandardV2",
      capacity: 2,
      minApiVersion: "2022-08-01",
      identity: { systemAssigned: false, userAssigned: [identity] },
      tags: { owner: "team" },
      diagnostics: false,
      privateEndpoint: false,
      lock: false,
      applicationInsights: { id: "/ai", connectionString: connection.stringValue, identity, samplingPercentage: 0, verbosity: "error", logClientIp: true },
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ApiManagementResource, {
      name: "apim-custom",
      sku_name: "StandardV2_2",
      min_api_version: "2022-08-01",
      identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Id_6F45185B.id}"] },
      tags: { owner: "team" },
    });
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
    const diagnostic = single(stack, "azurerm_api_management_diagnostic").config;
    expect(diagnostic).toMatchObject({ sampling_percentage: 0, verbosity: "error", log_client_ip: true });
    // The logger authenticates as the user-assigned identity, which holds the role.
    const parameters = JSON.parse(single(stack, "azurerm_resource_group_template_deployment").config.parameters_content);
    expect(parameters.identityClientId).toEqual({ value: "${azurerm_user_assigned_identity.Id_6F45185B.client_id}" });
    expect(single(stack, "azurerm_role_assignment").config).toMatchObject({
      scope: "/ai",
      role_definition_name: "Monitoring Metrics Publisher",
      principal_id: "${azurerm_user_assigned_identity.Id_6F45185B.principal_id}",
    });
  });

  test("explicit zones [] in prod leave Premium without zones; explicit zones are used", () => {
    expect(apimConfig({ sku: "Premium", capacity: 3, zones: [] }, PROD)).not.toHaveProperty("zones");
    expect(apimConfig({ sku: "Premium", capacity: 2, zones: ["2", "3"] }).zones).toEqual(["2", "3"]);
  });

  test("an explicit subnet gives a dev service an endpoint; publicNetworkAccess false survives with it", () => {
    const config = apimConfig({ sku: "Premium", privateEndpoint: { subnetId: "/subnets/pe" }, publicNetworkAccess: false });
    expect(config.public_network_access_enabled).toBe(false);
    const { stack } = service({ sku: "StandardV2", privateEndpoint: { subnetId: "/subnets/pe" } });
    const [endpoint] = resourcesOfType(stack, "azurerm_private_endpoint");
    expect(endpoint.subnet_id).toBe("/subnets/pe");
    expect(endpoint).not.toHaveProperty("private_dns_zone_group");
  });

  test("lock options and a diagnostics destination of its own", () => {
    const { stack } = service({ lock: { level: "ReadOnly", notes: "frozen" }, diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" } } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "frozen" });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: "/other" });
  });
});

describe("ApiManagement networking", () => {
  test.each([
    ["Developer", "Internal"],
    ["Developer", "External"],
    ["Premium", "Internal"],
    ["Premium", "External"],
    ["StandardV2", "External"],
    ["PremiumV2", "External"],
    ["PremiumV2", "Internal"],
  ] as const)("%s accepts VNet type %s", (sku, type) => {
    const config = apimConfig({ sku, virtualNetwork: { subnetId: SUBNET, type } });
    expect(config.virtual_network_type).toBe(type);
    expect(config.virtual_network_configuration).toEqual({ subnet_id: SUBNET });
  });

  test.each(["Consumption", "Basic", "Standard", "BasicV2"] as const)("%s cannot join a VNet", (sku) => {
    expect(errorFor({ sku, virtualNetwork: { subnetId: SUBNET, type: "External" } })).toBe(
      `test/Apim: sku "${sku}" cannot join a virtual network; use "Developer", "Premium" or "PremiumV2" for injection (type Internal or External) or "StandardV2" for outbound integration (type External), or drop virtualNetwork`,
    );
  });

  test("StandardV2 only integrates outbound", () => {
    expect(errorFor({ sku: "StandardV2", virtualNetwork: { subnetId: SUBNET, type: "Internal" } })).toBe(
      'test/Apim: virtualNetwork.type "Internal" is not supported on sku "StandardV2", which only integrates with a VNet for outbound calls (type "External"); use type "External", or "Developer", "Premium" or "PremiumV2" for an Internal (private) gateway',
    );
  });

  test("Premium regions with subnets in a VNet", () => {
    const config = apimConfig({
      sku: "Premium",
      capacity: 2,
      virtualNetwork: { subnetId: SUBNET, type: "Internal" },
      additionalLocations: [{ location: "northeurope", capacity: 2, zones: ["1", "2"], subnetId: "/subnets/north" }],
    });
    expect(config.additional_location).toEqual([
      { location: "northeurope", capacity: 2, zones: ["1", "2"], virtual_network_configuration: { subnet_id: "/subnets/north" } },
    ]);
  });

  test("publicIpAddresses: the primary's, plus each additional region's (azurerm keeps those per location)", () => {
    const resolve = (props: Partial<ApiManagementProps>) => {
      const { stack, apim } = service(props);
      new TerraformOutput(stack, "ips", { value: apim.publicIpAddresses });
      return JSON.parse(Testing.synth(stack)).output.ips.value;
    };
    expect(resolve({ sku: "Premium" })).toBe("${azurerm_api_management.Apim_95332D08.public_ip_addresses}");
    expect(resolve({ sku: "Premium", additionalLocations: [{ location: "northeurope" }, { location: "swedencentral" }] })).toBe(
      "${flatten([azurerm_api_management.Apim_95332D08.public_ip_addresses, " +
        "azurerm_api_management.Apim_95332D08.additional_location[0].public_ip_addresses, " +
        "azurerm_api_management.Apim_95332D08.additional_location[1].public_ip_addresses])}",
    );
  });

  test("a region without VNet gets one unit by default", () => {
    expect(apimConfig({ sku: "Premium", additionalLocations: [{ location: "northeurope" }] }).additional_location).toEqual([{ location: "northeurope", capacity: 1 }]);
  });
});

describe("ApiManagement validation", () => {
  test.each([
    ["Consumption", 1, "exactly 0"],
    ["Developer", 2, "exactly 1"],
    ["Basic", 3, "1-2"],
    ["Standard", 5, "1-4"],
    ["Premium", 13, "1-12"],
    ["Premium", 0, "1-12"],
    ["BasicV2", 11, "1-10"],
    ["StandardV2", 11, "1-10"],
    ["PremiumV2", 31, "1-30"],
    ["Standard", 1.5, "1-4"],
  ] as const)("sku %s with capacity %p is rejected", (sku, capacity, range) => {
    expect(errorFor({ sku, capacity })).toBe(
      `test/Apim: capacity ${capacity} is not a valid number of units for sku "${sku}" (${range}); set capacity to ${range} or choose a tier that scales further`,
    );
  });

  test.each([
    ["Consumption", 0, "Consumption_0"],
    ["Developer", 1, "Developer_1"],
    ["Basic", 2, "Basic_2"],
    ["Standard", 4, "Standard_4"],
    ["Premium", 12, "Premium_12"],
    ["BasicV2", 10, "BasicV2_10"],
    ["StandardV2", 10, "StandardV2_10"],
    ["PremiumV2", 30, "PremiumV2_30"],
  ] as const)("sku %s with capacity %p synthesizes %s", (sku, capacity, skuName) => {
    expect(apimConfig({ sku, capacity }).sku_name).toBe(skuName);
  });

  test("Consumption defaults to 0 units", () => {
    expect(apimConfig({ sku: "Consumption" }).sku_name).toBe("Consumption_0");
  });

  test("an unknown tier", () => {
    expect(errorFor({ sku: "Gold" as ApiManagementTier })).toBe(
      'test/Apim: sku "Gold" is not an API Management tier; use one of Consumption, Developer, Basic, Standard, Premium, BasicV2, StandardV2, PremiumV2',
    );
  });

  test.each(["not-an-email", "a@b", "two words@contoso.com", `${"x".repeat(95)}@contoso.com`])("publisherEmail %p is rejected", (email) => {
    expect(errorFor({ publisherEmail: email })).toBe(
      `test/Apim: publisherEmail "${email}" is not an email address of at most 100 characters; use an address such as api-team@contoso.com`,
    );
  });

  test.each(["", "x".repeat(101)])("publisherName of %p characters is rejected", (name) => {
    expect(errorFor({ publisherName: name })).toBe(`test/Apim: publisherName "${name}" is not 1-100 characters; use the organisation's name, e.g. "Contoso"`);
  });

  test("a bad explicit name", () => {
    expect(errorFor({ name: "-apim" })).toMatch(/^test\/Apim: name "-apim" breaks the apiManagement naming rule; use /);
  });

  test.each(["Developer", "Standard", "StandardV2", "PremiumV2"] as const)("zones on %s are rejected", (sku) => {
    expect(errorFor({ sku, zones: ["1"] })).toBe(`test/Apim: sku "${sku}" has no availability zones; use "Premium" or drop zones`);
  });

  test("zone values, duplicates and more zones than units", () => {
    expect(errorFor({ sku: "Premium", capacity: 3, zones: ["1", "4"] })).toBe('test/Apim: zones ["1","4"] has zone "4"; use zones "1", "2" and "3"');
    expect(errorFor({ sku: "Premium", capacity: 3, zones: ["1", "1"] })).toBe('test/Apim: zones ["1","1"] lists a zone twice; list each zone once');
    expect(errorFor({ sku: "Premium", capacity: 2, zones: ["1", "2", "3"] })).toBe(
      'test/Apim: zones ["1","2","3"] spreads 2 unit(s) over 3 zones; use at least one unit per zone (raise capacity or list fewer zones)',
    );
  });

  test.each(["Developer", "Standard", "StandardV2", "PremiumV2"] as const)("additional locations on %s are rejected", (sku) => {
    expect(errorFor({ sku, additionalLocations: [{ location: "northeurope" }] })).toBe(
      `test/Apim: sku "${sku}" cannot deploy to additional regions; use "Premium" or drop additionalLocations`,
    );
  });

  test("additional location capacity, zones and subnets", () => {
    expect(errorFor({ sku: "Premium", additionalLocations: [{ location: "northeurope", capacity: 13 }] })).toBe(
      'test/Apim: additionalLocations[northeurope].capacity 13 is not a valid number of units for sku "Premium" (1-12); set additionalLocations[northeurope].capacity to 1-12 or choose a tier that scales further',
    );
    expect(errorFor({ sku: "Premium", additionalLocations: [{ location: "northeurope", zones: ["1", "2"] }] })).toBe(
      'test/Apim: additionalLocations[northeurope].zones ["1","2"] spreads 1 unit(s) over 2 zones; use at least one unit per zone (raise capacity or list fewer zones)',
    );
    expect(errorFor({ sku: "Premium", virtualNetwork: { subnetId: SUBNET, type: "Internal" }, additionalLocations: [{ location: "northeurope" }] })).toBe(
      "test/Apim: additionalLocations[northeurope] has no subnetId, but the service is in a virtual network; give every additional location a subnet in its region",
    );
    expect(errorFor({ sku: "Premium", additionalLocations: [{ location: "northeurope", subnetId: "/subnets/north" }] })).toBe(
      "test/Apim: additionalLocations[northeurope] has a subnetId, but the service is not in a virtual network; set virtualNetwork on the service or drop the subnetId",
    );
  });

  test("minApiVersion must be an API version no newer than azurerm's own", () => {
    expect(errorFor({ minApiVersion: "latest" })).toBe('test/Apim: minApiVersion "latest" is not an API version; use a version such as "2021-08-01"');
    expect(errorFor({ minApiVersion: "2024-05-01" })).toBe(
      'test/Apim: minApiVersion "2024-05-01" is newer than 2022-08-01, the control-plane API version azurerm 4.55 uses for APIs, products and named values, so Terraform would lock itself out; use 2022-08-01 or older (default 2021-08-01)',
    );
    expect(apimConfig({ minApiVersion: "2019-12-01" }).min_api_version).toBe("2019-12-01");
  });

  test.each(["Consumption", "BasicV2"] as const)("an explicit private endpoint on %s is rejected", (sku) => {
    expect(errorFor({ sku, privateEndpoint: { subnetId: "/subnets/pe" } })).toBe(
      `test/Apim: sku "${sku}" has no inbound private endpoints; use "Developer", "Basic", "Standard", "Premium", "StandardV2" or "PremiumV2" or set privateEndpoint: false`,
    );
  });

  test.each([
    ["Premium", "External"],
    ["Developer", "Internal"],
    ["PremiumV2", "Internal"],
  ] as const)("an explicit private endpoint on an injected %s (%s) gateway is rejected", (sku, type) => {
    expect(errorFor({ sku, virtualNetwork: { subnetId: SUBNET, type }, privateEndpoint: { subnetId: "/subnets/pe" } })).toBe(
      `test/Apim: privateEndpoint is not supported on a gateway injected in a virtual network (sku "${sku}", type "${type}"); use the Internal VNet mode as the private path, or drop virtualNetwork to use a private endpoint`,
    );
  });

  test("StandardV2 with outbound integration keeps its private endpoint", () => {
    const { stack } = service({ sku: "StandardV2", virtualNetwork: { subnetId: SUBNET, type: "External" } }, PROD);
    expect(resourcesOfType(stack, "azurerm_private_endpoint")).toHaveLength(1);
  });

  test("publicNetworkAccess false needs a private endpoint", () => {
    expect(errorFor({ publicNetworkAccess: false })).toBe(
      "test/Apim: publicNetworkAccess false needs a private endpoint: Azure only turns public access off on a service with an approved private endpoint connection; add privateEndpoint (first deploy with public access on: Azure refuses false at creation, azurerm #21506), or keep it true and use the Internal VNet mode",
    );
  });

  test("Application Insights takes its connection string as a token only, and a percentage", () => {
    const literal = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x";
    const message = errorFor({ applicationInsights: { id: "/ai", connectionString: literal } });
    expect(message).toBe(
      "test/Apim: applicationInsights.connectionString is a literal string, which would be written into the synthesized Terraform JSON; pass the component's connection string attribute (a token), e.g. monitoring.applicationInsightsConnectionString",
    );
    expect(message).not.toContain("InstrumentationKey");
    const stack = makeStack();
    const secret = new TerraformVariable(stack, "ai", { type: "string", sensitive: true });
    expect(() => new ApiManagement(stack, "Apim", { ...REQUIRED, applicationInsights: { id: "/ai", connectionString: secret.stringValue, samplingPercentage: 101 } })).toThrow(
      "test/Apim: applicationInsights.samplingPercentage 101 is not within 0-100; set a percentage from 0 to 100",
    );
  });

  test("Application Insights needs an identity of the service to send telemetry as", () => {
    const stack = makeStack();
    const connectionString = new TerraformVariable(stack, "ai", { type: "string", sensitive: true }).stringValue;
    const identity = new UserAssignedIdentity(stack, "Id");
    expect(messageOf(() => new ApiManagement(stack, "NoIdentity", { ...REQUIRED, identity: { systemAssigned: false }, applicationInsights: { id: "/ai", connectionString } }))).toBe(
      "test/NoIdentity: applicationInsights sends telemetry with the system identity, which is off (the component accepts only Entra ID-authenticated telemetry by default); pass applicationInsights.identity (a user-assigned identity of this service), or turn the system identity on",
    );
    expect(messageOf(() => new ApiManagement(stack, "Detached", { ...REQUIRED, applicationInsights: { id: "/ai", connectionString, identity } }))).toBe(
      'test/Detached: applicationInsights.identity "test/Id" is not assigned to this service; list it in identity.userAssigned of the service',
    );
  });
});

describe("ApiManagement Application Insights", () => {
  const COMPONENT = "/subscriptions/s/ai";
  function withTelemetry(extra: IntegrationContextProps = {}) {
    const stack = makeStack(extra);
    const connection = new TerraformVariable(stack, "ai", { type: "string", sensitive: true });
    const apim = new ApiManagement(stack, "Apim", { ...REQUIRED, applicationInsights: { id: COMPONENT, connectionString: connection.stringValue } });
    return { stack, apim };
  }
  const { stack, apim } = withTelemetry();
  const deployment = single(stack, "azurerm_resource_group_template_deployment");
  const template = JSON.parse(deployment.config.template_content);
  const parameters = JSON.parse(deployment.config.parameters_content);

  test("no azurerm logger: an ARM deployment creates it, incrementally, in the service's resource group", () => {
    expect(resourcesOfType(stack, "azurerm_api_management_logger")).toHaveLength(0);
    expect(deployment.config).toMatchObject({ name: `deploy-logger-${SERVICE_NAME}`, resource_group_name: "rg-test", deployment_mode: "Incremental" });
    expect(apim.appInsightsLoggerDeployment?.node.id).toBe("AppInsightsLogger");
  });

  test("the logger authenticates with the service's system identity", () => {
    expect(template.resources).toEqual([
      {
        type: "Microsoft.ApiManagement/service/loggers",
        apiVersion: "2022-08-01",
        name: "[format('{0}/appinsights-identity', parameters('serviceName'))]",
        properties: {
          loggerType: "applicationInsights",
          resourceId: "[parameters('applicationInsightsId')]",
          isBuffered: true,
          credentials: { connectionString: "[parameters('connectionString')]", identityClientId: "[parameters('identityClientId')]" },
        },
      },
    ]);
    expect(parameters).toEqual({
      serviceName: { value: SERVICE_NAME },
      applicationInsightsId: { value: COMPONENT },
      connectionString: { value: "${var.ai}" },
      identityClientId: { value: "SystemAssigned" },
    });
  });

  test("the connection string is a securestring parameter, passed as a reference, never a literal", () => {
    expect(template.parameters.connectionString).toEqual({ type: "securestring" });
    expect(Object.entries(template.parameters).filter(([, p]) => (p as { type: string }).type !== "string").map(([n]) => n)).toEqual(["connectionString"]);
    expect(deployment.config.template_content).not.toContain("${");
  });

  test("the service's identity holds Monitoring Metrics Publisher on the component", () => {
    expect(single(stack, "azurerm_role_assignment").config).toEqual({
      scope: COMPONENT,
      role_definition_name: "Monitoring Metrics Publisher",
      principal_id: PRINCIPAL,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
    expect(apim.appInsightsMetricsPublisherGrant).toBeInstanceOf(RoleAssignment);
  });

  test("a W3C diagnostic that always logs errors, on the logger's ARM id, after the logger and the role", () => {
    const grant = Object.keys(resources(stack, "azurerm_role_assignment"))[0];
    expect(single(stack, "azurerm_api_management_diagnostic").config).toEqual({
      identifier: "applicationinsights",
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
      api_management_logger_id: `${SERVICE}/loggers/appinsights-identity`,
      sampling_percentage: 100,
      always_log_errors: true,
      verbosity: "information",
      http_correlation_protocol: "W3C",
      log_client_ip: false,
      depends_on: [deployment.ref("id").slice(2, -4), `azurerm_role_assignment.${grant}`],
    });
    expect(resolved(stack, apim.appInsightsLoggerId)).toBe(`${SERVICE}/loggers/appinsights-identity`);
  });

  test("prod samples 25 percent", () => {
    expect(single(withTelemetry(PROD).stack, "azurerm_api_management_diagnostic").config.sampling_percentage).toBe(25);
  });

  test("the connection string appears in no output", () => {
    expect(Testing.synth(withTelemetry().stack)).not.toContain('"output"');
  });

  test("passes cdktf's validations", () => {
    const { stack: validated } = withTelemetry();
    withProvider(validated);
    expect(() => Testing.synth(validated, true)).not.toThrow();
  });
});

describe("ApiManagement grants and identity", () => {
  test("principal is the system identity, usable by other constructs' grants", () => {
    const { stack, apim } = service();
    expect(apim.principal.principalType).toBe("ServicePrincipal");
    expect(apim.principal.grantKey).toBe("test/Apim");
    expect(resolved(stack, apim.principal.principalId)).toBe(PRINCIPAL);
    const assignment = grantRole(stack, "/subscriptions/s/namespaces/bus", BuiltInRole.serviceBusDataSender, apim.principal);
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "/subscriptions/s/namespaces/bus",
      role_definition_name: "Azure Service Bus Data Sender",
      principal_id: PRINCIPAL,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  test("KeyVault grants secret reads to the principal", () => {
    const { stack, apim } = service();
    new KeyVault(stack, "Vault").grantSecretsRead(apim.principal);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "${azurerm_key_vault.Vault_23237E5B.id}",
      role_definition_name: "Key Vault Secrets User",
      principal_id: PRINCIPAL,
      principal_type: "ServicePrincipal",
    });
  });

  test("principal: the system identity, else the first user-assigned one, else an error", () => {
    const { apim } = service({ identity: { systemAssigned: false, userAssigned: [] } });
    expect(() => apim.principal).toThrow(
      "test/Apim: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned is given); " +
        "keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
    const stack = makeStack();
    const first = new UserAssignedIdentity(stack, "First");
    const userAssigned = new ApiManagement(stack, "Apim", { ...REQUIRED, identity: { systemAssigned: false, userAssigned: [first] } });
    expect(userAssigned.principal).toBe(first);
    const { stack: dflt, apim: systemAssigned } = service();
    expect(resolved(dflt, systemAssigned.principal.principalId)).toBe(PRINCIPAL);
    expect(systemAssigned.principal.grantKey).toBe("test/Apim");
  });

  test("no identity at all leaves the identity block out", () => {
    expect(apimConfig({ identity: { systemAssigned: false } })).not.toHaveProperty("identity");
  });
});

describe("ApiManagement validations run at synth", () => {
  test("a complete service passes cdktf's validations", () => {
    const { stack, apim } = service();
    withProvider(stack);
    apim.addApi("orders", { path: "orders", policyFile: F("api-policy.xml") });
    apim.addNamedValue("backend-key", { value: "not-a-secret" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

test("fully-featured ApiManagement snapshot", () => {
  const stack = makeStack(PROD);
  const connection = new TerraformVariable(stack, "appInsightsConnectionString", { type: "string", sensitive: true });
  const backendKey = new TerraformVariable(stack, "backendKey", { type: "string", sensitive: true });
  const vault = new KeyVault(stack, "Vault");
  const apim = new ApiManagement(stack, "Apim", {
    ...REQUIRED,
    sku: "Premium",
    capacity: 3,
    tags: { owner: "integration-team" },
    applicationInsights: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/components/appi", connectionString: connection.stringValue },
  });
  const orders = apim.addApi("orders", { path: "orders", openApiFile: F("orders.openapi.json"), policyFile: F("api-policy.xml") });
  orders.addOperationPolicy("get-order", F("operation-policy.xml"));
  const ping = apim.addApi("ping", {
    path: "ping",
    displayName: "Ping",
    serviceUrl: "https://ping.contoso.com",
    operations: [{ id: "ping", method: "GET", urlTemplate: "/ping/{id}", policyFile: F("operation-policy.xml") }],
  });
  const gold = apim.addProduct("gold", { displayName: "Gold", apis: [orders, ping], policyFile: F("product-policy.xml"), subscriptionsLimit: 5, approvalRequired: true });
  gold.addSubscription("partner-a");
  apim.addNamedValue("backend-key", { keyVaultSecretId: "https://kv-x.vault.azure.net/secrets/backend-key", keyVault: vault });
  apim.addNamedValue("rate-limit-calls", { value: "100" });
  apim.addNamedValue("partner-token", { secretValue: backendKey.stringValue });
  apim.addBackend("orders", { url: "https://orders.contoso.com", circuitBreaker: { interval: "PT1M", tripDuration: "PT30S", failurePercentage: 50 } });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});

describe("ApiManagement monitoring", () => {
  test("takes a Monitoring as FunctionApp does: its component receives the telemetry", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const apim = new ApiManagement(stack, "Apim", { ...REQUIRED, monitoring });
    const parameters = JSON.parse(single(stack, "azurerm_resource_group_template_deployment").config.parameters_content);
    const component = parameters.applicationInsightsId.value;
    expect(component).toMatch(/^\$\{azurerm_application_insights\.Monitoring_[^.]+\.id\}$/);
    expect(parameters.connectionString.value).toMatch(/^\$\{azurerm_application_insights\.Monitoring_[^.]+\.connection_string\}$/);
    expect(single(stack, "azurerm_role_assignment").config).toMatchObject({ scope: component, role_definition_name: "Monitoring Metrics Publisher" });
    expect(apim.appInsightsDiagnostic).toBeDefined();
  });

  test("refuses monitoring with applicationInsights, and a Monitoring without a component", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const bare = new Monitoring(stack, "Bare", { applicationInsights: false });
    expect(messageOf(() => new ApiManagement(stack, "Both", { ...REQUIRED, monitoring, applicationInsights: { id: "/ai", connectionString: monitoring.applicationInsightsConnectionString! } }))).toBe(
      'test/Both: monitoring "test/Monitoring" cannot be combined with applicationInsights; pass one of the two',
    );
    expect(messageOf(() => new ApiManagement(stack, "Bare1", { ...REQUIRED, monitoring: bare }))).toBe(
      'test/Bare1: monitoring "test/Bare" has no Application Insights component (applicationInsights: false); create the Monitoring with Application Insights, or leave monitoring out to send no request telemetry',
    );
  });
});
