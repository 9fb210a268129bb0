// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as patterns/api-gateway/README.md shows it, verbatim.
import * as path from "path";
import { TerraformStack } from "cdktf";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { ApiGateway, Monitoring } from "azure-integration-cdktf";
import { loadEnvironment } from "azure-integration-cdktf/app";
declare const stack: TerraformStack;
const env = loadEnvironment(path.resolve(__dirname, "../../../config"), "dev");
const monitoring = new Monitoring(stack, "Monitoring");
new AzureadProvider(stack, "azuread", {}); // the pattern registers the API in Entra ID
// --- example ---
new ApiGateway(stack, "ApiGateway", {
  publisherName: env.apiPublisher.name,
  publisherEmail: env.apiPublisher.email,
  monitoring,                                   // App Insights logger (managed identity)
  sqlAdministrator: env.databaseAdministrators,  // optional; default: the deploying principal
});                                              // jwt: the API's new app registration, the tenant's v2.0 issuer
