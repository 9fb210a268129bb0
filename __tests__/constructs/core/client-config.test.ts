import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Testing, TerraformStack } from "cdktf";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { clientConfig } from "../../../constructs/core/client-config";
import { fixture, resolved, synth } from "../../helpers";

Testing.setupJest();

describe("clientConfig", () => {
  test("one data source per stack, even when called twice from different constructs", () => {
    const { stack } = fixture();
    const a = clientConfig(new Construct(stack, "A"));
    const b = clientConfig(new Construct(new Construct(stack, "B"), "C"));
    expect(b).toBe(a);
    expect(a).toBeInstanceOf(DataAzurermClientConfig);
    expect(a.node.scope).toBe(stack);
    expect(Object.keys(synth(stack).data.azurerm_client_config)).toHaveLength(1);
    expect(Testing.synth(stack)).toHaveDataSource(DataAzurermClientConfig);
  });

  test("each stack gets its own", () => {
    const app = Testing.app();
    const one = new TerraformStack(app, "one");
    const two = new TerraformStack(app, "two");
    const configs = [clientConfig(one), clientConfig(two)];
    expect(configs[0]).not.toBe(configs[1]);
    expect(configs.map((c) => c.node.scope)).toEqual([one, two]);
  });

  test("exposes tenant and object id tokens", () => {
    const { stack } = fixture();
    const config = clientConfig(stack);
    expect(resolved(stack, [config.tenantId, config.objectId])).toEqual([
      "${data.azurerm_client_config.ClientConfig.tenant_id}",
      "${data.azurerm_client_config.ClientConfig.object_id}",
    ]);
  });
});
