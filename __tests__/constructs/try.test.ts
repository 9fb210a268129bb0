import { Testing, TerraformStack } from "cdktf";
import { IntegrationContext } from "../../constructs/core/context";
import { ResourceGroup } from "../../constructs/resource-group";
import { KeyVault } from "../../constructs/key-vault";
import { StorageAccount } from "../../constructs/storage";
test("x", () => {
  const app = Testing.app(); const stack = new TerraformStack(app, "test");
  IntegrationContext.set(stack, { resourceGroup: ResourceGroup.fromName("00000000-0000-0000-0000-000000000000", "rg-test", "westeurope"), namePrefix: "test", profile: "prod", network: { privateEndpointSubnetId: "/sub/pe", privateDnsZoneId: (z) => "/zones/" + z }, diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
  new KeyVault(stack, "Vault");
  const s = new StorageAccount(stack, "Data", { dataLake: true, containers: ["raw"] });
  s.grantBlobRead({ principalId: "p", principalType: "ServicePrincipal", grantKey: "k" }, "raw");
  s.addQueue("jobs");
  console.log(Testing.synth(stack));
});
