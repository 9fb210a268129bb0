// The props and the public members' shapes of DataPipeline, apart from the construct's wiring.
import { DataFactoryCustomDataset } from "@cdktf/provider-azurerm/lib/data-factory-custom-dataset";
import { DisasterRecoveryOptions, IPrincipal } from "../../constructs/core";
import { AlertsProps } from "../../constructs/monitoring";
import { CosmosDbAccountProps, CosmosDbThroughputOptions } from "../../constructs/cosmos-db";
import { DataFactoryProps, Dataset, FactoryEntity, Pipeline, Trigger } from "../../constructs/data-factory";
import { IKeyVault, KeyVaultProps } from "../../constructs/key-vault";
import { EntraAdministrator, ISqlDatabase, SqlDatabaseProps } from "../../constructs/sql";
import { IStorageAccount, StorageAccountProps } from "../../constructs/storage";
import { SqlPoolSku, SynapseWorkspaceProps } from "../../constructs/synapse";
import type { addLinkedServices } from "./linked-services";

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
  /**
   * https URL the `daily` pipeline POSTs to when a step fails (e.g. a Logic App or Teams webhook).
   * @default none: the notification step fails and the run fails anyway
   */
  readonly notificationUrl?: string;
  /** When the `daily` pipeline runs, in UTC. @default { hours: 2, minutes: 0 } */
  readonly dailyRunAt?: { readonly hours: number; readonly minutes: number };
  /** A dedicated SQL pool for `load-synapse`. @default none (cost): `daily` skips the Synapse load; query the lake with serverless SQL */
  readonly dedicatedSqlPool?: DataPipelineSqlPoolProps;
  /**
   * An existing Data Lake Gen2 account: a StorageAccount with `dataLake: true` or an import (`StorageAccount.fromId`/`fromName`,
   * taken to have a hierarchical namespace: not checked); `raw` and `curated` are added when missing. Not with `dataLakeProps`.
   * @default a new account
   */
  readonly existingDataLake?: IStorageAccount;
  /**
   * Props of the new Data Lake account (`dataLake` is forced on, `raw` and `curated` added). Not with `existingDataLake`.
   * @default the StorageAccount defaults
   */
  readonly dataLakeProps?: StorageAccountProps;
  /** An existing Key Vault for the on-premises password. Not with `keyVaultProps`. @default a new vault */
  readonly existingKeyVault?: IKeyVault;
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
  /**
   * An existing control database (holds `etl.TablesToLoad`), e.g. `SqlDatabase.fromId(...)`; the factory's user is
   * recorded on it (`controlDatabaseSetupScript()`). Not with `controlDatabaseProps`. @default a new database
   */
  readonly existingControlDatabase?: ISqlDatabase;
  /**
   * Props of the new control database; its administrator is `administrator`. Not with `existingControlDatabase`.
   * @default the SqlDatabase defaults
   */
  readonly controlDatabaseProps?: Omit<SqlDatabaseProps, "administrator">;
  /**
   * Props of the factory. The managed integration runtime must keep its default name (the workloads refer to it).
   * @default the DataFactory defaults
   */
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

/**
 * The linked services the workloads name: `keyVault`, `onPremSql`, `controlDb`, `dataLake`, `synapse`, `cosmosDb`, and
 * `api` (undefined without `api`), typed by the function that creates them.
 */
export type DataPipelineLinkedServices = ReturnType<typeof addLinkedServices>;

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
