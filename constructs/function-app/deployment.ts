import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { FunctionAppPlan } from "./plans";

/**
 * How `cdktf deploy` puts the code on the app (README "Code deployment"):
 * - `zipDeploy`: azurerm pushes the archive to Kudu (`zip_deploy_file`, Dedicated; needs SCM basic auth).
 * - `packageBlob`: Terraform uploads the archive to the package container with the deployer's Entra
 *   identity and `WEBSITE_RUN_FROM_PACKAGE` names the blob, read with a managed identity
 *   (Elastic Premium, Dedicated).
 * - `oneDeploy`: a `terraform_data` runs `az functionapp deployment source config-zip` with the
 *   deployer's Entra sign-in (Flex Consumption).
 */
export type FunctionAppCodeDeployment = "zipDeploy" | "packageBlob" | "oneDeploy";

/** The routes each plan takes, default first. */
export const CODE_DEPLOYMENTS: Readonly<Record<FunctionAppPlan, readonly FunctionAppCodeDeployment[]>> = {
  FlexConsumption: ["oneDeploy"],
  ElasticPremium: ["packageBlob"],
  Dedicated: ["zipDeploy", "packageBlob"],
};

/** Why a route does not work on a plan, by `<route> on <plan>`. */
const NOT_ON: Readonly<Record<string, string>> = {
  // azurerm @v4.55.0:internal/services/appservice/helpers/publish_app.go posts to /api/zipdeploy.
  "zipDeploy on FlexConsumption":
    "azurerm 4.55 zip-deploys to /api/zipdeploy, which Flex Consumption apps do not have (azurerm #29630, fixed after 4.55 by #31937)",
  "zipDeploy on ElasticPremium":
    "Elastic Premium keeps zip-deployed packages on an Azure Files content share, which needs a storage key (shared keys are off)",
  "packageBlob on FlexConsumption":
    "Flex Consumption apps do not read WEBSITE_RUN_FROM_PACKAGE; they run what one deploy puts in their deployment container",
  "oneDeploy on ElasticPremium": "one deploy (/api/publish) is the Flex Consumption route",
  "oneDeploy on Dedicated": "one deploy (/api/publish) is the Flex Consumption route",
};

/** The route for `plan`: the one asked for when the plan offers it, else the plan's default. */
export function resolveCodeDeployment(scope: IConstruct, plan: FunctionAppPlan, wanted: FunctionAppCodeDeployment | undefined): FunctionAppCodeDeployment {
  const routes = CODE_DEPLOYMENTS[plan];
  if (wanted !== undefined && !routes.includes(wanted)) {
    invalid(scope, {
      field: "codeDeployment",
      value: wanted,
      rule: `is not possible on the ${plan} plan: ${NOT_ON[`${wanted} on ${plan}`] ?? "it is not a code deployment route"}`,
      fix: `use ${routes.map((r) => `"${r}"`).join(" or ")} (or leave codeDeployment unset)`,
    });
  }
  return wanted ?? routes[0];
}

export interface OneDeployCommandInput {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  readonly appName: string;
  /** Absolute path of the archive when the command runs (a Terraform expression is fine). */
  readonly zipPath: string;
}

/**
 * The command that publishes the archive to a Flex Consumption app with the caller's `az login`
 * identity: the Azure CLI uses one deploy (`/api/publish`) for Flex Consumption apps, which stores
 * the package in the deployment container and syncs the triggers (azurerm PR #31937; Azure/Azure-Functions#2496).
 * One command, no shell operators, so `sh -c` and `cmd /C` run it alike.
 */
export function oneDeployCommand(input: OneDeployCommandInput): string {
  return [
    "az functionapp deployment source config-zip",
    `--subscription ${input.subscriptionId}`,
    `--resource-group ${input.resourceGroupName}`,
    `--name ${input.appName}`,
    `--src "${input.zipPath}"`,
  ].join(" ");
}
