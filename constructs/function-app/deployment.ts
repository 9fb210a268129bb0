import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { FunctionAppPlan } from "./plans";

/**
 * Who puts the code on the app:
 * - `terraform`: `cdktf deploy` pushes the archive (`zip_deploy_file`, Dedicated plans only).
 * - `command`: `cdktf deploy` creates the app, then the command in the `<app>-deploy-command`
 *   output pushes the code with Entra ID credentials.
 */
export type FunctionAppCodeDeployment = "terraform" | "command";

/** Why Terraform cannot push code on a plan (README.md has the details). */
const TERRAFORM_CANNOT_DEPLOY: Partial<Record<FunctionAppPlan, string>> = {
  FlexConsumption: "azurerm 4.55 zip-deploys Flex Consumption apps to an endpoint they do not have (azurerm #29630)",
  ElasticPremium:
    "without an Azure Files content share (which needs a storage key) an Elastic Premium app runs from a package URL in blob storage, which Terraform cannot upload while the storage data plane is private",
};

/** Terraform where it can deploy the code (Dedicated), else the printed command. */
export function resolveCodeDeployment(scope: IConstruct, plan: FunctionAppPlan, wanted: FunctionAppCodeDeployment | undefined): FunctionAppCodeDeployment {
  const reason = TERRAFORM_CANNOT_DEPLOY[plan];
  if (wanted === "terraform" && reason) {
    invalid(scope, {
      field: "codeDeployment",
      value: wanted,
      rule: `is not possible on the ${plan} plan: ${reason}`,
      fix: 'use codeDeployment: "command" (the default) and run the <app>-deploy-command output after cdktf deploy, or the Dedicated plan',
    });
  }
  return wanted ?? (reason ? "command" : "terraform");
}

/** Where an Elastic Premium app's packages live. */
export interface PackageLocation {
  readonly storageAccountName: string;
  readonly container: string;
  readonly blobName: string;
}

export interface DeployCommandInput {
  readonly resourceGroupName: string;
  readonly appName: string;
  /** Resource id of the app, for the trigger sync. */
  readonly appId: string;
  /** Absolute path of the archive when the command runs (a Terraform expression is fine). */
  readonly zipPath: string;
  /** The Elastic Premium package blob; other plans take the zip directly. */
  readonly packageLocation?: PackageLocation;
}

/**
 * The shell command that deploys the archive with the caller's `az login` identity: OneDeploy
 * (`config-zip`) where the app takes a zip, else (Elastic Premium) a blob upload, a restart so the app mounts the
 * package its WEBSITE_RUN_FROM_PACKAGE setting names, and a trigger sync so the scale controller
 * learns the functions (an external package URL does not sync them by itself).
 */
export function deployCommand(input: DeployCommandInput): string {
  const app = `--resource-group ${input.resourceGroupName} --name ${input.appName}`;
  if (input.packageLocation === undefined) {
    return `az functionapp deployment source config-zip ${app} --src "${input.zipPath}"`;
  }
  const { storageAccountName, container, blobName } = input.packageLocation;
  return [
    `az storage blob upload --auth-mode login --account-name ${storageAccountName} --container-name ${container} --name ${blobName} --file "${input.zipPath}" --overwrite`,
    `az functionapp restart ${app}`,
    `az resource invoke-action --action syncfunctiontriggers --ids ${input.appId}`,
  ].join(" && ");
}
