import * as path from "path";

/** Where the pattern's Data Factory workloads live (pipelines and the data flow, in Data Factory's Git format). */
export const WORKLOAD_DIR = path.resolve(__dirname, "../../workloads/data-factory");

/** The pipeline files, by pipeline name. */
export const PIPELINE_FILES = {
  "ingest-onprem": path.join(WORKLOAD_DIR, "ingest-onprem.json"),
  "ingest-api": path.join(WORKLOAD_DIR, "ingest-api.json"),
  curate: path.join(WORKLOAD_DIR, "curate.json"),
  "load-synapse": path.join(WORKLOAD_DIR, "load-synapse.json"),
  daily: path.join(WORKLOAD_DIR, "daily.json"),
} as const;

export type PipelineName = keyof typeof PIPELINE_FILES;

/** DDL of the control table `etl.TablesToLoad` (re-runnable), run in the control database. */
export const CONTROL_SCHEMA_FILE = path.resolve(__dirname, "../../workloads/sql/control-schema.sql");

/** The curation data flow (sources, sinks, transformations and script). */
export const DATA_FLOW_FILE = path.join(WORKLOAD_DIR, "curate-customers.dataflow.json");

/**
 * The names the workloads refer to. Pipelines and the data flow name linked services, datasets,
 * data flows and pipelines as text, so these are API: renaming one breaks the JSON files.
 */
export const ENTITY_NAMES = {
  integrationRuntime: { onPremises: "onprem-ir" },
  linkedServices: {
    keyVault: "KeyVault",
    onPremSql: "OnPremSql",
    controlDb: "ControlDb",
    dataLake: "DataLake",
    api: "Api",
    synapse: "Synapse",
    cosmosDb: "CosmosDb",
  },
  datasets: {
    controlTable: "ControlTable",
    onPremTable: "OnPremTable",
    rawTable: "RawTable",
    rawCustomers: "RawCustomers",
    apiDrops: "ApiDrops",
    apiDropFile: "ApiDropFile",
    apiCustomers: "ApiCustomers",
    curatedCustomers: "CuratedCustomers",
    customerProfiles: "CustomerProfiles",
    synapseCustomers: "SynapseCustomers",
  },
  dataFlows: { curateCustomers: "CurateCustomers" },
  triggers: { daily: "daily-schedule", apiDrops: "raw-api-drops", apiWindow: "api-window" },
} as const;

/** Where the data sits in the lake. */
export const LAKE_LAYOUT = {
  raw: "raw",
  curated: "curated",
  /** Folder of `raw` where API extracts and partner files land; a new `.json` file there runs `curate`. */
  apiDrops: "api-drops",
  /** Folder of `raw` the on-premises Customers table is copied to (`raw/<table>/`). */
  customersTable: "Customers",
  /** Folder of `curated` the data flow writes. */
  curatedCustomers: "customers",
} as const;

/** The control table `ingest-onprem` reads, and the Synapse table `load-synapse` replaces. */
export const TABLES = {
  control: { schema: "etl", table: "TablesToLoad" },
  synapse: { schema: "dbo", table: "Customers" },
} as const;
