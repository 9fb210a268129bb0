import { IConstruct } from "constructs";
import { IPrivateNetwork } from "../core/context";
import { ValidationError, invalid } from "../core/errors";
import { subnetDelegations } from "../network";
import { FunctionAppPlan } from "./plans";

/** The service a plan's integration subnet must be delegated to. */
function delegationFor(plan: FunctionAppPlan): string {
  return plan === "FlexConsumption" ? "Microsoft.App/environments" : "Microsoft.Web/serverFarms";
}

/**
 * The subnet the app integrates with: the one asked for, none for `false`, else the context
 * network's integration subnet (Elastic Premium, Dedicated). In a private network an app without
 * one could not reach its private host storage, so that is an error.
 */
export function resolveIntegrationSubnet(
  scope: IConstruct,
  plan: FunctionAppPlan,
  wanted: string | false | undefined,
  network: IPrivateNetwork | undefined,
): string | undefined {
  if (wanted === false) return undefined;
  if (wanted !== undefined) return wanted;
  const fromContext = plan === "FlexConsumption" ? undefined : network?.integrationSubnetId;
  if (network && fromContext === undefined) {
    const delegation = delegationFor(plan);
    invalid(scope, {
      field: "integrationSubnetId",
      rule: `is not set, and in the IntegrationContext's private network this ${plan} app needs a subnet delegated to ${delegation} `
        + "to reach its private host storage",
      fix: `pass integrationSubnetId (a subnet delegated to ${delegation}), `
        + "or integrationSubnetId: false to keep the host storage on public endpoints",
    });
  }
  return fromContext;
}

/**
 * VNet integration needs the subnet delegated to the plan's service: Flex Consumption runs on
 * Microsoft.App/environments (azurerm @v4.55.0:internal/services/appservice/function_app_flex_consumption_resource_test.go
 * delegates its subnet so; https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#virtual-network-integration),
 * the other plans on Microsoft.Web/serverFarms (https://learn.microsoft.com/azure/app-service/overview-vnet-integration#subnet-requirements).
 * Azure refuses another service's subnet at apply. A subnet with no delegation, or one outside this stack, is not checked.
 * Runs as a validation (the subnets' delegations are known once the stack is built); returns the error messages.
 */
export function checkSubnetDelegation(scope: IConstruct, plan: FunctionAppPlan, subnetId: string): string[] {
  const delegations = subnetDelegations(scope, subnetId);
  const needed = delegationFor(plan);
  if (!delegations || delegations.length === 0 || delegations.some((d) => d.toLowerCase() === needed.toLowerCase())) return [];
  return [
    new ValidationError(scope.node.path, {
      field: "integrationSubnetId",
      rule: `names a subnet delegated to ${delegations.join(", ")}, but a ${plan} app integrates only with a subnet delegated to ${needed}`,
      fix: `pass a subnet delegated to ${needed} (Network subnets: { <key>: { addressPrefix, delegation: "${needed}" } }); `
        + "one subnet cannot serve both",
    }).message,
  ];
}
