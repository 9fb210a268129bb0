import { Construct, IConstruct } from "constructs";
import { FunctionAppFlexConsumption } from "@cdktf/provider-azurerm/lib/function-app-flex-consumption";
import { LinuxFunctionApp } from "@cdktf/provider-azurerm/lib/linux-function-app";
import { ResolvedContext } from "../core/context";
import { invalid } from "../core/errors";
import { IdentityOptions, UserAssignedIdentity, identityBlock } from "../core/identity";
import { resolveNetworkAccess } from "../core/network-access";
import { ResolvedTelemetry } from "../monitoring";
import { StorageAccount } from "../storage";
import { Capacity } from "./capacity";
import { FunctionAppCodeDeployment } from "./deployment";
import { FunctionAppPlan } from "./plans";
import { FunctionAppProps } from "./props";
import { RegisteredFunction } from "./registrations";

/**
 * Node.js major version of the Functions worker the apps run on. Node.js 20 reached end of life on
 * 2026-04-30; 22 is GA on Functions 4.x (https://learn.microsoft.com/azure/azure-functions/supported-languages).
 * azurerm 4.55 accepts "22" for Linux apps (@v4.55.0:internal/services/appservice/helpers/function_app_schema.go,
 * node_version) and any non-empty runtime_version on Flex Consumption (function_app_flex_consumption_resource.go).
 */
export const NODE_VERSION = "22";

/** An allow rule of the app's access restrictions: a CIDR range or an Azure service tag. */
export interface IpRestriction {
  readonly name: string;
  readonly ipAddress?: string;
  readonly serviceTag?: string;
  readonly action: "Allow";
  readonly priority: number;
}

/** The `identity` block of a site. */
export interface SiteIdentityBlock {
  readonly type: string;
  readonly identityIds?: string[];
}

/** The app's identity block, and the user-assigned identity it authenticates with when the system-assigned one is off. */
export function resolveIdentity(
  scope: IConstruct,
  options: IdentityOptions | undefined,
): { block: SiteIdentityBlock; userAssigned?: UserAssignedIdentity } {
  const block = identityBlock(options);
  if (!block) {
    invalid(scope, {
      field: "identity",
      value: { systemAssigned: false },
      rule: "leaves the app without a managed identity, which its keyless host storage and connections need",
      fix: "keep the system-assigned identity or add a user-assigned one",
    });
  }
  const systemAssigned = options?.systemAssigned ?? true;
  return { block, userAssigned: systemAssigned ? undefined : options?.userAssigned?.[0] };
}

/** The identity block with the package reader added to the app's own identities. */
export function withPackageIdentity(options: IdentityOptions | undefined, packageIdentity: UserAssignedIdentity): SiteIdentityBlock {
  const userAssigned = [...(options?.userAssigned ?? []), packageIdentity];
  const block = identityBlock({ systemAssigned: options?.systemAssigned ?? true, userAssigned });
  return block ?? { type: "UserAssigned", identityIds: [packageIdentity.id] };
}

/**
 * Allow rules for the listed ranges; Event Grid delivers to Event Grid triggers from its own
 * addresses, so its service tag is allowed too whenever the app denies by default.
 */
export function ipRestrictions(
  ranges: readonly string[],
  defaultAction: "Allow" | "Deny",
  functions: readonly RegisteredFunction[],
): IpRestriction[] {
  const rules: IpRestriction[] = ranges.map((ipAddress, i) => ({ name: `allow-${i + 1}`, ipAddress, action: "Allow", priority: 100 + i }));
  const eventGridTriggered = functions.some((f) => f.trigger === "eventGridTrigger");
  if (defaultAction === "Deny" && eventGridTriggered) {
    rules.push({ name: "allow-event-grid", serviceTag: "AzureEventGrid", action: "Allow", priority: 100 + rules.length });
  }
  return rules;
}

/** What both site resources are built from; the construct decides every value. */
export interface SiteInput {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly servicePlanId: string;
  readonly plan: FunctionAppPlan;
  readonly tags?: Record<string, string>;
  readonly identity: SiteIdentityBlock;
  /** Resource id of the user-assigned identity the app uses instead of a system-assigned one. */
  readonly userAssignedIdentityId?: string;
  readonly storageAccountName: string;
  /** Flex Consumption deployment container, e.g. `https://st.blob.core.windows.net/app-package-x`. */
  readonly deploymentContainerEndpoint: string;
  readonly integrationSubnetId?: string;
  readonly ipRestrictions: IpRestriction[];
  readonly ipRestrictionDefaultAction: "Allow" | "Deny";
  readonly applicationInsightsConnectionString?: string;
  readonly maximumInstances?: number;
  readonly codeDeployment: FunctionAppCodeDeployment;
  /** The code archive, relative to the stack's Terraform directory (used with `codeDeployment: "zipDeploy"`). */
  readonly zipDeployFile?: string;
}

const TLS = "1.2";

/**
 * A Flex Consumption app: runs from the package in its blob deployment container, reads host
 * storage through its identity, has no FTP, and keeps SCM basic-auth publishing off.
 */
export function flexConsumptionApp(scope: Construct, id: string, input: SiteInput): FunctionAppFlexConsumption {
  return new FunctionAppFlexConsumption(scope, id, {
    name: input.name,
    resourceGroupName: input.resourceGroupName,
    location: input.location,
    servicePlanId: input.servicePlanId,
    runtimeName: "node",
    runtimeVersion: NODE_VERSION,
    instanceMemoryInMb: 2048,
    maximumInstanceCount: input.maximumInstances,
    storageContainerType: "blobContainer",
    storageContainerEndpoint: input.deploymentContainerEndpoint,
    storageAuthenticationType: input.userAssignedIdentityId ? "UserAssignedIdentity" : "SystemAssignedIdentity",
    storageUserAssignedIdentityId: input.userAssignedIdentityId,
    httpsOnly: true,
    // One deploy authenticates with the deployer's Entra ID sign-in, never a publishing password.
    webdeployPublishBasicAuthenticationEnabled: false,
    virtualNetworkSubnetId: input.integrationSubnetId,
    identity: input.identity,
    siteConfig: {
      minimumTlsVersion: TLS,
      scmMinimumTlsVersion: TLS,
      http2Enabled: true,
      remoteDebuggingEnabled: false,
      applicationInsightsConnectionString: input.applicationInsightsConnectionString,
      ipRestriction: input.ipRestrictions,
      ipRestrictionDefaultAction: input.ipRestrictionDefaultAction,
    },
    tags: input.tags,
  });
}

/**
 * A Linux app on an Elastic Premium or Dedicated plan, with identity-based host storage and no
 * Azure Files content share (it needs a storage key; see README.md).
 */
export function linuxApp(scope: Construct, id: string, input: SiteInput): LinuxFunctionApp {
  const integrated = input.integrationSubnetId !== undefined;
  const zipDeploys = input.codeDeployment === "zipDeploy";
  return new LinuxFunctionApp(scope, id, {
    name: input.name,
    resourceGroupName: input.resourceGroupName,
    location: input.location,
    servicePlanId: input.servicePlanId,
    functionsExtensionVersion: "~4",
    httpsOnly: true,
    ftpPublishBasicAuthenticationEnabled: false,
    // zip_deploy_file pushes the archive to Kudu with the site's publishing credentials, so SCM
    // basic auth stays on only with zipDeploy (see README.md for the trade-off).
    webdeployPublishBasicAuthenticationEnabled: zipDeploys,
    zipDeployFile: zipDeploys ? input.zipDeployFile : undefined,
    storageAccountName: input.storageAccountName,
    storageUsesManagedIdentity: true,
    // The content share and the dashboard setting both need a storage key.
    contentShareForceDisabled: true,
    builtinLoggingEnabled: false,
    keyVaultReferenceIdentityId: input.userAssignedIdentityId,
    virtualNetworkSubnetId: input.integrationSubnetId,
    identity: input.identity,
    siteConfig: {
      applicationStack: { nodeVersion: NODE_VERSION },
      minimumTlsVersion: TLS,
      scmMinimumTlsVersion: TLS,
      ftpsState: "Disabled",
      http2Enabled: true,
      remoteDebuggingEnabled: false,
      // Dedicated instances unload idle apps unless Always On; non-HTTP triggers would stall.
      alwaysOn: input.plan === "Dedicated" ? true : undefined,
      vnetRouteAllEnabled: integrated ? true : undefined,
      // The scale controller cannot see triggers behind private endpoints; the runtime reports instead.
      runtimeScaleMonitoringEnabled: input.plan === "ElasticPremium" && integrated ? true : undefined,
      applicationInsightsConnectionString: input.applicationInsightsConnectionString,
      ipRestriction: input.ipRestrictions,
      ipRestrictionDefaultAction: input.ipRestrictionDefaultAction,
    },
    tags: input.tags,
  });
}

/** What the construct decided before it creates the site. */
export interface SiteSteps {
  readonly name: string;
  readonly plan: FunctionAppPlan;
  readonly identity: ReturnType<typeof resolveIdentity>;
  readonly integrationSubnetId?: string;
  readonly telemetry?: ResolvedTelemetry;
  readonly instances: Capacity;
  /** The package container's name (the Flex Consumption deployment container). */
  readonly container: string;
}

/** What the site reads from the app construct: its context and placement, and what it created before the site. */
export interface SiteApp {
  readonly context: ResolvedContext;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags?: Record<string, string>;
  readonly servicePlanId: string;
  readonly hostStorage: StorageAccount;
  readonly packageIdentity?: UserAssignedIdentity;
  readonly registeredFunctions: readonly RegisteredFunction[];
  readonly codeDeployment: FunctionAppCodeDeployment;
  /** The code archive, relative to the stack's Terraform directory. */
  readonly zipDeployFile: string;
}

/** The app L1 for the plan, with its identities, host storage, networking and telemetry. */
export function createSite(scope: Construct, props: FunctionAppProps, input: SiteSteps, app: SiteApp): LinuxFunctionApp | FunctionAppFlexConsumption {
  const { plan, identity } = input;
  const ranges = resolveNetworkAccess(app.context, props, false).ipRules;
  // With no allow rules the app stays reachable (callers authenticate with keys or Entra ID);
  // once ranges are listed everything else is denied.
  const ipRestrictionDefaultAction = props.firewallDefaultAction ?? (ranges.length > 0 ? "Deny" : "Allow");
  const site = {
    name: input.name,
    resourceGroupName: app.resourceGroupName,
    location: app.location,
    servicePlanId: app.servicePlanId,
    plan,
    tags: app.tags,
    identity: app.packageIdentity ? withPackageIdentity(props.identity, app.packageIdentity) : identity.block,
    userAssignedIdentityId: identity.userAssigned?.id,
    storageAccountName: app.hostStorage.name,
    deploymentContainerEndpoint: `${app.hostStorage.primaryBlobEndpoint}${input.container}`,
    integrationSubnetId: input.integrationSubnetId,
    ipRestrictions: ipRestrictions(ranges, ipRestrictionDefaultAction, app.registeredFunctions),
    ipRestrictionDefaultAction,
    applicationInsightsConnectionString: input.telemetry?.connectionString,
    maximumInstances: plan === "FlexConsumption" ? input.instances.maximum : undefined,
    codeDeployment: app.codeDeployment,
    zipDeployFile: app.zipDeployFile,
  } as const;
  return plan === "FlexConsumption" ? flexConsumptionApp(scope, "Resource", site) : linuxApp(scope, "Resource", site);
}
