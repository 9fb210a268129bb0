import { Json, resources, single, synth } from "../../helpers";
import { APP, standardApp } from "./app";

/** The stack's private endpoints for blob, by address: a private deployer's upload waits for them. */
function privateBlobEndpoints(stack: Parameters<typeof resources>[0]): Record<string, Json> {
  const endpoints = Object.entries(resources(stack, "azurerm_private_endpoint"));
  return Object.fromEntries(
    endpoints
      .filter(([, pe]) => pe.private_service_connection?.subresource_names?.includes("blob"))
      .map(([key, pe]) => [`azurerm_private_endpoint.${key}`, pe]),
  );
}

const CONTAINER_SCOPE = "${azurerm_storage_account.Orders_Storage_F9145D16.id}/blobServices/default/containers/workflow-package-af8a701f";

function roleNamed(stack: Parameters<typeof resources>[0], role: string): Json {
  const found = Object.entries(resources(stack, "azurerm_role_assignment")).filter(
    ([, r]) => r.role_definition_name === role && r.scope === CONTAINER_SCOPE,
  );
  expect(found).toHaveLength(1);
  return { address: `azurerm_role_assignment.${found[0][0]}`, config: found[0][1] };
}

describe("workflow deployment inside the apply", () => {
  const { stack } = standardApp("prod");
  const json = synth(stack);
  const blob = single(stack, "azurerm_storage_blob");
  const site = json.resource.azurerm_logic_app_standard.Orders_A9B65338;

  test("the package goes to a private container on the host storage, as a block blob replaced before the old one goes", () => {
    expect(blob.config).toMatchObject({
      storage_account_name: "${azurerm_storage_account.Orders_Storage_F9145D16.name}",
      storage_container_name: "workflow-package-af8a701f",
      type: "Block",
      content_type: "application/zip",
      lifecycle: { create_before_destroy: true },
    });
    expect(Object.values(resources(stack, "azurerm_storage_container"))).toEqual([
      expect.objectContaining({
        name: "workflow-package-af8a701f",
        container_access_type: "private",
        storage_account_id: "${azurerm_storage_account.Orders_Storage_F9145D16.id}",
      }),
    ]);
  });

  test("the deployer (the principal Terraform runs as) may write that container only, and the upload waits for it", () => {
    const deployer = roleNamed(stack, "Storage Blob Data Contributor");
    expect(deployer.config.principal_id).toBe("${data.azurerm_client_config.ClientConfig.object_id}");
    // The upload waits for the role to propagate: the wait comes after the deployer's grant.
    const [waitKey, wait] = Object.entries(resources(stack, "time_sleep")).find(([name]) => name.startsWith("Orders_RolePropagation_"))!;
    expect(blob.config.depends_on).toEqual([`time_sleep.${waitKey}`, ...Object.keys(privateBlobEndpoints(stack))]);
    expect(wait.depends_on).toEqual(expect.arrayContaining([deployer.address]));
  });

  test("the app reads the blob with its package identity, whose role exists before the app does", () => {
    const reader = roleNamed(stack, "Storage Blob Data Reader");
    expect(reader.config.principal_id).toBe("${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.principal_id}");
    expect(site.depends_on).toContain(reader.address);
    expect(site.app_settings.WEBSITE_RUN_FROM_PACKAGE).toBe(blob.ref("url"));
    expect(site.app_settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).toBe(
      "${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.id}",
    );
  });

  test("nothing waits on the app that the app waits on (no cycle through the package)", () => {
    const reader = roleNamed(stack, "Storage Blob Data Reader");
    expect(JSON.stringify(reader.config)).not.toContain(APP);
    expect(JSON.stringify(blob.config)).not.toContain(APP);
  });

  test("a configured deployer is the one granted", () => {
    const principalId = "33333333-3333-3333-3333-333333333333";
    const { stack: other } = standardApp("prod", {}, { deployer: { principalId, network: "private" } });
    const deployer = Object.values(resources(other, "azurerm_role_assignment")).find(
      (r) => r.role_definition_name === "Storage Blob Data Contributor",
    );
    expect(deployer?.principal_id).toBe(principalId);
  });
});
