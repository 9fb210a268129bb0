import { Construct } from "constructs";
import { AssetType, ITerraformDependable, TerraformAsset } from "cdktf";
import { FunctionAppFlexConsumption } from "@cdktf/provider-azurerm/lib/function-app-flex-consumption";
import { LinuxFunctionApp } from "@cdktf/provider-azurerm/lib/linux-function-app";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
import { StorageBlob } from "@cdktf/provider-azurerm/lib/storage-blob";
import { AppSettings } from "../core/app-settings";
import { FlowTarget, recordFlow } from "../core/flows";
import { registerFunctionCode } from "../core/function-code";
import { IntegrationContext, IResourceGroup } from "../core/context";
import { Grantee, IPrincipal } from "../core/grants";
import { IdentityOptions, UserAssignedIdentity, identityPrincipal } from "../core/identity";
import { validateName } from "../core/naming";
import { PrivateEndpoint } from "../core/private-endpoint";
import { ResourceConstruct } from "../core/resource-construct";
import { resourceIdOf } from "../core/resource-id";
import { IStorageAccount, StorageAccount, storageFlowTarget } from "../storage";
import { FUNCTION_APP_SETTINGS } from "./app-settings";
import { checkConnections, grantStorageUses, recordBindingEntities, requireEventGridFunction, storageUses } from "./binding-uses";
import { FunctionAppBuild, buildApp, defaultBuildDirectory } from "./bundle";
import { Capacity, resolveCapacity, servicePlan } from "./capacity";
import {
  DataConnectionAccess,
  ICosmosDbAccountConnectable,
  IEventGridTopicConnectable,
  IEventHubsNamespaceConnectable,
  MessagingConnectionAccess,
  ServiceBusConnectionTarget,
  receives,
  sends,
  serviceBusConnection,
  setConnection,
} from "./connections";
import { FunctionAppCodeDeployment, deployCode, resolveCodeDeployment } from "./deployment";
import { FUNCTION_APP_TYPE, IFunctionApp, ImportedFunctionApp, grantFunctionAppContributor } from "./function-app-ref";
import { appStorage, checkHostStorageProps, configureHostStorage } from "./host-storage";
import { FunctionAppPlan, resolvePlan } from "./plans";
import { FunctionAppProps } from "./props";
import { RegisteredFunction, registeredFunctions } from "./registrations";
import { createSite, resolveIdentity } from "./site";
import { configureTelemetry } from "./telemetry";
import { ResolvedTelemetry, resolveTelemetry } from "../monitoring";
import { checkSubnetDelegation, resolveIntegrationSubnet } from "./vnet-integration";

// The construct reads as its steps; each concern's logic lives in the file the import names.
export type { FunctionAppProps, FunctionAppTelemetryTarget } from "./props";
export { HOST_STORAGE_OPEN_REASON } from "./host-storage";
export type { IFunctionApp } from "./function-app-ref";

/**
 * A Linux function app (Node.js 22, Functions v4) built from a folder of TypeScript handlers,
 * on the hosting plan of your choice, with secure defaults: HTTPS only, TLS 1.2, FTP and remote
 * debugging off, a managed identity for everything (host storage without keys, Application
 * Insights with Entra ID, identity-based trigger connections), VNet integration and a private
 * endpoint in a private network.
 *
 * ```ts
 * const orders = new FunctionApp(stack, "Orders", { code: { path: path.resolve(__dirname, "functions/orders") } });
 * orders.connectServiceBus("ServiceBusConnection", bus, "both");
 * orders.connectEventGrid("EventGridConnection", topic);
 * ```
 *
 * At synth the construct checks that every connection the code's bindings name has app
 * settings (so a missing `connect*` call fails before deployment). `cdktf deploy` deploys the
 * code on every plan, as the deployer (README.md, "Code deployment"); Event Grid subscriptions to
 * the app's functions wait for {@link FunctionApp.codeDeployed}. Every L1 setting is reachable
 * through {@link FunctionApp.resource} and {@link FunctionApp.servicePlan}.
 */
export class FunctionApp extends ResourceConstruct implements IFunctionApp {
  /** The app L1: `azurerm_function_app_flex_consumption` on Flex Consumption, else `azurerm_linux_function_app`. */
  public readonly resource: LinuxFunctionApp | FunctionAppFlexConsumption;
  /** The `azurerm_service_plan` L1 (one per app). */
  public readonly servicePlan: ServicePlan;
  /** Resource id of the app. */
  public readonly id: string;
  public readonly name: string;
  /** Host name, e.g. `func-x.azurewebsites.net`. */
  public readonly defaultHostname: string;
  /** The hosting plan the app runs on. */
  public readonly plan: FunctionAppPlan;
  /** The plan's SKU, e.g. `EP1`. */
  public readonly sku: string;
  /** Whether the plan spreads instances across availability zones. */
  public readonly zoneRedundant: boolean;
  /** Whether the app sends its outbound traffic through a subnet: `integrationSubnetId`, else the IntegrationContext network's integration subnet. */
  public readonly vnetIntegrated: boolean;
  /** Host storage (AzureWebJobsStorage), created or existing. */
  public readonly hostStorage: StorageAccount;
  /**
   * Container for code packages on the host storage: the Flex Consumption deployment container
   * or the Elastic Premium package container. Dedicated apps keep their package on the plan.
   */
  public readonly packageContainer?: string;
  /** The code archive Terraform references (`asset.path` is relative to the stack's Terraform directory). */
  public readonly asset: TerraformAsset;
  /** The staged app folder the asset archives: `host.json`, `package.json`, `index.js`. */
  public readonly build: FunctionAppBuild;
  /** How `cdktf deploy` puts the code on the app. */
  public readonly codeDeployment: FunctionAppCodeDeployment;
  /**
   * What has the code deployed and the triggers synced once Terraform created it: the one deploy
   * (`terraform_data`), the wait for the restart after a new package blob, or the app (zip deploy).
   * Whatever needs the functions (an Event Grid subscription) depends on it.
   */
  public readonly codeDeployed: ITerraformDependable;
  /** With `packageBlob`: the package blob `WEBSITE_RUN_FROM_PACKAGE` names, uploaded by the deployer. */
  public readonly packageBlob?: StorageBlob;
  /** With `packageBlob`: the identity the platform reads the package blob with (Storage Blob Data Reader on the package container). */
  public readonly packageIdentity?: UserAssignedIdentity;
  /** The deployer's role for the code deployment: Storage Blob Data Contributor on the package container, or Website Contributor on the app. */
  public readonly deployerGrant?: RoleAssignment;
  /** The functions the bundle registers, with their triggers and bindings. */
  public readonly registeredFunctions: readonly RegisteredFunction[];
  /** The `sites` private endpoint, when the app has one. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** The app's diagnostic setting, when a destination is known. */
  public readonly diagnostics?: MonitorDiagnosticSetting;
  /** The app's management lock, when `lock` asks for one. */
  public readonly lock?: ManagementLock;

  private readonly settings: AppSettings;
  /** Settings the provider writes from resource attributes (not in `app_settings`). */
  private readonly providerSettings: readonly string[];
  private readonly clientId?: string;
  private readonly identityOptions?: IdentityOptions;

  constructor(scope: Construct, id: string, props: FunctionAppProps) {
    super(scope, id, props);
    this.identityOptions = props.identity;
    const { plan, sku } = resolvePlan(this, this.context.defaults.functionAppPlan, props.plan, props.sku);
    this.plan = plan;
    this.sku = sku;
    const instances = resolveCapacity(this, { ...props, plan, sku, profileZoneRedundancy: this.context.defaults.zoneRedundancy });
    this.zoneRedundant = instances.zoneRedundant;
    this.codeDeployment = resolveCodeDeployment(this, plan, props.codeDeployment);
    const identity = resolveIdentity(this, props.identity);
    const integrationSubnetId = resolveIntegrationSubnet(this, plan, props.integrationSubnetId, this.context.network);
    this.vnetIntegrated = integrationSubnetId !== undefined;
    const telemetry = resolveTelemetry(this, props, this.context.diagnostics);
    checkHostStorageProps(this, props);

    // Code first: a broken app fails synthesis before anything else is built.
    this.build = buildApp(this, props.code, props.buildDirectory ?? defaultBuildDirectory());
    // The file name carries the format of what is cached: v2 added storage binding targets.
    this.registeredFunctions = registeredFunctions(this, this.build.bundle, props.code.path, `${this.build.directory}.functions.v3.json`);
    this.asset = new TerraformAsset(this, "Code", { path: this.build.packageFile, type: AssetType.FILE, assetHash: this.build.hash });

    const name = this.nameFor("functionApp", props.name);
    const storage = this.createStorage(props, plan, integrationSubnetId !== undefined);
    this.hostStorage = storage.hostStorage;
    this.packageContainer = storage.packageContainer;
    this.packageIdentity = storage.upload?.identity;
    this.deployerGrant = storage.upload?.grant;
    this.packageBlob = storage.upload?.blob;
    this.servicePlan = this.createServicePlan(plan, sku, instances);
    const site = { name, plan, identity, integrationSubnetId, telemetry, instances, container: storage.container };
    this.resource = this.createApp(props, site);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.defaultHostname = this.resource.defaultHostname;
    this.clientId = identity.userAssigned?.clientId;
    this.providerSettings = plan === "FlexConsumption" ? [] : ["AzureWebJobsStorage__accountName"];
    this.settings = this.createSettings();
    const hostGrants = this.configureSettings(props, plan, telemetry);

    ({ privateEndpoint: this.privateEndpoint, diagnostics: this.diagnostics, lock: this.lock } = this.wireAppKit(props, name));
    const deployed = this.deployCode(hostGrants);
    if (deployed.grant) this.deployerGrant = deployed.grant;
    this.codeDeployed = deployed.codeDeployed;
    registerFunctionCode(this, this.id, this.codeDeployed);
    this.addChecks(plan, integrationSubnetId);
  }

  /** The host storage, the package container and the package upload (names generated only when created). */
  private createStorage(props: FunctionAppProps, plan: FunctionAppPlan, integrated: boolean): ReturnType<typeof appStorage> {
    return appStorage(this, {
      props,
      plan,
      integrated,
      packageBlob: this.codeDeployment === "packageBlob",
      storageAccountName: () => this.nameFor("storageAccount", undefined),
      packageIdentityName: () => this.nameFor("userAssignedIdentity", undefined, { qualifier: "package" }),
      contextAllowedIpRanges: this.context.allowedIpRanges,
      replication: this.context.defaults.hostStorageReplication,
      tags: this.tags,
      asset: this.asset,
      build: this.build,
    });
  }

  /** The site on the plan, with its storage, code and identity. */
  private createApp(props: FunctionAppProps, site: Parameters<typeof createSite>[2]): LinuxFunctionApp | FunctionAppFlexConsumption {
    return createSite(this, props, site, {
      context: this.context,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      tags: this.tags,
      servicePlanId: this.servicePlan.id,
      hostStorage: this.hostStorage,
      packageIdentity: this.packageIdentity,
      registeredFunctions: this.registeredFunctions,
      codeDeployment: this.codeDeployment,
      zipDeployFile: this.asset.path,
    });
  }

  /** An existing function app by resource id (a literal is checked now; a token is split at deploy time). */
  public static fromId(scope: Construct, id: string, resourceId: string): IFunctionApp {
    return new ImportedFunctionApp(scope, id, resourceId);
  }

  /** An existing function app by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IFunctionApp {
    validateName(scope, "functionApp", name);
    return new ImportedFunctionApp(scope, id, resourceIdOf(IntegrationContext.resourceGroup(scope, resourceGroup).id, FUNCTION_APP_TYPE, [name]));
  }

  /**
   * The identity the app authenticates with: the system-assigned one, else the first user-assigned
   * one (the principal rule); grant it access to what the code calls.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  public get resourceGroupName(): string {
    return this.resourceGroup.name;
  }

  /** Manage the app: settings, restarts, code deployment (Website Contributor on the app). */
  public grantContributor(grantee: Grantee): RoleAssignment {
    return grantFunctionAppContributor(this, this.id, grantee);
  }

  /** The app settings as synthesized (identity-based connections, telemetry, package location, yours). */
  public get appSettings(): Readonly<Record<string, string>> {
    return this.settings.toRecord();
  }

  /** Adds an app setting (no secrets: use a Key Vault reference). Settings the construct manages are refused. */
  public addAppSetting(name: string, value: string): void {
    this.settings.addUserSetting(name, value);
  }

  /**
   * Connects bindings named `connectionName` to a Service Bus namespace through the app's identity:
   * `<connectionName>__fullyQualifiedNamespace` (+ `__credential`/`__clientId` for a user-assigned
   * identity) and the receive and/or send role: on the namespace, or, when `target` is a queue,
   * topic or subscription (or a list of them, on one namespace), on each of those only.
   *
   * ```ts
   * app.connectServiceBus("Bus", bus.queues.get("orders")!, "receive"); // Data Receiver on the queue, not the namespace
   * ```
   */
  public connectServiceBus(connectionName: string, target: ServiceBusConnectionTarget, access: MessagingConnectionAccess): void {
    const namespace = serviceBusConnection(this, target, access);
    this.setConnection(connectionName, { fullyQualifiedNamespace: namespace.fullyQualifiedNamespace });
    this.recordCalls(`connection ${connectionName}`, namespace.fullyQualifiedNamespace);
    this.recordBindingEntities(connectionName, namespace.fullyQualifiedNamespace);
    if (receives(access)) namespace.grantReceive(this.principal);
    if (sends(access)) namespace.grantSend(this.principal);
  }

  /** Like {@link connectServiceBus}, for an Event Hubs namespace (`<connectionName>__fullyQualifiedNamespace`). */
  public connectEventHubs(connectionName: string, namespace: IEventHubsNamespaceConnectable, access: MessagingConnectionAccess): void {
    this.setConnection(connectionName, { fullyQualifiedNamespace: namespace.fullyQualifiedNamespace });
    this.recordCalls(`connection ${connectionName}`, namespace.fullyQualifiedNamespace);
    if (receives(access)) namespace.grantReceive(this.principal);
    if (sends(access)) namespace.grantSend(this.principal);
  }

  /** Connects Event Grid output bindings to a topic (`<connectionName>__topicEndpointUri`) and grants EventGrid Data Sender. */
  public connectEventGrid(connectionName: string, topic: IEventGridTopicConnectable): void {
    this.setConnection(connectionName, { topicEndpointUri: topic.endpoint });
    this.recordCalls(`connection ${connectionName}`, topic.endpoint);
    topic.grantPublish(this.principal);
  }

  /**
   * Connects blob, queue and table bindings to a storage account (`__blobServiceUri`,
   * `__queueServiceUri`, `__tableServiceUri`: those of the services the bindings use). `read`: Storage Blob Data Reader, Storage Queue
   * Data Reader and Message Processor, Storage Table Data Reader (inputs, queue triggers);
   * `write`: Storage Blob Data Contributor, Queue Data Message Sender, Table Data Contributor
   * (outputs). Blob triggers need `both` (their receipts go to the host storage the app owns).
   *
   * Least privilege from the code: when the app's bindings use this connection, only the services
   * they use get roles, on the container or queue a binding names literally (a `%setting%` or
   * `{expression}` name needs the whole account). With no binding on it (the handlers use an SDK
   * client), the roles are granted on the whole account.
   */
  public connectStorage(connectionName: string, account: IStorageAccount, access: DataConnectionAccess): void {
    const uses = storageUses(this.registeredFunctions, connectionName);
    // Only the services the bindings use get a URI setting (all three for SDK clients).
    const used = new Set(uses.map((u) => u.service));
    this.setConnection(connectionName, {
      ...(used.has("blob") ? { blobServiceUri: account.primaryBlobEndpoint } : {}),
      ...(used.has("queue") ? { queueServiceUri: account.primaryQueueEndpoint } : {}),
      ...(used.has("table") ? { tableServiceUri: account.primaryTableEndpoint } : {}),
    });
    for (const service of new Set(uses.map((u) => u.service))) this.recordCalls(`connection ${connectionName}`, storageFlowTarget(account), service);
    this.recordBindingEntities(connectionName, storageFlowTarget(account));
    grantStorageUses(account, this.principal, uses, access);
  }

  /** Connects Cosmos DB bindings (`<connectionName>__accountEndpoint`); triggers need `both` for their lease container. */
  public connectCosmosDb(connectionName: string, account: ICosmosDbAccountConnectable, access: DataConnectionAccess): void {
    this.setConnection(connectionName, { accountEndpoint: account.endpoint });
    this.recordCalls(`connection ${connectionName}`, account.endpoint);
    if (receives(access)) account.grantDataRead(this.principal);
    if (sends(access)) account.grantDataWrite(this.principal);
  }

  /**
   * The id Event Grid subscriptions deliver to (`<app id>/functions/<name>`), for a function the
   * code registers with an Event Grid trigger (`EventDestination.function(app, name)` calls it).
   * Subscriptions to the app wait for its code deployment (azurerm #8415).
   */
  public functionEndpointId(functionName: string): string {
    requireEventGridFunction(this, this.registeredFunctions, functionName);
    return `${this.id}/functions/${functionName}`;
  }

  private createServicePlan(plan: FunctionAppPlan, sku: string, capacity: Capacity): ServicePlan {
    return servicePlan(this, {
      name: this.nameFor("appServicePlan", undefined),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      plan,
      sku,
      capacity,
      tags: this.tags,
    });
  }

  private createSettings(): AppSettings {
    const resource = this.resource;
    return new AppSettings(this, FUNCTION_APP_SETTINGS, (settings) => {
      resource.appSettings = settings;
    });
  }

  /** Host storage and telemetry settings and roles, then the user's settings; returns the host storage grants. */
  private configureSettings(props: FunctionAppProps, plan: FunctionAppPlan, telemetry: ResolvedTelemetry | undefined): RoleAssignment[] {
    const hostGrants = configureHostStorage(this, {
      plan,
      hostStorage: this.hostStorage,
      settings: this.settings,
      principal: this.principal,
      clientId: this.clientId,
      packageBlob: this.packageBlob,
      packageIdentity: this.packageIdentity,
    });
    this.recordCalls("host storage (AzureWebJobsStorage)", this.hostStorage, "blob");
    if (telemetry) configureTelemetry(this, this.settings, this.principal, this.clientId, telemetry);
    for (const [key, value] of Object.entries(props.appSettings ?? {})) this.settings.addUserSetting(key, value);
    return hostGrants;
  }

  /** Not a data store: the lock is off unless `lock` asks (an app is code and settings, redeployed from code). */
  private wireAppKit(props: FunctionAppProps, name: string) {
    const resource = this.resource;
    const kit = this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "sites" }],
      networkAccess: (access) => {
        resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
      },
      dataStore: false,
    });
    return { privateEndpoint: kit.privateEndpoint, diagnostics: kit.diagnostics.Diagnostics, lock: kit.lock };
  }

  private deployCode(hostGrants: RoleAssignment[]) {
    return deployCode(this, {
      route: this.codeDeployment,
      resource: this.resource,
      resourceGroupName: this.resourceGroup.name,
      asset: this.asset,
      build: this.build,
      hostGrants,
      privateEndpoint: this.privateEndpoint,
    });
  }

  private addChecks(plan: FunctionAppPlan, integrationSubnetId: string | undefined): void {
    const defined = () => [...this.settings.names(), ...this.providerSettings];
    this.node.addValidation({ validate: () => checkConnections(this, this.registeredFunctions, defined()) });
    if (integrationSubnetId !== undefined) this.node.addValidation({ validate: () => checkSubnetDelegation(this, plan, integrationSubnetId) });
  }

  /** Records the app's calls to `target` for the policy pack's reachability rule (where the app runs is read from the synthesized app). */
  private recordCalls(purpose: string, target: FlowTarget, endpoint?: string): void {
    recordFlow(this, { caller: { runsIn: "multi-tenant", resource: this.resource }, target, endpoint, purpose });
  }

  private recordBindingEntities(connectionName: string, parent: FlowTarget): void {
    recordBindingEntities(this, this.registeredFunctions, connectionName, parent);
  }

  private setConnection(connectionName: string, properties: Record<string, string>): void {
    setConnection(this, this.settings, connectionName, properties, this.clientId);
  }
}
