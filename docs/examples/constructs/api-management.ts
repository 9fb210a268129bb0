// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/api-management/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import * as path from "path";
import { ApiManagement, KeyVault, ServiceBusNamespace } from "azure-integration-cdktf";

const apim = new ApiManagement(stack, "Gateway", { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" });
apim.addNamedValue("inventory-rate-limit", { value: "100" }); // {{inventory-rate-limit}} in the policy
const vault = new KeyVault(stack, "Secrets");
apim.addNamedValue("inventory-api-key", { // read from Key Vault by the service's identity (granted Key Vault Secrets User)
  keyVaultSecretId: `${vault.vaultUri}secrets/inventory-api-key`,
  keyVault: vault,
});
apim.addBackend("inventory-service", {
  url: "https://inventory.contoso.com/api",
  circuitBreaker: { interval: "PT1M", tripDuration: "PT30S", failureCount: 5 },
});
const inventory = apim.addApi("inventory", {
  path: "inventory",
  openApiFile: path.join(__dirname, "api/inventory.openapi.json"), // operations come from the document
  policyFile: path.join(__dirname, "api/inventory.xml"),           // checked at synth
});
const partners = apim.addProduct("partners", { displayName: "Partners", apis: [inventory], approvalRequired: true, subscriptionsLimit: 1 });
partners.addSubscription("fabrikam");

// The service's system identity, e.g. for a send-request with authentication-managed-identity:
new ServiceBusNamespace(stack, "Bus").grantSend(apim.principal); // Azure Service Bus Data Sender
