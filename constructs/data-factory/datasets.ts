import { DataFactoryCustomDataset } from "@cdktf/provider-azurerm/lib/data-factory-custom-dataset";
import { DataFactoryDatasetAzureSqlTable } from "@cdktf/provider-azurerm/lib/data-factory-dataset-azure-sql-table";
import { DataFactoryDatasetCosmosdbSqlapi } from "@cdktf/provider-azurerm/lib/data-factory-dataset-cosmosdb-sqlapi";
import { DataFactoryDatasetDelimitedText } from "@cdktf/provider-azurerm/lib/data-factory-dataset-delimited-text";
import { DataFactoryDatasetParquet } from "@cdktf/provider-azurerm/lib/data-factory-dataset-parquet";
import { DataFactoryDatasetSqlServerTable } from "@cdktf/provider-azurerm/lib/data-factory-dataset-sql-server-table";
import { invalid, isUnresolved } from "../core/errors";
import { validateChildName } from "../core/child-names";
import {
  CommonOptions,
  SqlServerTableDatasetOptions,
  AzureSqlTableDatasetOptions,
  SynapseTableDatasetOptions,
  DataLakeLocation,
  ParquetDatasetOptions,
  DelimitedTextDatasetOptions,
  JsonDatasetOptions,
  CosmosContainerDatasetOptions,
  RestResourceDatasetOptions,
  StorageLinkedServiceType,
} from "./dataset-options";
import { FactoryChildResource, FactoryEntity } from "./entities";
import { FactoryHost } from "./host";
import { withoutUndefined } from "./json";
import { LinkedService, LinkedServiceType, requireType } from "./linked-service";
import { withArticle } from "./names";

/** The Data Factory type of each dataset this construct creates. */
export type DatasetType = "SqlServerTable" | "AzureSqlTable" | "AzureSqlDWTable" | "Parquet" | "DelimitedText" | "Json" | "CosmosDbSqlApiCollection";

type JsonObject = Readonly<Record<string, unknown>>;

/** Data a pipeline reads or writes; activities refer to it by {@link name}. */
export class Dataset<T extends DatasetType = DatasetType> extends FactoryEntity {
  constructor(
    name: string,
    resource: FactoryChildResource,
    /** The Data Factory dataset type, e.g. `Parquet`. */
    public readonly type: T,
    public readonly linkedService: LinkedService,
    /** The Copy activity `source` this dataset reads with (type and store settings). */
    public readonly copySource: JsonObject,
    /** The Copy activity `sink` this dataset writes with (type, store and format settings). */
    public readonly copySink: JsonObject,
  ) {
    super(name, resource);
  }
}

/** Copy activity store settings per linked service type (the Data Factory names of its read and write settings). */
const STORE_SETTINGS: Readonly<Record<StorageLinkedServiceType, { read: object; write: object }>> = {
  AzureBlobFS: { read: { type: "AzureBlobFSReadSettings", recursive: true }, write: { type: "AzureBlobFSWriteSettings" } },
  AzureBlobStorage: { read: { type: "AzureBlobStorageReadSettings", recursive: true }, write: { type: "AzureBlobStorageWriteSettings" } },
};

export function addSqlServerTableDataset(host: FactoryHost, name: string, options: SqlServerTableDatasetOptions): Dataset<"SqlServerTable"> {
  const linkedService = claim(host, name, options.linkedService, "SqlServer");
  const resource = new DataFactoryDatasetSqlServerTable(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    linkedServiceName: linkedService.resource.name,
    tableName: options.table,
  });
  return host.entities.add(
    "dataset",
    new Dataset(name, resource, "SqlServerTable", linkedService, { type: "SqlServerSource" }, { type: "SqlServerSink" }),
  );
}

export function addAzureSqlTableDataset(host: FactoryHost, name: string, options: AzureSqlTableDatasetOptions): Dataset<"AzureSqlTable"> {
  const linkedService = claim(host, name, options.linkedService, "AzureSqlDatabase");
  const resource = new DataFactoryDatasetAzureSqlTable(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    linkedServiceId: linkedService.id,
    schema: options.schema,
    table: options.table,
  });
  return host.entities.add(
    "dataset",
    new Dataset(name, resource, "AzureSqlTable", linkedService, { type: "AzureSqlSource" }, { type: "AzureSqlSink" }),
  );
}

export function addSynapseTableDataset(host: FactoryHost, name: string, options: SynapseTableDatasetOptions): Dataset<"AzureSqlDWTable"> {
  const linkedService = claim(host, name, options.linkedService, "AzureSqlDW");
  // azurerm has no Synapse table dataset; the custom dataset carries the AzureSqlDWTable JSON.
  const resource = new DataFactoryCustomDataset(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    type: "AzureSqlDWTable",
    linkedService: { name: linkedService.resource.name },
    typePropertiesJson: JSON.stringify(withoutUndefined({ schema: options.schema, table: options.table })),
  });
  return host.entities.add("dataset", new Dataset(name, resource, "AzureSqlDWTable", linkedService, { type: "SqlDWSource" }, { type: "SqlDWSink" }));
}

export function addParquetDataset(host: FactoryHost, name: string, options: ParquetDatasetOptions): Dataset<"Parquet"> {
  const linkedService = claimStorage(host, name, options.linkedService);
  const { read, write } = STORE_SETTINGS[linkedService.type];
  const resource = new DataFactoryDatasetParquet(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    linkedServiceName: linkedService.resource.name,
    ...storageLocation(host, linkedService, options),
    compressionCodec: options.compressionCodec ?? "snappy",
  });
  return host.entities.add(
    "dataset",
    new Dataset(name, resource, "Parquet", linkedService, { type: "ParquetSource", storeSettings: read }, {
      type: "ParquetSink",
      storeSettings: write,
      formatSettings: { type: "ParquetWriteSettings" },
    }),
  );
}

export function addDelimitedTextDataset(host: FactoryHost, name: string, options: DelimitedTextDatasetOptions): Dataset<"DelimitedText"> {
  const linkedService = claimStorage(host, name, options.linkedService);
  const { read, write } = STORE_SETTINGS[linkedService.type];
  const resource = new DataFactoryDatasetDelimitedText(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    linkedServiceName: linkedService.resource.name,
    ...storageLocation(host, linkedService, options),
    columnDelimiter: options.columnDelimiter ?? ",",
    rowDelimiter: options.rowDelimiter,
    firstRowAsHeader: options.firstRowAsHeader ?? true,
    encoding: options.encoding ?? "UTF-8",
    quoteCharacter: options.quoteCharacter ?? '"',
    escapeCharacter: options.escapeCharacter ?? "\\",
    compressionCodec: options.compressionCodec,
  });
  return host.entities.add(
    "dataset",
    new Dataset(
      name,
      resource,
      "DelimitedText",
      linkedService,
      { type: "DelimitedTextSource", storeSettings: read, formatSettings: { type: "DelimitedTextReadSettings" } },
      {
        type: "DelimitedTextSink",
        storeSettings: write,
        formatSettings: { type: "DelimitedTextWriteSettings", quoteAllText: true, fileExtension: ".csv" },
      },
    ),
  );
}

export function addJsonDataset(host: FactoryHost, name: string, options: JsonDatasetOptions): Dataset<"Json"> {
  const linkedService = claimStorage(host, name, options.linkedService);
  const { read, write } = STORE_SETTINGS[linkedService.type];
  const blob = linkedService.type === "AzureBlobStorage";
  validateFileSystem(host, options.fileSystem);
  // azurerm's JSON dataset has no Data Lake (azure_blob_fs_location) block; the custom dataset does.
  const resource = new DataFactoryCustomDataset(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    type: "Json",
    linkedService: { name: linkedService.resource.name },
    typePropertiesJson: JSON.stringify({
      location: withoutUndefined({
        type: blob ? "AzureBlobStorageLocation" : "AzureBlobFSLocation",
        [blob ? "container" : "fileSystem"]: dynamic(options.fileSystem),
        folderPath: dynamic(options.path),
        fileName: dynamic(options.filename),
      }),
      encodingName: options.encoding ?? "UTF-8",
    }),
  });
  return host.entities.add(
    "dataset",
    new Dataset(name, resource, "Json", linkedService, { type: "JsonSource", storeSettings: read, formatSettings: { type: "JsonReadSettings" } }, {
      type: "JsonSink",
      storeSettings: write,
      formatSettings: { type: "JsonWriteSettings" },
    }),
  );
}

export function addCosmosContainerDataset(
  host: FactoryHost,
  name: string,
  options: CosmosContainerDatasetOptions,
): Dataset<"CosmosDbSqlApiCollection"> {
  const linkedService = claim(host, name, options.linkedService, "CosmosDb");
  const resource = new DataFactoryDatasetCosmosdbSqlapi(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    linkedServiceName: linkedService.resource.name,
    collectionName: options.container,
  });
  return host.entities.add(
    "dataset",
    new Dataset(name, resource, "CosmosDbSqlApiCollection", linkedService, { type: "CosmosDbSqlApiSource" }, { type: "CosmosDbSqlApiSink" }),
  );
}

/**
 * A REST resource: azurerm has no REST dataset, so a custom dataset of type `RestResource`
 * (azurerm @v4.55.0:website/docs/r/data_factory_custom_dataset.html.markdown); a Copy activity reads it with a `RestSource`.
 */
export function addRestResourceDataset(
  host: FactoryHost,
  name: string,
  options: RestResourceDatasetOptions,
): FactoryEntity<DataFactoryCustomDataset> {
  const linkedService = claim(host, name, options.linkedService, "RestService");
  const resource = new DataFactoryCustomDataset(host.scope, `Dataset-${name}`, {
    ...common(host, name, options),
    type: "RestResource",
    linkedService: { name: linkedService.resource.name },
    typePropertiesJson: JSON.stringify(withoutUndefined({ relativeUrl: dynamic(options.relativeUrl) })),
  });
  return host.entities.add("dataset", new FactoryEntity(name, resource));
}

function claim<T extends LinkedServiceType>(host: FactoryHost, name: string, linkedService: LinkedService<T>, type: T): LinkedService<T> {
  host.entities.claim("dataset", name);
  host.entities.requireOwned("linkedService", linkedService, "linkedService");
  requireType(host, linkedService, type, "linkedService");
  return linkedService;
}

function common(host: FactoryHost, name: string, options: CommonOptions) {
  return {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    folder: options.folder,
    parameters: options.parameters ? { ...options.parameters } : undefined,
  };
}

/** A file dataset's location block: `azure_blob_fs_location` on Data Lake, `azure_blob_storage_location` on Blob Storage. */
function storageLocation(host: FactoryHost, linkedService: LinkedService<StorageLinkedServiceType>, location: DataLakeLocation) {
  validateFileSystem(host, location.fileSystem);
  // Set only for expressions, so literal locations synthesize without the flags.
  const flags = {
    path: location.path,
    filename: location.filename,
    dynamicPathEnabled: isExpression(location.path) ? true : undefined,
    dynamicFilenameEnabled: isExpression(location.filename) ? true : undefined,
  };
  const dynamic = isExpression(location.fileSystem) ? true : undefined;
  return linkedService.type === "AzureBlobStorage"
    ? { azureBlobStorageLocation: { container: location.fileSystem, dynamicContainerEnabled: dynamic, ...flags } }
    : { azureBlobFsLocation: { fileSystem: location.fileSystem, dynamicFileSystemEnabled: dynamic, ...flags } };
}

/** Claims the dataset name on a Data Lake or Blob Storage linked service of this factory. */
function claimStorage(
  host: FactoryHost,
  name: string,
  linkedService: LinkedService<StorageLinkedServiceType>,
): LinkedService<StorageLinkedServiceType> {
  host.entities.claim("dataset", name);
  host.entities.requireOwned("linkedService", linkedService, "linkedService");
  if (linkedService.type !== "AzureBlobFS" && linkedService.type !== "AzureBlobStorage") {
    const type: string = linkedService.type;
    invalid(host.scope, {
      field: "linkedService",
      value: linkedService.name,
      rule: `is ${withArticle(type)} linked service, not AzureBlobFS or AzureBlobStorage`,
      fix: "pass a Data Lake (addDataLakeLinkedService) or Blob Storage (addBlobStorageLinkedService) linked service",
    });
  }
  return linkedService;
}

function validateFileSystem(host: FactoryHost, fileSystem: string): void {
  if (!isExpression(fileSystem)) validateChildName(host.scope, "container", fileSystem);
}

function isExpression(value: string | undefined): boolean {
  return value !== undefined && !isUnresolved(value) && value.startsWith("@");
}

/** Literal values stay strings; `@...` values become Data Factory expression objects. */
function dynamic(value: string | undefined): unknown {
  return isExpression(value) ? { value, type: "Expression" } : value;
}
