import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";

/** The deploying principal's tenant and subscription: one data source per stack, shared. */
export function clientConfig(scope: IConstruct): DataAzurermClientConfig {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild("ClientConfig");
  return (existing as DataAzurermClientConfig | undefined) ?? new DataAzurermClientConfig(stack, "ClientConfig", {});
}
