import { AzurermBackend, CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from "cdktf";
import { BackendConfig } from "../config/environment";

/**
 * Configures where a stack keeps its state.
 * - `local`: `terraform.<stack>.tfstate` in the project root. The path is relative to the
 *   stack's working directory (`cdktf.out/stacks/<stack>`), so the synthesized JSON does not
 *   depend on where the repository sits and the state survives a fresh synth.
 * - `azurerm`: a blob per stack in Azure Storage, Entra ID auth (no account keys), blob-lease locking.
 * - `hcp`: an HCP Terraform workspace per stack. cdktf validates the `cloud` block by running
 *   `terraform version`, so synthesizing such an environment needs Terraform on the PATH.
 */
export function configureBackend(stack: TerraformStack, stackName: string, backend: BackendConfig): void {
  switch (backend.type) {
    case "local":
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case "azurerm":
      new AzurermBackend(stack, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: `${backend.keyPrefix ?? ""}${stackName}.tfstate`,
        subscriptionId: backend.subscriptionId,
        tenantId: backend.tenantId,
        useAzureadAuth: true,
      });
      return;
    case "hcp":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix ?? ""}${stackName}`, backend.project),
      });
      return;
  }
}
