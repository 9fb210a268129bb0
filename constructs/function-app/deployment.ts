import { Construct, IConstruct } from "constructs";
import { Fn, ITerraformDependable, TerraformAsset } from "cdktf";
import { FunctionAppFlexConsumption } from "@cdktf/provider-azurerm/lib/function-app-flex-consumption";
import { LinuxFunctionApp } from "@cdktf/provider-azurerm/lib/linux-function-app";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageBlob } from "@cdktf/provider-azurerm/lib/storage-blob";
import { clientConfig } from "../core/client-config";
import { addDependency } from "../core/depends-on";
import { EndpointNetwork, endpointNetwork, recordDeployTimeOperation } from "../core/deploy-time";
import { grantToDeployer } from "../core/deployer";
import { invalid } from "../core/errors";
import { BuiltInRole } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";
import { PrivateEndpoint } from "../core/private-endpoint";
import { terraformData } from "../core/terraform-data";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { StorageAccount } from "../storage";
import { FunctionAppBuild } from "./bundle";
import { FunctionAppPlan } from "./plans";

/** How long an app restarted on a new package blob gets to start and sync its triggers (unverified). */
const TRIGGER_SYNC = "3m";

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
export function resolveCodeDeployment(
  scope: IConstruct,
  plan: FunctionAppPlan,
  wanted: FunctionAppCodeDeployment | undefined,
): FunctionAppCodeDeployment {
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

/** Named after the content hash, so a new build changes the setting and restarts the app. */
export function packageBlobName(build: FunctionAppBuild): string {
  return `${build.hash.slice(0, 32)}.zip`;
}

export interface PackageUploadInput {
  readonly hostStorage: StorageAccount;
  /** The package container on the host storage. */
  readonly container: string;
  /** Name of the identity the platform reads the package with. */
  readonly identityName: string;
  readonly asset: TerraformAsset;
  readonly build: FunctionAppBuild;
}

export interface PackageUpload {
  readonly identity: UserAssignedIdentity;
  readonly grant: RoleAssignment;
  readonly blob: StorageBlob;
}

/**
 * `packageBlob`: the identity the platform reads the package with and the deployer's write
 * access, both on the package container, then (once they propagated) the upload.
 */
export function uploadPackage(scope: Construct, input: PackageUploadInput): PackageUpload {
  const { hostStorage, container } = input;
  const containerResource = hostStorage.containers.get(container);
  const containerId = `${hostStorage.id}/blobServices/default/containers/${container}`;
  // A user-assigned identity exists before the app, so its read access can propagate before the
  // app first starts and mounts the package; a system identity can only be granted after the app
  // (Azure/azure-functions-dotnet-worker#801, from the Functions team). Learn: the identity needs
  // Storage Blob Data Reader (https://learn.microsoft.com/azure/app-service/deploy-run-package).
  const identity = new UserAssignedIdentity(scope, "PackageIdentity", { name: input.identityName });
  const readerGrant = hostStorage.grantBlobRead(identity, container);
  const grant = grantToDeployer(new Construct(scope, "DeployerAccess"), containerId, BuiltInRole.storageBlobDataContributor);
  if (containerResource) addDependency(grant, containerResource);
  const wait = waitFor(scope, "RolePropagation", {
    after: [grant, readerGrant],
    duration: ROLE_PROPAGATION,
    triggers: { deployer: grant.id, reader: readerGrant.id },
  });
  const source = Fn.abspath(input.asset.path);
  // azurerm authenticates the upload with Entra ID (the provider's storage_use_azuread); the
  // data_plane_available feature flag concerns azurerm_storage_account only
  // (@v4.55.0:website/docs/guides/features-block.html.markdown, internal/services/storage/client/data_plane.go).
  const blob = new StorageBlob(scope, "Package", {
    name: packageBlobName(input.build),
    storageAccountName: hostStorage.name,
    storageContainerName: container,
    type: "Block",
    source,
    contentMd5: Fn.filemd5(source),
    contentType: "application/zip",
    dependsOn: [wait, ...(containerResource ? [containerResource] : [])],
    // The app moves to the new blob before the old one goes.
    lifecycle: { createBeforeDestroy: true },
  });
  const endpoint = hostStorage.blobEndpointNetwork();
  recordDeployTimeOperation(scope, { resource: blob, operation: "upload the code package", targetId: containerId, grant, endpoint });
  return { identity, grant, blob };
}

export interface CodeDeploymentInput {
  readonly route: FunctionAppCodeDeployment;
  /** The app L1; its id and name are the deployment's target. */
  readonly resource: LinuxFunctionApp | FunctionAppFlexConsumption;
  readonly resourceGroupName: string;
  readonly asset: TerraformAsset;
  readonly build: FunctionAppBuild;
  /** The app identity's host-storage roles: the host needs them before it can sync triggers. */
  readonly hostGrants: readonly RoleAssignment[];
  /** The app's `sites` private endpoint, which one deploy may publish through. */
  readonly privateEndpoint?: PrivateEndpoint;
}

export interface CodeDeployed {
  /** With `oneDeploy`: the deployer's Website Contributor role on the app. */
  readonly grant?: RoleAssignment;
  /** What has the code deployed and the triggers synced (see FunctionApp.codeDeployed). */
  readonly codeDeployed: ITerraformDependable;
}

/** What deploys the code once Terraform created the app, by route (the `packageBlob` upload itself is {@link uploadPackage}). */
export function deployCode(scope: Construct, input: CodeDeploymentInput): CodeDeployed {
  if (input.route === "oneDeploy") {
    const { grant, deployment } = oneDeploy(scope, input);
    return { grant, codeDeployed: deployment };
  }
  if (input.route === "packageBlob") {
    // A new WEBSITE_RUN_FROM_PACKAGE restarts the app; the host syncs its triggers after it starts
    // (https://learn.microsoft.com/azure/azure-functions/functions-deployment-technologies#trigger-syncing),
    // once its identity's host-storage roles work. How long that takes is unverified: 3 minutes.
    const codeDeployed = waitFor(scope, "TriggerSync", {
      after: [input.resource, ...input.hostGrants],
      duration: TRIGGER_SYNC,
      triggers: { package: packageBlobName(input.build), app: input.resource.id },
    });
    return { codeDeployed };
  }
  // zip_deploy_file deploys while Terraform creates or updates the app; zip deploy syncs triggers itself.
  return { codeDeployed: input.resource };
}

/**
 * `oneDeploy`: the deployer publishes the archive with the Azure CLI once its Website Contributor
 * role and the app's host-storage roles (the app writes the package to its deployment container)
 * propagated. azurerm 4.55 cannot: its zip_deploy_file posts to /api/zipdeploy (azurerm #29630).
 */
function oneDeploy(scope: Construct, input: CodeDeploymentInput): { grant: RoleAssignment; deployment: ITerraformDependable } {
  const appId = input.resource.id;
  const grant = grantToDeployer(new Construct(scope, "DeployerAccess"), appId, BuiltInRole.websiteContributor);
  const wait = waitFor(scope, "RolePropagation", {
    after: [grant, ...input.hostGrants],
    duration: ROLE_PROPAGATION,
    triggers: { deployer: grant.id, host: input.hostGrants[0].id },
  });
  const command = oneDeployCommand({
    subscriptionId: clientConfig(scope).subscriptionId,
    resourceGroupName: input.resourceGroupName,
    appName: input.resource.name,
    zipPath: Fn.abspath(input.asset.path),
  });
  const deployment = terraformData(scope, "CodeDeployment", {
    // A new build, or a new app, publishes again.
    triggersReplace: { package: input.build.hash, app: appId },
    // Marks the resource for policy rule AIC-DEP-001 (a deploy-time data-plane operation on the target).
    input: { deploy_time_operation: "publish the code package (one deploy)", target: appId },
    provisioners: [{ type: "local-exec", command }],
    dependsOn: [wait],
  });
  const endpoint = scmEndpoint(scope, input.resource, input.privateEndpoint);
  recordDeployTimeOperation(scope, { resource: deployment, operation: "publish the code package", targetId: appId, grant, endpoint });
  return { grant, deployment };
}

/** The SCM (Kudu) site one deploy publishes to: the app's public access, its SCM firewall and the `sites` private endpoint. */
function scmEndpoint(scope: IConstruct, resource: LinuxFunctionApp | FunctionAppFlexConsumption, privateEndpoint?: PrivateEndpoint): EndpointNetwork {
  const siteConfig = resource.siteConfigInput as { scmIpRestrictionDefaultAction?: string } | undefined;
  const endpoint = endpointNetwork(`SCM endpoint of ${scope.node.path}`, {
    publicNetworkAccess: resource.publicNetworkAccessEnabledInput,
    defaultAction: siteConfig?.scmIpRestrictionDefaultAction,
    ipRules: [],
    privateEndpoint: privateEndpoint !== undefined,
  });
  return { ...endpoint, privateEndpointResource: privateEndpoint?.resource };
}
