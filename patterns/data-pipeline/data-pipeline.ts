import * as fs from "fs";
import { Construct } from "constructs";
import { Annotations, TerraformOutput } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import {
  BuiltInRole,
  IntegrationContext,
  deployerOf,
  deployerPosition,
  resolveDisasterRecovery,
  withCosmosFailover,
  withGeoBackups,
  withGeoRedundantStorage,
} from "../../constructs/core";
import { Alerts } from "../../constructs/monitoring";
import { CosmosDbAccount, CosmosDbSqlContainer, CosmosDbSqlDatabase } from "../../constructs/cosmos-db";
import { DataFactory, DataFlow, LinkedService, SelfHostedIntegrationRuntime } from "../../constructs/data-factory";
import { IKeyVault, KeyVault } from "../../constructs/key-vault";
import { ISqlDatabase, SqlDatabase, SqlDeployScript } from "../../constructs/sql";
import { IStorageAccount, StorageAccount } from "../../constructs/storage";
import { DedicatedSqlPool, SynapseWorkspace } from "../../constructs/synapse";
import { dataFlowOptions, readDataFlowFile } from "./data-flow-file";
import { synapseGrantScript } from "./synapse-grants";
import { CONTROL_SCHEMA_FILE, DATA_FLOW_FILE, ENTITY_NAMES, LAKE_LAYOUT, PIPELINE_FILES, TABLES } from "./workloads";
import { validateDataPipeline } from "./validation";
import { addLinkedServices, poolNameOf } from "./linked-services";
import type { DataPipelineDatasets, DataPipelineLinkedServices, DataPipelinePipelines, DataPipelineProps, DataPipelineTriggers } from "./props";

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
  public readonly dataLake: IStorageAccount;
  public readonly keyVault: IKeyVault;
  public readonly controlDatabase: ISqlDatabase;
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
  private readonly sqlPoolName: string;

  constructor(scope: Construct, id: string, props: DataPipelineProps) {
    super(scope, id);
    validateDataPipeline(this, props);
    this.sqlPoolName = poolNameOf(props);
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, IntegrationContext.resourceGroup(this, undefined).location);
    ({ dataLake: this.dataLake, keyVault: this.keyVault, passwordSetterGrants: this.passwordSetterGrants } = this.createLakeAndVault(props));
    ({
      controlDatabase: this.controlDatabase,
      cosmosDb: this.cosmosDb,
      cosmosDatabase: this.cosmosDatabase,
      customerProfiles: this.customerProfiles,
      synapse: this.synapse,
      sqlPool: this.sqlPool,
    } = this.createDatabases(props));
    // The factory: every entity below is checked against what it already holds, so order matters.
    ({
      factory: this.dataFactory,
      runtime: this.selfHostedIntegrationRuntime,
      registrationKey: this.registrationKeyOutput,
    } = this.createFactory(props));
    this.factoryName = this.dataFactory.sqlPrincipalName;
    this.linkedServices = addLinkedServices(this, props);
    this.datasets = this.addDatasets();
    const flow = readDataFlowFile(this, DATA_FLOW_FILE);
    this.dataFlow = this.dataFactory.addDataFlow(flow.name, dataFlowOptions(this, DATA_FLOW_FILE, flow, this.dataFactory.datasets));
    this.pipelines = this.addPipelines(props);
    this.triggers = this.addTriggers(props);
    ({ setup: this.controlDatabaseSetup, grantScript: this.grantScriptOutput } = this.grantSqlAccess(props));
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  /** The Data Lake with its raw and curated zones, and the vault the on-premises password is kept in. */
  private createLakeAndVault(props: DataPipelineProps) {
    const dataLake =
      props.existingDataLake ??
      new StorageAccount(this, "DataLake", { ...withGeoRedundantStorage(props.dataLakeProps, this.pairedLocation), dataLake: true });
    for (const container of [LAKE_LAYOUT.raw, LAKE_LAYOUT.curated]) {
      if (!dataLake.containers.has(container)) dataLake.addContainer(container);
    }
    const deployer = deployerPosition(this);
    const keyVault =
      props.existingKeyVault ??
      new KeyVault(this, "KeyVault", {
        ...props.keyVaultProps,
        // Setting the password happens from where the deployer runs: a public deployer's ranges pass the firewall.
        allowedIpRanges: props.keyVaultProps?.allowedIpRanges ?? [
          ...(IntegrationContext.of(this).allowedIpRanges ?? []),
          ...(deployer.network === "public" ? deployer.egressIpRanges : []),
        ],
      });
    const passwordSetterGrants = props.passwordSetters
      ? props.passwordSetters.map((p) => keyVault.grantSecretsManage(p))
      : [this.grantDeployerSecretsOfficer(keyVault, deployerOf(this).principalId)];
    return { dataLake, keyVault, passwordSetterGrants };
  }

  /** The control database, the serving Cosmos DB container and the Synapse workspace (with its pool, if asked for). */
  private createDatabases(props: DataPipelineProps) {
    const paired = this.pairedLocation;
    const controlDatabase =
      props.existingControlDatabase ??
      new SqlDatabase(this, "ControlDb", { ...withGeoBackups(props.controlDatabaseProps, paired), administrator: props.administrator });
    const cosmosDb = new CosmosDbAccount(this, "Cosmos", withCosmosFailover(props.cosmosDbProps, paired));
    const cosmosDatabase = cosmosDb.addDatabase(props.cosmosDatabaseName ?? "customers", props.cosmosThroughput ?? { autoscaleMaxThroughput: 1000 });
    const customerProfiles = cosmosDatabase.addContainer("customer-profiles", { partitionKeyPaths: ["/customerId"] });
    const synapse = new SynapseWorkspace(this, "Synapse", { ...props.synapseProps, dataLake: this.dataLake, administrator: props.administrator });
    const sqlPool = props.dedicatedSqlPool ? synapse.addSqlPool(poolNameOf(props), { sku: props.dedicatedSqlPool.sku }) : undefined;
    return { controlDatabase, cosmosDb, cosmosDatabase, customerProfiles, synapse, sqlPool };
  }

  /** The factory with its managed-VNet runtime (the data flow's) and the self-hosted runtime for on-premises. */
  private createFactory(props: DataPipelineProps) {
    const factory = new DataFactory(this, "Factory", props.dataFactoryProps);
    const runtime = factory.addSelfHostedIntegrationRuntime(ENTITY_NAMES.integrationRuntime.onPremises, {
      description:
        `On-premises runtime for ${props.onPremises.server}; register nodes with the key in the ${this.outputName(props, "ir-key")} output`,
    });
    return { factory, runtime, registrationKey: runtime.authorizationKeyOutput(this.outputName(props, "ir-key")) };
  }

  /** The datasets the pipelines and the data flow name, one per table, file set and container (created in this order). */
  private addDatasets(): DataPipelineDatasets {
    const factory = this.dataFactory;
    const linked = this.linkedServices;
    const ds = ENTITY_NAMES.datasets;
    const lake = <T extends object>(fileSystem: string, path: string, more?: T) => lakeDataset(linked.dataLake, fileSystem, path, more);
    const { raw, curated } = LAKE_LAYOUT;
    return {
      controlTable: factory.addAzureSqlTableDataset(ds.controlTable, { linkedService: linked.controlDb, ...TABLES.control, folder: "control" }),
      onPremTable: factory.addSqlServerTableDataset(ds.onPremTable, {
        linkedService: linked.onPremSql,
        folder: "sources",
        description: "Any table of the on-premises database: the copy activity's query names it",
      }),
      rawTable: factory.addParquetDataset(
        ds.rawTable,
        lake(raw, "@dataset().folder", { filename: "@dataset().file", parameters: { folder: "", file: "" } }),
      ),
      rawCustomers: factory.addParquetDataset(ds.rawCustomers, lake(raw, LAKE_LAYOUT.customersTable)),
      apiDrops: factory.addJsonDataset(ds.apiDrops, lake(raw, LAKE_LAYOUT.apiDrops)),
      apiDropFile: linked.api
        ? factory.addJsonDataset(ds.apiDropFile, lake(raw, LAKE_LAYOUT.apiDrops, { filename: "@dataset().file", parameters: { file: "" } }))
        : undefined,
      apiCustomers: linked.api
        ? factory.addRestResourceDataset(ds.apiCustomers, {
            linkedService: linked.api,
            relativeUrl: "@dataset().relativeUrl",
            parameters: { relativeUrl: "" },
            folder: "sources",
            description: "The API's changes resource; the copy activity passes the relative URL of a window",
          })
        : undefined,
      curatedCustomers: factory.addParquetDataset(ds.curatedCustomers, lake(curated, LAKE_LAYOUT.curatedCustomers)),
      customerProfiles: factory.addCosmosContainerDataset(ds.customerProfiles, {
        linkedService: linked.cosmosDb,
        container: this.customerProfiles.name,
        folder: "serving",
      }),
      synapseCustomers: factory.addSynapseTableDataset(ds.synapseCustomers, { linkedService: linked.synapse, ...TABLES.synapse, folder: "serving" }),
    };
  }

  /** The pipelines of workloads/data-factory, checked against the factory at synth. */
  private addPipelines(props: DataPipelineProps): DataPipelinePipelines {
    const factory = this.dataFactory;
    const ingestOnPrem = factory.addPipeline("ingest-onprem", { pipelineFile: PIPELINE_FILES["ingest-onprem"] });
    const ingestApi = props.api
      ? factory.addPipeline("ingest-api", {
        pipelineFile: PIPELINE_FILES["ingest-api"],
        parameters: { resourcePath: props.api.resourcePath ?? "customers" },
      })
      : undefined;
    const curate = factory.addPipeline("curate", { pipelineFile: PIPELINE_FILES.curate });
    const loadSynapse = factory.addPipeline("load-synapse", { pipelineFile: PIPELINE_FILES["load-synapse"] });
    const daily = factory.addPipeline("daily", {
      pipelineFile: PIPELINE_FILES.daily,
      parameters: { notificationUrl: props.notificationUrl ?? "", loadSynapse: props.dedicatedSqlPool ? "true" : "false" },
    });
    return { ingestOnPrem, ingestApi, curate, loadSynapse, daily };
  }

  /** The daily schedule, the API-drop event and (with an API) the tumbling window over its changes. */
  private addTriggers(props: DataPipelineProps): DataPipelineTriggers {
    const factory = this.dataFactory;
    const runAt = props.dailyRunAt ?? { hours: 2, minutes: 0 };
    return {
      daily: factory.addScheduleTrigger(ENTITY_NAMES.triggers.daily, {
        pipeline: this.pipelines.daily,
        frequency: "Day",
        interval: 1,
        timeZone: "UTC",
        schedule: { hours: [runAt.hours], minutes: [runAt.minutes] },
        description: `Runs the daily pipeline every day at ${pad(runAt.hours)}:${pad(runAt.minutes)} UTC`,
      }),
      apiDrops: factory.addBlobEventTrigger(ENTITY_NAMES.triggers.apiDrops, {
        pipeline: this.pipelines.curate,
        storageAccount: this.dataLake.id,
        events: ["Microsoft.Storage.BlobCreated"],
        blobPathBeginsWith: `/${LAKE_LAYOUT.raw}/blobs/${LAKE_LAYOUT.apiDrops}/`,
        blobPathEndsWith: ".json",
        description: `Runs curate when a JSON file lands in ${LAKE_LAYOUT.raw}/${LAKE_LAYOUT.apiDrops}/`,
      }),
      apiWindow:
        props.api && this.pipelines.ingestApi
          ? factory.addTumblingWindowTrigger(ENTITY_NAMES.triggers.apiWindow, {
              pipeline: this.pipelines.ingestApi,
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
  }

  /**
   * SQL access is T-SQL (no ARM role exists for it): recorded here, rendered by grantScript(),
   * and run during apply with the control table when the deployer can reach the server.
   */
  private grantSqlAccess(props: DataPipelineProps): { setup?: SqlDeployScript; grantScript: TerraformOutput } {
    this.controlDatabase.addDatabaseUser(this.factoryName);
    const setup = props.existingControlDatabase ? undefined : this.addControlDatabaseSetup(props.sqlSetupAtDeploy);
    const grantScript = new TerraformOutput(this, this.outputName(props, "grant-script"), {
      value: this.grantScript(),
      staticId: true,
      description:
        "T-SQL granting the Data Factory identity the control database (run during apply when the deployer can reach it) and the Synapse pool",
    });
    return { setup, grantScript };
  }

  /**
   * The T-SQL that gives the factory's identity its database access: read on the control database
   * and, with a dedicated SQL pool, load rights in the pool. The control database's part runs during
   * apply ({@link controlDatabaseSetup}); the pool's part is run in the pool as its Entra administrator (README.md).
   */
  public grantScript(): string {
    const parts = [this.controlDatabase.userScript()];
    if (this.sqlPool) {
      parts.push(
        synapseGrantScript(this.synapse.sqlPrincipalName, this.sqlPoolName, this.factoryName, TABLES.synapse.schema),
      );
    }
    return parts.filter((p) => p !== "").join("\n");
  }

  private grantDeployerSecretsOfficer(keyVault: IKeyVault, principalId: string): RoleAssignment {
    const grant = new RoleAssignment(this, "KeyVault-DeployerSecretsOfficer", {
      scope: keyVault.id,
      roleDefinitionName: BuiltInRole.keyVaultSecretsOfficer,
      principalId,
      description: "Sets the on-premises SQL password after deploy (README: After deploy)",
    });
    return grant;
  }

  /**
   * What runs in the control database during apply: the factory's database user
   * (`controlDatabase.userScript()`), then `etl.TablesToLoad` with `dbo.Customers` listed
   * (`workloads/sql/control-schema.sql`). Re-runnable.
   */
  public controlDatabaseSetupScript(): string {
    return `${this.controlDatabase.userScript()}GO\n${fs.readFileSync(CONTROL_SCHEMA_FILE, "utf8")}`;
  }

  private addControlDatabaseSetup(wanted: boolean | undefined): SqlDeployScript | undefined {
    // Only a database this pattern creates (validation refuses sqlSetupAtDeploy with an existing one).
    if (wanted === false || !(this.controlDatabase instanceof SqlDatabase)) return undefined;
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

  private outputName(props: DataPipelineProps, suffix: string): string {
    return `${props.outputPrefix ?? "data-pipeline"}-${suffix}`;
  }

}

/** A dataset in the Data Lake, in the Studio folder named after its zone (raw, curated). */
function lakeDataset<T extends object>(linkedService: LinkedService<"AzureBlobFS">, fileSystem: string, path: string, more?: T) {
  return { linkedService, fileSystem, path, folder: fileSystem, ...more };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
