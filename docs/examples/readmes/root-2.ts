// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as README.md shows it, verbatim.
// --- example ---
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { IntegrationContext, KeyVault, Monitoring, ResourceGroup, StorageAccount, UserAssignedIdentity } from "azure-integration-cdktf";

const app = new App();
const stack = new TerraformStack(app, "orders");
new AzurermProvider(stack, "azurerm", { features: [{}], storageUseAzuread: true });

// Defaults for every construct below the stack; props passed to a construct always win.
const rg = new ResourceGroup(stack, "Rg", { name: "rg-orders-dev", location: "westeurope" });
IntegrationContext.set(stack, { resourceGroup: rg, namePrefix: "orders", profile: "dev" });
IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });

const identity = new UserAssignedIdentity(stack, "App");
const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "curated"] });
lake.grantBlobWrite(identity, "raw");
new KeyVault(stack, "Vault").grantSecretsRead(identity);
app.synth();
