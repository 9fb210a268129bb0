import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { IntegrationContext } from "../../../constructs/core/context";
import { deployerOf } from "../../../constructs/core/deployer";
import { Network } from "../../../constructs/network";
import { ResourceGroup } from "../../../constructs/resource-group";

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  IntegrationContext.set(s, { resourceGroup: new ResourceGroup(s, "RG", { name: "rg-test", location: "westeurope" }), namePrefix: "t" });
  return s;
}

describe("deployerOf", () => {
  test("defaults to the principal Terraform runs as, public without a network", () => {
    const s = stack();
    const d = deployerOf(s);
    expect(d).toMatchObject({ network: "public", egressIpRanges: [], isCurrentPrincipal: true });
    new TerraformOutput(s, "principal", { value: d.principalId });
    expect(JSON.parse(Testing.synth(s)).output.principal.value).toBe("${data.azurerm_client_config.ClientConfig.object_id}");
  });

  test("private by default once the context has a network", () => {
    const s = stack();
    IntegrationContext.set(s, { network: new Network(s, "Network", { addressSpace: ["10.0.0.0/16"] }) });
    expect(deployerOf(s).network).toBe("private");
  });

  test("the environment's deployer wins", () => {
    const s = stack();
    const principalId = "11111111-1111-1111-1111-111111111111";
    IntegrationContext.set(s, { deployer: { principalId, network: "public", egressIpRanges: ["203.0.113.0/24"] } });
    expect(deployerOf(s)).toEqual({ principalId, network: "public", egressIpRanges: ["203.0.113.0/24"], isCurrentPrincipal: false });
  });
});
