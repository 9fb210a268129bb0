// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/application-gateway/README.md shows it, verbatim.
import { TerraformOutput, TerraformStack } from "cdktf";
import { Network, ResourceGroup } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const resourceGroup = ResourceGroup.fromName("00000000-0000-0000-0000-000000000000", "rg-contoso", "westeurope");
const location = "westeurope";
const network = new Network(stack, "Network", { addressSpace: ["10.20.0.0/16"] });
const [publisherName, publisherEmail] = ["Contoso", "api@contoso.com"];
const keyVaultId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-certs";
// --- example ---
import { ApiManagement, ApiManagementSubnet } from "azure-integration-cdktf";
import { ApiManagementIngress } from "azure-integration-cdktf";

const subnet = new ApiManagementSubnet(stack, "ApiManagementSubnet", {
  network, addressPrefix: "10.20.2.0/24", namePrefix: "contoso", resourceGroup, location,
});
const apim = new ApiManagement(stack, "Gateway", {
  publisherName, publisherEmail, sku: "Premium", virtualNetwork: { type: "Internal", subnetId: subnet.subnetId },
});
subnet.inject(apim); // the Standard public IP and the wait for the NSG
const ingress = new ApiManagementIngress(stack, "Ingress", {
  service: apim,
  network,
  subnetPrefix: "10.20.3.0/24",
  // your CA-issued certificate; without it a self-signed one is created in a new Key Vault
  certificate: { keyVaultSecretId: "https://kv-certs.vault.azure.net/secrets/api-contoso-com", keyVaultId },
});
new TerraformOutput(stack, "gateway-url", { value: ingress.url });
