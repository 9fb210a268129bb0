import * as fs from "fs";
import { Construct } from "constructs";
import { Annotations, TerraformOutput } from "cdktf";
import { DataFactoryCustomDataset } from "@cdktf/provider-azurerm/lib/data-factory-custom-dataset";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import {
  BuiltInRole,
  DisasterRecoveryOptions,
  IPrincipal,
  IntegrationContext,
  deployerOf,
  deployerPosition,
  invalid,
  isUnresolved,
  resolveDisasterRecovery,
  withCosmosFailover,
  withGeoBackups,
  withGeoRedundantStorage,
} from "../../constructs/core";
import { Alerts, AlertsProps } from "../../constructs/monitoring";
import { CosmosDbAccount, CosmosDbAccountProps, CosmosDbSqlContainer, CosmosDbSqlDatabase, CosmosDbThroughputOptions } from "../../constructs/cosmos-db";
import {
  DataFactory,
  DataFactoryProps,
  DataFlow,
  Dataset,
  FactoryEntity,
  LinkedService,
  Pipeline,
  SelfHostedIntegrationRuntime,
  Trigger,
} from "../../constructs/data-factory";
import { KeyVault, KeyVaultProps } from "../../constructs/key-vault";
import { EntraAdministrator, SqlDatabase, SqlDatabaseProps, SqlDeployScript } from "../../constructs/sql";
import { StorageAccount, StorageAccountProps } from "../../constructs/storage";
import { DedicatedSqlPool, SqlPoolSku, SynapseWorkspace, SynapseWorkspaceProps } from "../../constructs/synapse";
import { dataFlowOptions, readDataFlowFile } from "./data-flow-file";
import { synapseGrantScript } from "./synapse-grants";
import { CONTROL_SCHEMA_FILE, DATA_FLOW_FILE, ENTITY_NAMES, LAKE_LAYOUT, PIPELINE_FILES, TABLES } from "./workloads";

/** The on-premises SQL Server the self-hosted integration runtime reaches. */
export interface OnPremisesSqlServerProps {
  /** Host name, `host\instance` or `host,port`, as the runtime's machine resolves it. */
  readonly server: string;
  readonly database: string;
  /** SQL login (or `DOMAIN\user` with `windowsAuthentication`) with read access to the tables to load. */
  readonly userName: string;
  /**
   * Name of the Key Vault secret holding the password. The pattern creates no secret: an operator
   * sets it once (`az keyvault secret set`), so the password never enters Terraform.
   * @default "onprem-sql-password"
   */
  readonly passwordSecretName?: string;
  /** Windows authentication instead of a SQL login. @default false */
  readonly windowsAuthentication?: boolean;
}

/** A REST API whose customer changes are pulled window by window (tumbling window trigger). */
export interface RestApiSourceProps {
  /** Base URL, https, e.g. `https://api.example.com`. */
  readonly url: string;
  /**
   * App ID URI or client id of the API: the factory's managed identity requests a token for it.
   * @default none: anonymous
   */
  readonly aadResourceId?: string;
  /** Path of the changes resource, called as `<path>?modifiedFrom=<start>&modifiedTo=<end>`. @default "customers" */
  readonly resourcePath?: string;
  /**
   * Start of the first window: a literal ISO 8601 UTC timestamp (e.g. the go-live date). Windows
   * between it and the deployment are backfilled; a change re-creates the trigger.
   */
  readonly windowStartTime: string;
  /** Window length in hours. @default 24 */
  readonly windowHours?: number;
}

/** A Synapse dedicated SQL pool that `load-synapse` fills (billed while running). */
export interface DataPipelineSqlPoolProps {
  /** @default "dw" */
  readonly name?: string;
  /** @default "DW100c" */
  readonly sku?: SqlPoolSku;
}

export interface DataPipelineProps {
  /**
   * The Entra group (or user) that administers the control database and Synapse; no SQL passwords exist.
   * @default the principal running Terraform (see `SqlDatabaseProps.administrator`)
   */
  readonly administrator?: EntraAdministrator;
  /** The on-premises SQL Server to ingest from, through the self-hosted integration runtime. */
  readonly onPremises: OnPremisesSqlServerProps;
  /** A REST API to pull changes from. @default none: no REST linked service, `ingest-api` pipeline or tumbling window trigger */
  readonly api?: RestApiSourceProps;
  /** https URL the `daily` pipeline POSTs to when a step fails (e.g. a Logic App or Teams webhook). @default none: the notification step fails and the run fails anyway */
  readonly notificationUrl?: string;
  /** When the `daily` pipeline runs, in UTC. @default { hours: 2, minutes: 0 } */
  readonly dailyRunAt?: { readonly hours: number; readonly minutes: number };
  /** A dedicated SQL pool for `load-synapse`. @default none (cost): `daily` skips the Synapse load; query the lake with serverless SQL */
  readonly dedicatedSqlPool?: DataPipelineSqlPoolProps;
  /** An existing Data Lake Gen2 account (`dataLake: true`); `raw` and `curated` are added when missing. Not with `dataLakeProps`. @default a new account */
  readonly existingDataLake?: StorageAccount;
  /** Props of the new Data Lake account (`dataLake` is forced on, `raw` and `curated` added). Not with `existingDataLake`. @default the StorageAccount defaults */
  readonly dataLakeProps?: StorageAccountProps;
  /** An existing Key Vault for the on-premises password. Not with `keyVaultProps`. @default a new vault */
  readonly existingKeyVault?: KeyVault;
  /**
   * Props of the new Key Vault. Not with `existingKeyVault`.
   * @default the KeyVault defaults, its firewall also admitting a public deployer's `egressIpRanges`
   */
  readonly keyVaultProps?: KeyVaultProps;
  /**
   * Who sets the on-premises password in the vault after deploy: granted Key Vault Secrets Officer
   * on it. Pass the operators' group when the deployer is a pipeline identity; `[]` grants nobody.
   * @default the deployer (the environment's `deployer.objectId`, else the principal Terraform runs as)
   */
  readonly passwordSetters?: readonly IPrincipal[];
  /**
   * Create the factory's database user and the control table during `terraform apply` (sqlcmd as
   * the deploying principal, which must be the control server's Entra administrator).
   * @default true when the deployer can reach the new control server; otherwise the scripts are
   * only rendered (`controlDatabaseSetupScript()`) and a synth warning names the fix
   */
  readonly sqlSetupAtDeploy?: boolean;
  /** An existing control database (holds `etl.TablesToLoad`). Not with `controlDatabaseProps`. @default a new database */
  readonly existingControlDatabase?: SqlDatabase;
  /** Props of the new control database; its administrator is `administrator`. Not with `existingControlDatabase`. @default the SqlDatabase defaults */
  readonly controlDatabaseProps?: Omit<SqlDatabaseProps, "administrator">;
  /** Props of the factory. The managed integration runtime must keep its default name (the workloads refer to it). @default the DataFactory defaults */
  readonly dataFactoryProps?: DataFactoryProps;
  /** Props of the Cosmos DB account. @default the CosmosDbAccount defaults */
  readonly cosmosDbProps?: CosmosDbAccountProps;
  /** Cosmos DB database holding `customer-profiles`. @default "customers" */
  readonly cosmosDatabaseName?: string;
  /** Throughput of the Cosmos DB database, shared by its containers. @default { autoscaleMaxThroughput: 1000 } */
  readonly cosmosThroughput?: CosmosDbThroughputOptions;
  /** Props of the Synapse workspace (its default storage is the Data Lake). @default the SynapseWorkspace defaults */
  readonly synapseProps?: Omit<SynapseWorkspaceProps, "dataLake" | "administrator">;
  /** Prefix of the Terraform outputs `<prefix>-ir-key` (sensitive) and `<prefix>-grant-script`. @default "data-pipeline" */
  readonly outputPrefix?: string;
  /**
   * Alerts on the pattern's failure signals (see the README's "Alerts"), to `actionGroupId`; `false` creates none.
   * @default on, with the default thresholds, notifying nobody until an action group is given
   */
  readonly alerts?: AlertsProps | false;
  /**
   * A second region for the stateful parts (see the README's "Disaster recovery"): the Cosmos DB
   * account's failover region with automatic failover, GZRS for the lake, and geo-redundant backups
   * of the control database (geo-restore). Existing resources are left to their owner; Data Factory,
   * Synapse and the self-hosted runtime stay in one region.
   * @default off
   */
  readonly disasterRecovery?: DisasterRecoveryOptions;
}

/** The linked services the workloads name. */
export interface DataPipelineLinkedServices {
  readonly keyVault: LinkedService<"AzureKeyVault">;
  readonly onPremSql: LinkedService<"SqlServer">;
  readonly controlDb: LinkedService<"AzureSqlDatabase">;
  readonly dataLake: LinkedService<"AzureBlobFS">;
  readonly synapse: LinkedService<"AzureSqlDW">;
  readonly cosmosDb: LinkedService<"CosmosDb">;
  /** Present with `api`. */
  readonly api?: LinkedService<"RestService">;
}

/** The datasets the workloads name. */
export interface DataPipelineDatasets {
  readonly controlTable: Dataset<"AzureSqlTable">;
  readonly onPremTable: Dataset<"SqlServerTable">;
  readonly rawTable: Dataset<"Parquet">;
  readonly rawCustomers: Dataset<"Parquet">;
  readonly apiDrops: Dataset<"Json">;
  readonly curatedCustomers: Dataset<"Parquet">;
  readonly customerProfiles: Dataset<"CosmosDbSqlApiCollection">;
  readonly synapseCustomers: Dataset<"AzureSqlDWTable">;
  /** Present with `api`. */
  readonly apiDropFile?: Dataset<"Json">;
  /** The REST resource (a custom `RestResource` dataset); present with `api`. */
  readonly apiCustomers?: FactoryEntity<DataFactoryCustomDataset>;
}

export interface DataPipelinePipelines {
  readonly ingestOnPrem: Pipeline;
  readonly curate: Pipeline;
  readonly loadSynapse: Pipeline;
  readonly daily: Pipeline;
  /** Present with `api`. */
  readonly ingestApi?: Pipeline;
}

export interface DataPipelineTriggers {
  /** `daily` every day at `dailyRunAt` UTC. */
  readonly daily: Trigger;
  /** `curate` when a `.json` file lands in `raw/api-drops/`. */
  readonly apiDrops: Trigger;
  /** `ingest-api` for each window from `api.windowStartTime`; present with `api`. */
  readonly apiWindow?: Trigger;
}

/**
 * Data pipeline: an on-premises SQL Server (through a self-hosted integration runtime), a cloud
 * control database and a REST API feed a Data Factory whose pipelines land raw Parquet in a Data
 * Lake, curate it with a mapping data flow, and serve it to Cosmos DB and Synapse Analytics.
 *
 * The factory's managed identity is granted the lake (Storage Blob Data Contributor), the Key Vault
 * (Key Vault Secrets User) and the Cosmos DB database (Built-in Data Contributor) by its linked
 * services; SQL access is T-SQL ({@link grantScript}), run during apply with the control table
 * when the deployer can reach the server ({@link controlDatabaseSetup}), and the managed private
 * endpoints are approved during apply too.
 * Pipelines and the data flow are the JSON files in `workloads/data-factory/`, checked against the
 * factory at synth. See README.md in this folder.
 */
export class DataPipeline extends Construct {
  /** The alerts on the pattern's failure signals; undefined with `alerts: false`. */
  public readonly alerts: Alerts | undefined;
  /** The paired region (`disasterRecovery`), normalized; undefined without disaster recovery. */
  public readonly pairedLocation?: string;
  public readonly dataLake: StorageAccount;
  public readonly keyVault: KeyVault;
  public readonly controlDatabase: SqlDatabase;
  public readonly dataFactory: DataFactory;
  public readonly selfHostedIntegrationRuntime: SelfHostedIntegrationRuntime;
  /** Sensitive output with the key that registers on-premises runtime nodes. */
  public readonly registrationKeyOutput: TerraformOutput;
  /** Output with {@link grantScript} (names and roles only, no secret). */
  public readonly grantScriptOutput: TerraformOutput;
  public readonly cosmosDb: CosmosDbAccount;
  public readonly cosmosDatabase: CosmosDbSqlDatabase;
  /** `customer-profiles`, partitioned by `/customerId`. */
  public readonly customerProfiles: CosmosDbSqlContainer;
  public readonly synapse: SynapseWorkspace;
  /** Key Vault Secrets Officer on the vault for whoever sets the on-premises password. */
  public readonly passwordSetterGrants: readonly RoleAssignment[];
  /** The control database's user for the factory and its control table, run during apply; undefined when left to you. */
  public readonly controlDatabaseSetup?: SqlDeployScript;
  /** Present with `dedicatedSqlPool`. */
  public readonly sqlPool?: DedicatedSqlPool;
  public readonly linkedServices: DataPipelineLinkedServices;
  public readonly datasets: DataPipelineDatasets;
  public readonly dataFlow: DataFlow;
  public readonly pipelines: DataPipelinePipelines;
  public readonly triggers: DataPipelineTriggers;

  private readonly factoryName: string;

  constructor(scope: Construct, id: string, props: DataPipelineProps) {
    super(scope, id);
    this.validate(props);
    const names = ENTITY_NAMES;
    const paired = resolveDisasterRecovery(this, props.disasterRecovery, IntegrationContext.resourceGroup(this, undefined).location);
    this.pairedLocation = paired;

    this.dataLake =
      props.existingDataLake ?? new StorageAccount(this, "DataLake", { ...withGeoRedundantStorage(props.dataLakeProps, paired), dataLake: true });
    for (const container of [LAKE_LAYOUT.raw, LAKE_LAYOUT.curated]) {
      if (!this.dataLake.containers.has(container)) this.dataLake.addContainer(container);
    }
    const deployer = deployerPosition(this);
    this.keyVault =
      props.existingKeyVault ??
      new KeyVault(this, "KeyVault", {
        ...props.keyVaultProps,
        // Setting the password happens from where the deployer runs: a public deployer's ranges pass the firewall.
        allowedIpRanges: props.keyVaultProps?.allowedIpRanges ?? [
          ...(IntegrationContext.of(this).allowedIpRanges ?? []),
          ...(deployer.network === "public" ? deployer.egressIpRanges : []),
        ],
      });
    this.passwordSetterGrants = props.passwordSetters
      ? props.passwordSetters.map((p) => this.keyVault.grantSecretsManage(p))
      : [this.grantDeployerSecretsOfficer(deployerOf(this).principalId)];
    this.controlDatabase =
      props.existingControlDatabase ??
      new SqlDatabase(this, "ControlDb", { ...withGeoBackups(props.controlDatabaseProps, paired), administrator: props.administrator });
    this.cosmosDb = new CosmosDbAccount(this, "Cosmos", withCosmosFailover(props.cosmosDbProps, paired));
    this.cosmosDatabase = this.cosmosDb.addDatabase(props.cosmosDatabaseName ?? "customers", props.cosmosThroughput ?? { autoscaleMaxThroughput: 1000 });
    this.customerProfiles = this.cosmosDatabase.addContainer("customer-profiles", { partitionKeyPaths: ["/customerId"] });
    this.synapse = new SynapseWorkspace(this, "Synapse", { ...props.synapseProps, dataLake: this.dataLake, administrator: props.administrator });
    const poolName = props.dedicatedSqlPool?.name ?? "dw";
    if (props.dedicatedSqlPool) this.sqlPool = this.synapse.addSqlPool(poolName, { sku: props.dedicatedSqlPool.sku });

    // The factory: every entity below is checked against what it already holds, so order matters.
    const factory = new DataFactory(this, "Factory", props.dataFactoryProps);
    this.dataFactory = factory;
    this.factoryName = factory.resource.nameInput ?? factory.name;
    const managedRuntime = factory.managedIntegrationRuntime.nameInput;
    if (managedRuntime !== "ir-managed-vnet") {
      invalid(this, {
        field: "dataFactoryProps.integrationRuntime.name",
        value: managedRuntime,
        rule: 'is not "ir-managed-vnet", the runtime workloads/data-factory/curate.json runs its data flow on',
        fix: "leave integrationRuntime.name unset",
      });
    }
    this.selfHostedIntegrationRuntime = factory.addSelfHostedIntegrationRuntime(names.integrationRuntime.onPremises, {
      description: `On-premises runtime for ${props.onPremises.server}; register nodes with the key in the ${this.outputName(props, "ir-key")} output`,
    });
    this.registrationKeyOutput = this.selfHostedIntegrationRuntime.authorizationKeyOutput(this.outputName(props, "ir-key"));

    const keyVault = factory.addKeyVaultLinkedService(names.linkedServices.keyVault, { vault: this.keyVault });
    const onPremSql = factory.addSqlServerLinkedService(names.linkedServices.onPremSql, {
      integrationRuntime: this.selfHostedIntegrationRuntime,
      server: props.onPremises.server,
      database: props.onPremises.database,
      userName: props.onPremises.userName,
      windowsAuthentication: props.onPremises.windowsAuthentication,
      password: { keyVault, secretName: props.onPremises.passwordSecretName ?? "onprem-sql-password" },
    });
    const controlDb = factory.addAzureSqlDatabaseLinkedService(names.linkedServices.controlDb, {
      server: this.controlDatabase.fullyQualifiedDomainName,
      database: this.controlDatabase.name,
      serverId: this.controlDatabase.serverId,
    });
    const dataLake = factory.addDataLakeLinkedService(names.linkedServices.dataLake, { storage: this.dataLake });
    const synapse = factory.addSynapseLinkedService(names.linkedServices.synapse, {
      server: this.synapse.sqlEndpoint,
      database: poolName,
      workspaceId: this.synapse.id,
      description: props.dedicatedSqlPool ? undefined : `Dedicated SQL pool "${poolName}" (not deployed: daily skips the Synapse load)`,
    });
    const cosmosDb = factory.addCosmosDbLinkedService(names.linkedServices.cosmosDb, { account: this.cosmosDb, database: this.cosmosDatabase.name });
    const api = props.api
      ? factory.addRestLinkedService(names.linkedServices.api, {
          url: props.api.url,
          authentication: props.api.aadResourceId ? { type: "ManagedServiceIdentity", aadResourceId: props.api.aadResourceId } : { type: "Anonymous" },
        })
      : undefined;
    this.linkedServices = { keyVault, onPremSql, controlDb, dataLake, synapse, cosmosDb, api };

    const ds = names.datasets;
    this.datasets = {
      controlTable: factory.addAzureSqlTableDataset(ds.controlTable, { linkedService: controlDb, ...TABLES.control, folder: "control" }),
      onPremTable: factory.addSqlServerTableDataset(ds.onPremTable, {
        linkedService: onPremSql,
        folder: "sources",
        description: "Any table of the on-premises database: the copy activity's query names it",
      }),
      rawTable: factory.addParquetDataset(ds.rawTable, {
        linkedService: dataLake,
        fileSystem: LAKE_LAYOUT.raw,
        path: "@dataset().folder",
        filename: "@dataset().file",
        parameters: { folder: "", file: "" },
        folder: "raw",
      }),
      rawCustomers: factory.addParquetDataset(ds.rawCustomers, { linkedService: dataLake, fileSystem: LAKE_LAYOUT.raw, path: LAKE_LAYOUT.customersTable, folder: "raw" }),
      apiDrops: factory.addJsonDataset(ds.apiDrops, { linkedService: dataLake, fileSystem: LAKE_LAYOUT.raw, path: LAKE_LAYOUT.apiDrops, folder: "raw" }),
      apiDropFile: api
        ? factory.addJsonDataset(ds.apiDropFile, {
            linkedService: dataLake,
            fileSystem: LAKE_LAYOUT.raw,
            path: LAKE_LAYOUT.apiDrops,
            filename: "@dataset().file",
            parameters: { file: "" },
            folder: "raw",
          })
        : undefined,
      apiCustomers: api ? this.addRestDataset(factory, api) : undefined,
      curatedCustomers: factory.addParquetDataset(ds.curatedCustomers, {
        linkedService: dataLake,
        fileSystem: LAKE_LAYOUT.curated,
        path: LAKE_LAYOUT.curatedCustomers,
        folder: "curated",
      }),
      customerProfiles: factory.addCosmosContainerDataset(ds.customerProfiles, { linkedService: cosmosDb, container: this.customerProfiles.name, folder: "serving" }),
      synapseCustomers: factory.addSynapseTableDataset(ds.synapseCustomers, { linkedService: synapse, ...TABLES.synapse, folder: "serving" }),
    };

    const flow = readDataFlowFile(this, DATA_FLOW_FILE);
    this.dataFlow = factory.addDataFlow(flow.name, dataFlowOptions(this, DATA_FLOW_FILE, flow, factory.datasets));

    const ingestOnPrem = factory.addPipeline("ingest-onprem", { pipelineFile: PIPELINE_FILES["ingest-onprem"] });
    const ingestApi = props.api
      ? factory.addPipeline("ingest-api", { pipelineFile: PIPELINE_FILES["ingest-api"], parameters: { resourcePath: props.api.resourcePath ?? "customers" } })
      : undefined;
    const curate = factory.addPipeline("curate", { pipelineFile: PIPELINE_FILES.curate });
    const loadSynapse = factory.addPipeline("load-synapse", { pipelineFile: PIPELINE_FILES["load-synapse"] });
    const daily = factory.addPipeline("daily", {
      pipelineFile: PIPELINE_FILES.daily,
      parameters: { notificationUrl: props.notificationUrl ?? "", loadSynapse: props.dedicatedSqlPool ? "true" : "false" },
    });
    this.pipelines = { ingestOnPrem, ingestApi, curate, loadSynapse, daily };

    const runAt = props.dailyRunAt ?? { hours: 2, minutes: 0 };
    this.triggers = {
      daily: factory.addScheduleTrigger(names.triggers.daily, {
        pipeline: daily,
        frequency: "Day",
        interval: 1,
        timeZone: "UTC",
        schedule: { hours: [runAt.hours], minutes: [runAt.minutes] },
        description: `Runs the daily pipeline every day at ${pad(runAt.hours)}:${pad(runAt.minutes)} UTC`,
      }),
      apiDrops: factory.addBlobEventTrigger(names.triggers.apiDrops, {
        pipeline: curate,
        storageAccount: this.dataLake,
        events: ["Microsoft.Storage.BlobCreated"],
        blobPathBeginsWith: `/${LAKE_LAYOUT.raw}/blobs/${LAKE_LAYOUT.apiDrops}/`,
        blobPathEndsWith: ".json",
        description: `Runs curate when a JSON file lands in ${LAKE_LAYOUT.raw}/${LAKE_LAYOUT.apiDrops}/`,
      }),
      apiWindow:
        props.api && ingestApi
          ? factory.addTumblingWindowTrigger(names.triggers.apiWindow, {
              pipeline: ingestApi,
              frequency: "Hour",
              interval: props.api.windowHours ?? 24,
              startTime: props.api.windowStartTime,
              delay: "00:15:00",
              maxConcurrency: 1,
              retry: { count: 2, intervalSeconds: 300 },
              pipelineParameters: { windowStart: "@trigger().outputs.windowStartTime", windowEnd: "@trigger().outputs.windowEndTime" },
              description: "Pulls each window of API changes once, in order, from the start time on",
            })
          : undefined,
    };

    // SQL access is T-SQL (no ARM role exists for it): recorded here, rendered by grantScript(),
    // and run during apply with the control table when the deployer can reach the server.
    this.controlDatabase.grantDataRead(this.factoryName);
    if (!props.existingControlDatabase) this.controlDatabaseSetup = this.addControlDatabaseSetup(props.sqlSetupAtDeploy);
    this.grantScriptOutput = new TerraformOutput(this, this.outputName(props, "grant-script"), {
      value: this.grantScript(),
      staticId: true,
      description:
        "T-SQL granting the Data Factory identity the control database (run during apply when the deployer can reach it) and the Synapse pool",
    });
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  /**
   * The T-SQL that gives the factory's identity its database access: read on the control database
   * and, with a dedicated SQL pool, load rights in the pool. The control database's part runs during
   * apply ({@link controlDatabaseSetup}); the pool's part is run in the pool as its Entra administrator (README.md).
   */
  public grantScript(): string {
    const parts = [this.controlDatabase.grantScript()];
    if (this.sqlPool) {
      parts.push(synapseGrantScript(this.synapse.resource.nameInput, this.sqlPool.resource.nameInput ?? this.sqlPool.name, this.factoryName, TABLES.synapse.schema));
    }
    return parts.filter((p) => p !== "").join("\n");
  }

  private grantDeployerSecretsOfficer(principalId: string): RoleAssignment {
    const grant = new RoleAssignment(this, "KeyVault-DeployerSecretsOfficer", {
      scope: this.keyVault.id,
      roleDefinitionName: BuiltInRole.keyVaultSecretsOfficer,
      principalId,
      description: "Sets the on-premises SQL password after deploy (README: After deploy)",
    });
    return grant;
  }

  /**
   * What runs in the control database during apply: the factory's database user
   * (`controlDatabase.grantScript()`), then `etl.TablesToLoad` with `dbo.Customers` listed
   * (`workloads/sql/control-schema.sql`). Re-runnable.
   */
  public controlDatabaseSetupScript(): string {
    return `${this.controlDatabase.grantScript()}GO\n${fs.readFileSync(CONTROL_SCHEMA_FILE, "utf8")}`;
  }

  private addControlDatabaseSetup(wanted: boolean | undefined): SqlDeployScript | undefined {
    if (wanted === false) return undefined;
    const reach = this.controlDatabase.deployerReachability();
    if (!reach.reachable && wanted === undefined) {
      Annotations.of(this).addWarning(
        `the factory's database user and the control table are not created during deploy: ${reach.reason}. ` +
          `${reach.fix}, or run controlDatabaseSetupScript() by hand.`,
      );
      return undefined;
    }
    // CREATE USER ... FROM EXTERNAL PROVIDER resolves the factory's identity, so the factory comes first.
    return this.controlDatabase.addDeployScript("Setup", this.controlDatabaseSetupScript(), [this.dataFactory.resource]);
  }

  /** The REST resource: azurerm has no REST dataset, so a custom dataset of type `RestResource`. */
  private addRestDataset(factory: DataFactory, api: LinkedService<"RestService">): FactoryEntity<DataFactoryCustomDataset> {
    const name = ENTITY_NAMES.datasets.apiCustomers;
    factory.entities.claim("dataset", name);
    const resource = new DataFactoryCustomDataset(factory, `Dataset-${name}`, {
      name,
      dataFactoryId: factory.id,
      type: "RestResource",
      linkedService: { name: api.resource.name },
      typePropertiesJson: JSON.stringify({ relativeUrl: { value: "@dataset().relativeUrl", type: "Expression" } }),
      parameters: { relativeUrl: "" },
      folder: "sources",
      description: "The API's changes resource; the copy activity passes the relative URL of a window",
    });
    return factory.entities.add("dataset", new FactoryEntity(name, resource));
  }

  private outputName(props: DataPipelineProps, suffix: string): string {
    return `${props.outputPrefix ?? "data-pipeline"}-${suffix}`;
  }

  private validate(props: DataPipelineProps): void {
    const pairs: [string, unknown, string, unknown][] = [
      ["existingDataLake", props.existingDataLake, "dataLakeProps", props.dataLakeProps],
      ["existingKeyVault", props.existingKeyVault, "keyVaultProps", props.keyVaultProps],
      ["existingControlDatabase", props.existingControlDatabase, "controlDatabaseProps", props.controlDatabaseProps],
    ];
    for (const [existing, existingValue, newProps, newValue] of pairs) {
      if (existingValue !== undefined && newValue !== undefined) {
        invalid(this, { field: existing, rule: `and ${newProps} are both set`, fix: `pass ${existing} to use an existing resource, or ${newProps} to create one, not both` });
      }
    }
    if (props.existingControlDatabase && props.sqlSetupAtDeploy === true) {
      invalid(this, {
        field: "sqlSetupAtDeploy",
        value: true,
        rule: "runs only against the control database the pattern creates",
        fix: "run controlDatabaseSetupScript() in the existing database where it is managed, or drop existingControlDatabase",
      });
    }
    if (props.dataLakeProps?.dataLake === false) {
      invalid(this, { field: "dataLakeProps.dataLake", value: false, rule: "turns the hierarchical namespace off, but the lake must be Data Lake Gen2", fix: "leave dataLake unset" });
    }
    if (props.existingDataLake && !props.existingDataLake.dataLake) {
      invalid(this, {
        field: "existingDataLake",
        value: props.existingDataLake.node.path,
        rule: "is not a Data Lake Gen2 account (hierarchical namespace off)",
        fix: "pass a StorageAccount created with dataLake: true",
      });
    }
    const url = props.notificationUrl;
    if (url !== undefined && !isUnresolved(url) && !/^https:\/\/[^\s/]+/.test(url)) {
      invalid(this, { field: "notificationUrl", value: url, rule: "is not an https URL", fix: "use https://<host>/... (e.g. a Logic App's HTTP trigger URL)" });
    }
    const prefix = props.outputPrefix;
    if (prefix !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(prefix)) {
      invalid(this, { field: "outputPrefix", value: prefix, rule: "cannot start a Terraform output name", fix: "use letters, digits, '_' and '-', starting with a letter or '_'" });
    }
    const hours = props.api?.windowHours;
    if (hours !== undefined && (!Number.isInteger(hours) || hours < 1)) {
      invalid(this, { field: "api.windowHours", value: hours, rule: "is not a whole number of hours of at least 1", fix: "set 1 or more (24 for daily windows)" });
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
