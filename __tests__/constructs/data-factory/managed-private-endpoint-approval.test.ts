import { Activity, APPROVABLE_TARGET_TYPES, DataFactory } from "../../../constructs/data-factory";
import { Json, makeStack, messageOf, resourcesOfType as resources } from "../../helpers";
import { COSMOS, SQL_SERVER_ID, SYNAPSE_ID, sampleFactory } from "./sample-factory";

const STORAGE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlanding";

function approvalOf(stack: Parameters<typeof resources>[0]): { deployment: Json; template: Json; parameters: Json } {
  const deployments = resources(stack, "azurerm_resource_group_template_deployment").filter((d: Json) => d.name.startsWith("approve-mpe-"));
  expect(deployments).toHaveLength(1);
  return {
    deployment: deployments[0],
    template: JSON.parse(deployments[0].template_content),
    parameters: JSON.parse(deployments[0].parameters_content),
  };
}

describe("managed private endpoint approval", () => {
  test("one ARM deployment approves every linked service's endpoint on its target, typed per target, after the endpoints exist", () => {
    const { stack, factory } = sampleFactory();
    factory.addSynapseLinkedService("Synapse", { server: "synw-contoso.sql.azuresynapse.net", database: "dw", workspaceId: SYNAPSE_ID });
    factory.addCosmosDbLinkedService("Cosmos", { account: COSMOS, database: "customers" });
    const { deployment, template, parameters } = approvalOf(stack);
    const endpoints = resources(stack, "azurerm_data_factory_managed_private_endpoint");
    expect(endpoints.map((e: Json) => e.name).sort()).toEqual([
      "mpe-ControlDb-sqlServer",
      "mpe-Cosmos-Sql",
      "mpe-Lake-dfs",
      "mpe-Secrets-vault",
      "mpe-Synapse-Sql",
    ]);
    expect(deployment).toMatchObject({ name: "approve-mpe-adf-test-factory-198756", deployment_mode: "Incremental", resource_group_name: "rg-test" });
    expect(deployment.depends_on).toHaveLength(5);
    expect(deployment.lifecycle.replace_triggered_by).toHaveLength(5);
    expect(parameters.factoryName.value).toBe("adf-test-factory-198756");
    expect(parameters.targets.value).toMatchObject({
      "mpe-ControlDb-sqlServer": SQL_SERVER_ID,
      "mpe-Synapse-Sql": SYNAPSE_ID,
      "mpe-Cosmos-Sql": COSMOS.id,
    });
    const written = Object.fromEntries(template.resources.map((r: Json) => [r.name, r.properties.template.resources[0].type]));
    expect(written).toEqual({
      "approve-mpe-Secrets-vault": "Microsoft.KeyVault/vaults/privateEndpointConnections",
      "approve-mpe-ControlDb-sqlServer": "Microsoft.Sql/servers/privateEndpointConnections",
      "approve-mpe-Lake-dfs": "Microsoft.Storage/storageAccounts/privateEndpointConnections",
      "approve-mpe-Synapse-Sql": "Microsoft.Synapse/workspaces/privateEndpointConnections",
      "approve-mpe-Cosmos-Sql": "Microsoft.DocumentDB/databaseAccounts/privateEndpointConnections",
    });
  });

  test("only the factory's own connection is approved: the filter matches <factory>.<endpoint>, and the state written is Approved", () => {
    const { stack } = sampleFactory();
    const { template } = approvalOf(stack);
    const sql = template.resources.find((r: Json) => r.name === "approve-mpe-ControlDb-sqlServer");
    expect(sql.resourceGroup).toBe("[split(parameters('targets')['mpe-ControlDb-sqlServer'], '/')[4]]");
    expect(sql.properties.parameters.connections.value).toBe(
      "[filter(reference(parameters('targets')['mpe-ControlDb-sqlServer'], '2021-11-01').privateEndpointConnections, lambda('c', " +
        "endsWith(toLower(lambdaVariables('c').properties.privateEndpoint.id), " +
        "toLower(format('/{0}.mpe-ControlDb-sqlServer', parameters('factoryName'))))))]"
    );
    const write = sql.properties.template.resources[0];
    expect(write).toMatchObject({
      apiVersion: APPROVABLE_TARGET_TYPES["Microsoft.Sql/servers"],
      copy: { count: "[length(parameters('connections'))]" },
    });
    expect(write.properties.privateLinkServiceConnectionState.status).toBe("Approved");
  });

  test("triggers wait for the approval, also those created before the first endpoint", () => {
    const stack = makeStack();
    const factory = new DataFactory(stack, "Factory");
    const pipeline = factory.addPipeline("Noop", {
      activities: [Activity.fromJson({ name: "Pause", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } })],
    });
    factory.addScheduleTrigger("Early", { pipeline, frequency: "Day" });
    factory.addManagedPrivateEndpoint("mpe-landing", STORAGE_ID, "blob");
    factory.addBlobEventTrigger("Late", { pipeline, storageAccount: STORAGE_ID, blobPathEndsWith: ".csv" });
    const address = factory.managedPrivateEndpointApproval?.resource.friendlyUniqueId;
    for (const type of ["azurerm_data_factory_trigger_schedule", "azurerm_data_factory_trigger_blob_event"]) {
      expect(resources(stack, type)[0].depends_on).toEqual([`azurerm_resource_group_template_deployment.${address}`]);
    }
  });

  test("a target whose type is unknown at synth stays pending unless its type is given; an unsupported type is an error", () => {
    const stack = makeStack();
    const factory = new DataFactory(stack, "Factory");
    factory.addManagedPrivateEndpoint("mpe-token", "${var.target_id}", "blob");
    expect(factory.managedPrivateEndpointApproval).toBeUndefined();
    factory.addManagedPrivateEndpoint("mpe-typed", "${var.other_id}", "blob", { targetType: "Microsoft.Storage/storageAccounts" });
    expect(factory.managedPrivateEndpointApproval?.approved.map((e) => e.name)).toEqual(["mpe-typed"]);
    expect(messageOf(() => factory.addManagedPrivateEndpoint("mpe-web", "${var.site_id}", "sites", { targetType: "Microsoft.Web/sites" }))).toMatch(
      /Factory: managed private endpoint "mpe-web" targetType "Microsoft.Web\/sites" is not a type the factory can approve connections on; use one/,
    );
  });

  test("approveManagedPrivateEndpoints: false leaves the connections to the targets' owners", () => {
    const { stack, factory } = sampleFactory({}, { approveManagedPrivateEndpoints: false });
    expect(resources(stack, "azurerm_data_factory_managed_private_endpoint")).toHaveLength(3);
    expect(resources(stack, "azurerm_resource_group_template_deployment")).toEqual([]);
    expect(factory.managedPrivateEndpointApproval).toBeUndefined();
  });
});
