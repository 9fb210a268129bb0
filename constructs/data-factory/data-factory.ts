import { Construct } from "constructs";
import { DataFactory as DataFactoryResource } from "@cdktf/provider-azurerm/lib/data-factory";
import { DataFactoryCustomDataset } from "@cdktf/provider-azurerm/lib/data-factory-custom-dataset";
import { DataFactoryIntegrationRuntimeAzure } from "@cdktf/provider-azurerm/lib/data-factory-integration-runtime-azure";
import { DataFactoryIntegrationRuntimeSelfHosted } from "@cdktf/provider-azurerm/lib/data-factory-integration-runtime-self-hosted";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ResolvedCustomerManagedKey, dependOnKey, resolveCustomerManagedKey, withKeyIdentity } from "../core/customer-managed-key";
import { invalid } from "../core/errors";
import { recordFlow } from "../core/flows";
import { IntegrationContext, IResourceGroup } from "../core/context";
import { Grantee, IPrincipal, Principal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { validateName } from "../core/naming";
import { PrivateEndpoint } from "../core/private-endpoint";
import { ResourceConstruct } from "../core/resource-construct";
import { resourceIdOf } from "../core/resource-id";
import { stackEncryptionKey } from "../key-vault";
import { DATA_FACTORY_TYPE, IDataFactory, ImportedDataFactory, grantDataFactoryContributor } from "./data-factory-ref";
import { DataFlow, DataFlowOptions, addDataFlow } from "./data-flow";
import * as datasets from "./datasets";
import type * as datasetOptions from "./dataset-options";
import { Dataset } from "./datasets";
import { FactoryEntities, FactoryEntity } from "./entities";
import { azureDevOpsBlock, checkOneRepository, gitHubBlock } from "./git";
import { globalParameterBlocks } from "./global-parameters";
import { DataFactoryHost, FactoryHost } from "./host";
import { DataFactoryProps } from "./props";
import { SelfHostedIntegrationRuntime, SelfHostedIntegrationRuntimeOptions, createManagedIntegrationRuntime } from "./integration-runtime";
import * as linked from "./linked-services";
import type { KeyVaultLinkedServiceOptions } from "./linked-service";
import type { RestLinkedServiceOptions } from "./linked-services-rest";
import type { AzureSqlDatabaseLinkedServiceOptions, SqlServerLinkedServiceOptions, SynapseLinkedServiceOptions } from "./linked-services-sql";
import type { BlobStorageLinkedServiceOptions, CosmosDbLinkedServiceOptions, DataLakeLinkedServiceOptions } from "./linked-services-storage";
import { LinkedService } from "./linked-services";
import { ManagedPrivateEndpointApproval } from "./managed-private-endpoint-approval";
import { ManagedPrivateEndpoint, ManagedPrivateEndpointOptions, ManagedPrivateEndpoints } from "./managed-private-endpoints";
import { Pipeline, PipelineOptions, addPipeline } from "./pipeline";
import * as triggers from "./triggers";
import { Trigger } from "./triggers";

// The construct reads as its steps: props, the entity builders' host and the Git check live in the files the imports name.
export type { IDataFactory } from "./data-factory-ref";
export type { DataFactoryProps } from "./props";

/**
 * An Azure Data Factory with a system-assigned identity, public network access off behind a private
 * endpoint (on without one, so self-hosted runtimes can connect), a managed virtual network and an
 * Azure integration runtime in it. Linked services authenticate with the factory's identity (the
 * grants on their targets are created with them) and reach Azure stores through managed private
 * endpoints; pipelines are checked against the factory before synthesis.
 * Every other L1 setting is reachable through {@link DataFactory.resource}.
 *
 * Create entities in dependency order: integration runtimes and linked services, then datasets,
 * data flows, pipelines and triggers. See README.md in this folder.
 */
export class DataFactory extends ResourceConstruct implements IDataFactory {
  public readonly resource: DataFactoryResource;
  public readonly id: string;
  public readonly name: string;
  /** The Azure integration runtime (in the managed VNet unless `managedVirtualNetwork: false`). */
  public readonly managedIntegrationRuntime: DataFactoryIntegrationRuntimeAzure;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  /** The factory's named entities (linked services, datasets, data flows, pipelines, triggers, ...). */
  public readonly entities: FactoryEntities;
  /** The key, identity and role that encrypt the factory; undefined with Microsoft-managed keys. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;

  private readonly identityOptions?: IdentityOptions;
  private readonly host: FactoryHost;
  private readonly managedPrivateEndpoints: ManagedPrivateEndpoints;
  private systemPrincipal?: IPrincipal;
  private readonly givenName: string;

  constructor(scope: Construct, id: string, props: DataFactoryProps = {}) {
    super(scope, id, props);
    checkOneRepository(this, props);
    const name = this.nameFor("dataFactory", props.name);
    this.givenName = name;
    const managedVirtualNetwork = props.managedVirtualNetwork ?? true;
    this.identityOptions = props.identity;
    this.entities = new FactoryEntities(this);
    this.customerManagedKey = resolveCustomerManagedKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-007",
      supported: true,
      defaultKey: () => stackEncryptionKey(this),
    });
    this.resource = this.createFactory(props, name, managedVirtualNetwork);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.managedIntegrationRuntime = this.createRuntime(props, managedVirtualNetwork);
    this.managedPrivateEndpoints = new ManagedPrivateEndpoints(this, this.entities, this.id, managedVirtualNetwork, {
      enabled: props.approveManagedPrivateEndpoints ?? true,
      factoryName: name,
      resourceGroupName: this.resourceGroup.name,
    });
    this.host = new DataFactoryHost(this, this.entities, this.managedPrivateEndpoints, () => this.linkedServicePrincipal());
    ({ privateEndpoint: this.privateEndpoint, diagnostics: this.diagnostics, lock: this.lock } = this.wireFactoryKit(props, name));
  }

  /** An existing data factory by resource id (a literal is checked now; a token is split at deploy time). */
  public static fromId(scope: Construct, id: string, resourceId: string): IDataFactory {
    return new ImportedDataFactory(scope, id, resourceId);
  }

  /** An existing data factory by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IDataFactory {
    validateName(scope, "dataFactory", name);
    return new ImportedDataFactory(scope, id, resourceIdOf(IntegrationContext.resourceGroup(scope, resourceGroup).id, DATA_FACTORY_TYPE, [name]));
  }

  public get resourceGroupName(): string {
    return this.resourceGroup.name;
  }

  private createFactory(props: DataFactoryProps, name: string, managedVirtualNetwork: boolean): DataFactoryResource {
    const cmk = this.customerManagedKey;
    const resource = new DataFactoryResource(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      identity: identityBlock(withKeyIdentity(props.identity, cmk)),
      customerManagedKeyId: cmk?.key.versionlessKeyId,
      customerManagedKeyIdentityId: cmk?.identity.id,
      managedVirtualNetworkEnabled: managedVirtualNetwork,
      githubConfiguration: gitHubBlock(this, props.githubConfiguration),
      vstsConfiguration: azureDevOpsBlock(this, props.vstsConfiguration),
      globalParameter: globalParameterBlocks(this, props.globalParameters),
      tags: this.tags,
    });
    dependOnKey(resource, cmk);
    return resource;
  }

  /** The Azure integration runtime, registered as the factory's first entity. */
  private createRuntime(props: DataFactoryProps, managedVirtualNetwork: boolean): DataFactoryIntegrationRuntimeAzure {
    const runtimeName = props.integrationRuntime?.name ?? "ir-managed-vnet";
    this.entities.claim("integrationRuntime", runtimeName);
    const runtime = createManagedIntegrationRuntime(this, this.id, this.location, managedVirtualNetwork, props.integrationRuntime ?? {});
    this.entities.add("integrationRuntime", new FactoryEntity(runtimeName, runtime));
    return runtime;
  }

  private wireFactoryKit(props: DataFactoryProps, name: string) {
    const kit = this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "dataFactory" }],
      networkAccess: (_, endpoint) => (this.resource.publicNetworkEnabled = this.publicNetworkAccess(props.publicNetworkAccess, endpoint)),
      // Data Factory writes resource-specific tables such as ADFActivityRun only with "Dedicated".
      diagnostics: [{ capabilities: { logAnalyticsDestinationType: "Dedicated" } }],
      dataStore: false,
    });
    return { privateEndpoint: kit.privateEndpoint, diagnostics: kit.diagnostics.Diagnostics, lock: kit.lock };
  }

  /**
   * Public access is off exactly when the factory has a private endpoint: a self-hosted runtime
   * reaches a factory with public access disabled only through that endpoint
   * (https://learn.microsoft.com/azure/data-factory/data-factory-private-link).
   */
  private publicNetworkAccess(requested: boolean | undefined, endpoint: PrivateEndpoint | undefined): boolean {
    if (requested === false && !endpoint) {
      invalid(this, {
        field: "publicNetworkAccess",
        value: false,
        rule:
          "leaves the factory without a way in: it has no private endpoint, and self-hosted runtimes and Studio " +
          "reach a private factory only through one",
        fix:
          "give it a private endpoint (an IntegrationContext network or privateEndpoint: { subnetId }), or leave " +
          "publicNetworkAccess unset; if your endpoint is created elsewhere, " +
          "set factory.resource.publicNetworkEnabled = false",
      });
    }
    return requested ?? !endpoint;
  }

  /**
   * The factory's identity, to grant roles to: the system-assigned one, else the first
   * user-assigned one (the principal rule). Linked services always use the system-assigned one.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  /** The system-assigned identity linked services authenticate with ("managed identity" in Data Factory's terms). */
  private linkedServicePrincipal(): IPrincipal {
    if (!(this.identityOptions?.systemAssigned ?? true)) {
      invalid(this, {
        field: "identity.systemAssigned",
        value: false,
        rule: "is off, but linked services authenticate with the factory's system-assigned identity",
        fix: "leave identity.systemAssigned on (user-assigned identities can be added next to it)",
      });
    }
    this.systemPrincipal ??= Principal.ofConstruct(this, this.resource.identity.principalId);
    return this.systemPrincipal;
  }

  /**
   * The database user name SQL grants use (`CREATE USER [<name>] FROM EXTERNAL PROVIDER`): the system-assigned identity's
   * display name, which is the factory's name as given or derived at synth ({@link name} references the resource).
   */
  public get sqlPrincipalName(): string {
    return this.givenName;
  }

  /** The deploy-time approval of the managed private endpoints' connections; undefined without approvable endpoints. */
  public get managedPrivateEndpointApproval(): ManagedPrivateEndpointApproval | undefined {
    return this.managedPrivateEndpoints.approval;
  }

  /** Linked services by name. */
  public get linkedServices(): ReadonlyMap<string, LinkedService> {
    return this.entities.all("linkedService");
  }

  /** Datasets by name. */
  public get datasets(): ReadonlyMap<string, Dataset> {
    return this.entities.all("dataset");
  }

  /** Pipelines by name. */
  public get pipelines(): ReadonlyMap<string, Pipeline> {
    return this.entities.all("pipeline");
  }

  /** Manage the factory and its entities (Data Factory Contributor), e.g. for a release pipeline. */
  public grantContributor(grantee: Grantee): RoleAssignment {
    return grantDataFactoryContributor(this, this.id, grantee);
  }

  /**
   * A managed private endpoint from the managed VNet to a store's sub-resource (e.g. `blob`,
   * `dfs`, `sqlServer`, `Sql`, `vault`). The factory approves the connection during deploy when the
   * target's type is known (`options.targetType` or a literal id); linked services create theirs.
   */
  public addManagedPrivateEndpoint(
    name: string,
    targetResourceId: string,
    subresourceName: string,
    options?: ManagedPrivateEndpointOptions,
  ): ManagedPrivateEndpoint {
    return this.managedPrivateEndpoints.add(name, targetResourceId, subresourceName, options);
  }

  /** A self-hosted integration runtime for on-premises sources (registration: README.md). */
  public addSelfHostedIntegrationRuntime(name: string, options: SelfHostedIntegrationRuntimeOptions = {}): SelfHostedIntegrationRuntime {
    this.entities.claim("integrationRuntime", name);
    const resource = new DataFactoryIntegrationRuntimeSelfHosted(this, `SelfHostedIntegrationRuntime-${name}`, {
      name,
      dataFactoryId: this.id,
      description: options.description,
    });
    // Nodes register with and take commands from the factory's endpoint; with public access off only
    // the private endpoint is left (learn.microsoft.com/azure/data-factory/data-factory-private-link).
    const purpose = "self-hosted runtime nodes connect to the factory";
    recordFlow(resource, { caller: { runsIn: "on-premises", resource }, target: this.resource, endpoint: "dataFactory", purpose });
    return this.entities.add("integrationRuntime", new SelfHostedIntegrationRuntime(name, resource, this));
  }

  /** On-premises SQL Server through a self-hosted runtime; the password comes from Key Vault. */
  public addSqlServerLinkedService(name: string, options: SqlServerLinkedServiceOptions): LinkedService<"SqlServer"> {
    return linked.addSqlServerLinkedService(this.host, name, options);
  }

  /** Azure SQL Database with the factory's managed identity (create its database user: README.md). */
  public addAzureSqlDatabaseLinkedService(name: string, options: AzureSqlDatabaseLinkedServiceOptions): LinkedService<"AzureSqlDatabase"> {
    return linked.addAzureSqlDatabaseLinkedService(this.host, name, options);
  }

  /** Data Lake Storage Gen2 with the factory's managed identity; grants Storage Blob Data Contributor (or Reader). */
  public addDataLakeLinkedService(name: string, options: DataLakeLinkedServiceOptions): LinkedService<"AzureBlobFS"> {
    return linked.addDataLakeLinkedService(this.host, name, options);
  }

  /**
   * A storage account's Blob service with the factory's managed identity (`service_endpoint` +
   * `use_managed_identity`, no key or SAS); grants Storage Blob Data Contributor (or Reader) and, in a
   * managed VNet, a managed private endpoint for `blob`.
   */
  public addBlobStorageLinkedService(name: string, options: BlobStorageLinkedServiceOptions): LinkedService<"AzureBlobStorage"> {
    return linked.addBlobStorageLinkedService(this.host, name, options);
  }

  /** A Synapse dedicated SQL pool with the factory's managed identity (create its database user: README.md). */
  public addSynapseLinkedService(name: string, options: SynapseLinkedServiceOptions): LinkedService<"AzureSqlDW"> {
    return linked.addSynapseLinkedService(this.host, name, options);
  }

  /** Cosmos DB for NoSQL with the factory's managed identity; grants the built-in data role on the database. */
  public addCosmosDbLinkedService(name: string, options: CosmosDbLinkedServiceOptions): LinkedService<"CosmosDb"> {
    return linked.addCosmosDbLinkedService(this.host, name, options);
  }

  /** A REST API, with the factory's managed identity or anonymous. */
  public addRestLinkedService(name: string, options: RestLinkedServiceOptions): LinkedService<"RestService"> {
    return linked.addRestLinkedService(this.host, name, options);
  }

  /** Key Vault for secrets of other linked services; grants Key Vault Secrets User. */
  public addKeyVaultLinkedService(name: string, options: KeyVaultLinkedServiceOptions): LinkedService<"AzureKeyVault"> {
    return linked.addKeyVaultLinkedService(this.host, name, options);
  }

  /** A table of an on-premises SQL Server. */
  public addSqlServerTableDataset(name: string, options: datasetOptions.SqlServerTableDatasetOptions): Dataset<"SqlServerTable"> {
    return datasets.addSqlServerTableDataset(this.host, name, options);
  }

  /** A table of an Azure SQL Database. */
  public addAzureSqlTableDataset(name: string, options: datasetOptions.AzureSqlTableDatasetOptions): Dataset<"AzureSqlTable"> {
    return datasets.addAzureSqlTableDataset(this.host, name, options);
  }

  /** A table of a Synapse dedicated SQL pool. */
  public addSynapseTableDataset(name: string, options: datasetOptions.SynapseTableDatasetOptions): Dataset<"AzureSqlDWTable"> {
    return datasets.addSynapseTableDataset(this.host, name, options);
  }

  /** Parquet files in a Data Lake. */
  public addParquetDataset(name: string, options: datasetOptions.ParquetDatasetOptions): Dataset<"Parquet"> {
    return datasets.addParquetDataset(this.host, name, options);
  }

  /** CSV (delimited text) files in a Data Lake. */
  public addDelimitedTextDataset(name: string, options: datasetOptions.DelimitedTextDatasetOptions): Dataset<"DelimitedText"> {
    return datasets.addDelimitedTextDataset(this.host, name, options);
  }

  /** JSON files in a Data Lake. */
  public addJsonDataset(name: string, options: datasetOptions.JsonDatasetOptions): Dataset<"Json"> {
    return datasets.addJsonDataset(this.host, name, options);
  }

  /** A Cosmos DB for NoSQL container. */
  public addCosmosContainerDataset(name: string, options: datasetOptions.CosmosContainerDatasetOptions): Dataset<"CosmosDbSqlApiCollection"> {
    return datasets.addCosmosContainerDataset(this.host, name, options);
  }

  /** A REST resource of a REST linked service (a custom `RestResource` dataset: azurerm has no REST dataset). */
  public addRestResourceDataset(name: string, options: datasetOptions.RestResourceDatasetOptions): FactoryEntity<DataFactoryCustomDataset> {
    return datasets.addRestResourceDataset(this.host, name, options);
  }

  /** A mapping data flow; its sources, sinks and transformations must match its script. */
  public addDataFlow(name: string, options: DataFlowOptions): DataFlow {
    return addDataFlow(this.host, name, options);
  }

  /** A pipeline from typed activities or a JSON file, checked against this factory. */
  public addPipeline(name: string, options: PipelineOptions): Pipeline {
    return addPipeline(this.host, name, options);
  }

  /** Starts a pipeline on a wall-clock schedule. */
  public addScheduleTrigger(name: string, options: triggers.ScheduleTriggerOptions): Trigger {
    return triggers.addScheduleTrigger(this.host, name, options);
  }

  /** Starts a pipeline for each fixed, contiguous time window from a literal start time (with backfill). */
  public addTumblingWindowTrigger(name: string, options: triggers.TumblingWindowTriggerOptions): Trigger {
    return triggers.addTumblingWindowTrigger(this.host, name, options);
  }

  /** Starts a pipeline when blobs are created or deleted (needs the Microsoft.EventGrid provider registered). */
  public addBlobEventTrigger(name: string, options: triggers.BlobEventTriggerOptions): Trigger {
    return triggers.addBlobEventTrigger(this.host, name, options);
  }
}
