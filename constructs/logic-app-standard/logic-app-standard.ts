import { Construct } from "constructs";
import { LogicAppStandard as LogicAppStandardResource } from "@cdktf/provider-azurerm/lib/logic-app-standard";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { ServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
import { addDependency } from "../core/depends-on";
import { deployerPosition } from "../core/deployer";
import { ValidationError, invalid } from "../core/errors";
import { FlowTarget, recordFlow } from "../core/flows";
import { BuiltInRole, grantRole } from "../core/grants";
import { UserAssignedIdentity, identityPrincipal } from "../core/identity";
import { NetworkAccessOptions, resolveNetworkAccess } from "../core/network-access";
import { PrivateEndpoint, PrivateEndpointOptions } from "../core/private-endpoint";
import { KitProps } from "../core/resource-construct";
import { ResolvedTelemetry, TelemetryProps, resolveTelemetry } from "../monitoring";
import { StorageAccountProps } from "../storage";
import { AppSettings } from "../core/app-settings";
import { LOGIC_APP_STANDARD_SETTINGS } from "./app-settings";
import { LogicAppStandardConnections } from "./connect";
import { connectionProblems } from "./connections";
import { PackageDeployment, addPackageDeployment } from "./deployment";
import { HostStorage, createHostStorage } from "./host-storage";
import { WorkflowPackage, buildPackage } from "./package";
import { WorkflowStandardSku, resolvePlanCapacity } from "./plan";
import { SiteInput, resolveIdentity, standardSite } from "./site";
import { CheckedWorkflow, StandardWorkflowOptions, checkWorkflow } from "./workflows";

/**
 * The kit without `customerManagedKey`, as a Standard logic app has it: built-in connections use
 * the system-assigned identity, and the app always adds one user-assigned identity for the
 * package; diagnostics send logs (WorkflowRuntime among them) and metrics; the private endpoint is
 * the `sites` sub-resource. The lock is off by default: an app is workflows and settings,
 * redeployed from code (its host storage is locked like every data store).
 */
export interface LogicAppStandardProps extends Omit<KitProps, "customerManagedKey">, NetworkAccessOptions, TelemetryProps {
  /** Workflows by name (their folder in the project). More with {@link LogicAppStandard.addWorkflow}. @default none */
  readonly workflows?: Readonly<Record<string, StandardWorkflowOptions>>;
  /** Workflow Standard plan SKU. @default "WS1" */
  readonly sku?: WorkflowStandardSku;
  /** Spread instances across availability zones (only at creation, in zonal regions). @default the profile's zoneRedundancy (prod on) */
  readonly zoneRedundant?: boolean;
  /** Always-ready instances (at least 2 when zone-redundant). @default 3 when zone-redundant, else 1 */
  readonly minimumInstances?: number;
  /** Elastic scale-out limit. @default 20 (or minimumInstances if higher) */
  readonly maximumInstances?: number;
  /**
   * Subnet delegated to `Microsoft.Web/serverFarms` for regional VNet integration; `false` opts
   * out (the host storage then keeps public endpoints).
   * @default the IntegrationContext network's integrationSubnetId
   */
  readonly integrationSubnetId?: string | false;
  /** Extra app settings (no secrets: use Key Vault references). @default none */
  readonly appSettings?: Readonly<Record<string, string>>;
  /** Props of the dedicated host storage account, over the app's defaults. @default the StorageAccount defaults, named after the app */
  readonly storageAccountProps?: StorageAccountProps;
}

/**
 * A single-tenant (Standard) logic app on a Workflow Standard plan: the private integration path.
 * Workflows come from the designer's JSON (checked at synth like LogicAppWorkflow's), packaged as
 * a Standard project and deployed inside `cdktf deploy`; built-in connections reach Service Bus,
 * SQL, Cosmos DB and Storage with the app's managed identity, through private endpoints when the
 * app is VNet-integrated. azurerm 4.55 needs a storage key for the host storage: see README.md for
 * how that account is kept private. Every L1 setting is reachable through {@link resource}.
 */
export class LogicAppStandard extends LogicAppStandardConnections {
  public readonly resource: LogicAppStandardResource;
  public readonly servicePlan: ServicePlan;
  public readonly id: string;
  public readonly name: string;
  /** e.g. `logic-x.azurewebsites.net`. */
  public readonly defaultHostname: string;
  public readonly sku: WorkflowStandardSku;
  public readonly zoneRedundant: boolean;
  /** The dedicated host storage: account, content share, package container, private endpoints. */
  public readonly hostStorage: HostStorage;
  /** The identity the app reads its workflow package with. */
  public readonly packageIdentity: UserAssignedIdentity;
  /** The package upload and the roles around it. */
  public readonly deployment: PackageDeployment;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;

  private readonly workflowMap = new Map<string, CheckedWorkflow>();
  private built?: WorkflowPackage;

  constructor(scope: Construct, id: string, props: LogicAppStandardProps = {}) {
    super(scope, id, props);
    const capacity = resolvePlanCapacity(this, { ...props, profileZoneRedundancy: this.context.defaults.zoneRedundancy });
    this.sku = capacity.sku;
    this.zoneRedundant = capacity.zoneRedundant;
    const integrationSubnetId = this.resolveIntegrationSubnet(props.integrationSubnetId);
    this.checkPrivateEndpointOption(props.privateEndpoint);
    const telemetry = resolveTelemetry(this, props, this.context.diagnostics);
    const identity = resolveIdentity(this, props.identity);
    this.packageIdentity = identity.packageIdentity;
    const name = this.nameFor("logicAppStandard", props.name);
    const deployer = deployerPosition(this);

    const storageName = props.storageAccountProps?.name ?? this.nameFor("storageAccount", undefined);
    this.hostStorage = createHostStorage(this, {
      name: storageName,
      props: props.storageAccountProps,
      integrationSubnetId,
      deployer,
      tags: this.tags,
    });
    this.servicePlan = this.createPlan(capacity);
    this.deployment = addPackageDeployment(this, {
      storage: this.hostStorage.account,
      container: this.hostStorage.packageContainer,
      reader: this.packageIdentity,
      build: () => this.package,
    });
    this.resource = this.createSite(props, name, integrationSubnetId, identity.block);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.defaultHostname = this.resource.defaultHostname;
    this.principalName = name;
    this.systemAssigned = identity.systemAssigned;
    this.appPrincipal = identityPrincipal(this, identity.identities, () => this.resource.identity.principalId);
    this.settings = this.createSettings(props, identity.systemAssigned, telemetry);

    ({ privateEndpoint: this.privateEndpoint, diagnostics: this.diagnostics, lock: this.lock } = this.wireAppKit(props, name));
    for (const [workflow, options] of Object.entries(props.workflows ?? {})) this.addWorkflow(workflow, options);
    this.node.addValidation({ validate: () => this.problems() });
  }

  public get resourceGroupName(): string {
    return this.resourceGroup.name;
  }

  /** The workflows, by name. */
  public get workflows(): ReadonlyMap<string, CheckedWorkflow> {
    return this.workflowMap;
  }

  /** The app settings as synthesized (connections, package, telemetry, parameters, yours). */
  public get appSettings(): Readonly<Record<string, string>> {
    return this.settings.toRecord();
  }

  /** Adds an app setting (no secrets: use a Key Vault reference). Settings the construct manages are refused. */
  public addAppSetting(name: string, value: string): void {
    this.settings.addUserSetting(name, value);
  }

  /** Adds a workflow from the designer's JSON, checked now; its ServiceProvider operations are checked against the connections at synth. */
  public addWorkflow(name: string, options: StandardWorkflowOptions): CheckedWorkflow {
    this.assertOpen(`workflow "${name}"`);
    if (this.workflowMap.has(name)) {
      invalid(this, { field: "workflow name", value: name, rule: "is already a workflow of this app", fix: "give each workflow its own name" });
    }
    const workflow = checkWorkflow(this, name, options);
    for (const p of workflow.parameters.values()) if (p.appSetting) this.settings.set(p.appSetting.name, p.appSetting.value);
    this.workflowMap.set(name, workflow);
    return workflow;
  }

  /** The deployable project (built on first use, during synthesis; nothing can be added after). */
  public get package(): WorkflowPackage {
    this.built ??= buildPackage(this, [...this.workflowMap.values()], this.connectionMap.values());
    return this.built;
  }

  protected assertOpen(what: string): void {
    if (!this.built) return;
    invalid(this, {
      field: what,
      rule: "is added after the workflow package was built (synthesis has started)",
      fix: "add workflows and connections before synthesis",
    });
  }

  protected recordCall(connection: string, target: FlowTarget, endpoint?: string): void {
    // "multi-tenant" until the policy pack reads the app's virtual_network_subnet_id from the synthesized JSON.
    recordFlow(this, { caller: { runsIn: "multi-tenant", resource: this.resource }, target, endpoint, purpose: `built-in connection ${connection}` });
  }

  private createPlan(capacity: ReturnType<typeof resolvePlanCapacity>): ServicePlan {
    return new ServicePlan(this, "Plan", {
      name: this.nameFor("appServicePlan", undefined),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      // Bundle-based Standard apps run on Windows Workflow Standard plans (Linux is container mode only).
      osType: "Windows",
      skuName: capacity.sku,
      workerCount: capacity.minimum,
      maximumElasticWorkerCount: capacity.maximum,
      zoneBalancingEnabled: capacity.zoneRedundant,
      tags: this.tags,
    });
  }

  private createSite(props: LogicAppStandardProps, name: string, integrationSubnetId: string | undefined, identity: SiteInput["identity"]) {
    const ranges = resolveNetworkAccess(this.context, props, false).ipRules;
    const resource = standardSite(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      servicePlanId: this.servicePlan.id,
      storageAccountName: this.hostStorage.account.name,
      storageAccountAccessKey: this.hostStorage.account.resource.primaryAccessKey,
      contentShareName: this.hostStorage.share.name,
      integrationSubnetId,
      ipRestrictions: ranges.map((ipAddress, i) => ({ name: `allow-${i + 1}`, ipAddress, action: "Allow", priority: 100 + i })),
      identity,
      tags: this.tags,
    });
    // The app must find its content share, its private endpoints and its package role in place when it first starts.
    addDependency(resource, this.hostStorage.share, this.deployment.readerAccess, ...this.hostStorage.privateEndpoints.map((p) => p.resource));
    if (this.hostStorage.account.privateEndpoints.blob) addDependency(resource, this.hostStorage.account.privateEndpoints.blob.resource);
    return resource;
  }

  /** The runtime, package and telemetry settings (with the telemetry role), then the user's. */
  private createSettings(props: LogicAppStandardProps, systemAssigned: boolean, telemetry: ResolvedTelemetry | undefined): AppSettings {
    const resource = this.resource;
    const settings = new AppSettings(this, LOGIC_APP_STANDARD_SETTINGS, (values) => {
      resource.appSettings = values;
    });
    // Logic Apps' .NET 8 host requires it (Azure/logicapps#1357, the Logic Apps team's incident summary).
    settings.set("FUNCTIONS_WORKER_RUNTIME", "dotnet");
    settings.set("WEBSITE_RUN_FROM_PACKAGE", this.deployment.blob.url);
    settings.set("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", this.packageIdentity.id);
    if (telemetry) {
      // Entra-authenticated ingestion as the FunctionApp does; unverified for the Logic Apps runtime.
      settings.set("APPLICATIONINSIGHTS_CONNECTION_STRING", telemetry.connectionString);
      const clientId = systemAssigned ? "" : `ClientId=${this.packageIdentity.clientId};`;
      settings.set("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", `${clientId}Authorization=AAD`);
      if (telemetry.monitoring) telemetry.monitoring.grantMetricsPublisher(this.principal);
      else grantRole(new Construct(this, "ApplicationInsightsAccess"), telemetry.id, BuiltInRole.monitoringMetricsPublisher, this.principal);
    }
    for (const [key, value] of Object.entries(props.appSettings ?? {})) settings.addUserSetting(key, value);
    return settings;
  }

  private wireAppKit(props: LogicAppStandardProps, name: string) {
    const kit = this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "sites" }],
      // Public access is off once the app has a private endpoint, unless publicNetworkAccess says otherwise.
      networkAccess: (access) => (this.resource.publicNetworkAccess = access.publicNetworkAccessEnabled ? "Enabled" : "Disabled"),
      dataStore: false,
    });
    return { privateEndpoint: kit.privateEndpoint, diagnostics: kit.diagnostics.Diagnostics, lock: kit.lock };
  }

  private problems(): string[] {
    const messages: string[] = [];
    if (this.workflowMap.size === 0) {
      messages.push(
        new ValidationError(this.node.path, {
          field: "workflows",
          rule: "are empty: the app would run nothing",
          fix: "pass workflows or call addWorkflow",
        }).message,
      );
    }
    for (const w of this.workflowMap.values()) {
      for (const p of connectionProblems(w.name, w.source, w.serviceProviders, this.connectionMap))
        messages.push(new ValidationError(this.node.path, p).message);
    }
    return messages;
  }

  private resolveIntegrationSubnet(wanted: string | false | undefined): string | undefined {
    if (wanted === false) return undefined;
    if (wanted !== undefined) return wanted;
    const network = this.context.network;
    if (network && network.integrationSubnetId === undefined) {
      invalid(this, {
        field: "integrationSubnetId",
        rule:
          "is not set, and in the IntegrationContext's private network the app needs a subnet delegated to " +
          "Microsoft.Web/serverFarms to reach its private host storage",
        fix: "pass integrationSubnetId, or integrationSubnetId: false to keep the host storage on public endpoints",
      });
    }
    return network?.integrationSubnetId;
  }

  private checkPrivateEndpointOption(option: PrivateEndpointOptions | false | undefined): void {
    if (option === false || option === undefined || option.subnetId !== undefined || this.context.network) return;
    invalid(this, {
      field: "privateEndpoint",
      value: option,
      rule: "asks for a private endpoint, but names no subnetId and no IntegrationContext network provides one",
      fix: "pass privateEndpoint: { subnetId }, set the IntegrationContext network (the prod profile has one), or leave privateEndpoint out",
    });
  }
}
