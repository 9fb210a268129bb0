import { Construct } from "constructs";
import { AssetType, DataResource, Fn, ITerraformDependable, TerraformAsset } from "cdktf";
import { FunctionAppFlexConsumption } from "@cdktf/provider-azurerm/lib/function-app-flex-consumption";
import { LinuxFunctionApp } from "@cdktf/provider-azurerm/lib/linux-function-app";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
import { StorageBlob } from "@cdktf/provider-azurerm/lib/storage-blob";
import { clientConfig } from "../core/client-config";
import { addDependency } from "../core/depends-on";
import { EndpointNetwork, endpointNetwork, recordDeployTimeOperation } from "../core/deploy-time";
import { deployerPosition, grantToDeployer } from "../core/deployer";
import { DiagnosticsOptions, addDiagnostics } from "../core/diagnostics";
import { EntityKind, FlowTarget, recordEntityReference, recordFlow } from "../core/flows";
import { ValidationError, invalid, isUnresolved } from "../core/errors";
import { registerFunctionCode } from "../core/function-code";
import { BuiltInRole, IPrincipal, Principal, grantRole } from "../core/grants";
import { IdentityOptions, UserAssignedIdentity, identityBlock } from "../core/identity";
import { recordSuppression } from "../core/suppressions";
import { LockOptions, addLock } from "../core/lock";
import { pathSuffix } from "../core/naming";
import { NetworkAccessOptions, resolveNetworkAccess } from "../core/network-access";
import { subnetDelegations } from "../network";
import { PrivateEndpoint, PrivateEndpointOptions } from "../core/private-endpoint";
import { terraformData } from "../core/terraform-data";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { CommonResourceProps, ResourceConstruct } from "../core/resource-construct";
import { Monitoring } from "../monitoring";
import { StorageAccount, StorageAccountProps } from "../storage";
import { AppSettings } from "../core/app-settings";
import { FUNCTION_APP_SETTINGS } from "./app-settings";
import { resolveCapacity } from "./capacity";
import { FunctionAppBuild, FunctionAppCode, buildApp, defaultBuildDirectory } from "./bundle";
import {
  DataConnectionAccess,
  ICosmosDbAccountConnectable,
  IEventGridTopicConnectable,
  IEventHubsNamespaceConnectable,
  MessagingConnectionAccess,
  ServiceBusConnectionTarget,
  connectionFix,
  identitySettings,
  isConnectionDefined,
  receives,
  sends,
  serviceBusConnection,
} from "./connections";
import { FunctionAppCodeDeployment, oneDeployCommand, resolveCodeDeployment } from "./deployment";
import { FunctionAppPlan, resolvePlan } from "./plans";
import { RegisteredFunction, registeredFunctions } from "./registrations";
import { IpRestriction, flexConsumptionApp, linuxApp } from "./site";

/** How long role assignments get to take effect before what needs them runs (Azure RBAC takes minutes; unverified that 2 always suffice). */
/** How long an app restarted on a new package blob gets to start and sync its triggers (unverified). */
const TRIGGER_SYNC = "3m";
// Recorded on the host storage the app opens itself, so the pack reports the reason instead of a warning.
export const HOST_STORAGE_OPEN_REASON =
  "Without VNet integration the function host reaches its storage from Azure App Service's shared outbound addresses, " +
  "which a deny-by-default firewall blocks; every request still needs an Entra ID token (shared keys are off).";

/** An Application Insights component to send telemetry to (e.g. one managed elsewhere). */
export interface FunctionAppTelemetryTarget {
  /** `APPLICATIONINSIGHTS_CONNECTION_STRING` of the component (it carries no secret once local auth is off). */
  readonly connectionString: string;
  /** Resource id of the component, where Monitoring Metrics Publisher is granted. */
  readonly id: string;
}

export interface FunctionAppProps extends CommonResourceProps, NetworkAccessOptions {
  /**
   * What the app's access restrictions do with traffic no allow rule matches.
   * @default "Deny" when allowedIpRanges (from props or the IntegrationContext) lists ranges, else "Allow"
   */
  readonly firewallDefaultAction?: "Allow" | "Deny";
  /** The TypeScript handlers (`@azure/functions` v4), bundled with esbuild at synth. */
  readonly code: FunctionAppCode;
  /**
   * Hosting plan. @default the plan of `sku` when only that is given, else the profile's
   * (dev FlexConsumption, prod ElasticPremium; see plans.ts)
   */
  readonly plan?: FunctionAppPlan;
  /** Plan SKU, e.g. `EP2` or `P1v3`; it must belong to `plan`. @default FC1, EP1 or P1v3 for the plan */
  readonly sku?: string;
  /**
   * Spread instances across availability zones (Elastic Premium, Premium v2/v3 Dedicated).
   * @default the profile's zoneRedundancy (prod on) where the SKU supports it
   */
  readonly zoneRedundant?: boolean;
  /**
   * Instances always running (Elastic Premium, Dedicated); at least 2 when zone-redundant.
   * @default 3 when zone-redundant (one per zone), else 1
   */
  readonly minimumInstances?: number;
  /**
   * Scale-out limit: Flex Consumption 40-1000, Elastic Premium up to 100 (burst above the minimum).
   * Dedicated plans scale by `minimumInstances` or autoscale rules instead.
   * @default 100 on Flex Consumption, 20 on Elastic Premium
   */
  readonly maximumInstances?: number;
  /**
   * How `cdktf deploy` puts the code on the app: `oneDeploy` (Flex Consumption), `packageBlob`
   * (Elastic Premium, Dedicated: a blob uploaded with the deployer's Entra identity) or `zipDeploy`
   * (Dedicated, with SCM basic auth). See README.md, "Code deployment".
   * @default "oneDeploy" on FlexConsumption, "packageBlob" on ElasticPremium, "zipDeploy" on Dedicated
   */
  readonly codeDeployment?: FunctionAppCodeDeployment;
  /**
   * Host storage (AzureWebJobsStorage) to use instead of a dedicated account, e.g. one shared with
   * other apps. The app gets its data roles and a package container on it; networking (queue and
   * table private endpoints) is the owner's job. Cannot be combined with `storageAccountProps`.
   * @default a dedicated StorageAccount
   */
  readonly existingStorageAccount?: StorageAccount;
  /**
   * Props of the dedicated host storage account, over the app's defaults (public endpoints that
   * allow all networks when the app has no VNet integration; Entra ID only in every case).
   * @default the StorageAccount defaults, named after this app
   */
  readonly storageAccountProps?: StorageAccountProps;
  /**
   * Monitoring whose Application Insights receives telemetry (Entra ID auth, Monitoring Metrics
   * Publisher granted). Cannot be combined with `applicationInsights`.
   * @default the IntegrationContext's diagnostics destination when it is a Monitoring with Application Insights
   */
  readonly monitoring?: Monitoring;
  /**
   * An Application Insights component to use instead of `monitoring`'s; `false` sends no telemetry.
   * @default the component of `monitoring`
   */
  readonly applicationInsights?: FunctionAppTelemetryTarget | false;
  /**
   * Extra app settings (no secrets: use Key Vault references `@Microsoft.KeyVault(SecretUri=...)`).
   * Connections are added with the `connect*` methods. @default none
   */
  readonly appSettings?: Readonly<Record<string, string>>;
  /**
   * Subnet for regional VNet integration: delegated to `Microsoft.Web/serverFarms` (Elastic
   * Premium, Dedicated) or `Microsoft.App/environments` (Flex Consumption). `false` opts out, and
   * the host storage then keeps public endpoints (Entra ID only).
   * @default the IntegrationContext network's integrationSubnetId (Elastic Premium, Dedicated); none for Flex Consumption
   */
  readonly integrationSubnetId?: string | false;
  /**
   * Managed identities. The app authenticates with the system-assigned one, or with the first
   * user-assigned one when the system-assigned identity is off.
   * @default system-assigned
   */
  readonly identity?: IdentityOptions;
  /** Logs and metrics to Log Analytics; `false` opts out. @default the IntegrationContext's destination, allLogs + AllMetrics */
  readonly diagnostics?: DiagnosticsOptions | false;
  /** Private endpoint for the `sites` sub-resource; `false` opts out. @default one in the IntegrationContext's network, if any */
  readonly privateEndpoint?: PrivateEndpointOptions | false;
  /** `CanNotDelete` lock; `true`/options lock, `false` does not. Off by default: an app is code and settings, redeployed from code. @default false */
  readonly lock?: LockOptions | boolean;
  /** Folder for staged bundles (one sub-folder per content hash). @default `<os temp dir>/azure-integration-cdktf/function-apps` */
  readonly buildDirectory?: string;
}

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
export class FunctionApp extends ResourceConstruct {
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
  /** The identity the app authenticates with; grant it access to what the code calls. */
  public readonly principal: IPrincipal;
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

  constructor(scope: Construct, id: string, props: FunctionAppProps) {
    super(scope, id, props);
    const { plan, sku } = resolvePlan(this, this.context.defaults.functionAppPlan, props.plan, props.sku);
    this.plan = plan;
    this.sku = sku;
    const instances = resolveCapacity(this, { ...props, plan, sku, profileZoneRedundancy: this.context.defaults.zoneRedundancy });
    this.zoneRedundant = instances.zoneRedundant;
    this.codeDeployment = resolveCodeDeployment(this, plan, props.codeDeployment);
    const identity = this.resolveIdentity(props.identity);
    const integrationSubnetId = this.resolveIntegrationSubnet(props.integrationSubnetId);
    const telemetry = this.resolveTelemetry(props);
    if (props.existingStorageAccount && props.storageAccountProps) {
      invalid(this, {
        field: "existingStorageAccount",
        rule: "cannot be combined with storageAccountProps, which shape a new account",
        fix: "configure the existing account where it is defined, or drop existingStorageAccount to get a dedicated one",
      });
    }

    // Code first: a broken app fails synthesis before anything else is built.
    this.build = buildApp(this, props.code, props.buildDirectory ?? defaultBuildDirectory());
    // The file name carries the format of what is cached: v2 added storage binding targets.
    this.registeredFunctions = registeredFunctions(this, this.build.bundle, props.code.path, `${this.build.directory}.functions.v3.json`);
    this.asset = new TerraformAsset(this, "Code", { path: this.build.packageFile, type: AssetType.FILE, assetHash: this.build.hash });

    const name = this.nameFor("functionApp", props.name);
    const packageBlob = this.codeDeployment === "packageBlob";
    this.hostStorage =
      props.existingStorageAccount ?? this.createHostStorage(props.storageAccountProps, integrationSubnetId !== undefined, packageBlob);
    // The host keeps its triggers' queues and its leases/diagnostic events in tables: log those services too.
    this.hostStorage.useService("queue");
    this.hostStorage.useService("table");
    const packageContainer = `app-package-${pathSuffix(this, 8)}`;
    if (plan === "FlexConsumption" || packageBlob) {
      this.packageContainer = packageContainer;
      this.hostStorage.addContainer(packageContainer);
    }
    // The package exists, and may be read, before the app first starts and mounts it.
    if (packageBlob) ({ identity: this.packageIdentity, grant: this.deployerGrant, blob: this.packageBlob } = this.uploadPackage(packageContainer));

    this.servicePlan = new ServicePlan(this, "Plan", {
      name: this.nameFor("appServicePlan", undefined),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      osType: "Linux",
      skuName: sku,
      workerCount: instances.minimum,
      maximumElasticWorkerCount: plan === "ElasticPremium" ? instances.maximum : undefined,
      zoneBalancingEnabled: plan === "FlexConsumption" ? undefined : this.zoneRedundant,
      tags: this.tags,
    });

    const ranges = resolveNetworkAccess(this.context, props, false).ipRules;
    // With no allow rules the app stays reachable (callers authenticate with keys or Entra ID);
    // once ranges are listed everything else is denied.
    const ipRestrictionDefaultAction = props.firewallDefaultAction ?? (ranges.length > 0 ? "Deny" : "Allow");
    const ipRestrictions = this.ipRestrictions(ranges, ipRestrictionDefaultAction);
    const site = {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      servicePlanId: this.servicePlan.id,
      plan,
      tags: this.tags,
      identity: this.packageIdentity ? this.withPackageIdentity(props.identity, this.packageIdentity) : identity.block,
      userAssignedIdentityId: identity.userAssigned?.id,
      storageAccountName: this.hostStorage.name,
      deploymentContainerEndpoint: `${this.hostStorage.primaryBlobEndpoint}${packageContainer}`,
      integrationSubnetId,
      ipRestrictions,
      ipRestrictionDefaultAction,
      applicationInsightsConnectionString: telemetry?.connectionString,
      maximumInstances: plan === "FlexConsumption" ? instances.maximum : undefined,
      codeDeployment: this.codeDeployment,
      zipDeployFile: this.asset.path,
    } as const;
    this.resource = plan === "FlexConsumption" ? flexConsumptionApp(this, "Resource", site) : linuxApp(this, "Resource", site);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.defaultHostname = this.resource.defaultHostname;
    this.principal = identity.userAssigned ?? Principal.ofConstruct(this, this.resource.identity.principalId);
    this.clientId = identity.userAssigned?.clientId;

    const resource = this.resource;
    this.settings = new AppSettings(this, FUNCTION_APP_SETTINGS, (settings) => {
      resource.appSettings = settings;
    });
    this.providerSettings = plan === "FlexConsumption" ? [] : ["AzureWebJobsStorage__accountName"];
    const hostGrants = this.configureHostStorage();
    if (telemetry) this.configureTelemetry(telemetry);
    for (const [key, value] of Object.entries(props.appSettings ?? {})) this.settings.addUserSetting(key, value);

    this.privateEndpoint = PrivateEndpoint.forResource(
      this,
      "PrivateEndpoint",
      { ownerName: name, resourceGroup: this.resourceGroup, location: this.location, targetResourceId: this.id, subresource: "sites", tags: this.tags },
      props.privateEndpoint,
    );
    this.resource.publicNetworkAccessEnabled = resolveNetworkAccess(this.context, props, this.privateEndpoint !== undefined).publicNetworkAccessEnabled;
    this.diagnostics = addDiagnostics(this, "Diagnostics", this.id, props.diagnostics);
    this.lock = addLock(this, this.id, name, props.lock ?? false);

    if (this.codeDeployment === "oneDeploy") {
      const { grant, deployment } = this.oneDeploy(hostGrants);
      this.deployerGrant = grant;
      this.codeDeployed = deployment;
    } else if (this.codeDeployment === "packageBlob") {
      // A new WEBSITE_RUN_FROM_PACKAGE restarts the app; the host syncs its triggers after it starts
      // (https://learn.microsoft.com/azure/azure-functions/functions-deployment-technologies#trigger-syncing),
      // once its identity's host-storage roles work. How long that takes is unverified: 3 minutes.
      this.codeDeployed = waitFor(this, "TriggerSync", {
        after: [this.resource, ...hostGrants],
        duration: TRIGGER_SYNC,
        triggers: { package: this.packageBlobName, app: this.id },
      });
    } else {
      // zip_deploy_file deploys while Terraform creates or updates the app; zip deploy syncs triggers itself.
      this.codeDeployed = this.resource;
    }
    registerFunctionCode(this, this.id, this.codeDeployed);

    this.node.addValidation({ validate: () => this.checkConnections() });
    if (integrationSubnetId !== undefined) this.node.addValidation({ validate: () => this.checkSubnetDelegation(integrationSubnetId) });
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
  public connectStorage(connectionName: string, account: StorageAccount, access: DataConnectionAccess): void {
    const uses = this.storageUses(connectionName);
    // Only the services the bindings use get a URI setting (all three for SDK clients).
    const used = new Set(uses.map((u) => u.service));
    this.setConnection(connectionName, {
      ...(used.has("blob") ? { blobServiceUri: account.primaryBlobEndpoint } : {}),
      ...(used.has("queue") ? { queueServiceUri: account.primaryQueueEndpoint } : {}),
      ...(used.has("table") ? { tableServiceUri: account.resource.primaryTableEndpoint } : {}),
    });
    for (const service of new Set(uses.map((u) => u.service))) this.recordCalls(`connection ${connectionName}`, account, service);
    this.recordBindingEntities(connectionName, account);
    for (const { service, target } of uses) {
      if (service === "blob") {
        if (receives(access)) account.grantBlobRead(this.principal, target);
        if (sends(access)) account.grantBlobWrite(this.principal, target);
      } else if (service === "queue") {
        if (receives(access)) {
          account.grantQueueProcess(this.principal, target);
          account.grantQueueRead(this.principal, target); // queue triggers read the message count too
        }
        if (sends(access)) account.grantQueueSend(this.principal, target);
      } else {
        if (receives(access)) account.grantTableRead(this.principal);
        if (sends(access)) account.grantTableWrite(this.principal);
      }
    }
  }

  /** The storage services (and literal containers or queues) the app's bindings reach through `connectionName`. */
  private storageUses(connectionName: string): { service: "blob" | "queue" | "table"; target?: string }[] {
    const uses = new Map<string, { service: "blob" | "queue" | "table"; target?: string }>();
    for (const binding of this.registeredFunctions.flatMap((f) => f.bindings)) {
      const service = binding.type.replace(/Trigger$/, "");
      if ((service !== "blob" && service !== "queue" && service !== "table") || !binding.connections.includes(connectionName)) continue;
      // Tables are granted on the account (no table-scoped helper); one grant covers every table binding.
      const target = service === "table" ? undefined : binding.storageTarget;
      uses.set(`${service}/${target ?? ""}`, { service, target });
    }
    if (uses.size === 0) return [{ service: "blob" }, { service: "queue" }, { service: "table" }];
    // An account-wide grant of a service already covers its containers or queues.
    return [...uses.values()].filter((u) => u.target === undefined || !uses.has(`${u.service}/`));
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
    const registered = this.registeredFunctions.find((f) => f.name === functionName);
    const eventGridFunctions = this.registeredFunctions.filter((f) => f.trigger === "eventGridTrigger").map((f) => `"${f.name}"`);
    const fix =
      eventGridFunctions.length > 0 ? `use one of ${eventGridFunctions.join(", ")}` : "register a function with app.eventGrid(...) in the code";
    if (!registered) invalid(this, { field: "function", value: functionName, rule: "is not registered by the app's code", fix });
    if (registered.trigger !== "eventGridTrigger") {
      invalid(this, {
        field: "function",
        value: functionName,
        rule: `has a ${registered.trigger}, so Event Grid cannot deliver to it`,
        fix: `${fix}, or deliver the events to what its trigger reads (e.g. EventDestination.serviceBusQueue)`,
      });
    }
    return `${this.id}/functions/${functionName}`;
  }

  /**
   * Records the containers, queues, topics and subscriptions the bindings on `connectionName` name
   * literally, for the policy pack's rule that the stack creates them (AIC-REF-001): a blob trigger
   * on a missing container never fires, a Service Bus trigger on a missing entity fails
   * (MessagingEntityNotFound), and a grant scoped to a missing container or queue has no scope.
   */
  private recordBindingEntities(connectionName: string, parent: FlowTarget): void {
    for (const fn of this.registeredFunctions) {
      for (const binding of fn.bindings.filter((b) => b.connections.includes(connectionName))) {
        const caller = `function "${fn.name}" (${binding.type}${binding.direction === "out" ? " output" : ""})`;
        const service = binding.type.replace(/Trigger$/, "");
        const record = (kind: EntityKind, name: string, topic?: string) =>
          recordEntityReference(this, { kind, name, parent, caller, ...(topic ? { topic } : {}) });
        if (service === "blob" && binding.storageTarget) record("blob container", binding.storageTarget);
        if (service === "queue" && binding.storageTarget) record("storage queue", binding.storageTarget);
        const bus = service === "serviceBus" ? binding.serviceBusTarget : undefined;
        if (bus?.queue) record("servicebus queue", bus.queue);
        if (bus?.topic) record("servicebus topic", bus.topic);
        if (bus?.topic && bus.subscription) record("servicebus subscription", bus.subscription, bus.topic);
      }
    }
  }

  /** Records the app's calls to `target` for the policy pack's reachability rule (where the app runs is read from the synthesized app). */
  private recordCalls(purpose: string, target: FlowTarget, endpoint?: string): void {
    recordFlow(this, { caller: { runsIn: "multi-tenant", resource: this.resource }, target, endpoint, purpose });
  }

  private setConnection(connectionName: string, properties: Record<string, string>): void {
    if (isUnresolved(connectionName) || !/^[A-Za-z][A-Za-z0-9_]*$/.test(connectionName)) {
      invalid(this, {
        field: "connectionName",
        value: connectionName,
        rule: "is not a literal of letters, digits and '_' starting with a letter",
        fix: "use the connection name your bindings set, e.g. \"ServiceBusConnection\"",
      });
    }
    for (const [property, value] of Object.entries(properties)) this.settings.set(`${connectionName}__${property}`, value);
    for (const [key, value] of Object.entries(identitySettings(connectionName, this.clientId))) this.settings.set(key, value);
  }

  private resolveIdentity(options: IdentityOptions | undefined): { block: { type: string; identityIds?: string[] }; userAssigned?: UserAssignedIdentity } {
    const block = identityBlock(options);
    if (!block) {
      invalid(this, {
        field: "identity",
        value: { systemAssigned: false },
        rule: "leaves the app without a managed identity, which its keyless host storage and connections need",
        fix: "keep the system-assigned identity or add a user-assigned one",
      });
    }
    const systemAssigned = options?.systemAssigned ?? true;
    return { block, userAssigned: systemAssigned ? undefined : options?.userAssigned?.[0] };
  }

  private resolveIntegrationSubnet(wanted: string | false | undefined): string | undefined {
    if (wanted === false) return undefined;
    if (wanted !== undefined) return wanted;
    const network = this.context.network;
    const fromContext = this.plan === "FlexConsumption" ? undefined : network?.integrationSubnetId;
    if (network && fromContext === undefined) {
      const delegation = this.plan === "FlexConsumption" ? "Microsoft.App/environments" : "Microsoft.Web/serverFarms";
      invalid(this, {
        field: "integrationSubnetId",
        rule: `is not set, and in the IntegrationContext's private network this ${this.plan} app needs a subnet delegated to ${delegation} to reach its private host storage`,
        fix: `pass integrationSubnetId (a subnet delegated to ${delegation}), or integrationSubnetId: false to keep the host storage on public endpoints`,
      });
    }
    return fromContext;
  }

  private resolveTelemetry(props: FunctionAppProps): (FunctionAppTelemetryTarget & { monitoring?: Monitoring }) | undefined {
    if (props.monitoring && props.applicationInsights !== undefined) {
      invalid(this, {
        field: "monitoring",
        rule: "cannot be combined with applicationInsights; both choose where telemetry goes",
        fix: "pass one of them",
      });
    }
    if (props.applicationInsights === false) return undefined;
    if (props.applicationInsights) return props.applicationInsights;
    const fromContext = this.context.diagnostics instanceof Monitoring ? this.context.diagnostics : undefined;
    const monitoring = props.monitoring ?? fromContext;
    if (props.monitoring && props.monitoring.applicationInsightsConnectionString === undefined) {
      invalid(this, {
        field: "monitoring",
        rule: "has no Application Insights component (applicationInsights: false)",
        fix: "create the Monitoring with Application Insights, or pass applicationInsights: false to send no telemetry",
      });
    }
    if (!monitoring?.applicationInsightsConnectionString || !monitoring.applicationInsightsId) return undefined;
    return { connectionString: monitoring.applicationInsightsConnectionString, id: monitoring.applicationInsightsId, monitoring };
  }

  private createHostStorage(props: StorageAccountProps | undefined, integrated: boolean, deployerWrites: boolean): StorageAccount {
    // Without VNet integration the app reaches its storage from App Service's shared outbound
    // addresses, which a deny-by-default firewall would block; access still needs Entra ID.
    const reachable: StorageAccountProps = integrated ? {} : { publicNetworkAccess: true, firewallDefaultAction: "Allow", privateEndpoint: false };
    // A public deployer uploads the package through the firewall from its egress ranges.
    const deployer = deployerPosition(this);
    const admitted: StorageAccountProps =
      deployerWrites && deployer.network === "public" && deployer.egressIpRanges.length > 0
        ? { allowedIpRanges: [...(props?.allowedIpRanges ?? this.context.allowedIpRanges ?? []), ...deployer.egressIpRanges] }
        : {};
    const name = props?.name ?? this.nameFor("storageAccount", undefined);
    const replication = this.context.defaults.hostStorageReplication;
    const storage = new StorageAccount(this, "Storage", { replication, ...reachable, ...props, ...admitted, name });
    if (!integrated && props?.firewallDefaultAction === undefined) recordSuppression(storage, "AIC-ST-005", HOST_STORAGE_OPEN_REASON);
    if (storage.privateEndpoints.blob) {
      // The host also uses queues (blob triggers) and tables (diagnostic events).
      for (const subresource of ["queue", "table"] as const) {
        PrivateEndpoint.forResource(
          this,
          `StoragePrivateEndpoint${subresource[0].toUpperCase()}${subresource.slice(1)}`,
          { ownerName: name, resourceGroup: storage.resourceGroup, location: storage.location, targetResourceId: storage.id, subresource, tags: this.tags },
          props?.privateEndpoint,
        );
      }
    }
    return storage;
  }

  /** AzureWebJobsStorage through the app's identity, and the data roles the Functions host needs (returned). */
  private configureHostStorage(): RoleAssignment[] {
    if (this.plan === "FlexConsumption") {
      // azurerm 4.55 writes a keyless connection string into AzureWebJobsStorage for Flex apps
      // (azurerm #29149, #29693); an empty value makes the host use the identity-based settings.
      this.settings.set("AzureWebJobsStorage", "");
      this.settings.set("AzureWebJobsStorage__accountName", this.hostStorage.name);
    } else if (this.packageBlob && this.packageIdentity) {
      // The blob's URL: a new build is a new blob name, so the setting changes and the app restarts.
      this.settings.set("WEBSITE_RUN_FROM_PACKAGE", this.packageBlob.url);
      this.settings.set("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", this.packageIdentity.id);
    } else {
      this.settings.set("WEBSITE_RUN_FROM_PACKAGE", "1");
    }
    this.settings.set("AzureWebJobsStorage__credential", "managedidentity");
    this.recordCalls("host storage (AzureWebJobsStorage)", this.hostStorage, "blob");
    if (this.clientId !== undefined) this.settings.set("AzureWebJobsStorage__clientId", this.clientId);
    const grants = new Construct(this, "HostStorageAccess");
    return [BuiltInRole.storageBlobDataOwner, BuiltInRole.storageQueueDataContributor, BuiltInRole.storageTableDataContributor].map((role) =>
      grantRole(grants, this.hostStorage.id, role, this.principal),
    );
  }

  /** Named after the content hash, so a new build changes the setting and restarts the app. */
  private get packageBlobName(): string {
    return `${this.build.hash.slice(0, 32)}.zip`;
  }

  /**
   * `packageBlob`: the identity the platform reads the package with and the deployer's write
   * access, both on the package container, then (once they propagated) the upload.
   */
  private uploadPackage(container: string): { identity: UserAssignedIdentity; grant: RoleAssignment; blob: StorageBlob } {
    const containerResource = this.hostStorage.containers.get(container);
    const containerId = `${this.hostStorage.id}/blobServices/default/containers/${container}`;
    // A user-assigned identity exists before the app, so its read access can propagate before the
    // app first starts and mounts the package; a system identity can only be granted after the app
    // (Azure/azure-functions-dotnet-worker#801, from the Functions team). Learn: the identity needs
    // Storage Blob Data Reader (https://learn.microsoft.com/azure/app-service/deploy-run-package).
    const identity = new UserAssignedIdentity(this, "PackageIdentity", {
      name: this.nameFor("userAssignedIdentity", undefined, { qualifier: "package" }),
    });
    const readerGrant = this.hostStorage.grantBlobRead(identity, container);
    const grant = grantToDeployer(new Construct(this, "DeployerAccess"), containerId, BuiltInRole.storageBlobDataContributor);
    if (containerResource) addDependency(grant, containerResource);
    const wait = waitFor(this, "RolePropagation", {
      after: [grant, readerGrant],
      duration: ROLE_PROPAGATION,
      triggers: { deployer: grant.id, reader: readerGrant.id },
    });
    const source = Fn.abspath(this.asset.path);
    // azurerm authenticates the upload with Entra ID (the provider's storage_use_azuread); the
    // data_plane_available feature flag concerns azurerm_storage_account only
    // (@v4.55.0:website/docs/guides/features-block.html.markdown, internal/services/storage/client/data_plane.go).
    const blob = new StorageBlob(this, "Package", {
      name: this.packageBlobName,
      storageAccountName: this.hostStorage.name,
      storageContainerName: container,
      type: "Block",
      source,
      contentMd5: Fn.filemd5(source),
      contentType: "application/zip",
      dependsOn: [wait, ...(containerResource ? [containerResource] : [])],
      // The app moves to the new blob before the old one goes.
      lifecycle: { createBeforeDestroy: true },
    });
    const endpoint = this.hostStorage.blobEndpointNetwork();
    recordDeployTimeOperation(this, { resource: blob, operation: "upload the code package", targetId: containerId, grant, endpoint });
    return { identity, grant, blob };
  }

  /** The identity block with the package reader added to the app's own identities. */
  private withPackageIdentity(options: IdentityOptions | undefined, packageIdentity: UserAssignedIdentity): { type: string; identityIds?: string[] } {
    const userAssigned = [...(options?.userAssigned ?? []), packageIdentity];
    const block = identityBlock({ systemAssigned: options?.systemAssigned ?? true, userAssigned });
    return block ?? { type: "UserAssigned", identityIds: [packageIdentity.id] };
  }

  /**
   * `oneDeploy`: the deployer publishes the archive with the Azure CLI once its Website Contributor
   * role and the app's host-storage roles (the app writes the package to its deployment container)
   * propagated. azurerm 4.55 cannot: its zip_deploy_file posts to /api/zipdeploy (azurerm #29630).
   */
  private oneDeploy(hostGrants: RoleAssignment[]): { grant: RoleAssignment; deployment: DataResource } {
    const grant = grantToDeployer(new Construct(this, "DeployerAccess"), this.id, BuiltInRole.websiteContributor);
    const wait = waitFor(this, "RolePropagation", {
      after: [grant, ...hostGrants],
      duration: ROLE_PROPAGATION,
      triggers: { deployer: grant.id, host: hostGrants[0].id },
    });
    const command = oneDeployCommand({
      subscriptionId: clientConfig(this).subscriptionId,
      resourceGroupName: this.resourceGroup.name,
      appName: this.name,
      zipPath: Fn.abspath(this.asset.path),
    });
    const deployment = terraformData(this, "CodeDeployment", {
      // A new build, or a new app, publishes again.
      triggersReplace: { package: this.build.hash, app: this.id },
      // Marks the resource for policy rule AIC-DEP-001 (a deploy-time data-plane operation on the target).
      input: { deploy_time_operation: "publish the code package (one deploy)", target: this.id },
      provisioners: [{ type: "local-exec", command }],
      dependsOn: [wait],
    });
    const endpoint = this.scmEndpoint();
    recordDeployTimeOperation(this, { resource: deployment, operation: "publish the code package", targetId: this.id, grant, endpoint });
    return { grant, deployment };
  }

  /** The SCM (Kudu) site one deploy publishes to: the app's public access, its SCM firewall and the `sites` private endpoint. */
  private scmEndpoint(): EndpointNetwork {
    const siteConfig = this.resource.siteConfigInput as { scmIpRestrictionDefaultAction?: string } | undefined;
    const endpoint = endpointNetwork(`SCM endpoint of ${this.node.path}`, {
      publicNetworkAccess: this.resource.publicNetworkAccessEnabledInput,
      defaultAction: siteConfig?.scmIpRestrictionDefaultAction,
      ipRules: [],
      privateEndpoint: this.privateEndpoint !== undefined,
    });
    return { ...endpoint, privateEndpointResource: this.privateEndpoint?.resource };
  }

  private configureTelemetry(telemetry: FunctionAppTelemetryTarget & { monitoring?: Monitoring }): void {
    const clientId = this.clientId === undefined ? "" : `ClientId=${this.clientId};`;
    this.settings.set("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", `${clientId}Authorization=AAD`);
    if (telemetry.monitoring) telemetry.monitoring.grantMetricsPublisher(this.principal);
    else grantRole(new Construct(this, "ApplicationInsightsAccess"), telemetry.id, BuiltInRole.monitoringMetricsPublisher, this.principal);
  }

  /**
   * Allow rules for the listed ranges; Event Grid delivers to Event Grid triggers from its own
   * addresses, so its service tag is allowed too whenever the app denies by default.
   */
  private ipRestrictions(ranges: readonly string[], defaultAction: "Allow" | "Deny"): IpRestriction[] {
    const rules: IpRestriction[] = ranges.map((ipAddress, i) => ({ name: `allow-${i + 1}`, ipAddress, action: "Allow", priority: 100 + i }));
    const eventGridTriggered = this.registeredFunctions.some((f) => f.trigger === "eventGridTrigger");
    if (defaultAction === "Deny" && eventGridTriggered) rules.push({ name: "allow-event-grid", serviceTag: "AzureEventGrid", action: "Allow", priority: 100 + rules.length });
    return rules;
  }

  /** Every connection the bundle's bindings name must have app settings; runs at synth, after all connect* calls. */
  /**
   * VNet integration needs the subnet delegated to the plan's service: Flex Consumption runs on
   * Microsoft.App/environments (azurerm @v4.55.0:internal/services/appservice/function_app_flex_consumption_resource_test.go
   * delegates its subnet so; https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#virtual-network-integration),
   * the other plans on Microsoft.Web/serverFarms (https://learn.microsoft.com/azure/app-service/overview-vnet-integration#subnet-requirements).
   * Azure refuses another service's subnet at apply. A subnet with no delegation, or one outside this stack, is not checked.
   */
  private checkSubnetDelegation(subnetId: string): string[] {
    const delegations = subnetDelegations(this, subnetId);
    const needed = this.plan === "FlexConsumption" ? "Microsoft.App/environments" : "Microsoft.Web/serverFarms";
    if (!delegations || delegations.length === 0 || delegations.some((d) => d.toLowerCase() === needed.toLowerCase())) return [];
    return [
      new ValidationError(this.node.path, {
        field: "integrationSubnetId",
        rule: `names a subnet delegated to ${delegations.join(", ")}, but a ${this.plan} app integrates only with a subnet delegated to ${needed}`,
        fix: `pass a subnet delegated to ${needed} (Network subnets: { <key>: { addressPrefix, delegation: "${needed}" } }); `
          + "one subnet cannot serve both",
      }).message,
    ];
  }

  private checkConnections(): string[] {
    const defined = [...this.settings.names(), ...this.providerSettings];
    for (const fn of this.registeredFunctions) {
      for (const binding of fn.bindings) {
        for (const connection of binding.connections) {
          if (isConnectionDefined(connection, defined)) continue;
          invalid(this, {
            field: `function "${fn.name}" binding ${binding.type} connection`,
            value: connection,
            rule: `has no app setting "${connection}" or "${connection}__*"`,
            fix: connectionFix(binding, connection),
          });
        }
      }
    }
    return [];
  }
}

