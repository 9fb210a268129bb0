import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput } from "cdktf";
import { DataFactory as DataFactoryResource } from "@cdktf/provider-azurerm/lib/data-factory";
import { DataFactoryIntegrationRuntimeAzure } from "@cdktf/provider-azurerm/lib/data-factory-integration-runtime-azure";
import { DataFactoryIntegrationRuntimeSelfHosted } from "@cdktf/provider-azurerm/lib/data-factory-integration-runtime-self-hosted";
import { DataFactoryManagedPrivateEndpoint } from "@cdktf/provider-azurerm/lib/data-factory-managed-private-endpoint";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { Activity, DataFactory, DataFactoryProps, GlobalParameter } from "../../../constructs/data-factory";
import { StorageAccount } from "../../../constructs/storage";
import { makeStack, messageOf, PROD_CONTEXT as PROD, resolved, resourcesOfType as resources, single, outsideEncryptionKey } from "../../helpers";
import { COSMOS, SYNAPSE_ID, fixturePath, sampleFactory } from "./sample-factory";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const FACTORY = "${azurerm_data_factory.Factory_212BF0B2.id}";

function factory(props: DataFactoryProps = {}, extra: IntegrationContextProps = {}) {
  const stack = makeStack(extra);
  return { stack, factory: new DataFactory(stack, "Factory", props) };
}

describe("DataFactory defaults (dev)", () => {
  const { stack, factory: adf } = factory();
  const synth = Testing.synth(stack);

  test("is hardened: identity on, managed VNet on; public network on, as there is no private endpoint to reach it by", () => {
    expect(synth).toHaveResourceWithProperties(DataFactoryResource, {
      name: "adf-test-factory-198756",
      resource_group_name: "rg-test",
      location: "westeurope",
      identity: { type: "SystemAssigned" },
      public_network_enabled: true,
      managed_virtual_network_enabled: true,
    });
    const [config] = resources(stack, "azurerm_data_factory");
    for (const absent of ["github_configuration", "vsts_configuration", "global_parameter", "customer_managed_key_id"]) expect(config).not.toHaveProperty(absent);
  });

  test("has an Azure integration runtime inside the managed VNet", () => {
    expect(synth).toHaveResourceWithProperties(DataFactoryIntegrationRuntimeAzure, {
      name: "ir-managed-vnet",
      data_factory_id: FACTORY,
      location: "westeurope",
      virtual_network_enabled: true,
      compute_type: "General",
      core_count: 8,
      time_to_live_min: 0,
    });
  });

  test("dev has no private endpoint, diagnostics, lock or managed private endpoint", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock, DataFactoryManagedPrivateEndpoint]) expect(synth).not.toHaveResource(type);
    expect(adf.privateEndpoint).toBeUndefined();
    expect(adf.diagnostics).toBeUndefined();
    expect(adf.lock).toBeUndefined();
  });

  test("exposes the L1, its attributes, the runtime and the principal", () => {
    expect(adf.resource).toBeInstanceOf(DataFactoryResource);
    expect(adf.resource.node.id).toBe("Resource");
    expect(adf.managedIntegrationRuntime).toBeInstanceOf(DataFactoryIntegrationRuntimeAzure);
    const { stack: outputs, factory: other } = factory();
    new TerraformOutput(outputs, "id", { value: other.id });
    new TerraformOutput(outputs, "name", { value: other.name });
    new TerraformOutput(outputs, "principal", { value: other.principal.principalId });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(FACTORY);
    expect(output.name.value).toBe("${azurerm_data_factory.Factory_212BF0B2.name}");
    expect(output.principal.value).toBe("${azurerm_data_factory.Factory_212BF0B2.identity[0].principal_id}");
    expect(other.principal.principalType).toBe("ServicePrincipal");
    expect(other.principal.grantKey).toBe("test/Factory");
  });

  test("the generated name is valid and stable", () => {
    const name = resources(stack, "azurerm_data_factory")[0].name as string;
    expect(name).toMatch(NAMING_RULES.dataFactory.pattern);
    expect(resources(factory().stack, "azurerm_data_factory")[0].name).toBe(name);
  });
});

describe("DataFactory in prod", () => {
  const { stack } = factory({}, PROD);
  const synth = Testing.synth(stack);

  test("has a private endpoint for the dataFactory sub-resource with a DNS zone group, and public access off", () => {
    expect(synth).toHaveResourceWithProperties(DataFactoryResource, { public_network_enabled: false });
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-adf-test-factory-198756-data-factory",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({
        private_connection_resource_id: FACTORY,
        subresource_names: ["dataFactory"],
        is_manual_connection: false,
      }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.datafactory.azure.net"] }),
    });
  });

  test("sends all logs (to resource-specific tables) and metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: FACTORY,
      log_analytics_workspace_id: "/ws",
      log_analytics_destination_type: "Dedicated",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("is not locked by default (no data, redeployed from code); `lock: true` locks it", () => {
    // The only lock in prod is the encryption-key vault's.
    expect(resources(stack, "azurerm_management_lock").filter(outsideEncryptionKey)).toEqual([]);
    const locked = Testing.synth(factory({ lock: true }, PROD).stack);
    expect(locked).toHaveResourceWithProperties(ManagementLock, { name: "lock-adf-test-factory-198756", scope: FACTORY, lock_level: "CanNotDelete" });
  });
});

describe("DataFactory public network access", () => {
  test("an explicit private endpoint turns public access off without a context network", () => {
    const { stack } = factory({ privateEndpoint: { subnetId: "/subnets/pe", privateDnsZoneIds: [] } });
    expect(single(stack, "azurerm_data_factory").config.public_network_enabled).toBe(false);
    expect(resources(stack, "azurerm_private_endpoint")).toHaveLength(1);
  });

  test("publicNetworkAccess false without a private endpoint is refused: self-hosted runtimes could never connect", () => {
    expect(messageOf(() => factory({ publicNetworkAccess: false }))).toBe(
      "test/Factory: publicNetworkAccess false leaves the factory without a way in: it has no private endpoint, and self-hosted runtimes " +
        "and Studio reach a private factory only through one; give it a private endpoint (an IntegrationContext network or " +
        "privateEndpoint: { subnetId }), or leave publicNetworkAccess unset; if your endpoint is created elsewhere, " +
        "set factory.resource.publicNetworkEnabled = false",
    );
    const inProd = messageOf(() => factory({ publicNetworkAccess: false, privateEndpoint: false }, PROD));
    expect(inProd).toContain("publicNetworkAccess false leaves the factory without a way in");
  });

  test("the escape hatch still closes a factory whose endpoint lives elsewhere", () => {
    const { stack, factory: adf } = factory();
    adf.resource.publicNetworkEnabled = false;
    expect(single(stack, "azurerm_data_factory").config.public_network_enabled).toBe(false);
  });
});

describe("DataFactory overrides", () => {
  test("user values win over defaults, including false", () => {
    const stack = makeStack(PROD);
    const uai = new UserAssignedIdentity(stack, "Identity");
    new DataFactory(stack, "Factory", {
      customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
      name: "adf-contoso-ingest",
      location: "northeurope",
      tags: { owner: "data" },
      publicNetworkAccess: true,
      managedVirtualNetwork: false,
      identity: { systemAssigned: false, userAssigned: [uai] },
      integrationRuntime: { name: "ir-azure", location: "AutoResolve", computeType: "MemoryOptimized", coreCount: 16, timeToLiveMin: 10 },
      diagnostics: false,
      privateEndpoint: false,
      lock: false,
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryResource, {
      name: "adf-contoso-ingest",
      location: "northeurope",
      tags: { owner: "data" },
      public_network_enabled: true,
      managed_virtual_network_enabled: false,
      identity: { type: "UserAssigned", identity_ids: [single(stack, "azurerm_user_assigned_identity").ref("id")] },
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryIntegrationRuntimeAzure, {
      name: "ir-azure",
      location: "AutoResolve",
      virtual_network_enabled: false,
      compute_type: "MemoryOptimized",
      core_count: 16,
      time_to_live_min: 10,
    });
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
  });

  test("Git integration with GitHub or Azure DevOps", () => {
    const { stack: gh } = factory({ githubConfiguration: { accountName: "contoso", repositoryName: "adf", branchName: "main", rootFolder: "/adf", publishingEnabled: false } });
    expect(Testing.synth(gh)).toHaveResourceWithProperties(DataFactoryResource, {
      github_configuration: { account_name: "contoso", repository_name: "adf", branch_name: "main", root_folder: "/adf", publishing_enabled: false },
    });
    const { stack: ado } = factory({
      vstsConfiguration: { accountName: "contoso", projectName: "data", repositoryName: "adf", branchName: "main", rootFolder: "/", tenantId: APP_ID },
    });
    expect(Testing.synth(ado)).toHaveResourceWithProperties(DataFactoryResource, {
      vsts_configuration: { account_name: "contoso", project_name: "data", repository_name: "adf", branch_name: "main", root_folder: "/", tenant_id: APP_ID, publishing_enabled: true },
    });
  });

  test("global parameters of every type become typed global_parameter blocks", () => {
    const { stack } = factory({
      globalParameters: {
        environment: { type: "String", value: "prod" },
        batchSize: { type: "Int", value: 500 },
        threshold: { type: "Float", value: 0.75 },
        dryRun: { type: "Bool", value: false },
        regions: { type: "Array", value: ["westeurope", "northeurope"] },
        endpoints: { type: "Object", value: { orders: "https://orders.contoso.com" } },
      },
    });
    expect(resources(stack, "azurerm_data_factory")[0].global_parameter).toEqual([
      { name: "environment", type: "String", value: "prod" },
      { name: "batchSize", type: "Int", value: "500" },
      { name: "threshold", type: "Float", value: "0.75" },
      { name: "dryRun", type: "Bool", value: "false" },
      { name: "regions", type: "Array", value: '["westeurope","northeurope"]' },
      { name: "endpoints", type: "Object", value: '{"orders":"https://orders.contoso.com"}' },
    ]);
  });

  test("an explicit subnet gives a dev factory an endpoint; lock options and a diagnostics destination of its own", () => {
    const { stack } = factory({ privateEndpoint: { subnetId: "/subnets/own" }, lock: { level: "ReadOnly", notes: "frozen" }, diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" } } });
    const synth = Testing.synth(stack);
    const [pe] = resources(stack, "azurerm_private_endpoint");
    expect(pe.subnet_id).toBe("/subnets/own");
    expect(pe).not.toHaveProperty("private_dns_zone_group");
    expect(synth).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "frozen" });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: "/other", log_analytics_destination_type: "Dedicated" });
  });

  test("diagnostics can use the shared AzureDiagnostics table instead", () => {
    const { stack } = factory({ diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" }, logAnalyticsDestinationType: "AzureDiagnostics" } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_destination_type: "AzureDiagnostics" });
  });
});

describe("DataFactory validation", () => {
  test("a bad explicit name names the rule and the fix", () => {
    expect(() => factory({ name: "adf--x" })).toThrow(
      'test/Factory: name "adf--x" breaks the dataFactory naming rule; use letters, digits and single hyphens, starting and ending with a letter or digit',
    );
  });

  test("GitHub and Azure DevOps together are rejected", () => {
    expect(() =>
      factory({
        githubConfiguration: { accountName: "a", repositoryName: "r", branchName: "main", rootFolder: "/" },
        vstsConfiguration: { accountName: "a", projectName: "p", repositoryName: "r", branchName: "main", rootFolder: "/", tenantId: APP_ID },
      }),
    ).toThrow("test/Factory: githubConfiguration and vstsConfiguration are both set; a factory has one Git repository; keep one of githubConfiguration and vstsConfiguration");
  });

  test.each([
    [{ githubConfiguration: { accountName: "a", repositoryName: "r", branchName: "main", rootFolder: "adf" } }, 'test/Factory: githubConfiguration.rootFolder "adf" does not start with \'/\'; use a repository path such as "/" or "/adf"'],
    [{ githubConfiguration: { accountName: "a", repositoryName: "r", branchName: "main", rootFolder: "/", gitUrl: "http://ghe.contoso.com" } }, 'test/Factory: githubConfiguration.gitUrl "http://ghe.contoso.com" is not an https URL; use the https URL of the GitHub Enterprise Server'],
    [{ githubConfiguration: { accountName: " ", repositoryName: "r", branchName: "main", rootFolder: "/" } }, 'test/Factory: githubConfiguration.accountName " " is empty; set accountName'],
    [{ vstsConfiguration: { accountName: "a", projectName: "p", repositoryName: "r", branchName: "main", rootFolder: "/", tenantId: "contoso" } }, 'test/Factory: vstsConfiguration.tenantId "contoso" is not a GUID; use the Entra tenant id of the Azure DevOps organization'],
  ] as [DataFactoryProps, string][])("Git configuration errors: %#", (props, message) => {
    expect(() => factory(props)).toThrow(message);
  });

  test.each([
    [{ count: { type: "Int", value: 1.5 } }, 'test/Factory: globalParameters.count 1.5 is not a whole number; use a whole number, or type "Float"'],
    [{ ratio: { type: "Float", value: "0.5" } }, 'test/Factory: globalParameters.ratio "0.5" is not a finite number; use a finite number'],
    [{ label: { type: "String", value: "" } }, 'test/Factory: globalParameters.label "" is not a non-empty string; give a value (azurerm rejects empty global parameters)'],
    [{ flag: { type: "Bool", value: "yes" } }, 'test/Factory: globalParameters.flag "yes" is not a boolean; use true or false'],
    [{ list: { type: "Array", value: { a: 1 } } }, 'test/Factory: globalParameters.list {"a":1} is not an array; use an array, or another type'],
    [{ map: { type: "Object", value: [1] } }, 'test/Factory: globalParameters.map [1] is not an object; use an object, or type "Array"'],
    [{ odd: { type: "Date", value: "x" } }, 'test/Factory: globalParameters.odd "x" has the unknown type "Date"; use String, Int, Float, Bool, Array or Object'],
    [{ "1st": { type: "String", value: "x" } }, "test/Factory: globalParameters.1st name \"1st\" breaks the Data Factory global parameter naming rule; use letters, digits and '_', not starting with a digit (expressions read it as pipeline().globalParameters.<name>)"],
  ] as unknown as [Record<string, GlobalParameter>, string][])("global parameter errors: %#", (globalParameters, message) => {
    expect(() => factory({ globalParameters })).toThrow(message);
  });

  test.each([
    [{ coreCount: 12 }, "test/Factory: integrationRuntime.coreCount 12 is not a data flow cluster size; use one of 8, 16, 32, 48, 80, 144, 272"],
    [{ timeToLiveMin: -1 }, "test/Factory: integrationRuntime.timeToLiveMin -1 is not a whole number of minutes; set 0 or more minutes"],
    [{ name: "ir--x" }, "test/Factory: integration runtime name \"ir--x\" breaks the Data Factory integration runtime naming rule; use letters, digits and single hyphens, starting and ending with a letter or digit"],
  ] as unknown as [DataFactoryProps["integrationRuntime"], string][])("integration runtime errors: %#", (integrationRuntime, message) => {
    expect(() => factory({ integrationRuntime })).toThrow(message);
  });

  test("principal: the system-assigned identity, else the first user-assigned one, else an error", () => {
    const system = factory();
    const { principalId, principalType, grantKey } = system.factory.principal;
    expect([resolved(system.stack, principalId), principalType, grantKey]).toEqual([
      "${azurerm_data_factory.Factory_212BF0B2.identity[0].principal_id}",
      "ServicePrincipal",
      "test/Factory",
    ]);
    const stack = makeStack();
    const uai = new UserAssignedIdentity(stack, "Identity");
    const user = new DataFactory(stack, "Factory", { identity: { systemAssigned: false, userAssigned: [uai] } });
    expect(user.principal).toBe(uai);
    const { factory: none } = factory({ identity: { systemAssigned: false } });
    expect(messageOf(() => none.principal)).toBe(
      "test/Factory: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned " +
        "is given); keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
  });

  test("linked services need the system-assigned identity, even with a user-assigned one", () => {
    const stack = makeStack();
    const uai = new UserAssignedIdentity(stack, "Identity");
    const adf = new DataFactory(stack, "Factory", { identity: { systemAssigned: false, userAssigned: [uai] } });
    expect(messageOf(() => adf.addBlobStorageLinkedService("Files", { storage: new StorageAccount(stack, "Files") }))).toBe(
      "test/Factory: identity.systemAssigned false is off, but linked services authenticate with the factory's system-assigned identity; " +
        "leave identity.systemAssigned on (user-assigned identities can be added next to it)",
    );
  });
});

describe("DataFactory imports", () => {
  const ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.DataFactory/factories/adf-shared";

  test("fromId reads a literal id and grants on it like the construct", () => {
    const stack = makeStack();
    const shared = DataFactory.fromId(stack, "Shared", ID);
    expect([shared.id, shared.name, shared.resourceGroupName]).toEqual([ID, "adf-shared", "rg-data"]);
    const assignment = shared.grantContributor(Principal.fromObjectId(APP_ID, "Group"));
    expect(shared.grantContributor(Principal.fromObjectId(APP_ID, "Group"))).toBe(assignment);
    expect(shared.grant(Principal.fromObjectId(APP_ID, "Group"), "Reader")).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: ID,
      role_definition_name: "Data Factory Contributor",
      principal_id: APP_ID,
    });
  });

  test("fromId splits an id known only at deploy time", () => {
    const stack = makeStack();
    const other = new DataFactory(stack, "Other");
    const shared = DataFactory.fromId(stack, "Shared", other.id);
    expect(resolved(stack, shared.name)).toBe("${element(split(\"/\", azurerm_data_factory.Other_34654A52.id), 8)}");
    expect(resolved(stack, shared.resourceGroupName)).toBe("${element(split(\"/\", azurerm_data_factory.Other_34654A52.id), 4)}");
  });

  test("fromId refuses an id of another type, naming the import", () => {
    const stack = makeStack();
    const wrong = ID.replace("Microsoft.DataFactory/factories", "Microsoft.Synapse/workspaces");
    expect(messageOf(() => DataFactory.fromId(stack, "Shared", wrong))).toBe(
      `test/Shared: resourceId "${wrong}" is not the id of a Microsoft.DataFactory/factories resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.DataFactory/factories/<name>",
    );
  });

  test("fromName builds the id in the context's resource group and checks the name", () => {
    const stack = makeStack();
    const shared = DataFactory.fromName(stack, "Shared", "adf-shared");
    expect(resolved(stack, shared.id)).toMatch(/\/providers\/Microsoft\.DataFactory\/factories\/adf-shared$/);
    expect(shared.name).toBe("adf-shared");
    expect(() => DataFactory.fromName(stack, "Bad", "-adf")).toThrow(/-adf/);
  });
});

describe("DataFactory grants", () => {
  test("grantContributor grants Data Factory Contributor on the factory", () => {
    const { stack, factory: adf } = factory();
    const assignment = adf.grantContributor(Principal.fromObjectId(APP_ID, "Group"));
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: FACTORY,
      role_definition_name: "Data Factory Contributor",
      principal_id: APP_ID,
      principal_type: "Group",
    });
  });

  test("grants take a construct with a principal (a Grantee) as well as a principal", () => {
    const { stack, factory: adf } = factory();
    const uai = new UserAssignedIdentity(stack, "Releaser");
    const releaser = { principal: uai };
    expect(adf.grantContributor(releaser)).toBe(adf.grantContributor(uai));
    expect(adf.grant(releaser, "Reader").roleDefinitionNameInput).toBe("Reader");
  });
});

describe("Self-hosted integration runtime", () => {
  test("is created in the factory and exposes its key only as a sensitive output", () => {
    const { stack, factory: adf } = factory();
    const runtime = adf.addSelfHostedIntegrationRuntime("onprem-ir", { description: "Runtime in the Amsterdam data centre" });
    const output = runtime.authorizationKeyOutput("onprem_ir_key");
    expect(output).toBeInstanceOf(TerraformOutput);
    const synth = Testing.synth(stack);
    const ir = single(stack, "azurerm_data_factory_integration_runtime_self_hosted");
    expect(synth).toHaveResourceWithProperties(DataFactoryIntegrationRuntimeSelfHosted, {
      name: "onprem-ir",
      data_factory_id: FACTORY,
      description: "Runtime in the Amsterdam data centre",
    });
    expect(JSON.parse(synth).output).toEqual({
      onprem_ir_key: {
        value: ir.ref("primary_authorization_key"),
        sensitive: true,
        description: 'Registration key of the self-hosted integration runtime "onprem-ir"',
      },
    });
    expect(runtime.name).toBe("onprem-ir");
    expect(runtime.primaryAuthorizationKey).toMatch(/^\$\{TfToken/);
    expect(adf.entities.find("integrationRuntime", "ONPREM-IR")).toBe(runtime);
  });

  test("no output exists unless asked for", () => {
    const { stack, factory: adf } = factory();
    adf.addSelfHostedIntegrationRuntime("onprem-ir");
    expect(JSON.parse(Testing.synth(stack)).output).toBeUndefined();
  });

  test.each([
    ["onprem--ir", 'test/Factory: integration runtime name "onprem--ir" breaks the Data Factory integration runtime naming rule; use letters, digits and single hyphens, starting and ending with a letter or digit'],
    ["ir", 'test/Factory: integration runtime name "ir" is 2 characters; an integration runtime name must be 3-63; choose a name of 3 to 63 characters'],
    ["IR-Managed-VNet", 'test/Factory: integration runtime name "IR-Managed-VNet" collides with "ir-managed-vnet" (Data Factory names are case-insensitive); give each integration runtime a unique name'],
  ])("name %p is rejected", (name, message) => {
    expect(() => factory().factory.addSelfHostedIntegrationRuntime(name)).toThrow(message);
  });

  test("a second runtime of the same name is rejected", () => {
    const { factory: adf } = factory();
    adf.addSelfHostedIntegrationRuntime("onprem-ir");
    expect(() => adf.addSelfHostedIntegrationRuntime("onprem-ir")).toThrow(
      'test/Factory: integration runtime name "onprem-ir" is already defined in this factory; give each integration runtime a unique name',
    );
  });

  test("the output name must be a Terraform identifier", () => {
    const runtime = factory().factory.addSelfHostedIntegrationRuntime("onprem-ir");
    expect(() => runtime.authorizationKeyOutput("1 key")).toThrow(
      "test/Factory: output id \"1 key\" is not a Terraform output name; use letters, digits, '_' and '-', starting with a letter or '_'",
    );
  });
});

describe("Managed private endpoints", () => {
  const STORAGE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlegacy";

  test("addManagedPrivateEndpoint creates one to a target sub-resource", () => {
    const { stack, factory: adf } = factory();
    const endpoint = adf.addManagedPrivateEndpoint("mpe-legacy-blob", STORAGE, "blob", { fqdns: ["stlegacy.blob.core.windows.net"] });
    expect(endpoint.name).toBe("mpe-legacy-blob");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, {
      name: "mpe-legacy-blob",
      data_factory_id: FACTORY,
      target_resource_id: STORAGE,
      subresource_name: "blob",
      fqdns: ["stlegacy.blob.core.windows.net"],
    });
  });

  test("a second endpoint to the same sub-resource is rejected", () => {
    const { factory: adf } = factory();
    adf.addManagedPrivateEndpoint("mpe-legacy-blob", STORAGE, "blob");
    expect(() => adf.addManagedPrivateEndpoint("mpe-legacy-blob2", STORAGE, "blob")).toThrow(
      'test/Factory: managed private endpoint "mpe-legacy-blob2" targets the same "blob" sub-resource as "mpe-legacy-blob"; reuse "mpe-legacy-blob": a factory has one managed private endpoint per target sub-resource',
    );
  });

  test("needs the managed virtual network", () => {
    const { factory: adf } = factory({ managedVirtualNetwork: false });
    expect(() => adf.addManagedPrivateEndpoint("mpe-legacy-blob", STORAGE, "blob")).toThrow(
      'test/Factory: managed private endpoint "mpe-legacy-blob" needs the factory\'s managed virtual network; leave managedVirtualNetwork on (the default) to reach stores through managed private endpoints',
    );
  });

  test("a bad name is rejected", () => {
    expect(() => factory().factory.addManagedPrivateEndpoint("-blob", STORAGE, "blob")).toThrow(
      "test/Factory: managed private endpoint name \"-blob\" breaks the Data Factory managed private endpoint naming rule; use letters, digits, '-', '.' and '_', starting with a letter or digit and ending with a letter, digit or '_'",
    );
  });
});

test("fully-featured DataFactory snapshot", () => {
  const sample = sampleFactory(PROD, {
    githubConfiguration: { accountName: "contoso", repositoryName: "adf", branchName: "main", rootFolder: "/adf" },
    globalParameters: { environment: { type: "String", value: "prod" }, batchSize: { type: "Int", value: 500 } },
    tags: { workload: "data-pipeline" },
  });
  const { factory: adf, lake } = sample;
  adf.grantContributor(Principal.fromObjectId(APP_ID, "Group"));
  sample.runtime.authorizationKeyOutput("onprem_ir_key");
  const synapse = adf.addSynapseLinkedService("Warehouse", { server: "synw-contoso.sql.azuresynapse.net", database: "dw", workspaceId: SYNAPSE_ID });
  const cosmos = adf.addCosmosDbLinkedService("Orders", { account: COSMOS, database: "sales" });
  adf.addRestLinkedService("OrdersApi", { url: "https://orders.contoso.com/api", authentication: { type: "ManagedServiceIdentity", aadResourceId: "api://orders" } });
  const curated = adf.addParquetDataset("CuratedOrders", { linkedService: sample.dataLake, fileSystem: "curated", path: "orders" });
  adf.addSynapseTableDataset("FactOrders", { linkedService: synapse, schema: "dbo", table: "FactOrders" });
  adf.addCosmosContainerDataset("OrderDocuments", { linkedService: cosmos, container: "orders" });
  adf.addJsonDataset("OrderEvents", { linkedService: sample.dataLake, fileSystem: "raw", path: "events" });
  const flow = adf.addDataFlow("CurateOrders", {
    script: [
      "source(allowSchemaDrift: true, validateSchema: false) ~> RawOrders",
      "RawOrders filter(Amount > 0) ~> PositiveOrders",
      "PositiveOrders sink(allowSchemaDrift: true, validateSchema: false) ~> Curated",
    ],
    sources: [{ name: "RawOrders", dataset: sample.lakeParquet }],
    sinks: [{ name: "Curated", dataset: curated }],
    transformations: [{ name: "PositiveOrders" }],
  });
  const copy = adf.addPipeline("CopyOnPremTables", { pipelineFile: fixturePath("copy-onprem-tables") });
  const curate = adf.addPipeline("CurateAndPublish", {
    activities: [
      Activity.executeDataFlow({ name: "Curate", dataFlow: flow }),
      Activity.copy({ name: "Publish", source: curated, sink: adf.datasets.get("FactOrders")!, dependsOn: ["Curate"] }),
    ],
  });
  adf.addScheduleTrigger("Nightly", { pipeline: copy, frequency: "Day", startTime: "2025-01-01T00:00:00Z", schedule: { hours: [2], minutes: [0] }, pipelineParameters: { loadDate: "@formatDateTime(trigger().scheduledTime, 'yyyy-MM-dd')" } });
  adf.addBlobEventTrigger("OnCurated", { pipeline: curate, storageAccount: lake, blobPathBeginsWith: "/raw/blobs/orders/" });
  expect(JSON.parse(Testing.synth(sample.stack))).toMatchSnapshot();
});
