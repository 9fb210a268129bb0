import { Testing, TerraformStack } from "cdktf";
import { configureBackend } from "../../stacks/backend";

function backendOf(backend: Parameters<typeof configureBackend>[2]): unknown {
  const stack = new TerraformStack(Testing.app(), "message-broker-dev");
  configureBackend(stack, "message-broker-dev", backend);
  // Validations stay off: the HCP `cloud` block makes cdktf run `terraform version`.
  return JSON.parse(Testing.synth(stack)).terraform;
}

describe("state backends", () => {
  test("local: state in the project root, a path that does not depend on where the repo sits", () => {
    expect(backendOf({ type: "local" })).toMatchObject({
      backend: { local: { path: "../../../terraform.message-broker-dev.tfstate" } },
    });
  });

  test("azurerm: one blob per stack, Entra ID auth instead of account keys", () => {
    const terraform = backendOf({
      type: "azurerm",
      resourceGroupName: "rg-tfstate",
      storageAccountName: "sttfstate001",
      containerName: "tfstate",
      subscriptionId: "00000000-0000-0000-0000-000000000001",
      keyPrefix: "integration/",
    });
    expect(terraform).toEqual(
      expect.objectContaining({
        backend: {
          azurerm: {
            resource_group_name: "rg-tfstate",
            storage_account_name: "sttfstate001",
            container_name: "tfstate",
            key: "integration/message-broker-dev.tfstate",
            subscription_id: "00000000-0000-0000-0000-000000000001",
            use_azuread_auth: true,
          },
        },
      }),
    );
    expect(JSON.stringify(terraform)).not.toMatch(/access_key|sas_token|client_secret/);
  });

  test("hcp: a named HCP Terraform workspace per stack", () => {
    expect(backendOf({ type: "hcp", organization: "contoso", workspacePrefix: "aic-", project: "integration" })).toMatchObject({
      cloud: { organization: "contoso", workspaces: { name: "aic-message-broker-dev", project: "integration" } },
    });
  });
});
