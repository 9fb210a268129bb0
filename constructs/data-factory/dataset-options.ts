import { LinkedService } from "./linked-service";

// What each add*Dataset method takes; the builders are in datasets.ts.

/** What every dataset takes. */
export interface CommonOptions {
  /** @default none */
  readonly description?: string;
  /** Folder in the Data Factory Studio tree. @default none */
  readonly folder?: string;
  /**
   * Dataset parameters and their default values; paths and names refer to them as `@dataset().<name>`.
   * @default none
   */
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface SqlServerTableDatasetOptions extends CommonOptions {
  readonly linkedService: LinkedService<"SqlServer">;
  /** `schema.table`. @default none (queries in the activity name the table) */
  readonly table?: string;
}

export interface AzureSqlTableDatasetOptions extends CommonOptions {
  readonly linkedService: LinkedService<"AzureSqlDatabase">;
  /** @default none */
  readonly schema?: string;
  /** @default none (queries in the activity name the table) */
  readonly table?: string;
}

export interface SynapseTableDatasetOptions extends CommonOptions {
  readonly linkedService: LinkedService<"AzureSqlDW">;
  /** @default none */
  readonly schema?: string;
  /** @default none */
  readonly table?: string;
}

/**
 * Where files live in a Data Lake. A value starting with `@` is an expression (e.g.
 * `@dataset().folder`) and is sent as one.
 */
export interface DataLakeLocation {
  /** A Data Lake (`addDataLakeLinkedService`) or Blob Storage (`addBlobStorageLinkedService`) linked service. */
  readonly linkedService: LinkedService<StorageLinkedServiceType>;
  /** The filesystem (Data Lake) or container (Blob Storage). */
  readonly fileSystem: string;
  /** Folder path inside the filesystem. @default the filesystem root */
  readonly path?: string;
  /** @default every file in the folder */
  readonly filename?: string;
}

export interface ParquetDatasetOptions extends CommonOptions, DataLakeLocation {
  /** @default "snappy" */
  readonly compressionCodec?: string;
}

export interface DelimitedTextDatasetOptions extends CommonOptions, DataLakeLocation {
  /** @default "," */
  readonly columnDelimiter?: string;
  /** @default the Data Factory default (`\r\n` when reading any of `\r`, `\n`, `\r\n`) */
  readonly rowDelimiter?: string;
  /** @default true */
  readonly firstRowAsHeader?: boolean;
  /** @default "UTF-8" */
  readonly encoding?: string;
  /** @default '"' */
  readonly quoteCharacter?: string;
  /** @default "\\" */
  readonly escapeCharacter?: string;
  /** @default none */
  readonly compressionCodec?: string;
}

export interface JsonDatasetOptions extends CommonOptions, DataLakeLocation {
  /** @default "UTF-8" */
  readonly encoding?: string;
}

export interface CosmosContainerDatasetOptions extends CommonOptions {
  readonly linkedService: LinkedService<"CosmosDb">;
  /** The container (collection). */
  readonly container: string;
}

export interface RestResourceDatasetOptions extends CommonOptions {
  readonly linkedService: LinkedService<"RestService">;
  /** Path of the resource, relative to the linked service's URL; a value starting with `@` is an expression. @default the URL itself */
  readonly relativeUrl?: string;
}

/** The linked services a file dataset can sit on: Data Lake Storage Gen2 or Blob Storage. */
export type StorageLinkedServiceType = "AzureBlobFS" | "AzureBlobStorage";
