import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { DataFactoryCustomDataset } from "@cdktf/provider-azurerm/lib/data-factory-custom-dataset";
import { DataFactoryDatasetAzureSqlTable } from "@cdktf/provider-azurerm/lib/data-factory-dataset-azure-sql-table";
import { DataFactoryDatasetCosmosdbSqlapi } from "@cdktf/provider-azurerm/lib/data-factory-dataset-cosmosdb-sqlapi";
import { DataFactoryDatasetDelimitedText } from "@cdktf/provider-azurerm/lib/data-factory-dataset-delimited-text";
import { DataFactoryDatasetParquet } from "@cdktf/provider-azurerm/lib/data-factory-dataset-parquet";
import { DataFactoryDatasetSqlServerTable } from "@cdktf/provider-azurerm/lib/data-factory-dataset-sql-server-table";
import { DataFactory, LinkedService } from "../../../constructs/data-factory";
import { StorageAccount } from "../../../constructs/storage";
import { makeStack, resourcesOfType as resources, single } from "../../helpers";
import { COSMOS, sampleFactory } from "./sample-factory";

Testing.setupJest();

const FACTORY = "${azurerm_data_factory.Factory_212BF0B2.id}";

describe("table datasets", () => {
  test("SQL Server and Azure SQL tables on their linked services", () => {
    const { stack, controlTable, onPremTable } = sampleFactory();
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryDatasetAzureSqlTable, {
      name: "ControlTable",
      data_factory_id: FACTORY,
      linked_service_id: single(stack, "azurerm_data_factory_linked_service_azure_sql_database").ref("id"),
      schema: "etl",
      table: "TablesToLoad",
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryDatasetSqlServerTable, {
      name: "OnPremTable",
      linked_service_name: single(stack, "azurerm_data_factory_linked_service_sql_server").ref("name"),
    });
    expect([controlTable.type, controlTable.copySource, controlTable.copySink]).toEqual(["AzureSqlTable", { type: "AzureSqlSource" }, { type: "AzureSqlSink" }]);
    expect([onPremTable.type, onPremTable.copySource, onPremTable.copySink]).toEqual(["SqlServerTable", { type: "SqlServerSource" }, { type: "SqlServerSink" }]);
    expect(controlTable.resource.node.id).toBe("Dataset-ControlTable");
  });

  test("a Synapse table is an AzureSqlDWTable custom dataset", () => {
    const { stack, factory } = sampleFactory();
    const warehouse = factory.addSynapseLinkedService("Warehouse", { server: "synw.sql.azuresynapse.net", database: "dw" });
    const fact = factory.addSynapseTableDataset("FactOrders", { linkedService: warehouse, schema: "dbo", table: "FactOrders", folder: "warehouse", description: "Orders fact" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryCustomDataset, {
      name: "FactOrders",
      type: "AzureSqlDWTable",
      folder: "warehouse",
      description: "Orders fact",
      linked_service: { name: single(stack, "azurerm_data_factory_linked_service_synapse").ref("name") },
      type_properties_json: JSON.stringify({ schema: "dbo", table: "FactOrders" }),
    });
    expect([fact.copySource, fact.copySink]).toEqual([{ type: "SqlDWSource" }, { type: "SqlDWSink" }]);
  });

  test("a Cosmos DB container", () => {
    const { stack, factory } = sampleFactory();
    const cosmos = factory.addCosmosDbLinkedService("Orders", { account: COSMOS, database: "sales" });
    const documents = factory.addCosmosContainerDataset("OrderDocuments", { linkedService: cosmos, container: "orders" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryDatasetCosmosdbSqlapi, {
      name: "OrderDocuments",
      collection_name: "orders",
      linked_service_name: single(stack, "azurerm_data_factory_linked_custom_service").ref("name"),
    });
    expect([documents.copySource, documents.copySink]).toEqual([{ type: "CosmosDbSqlApiSource" }, { type: "CosmosDbSqlApiSink" }]);
  });
});

describe("Data Lake file datasets", () => {
  test("Parquet with snappy compression and an expression path", () => {
    const { stack, lakeParquet } = sampleFactory();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryDatasetParquet, {
      name: "LakeParquet",
      linked_service_name: single(stack, "azurerm_data_factory_linked_service_data_lake_storage_gen2").ref("name"),
      compression_codec: "snappy",
      parameters: { folder: "" },
      azure_blob_fs_location: { file_system: "raw", path: "@dataset().folder", dynamic_path_enabled: true },
    });
    expect(lakeParquet.copySink).toEqual({ type: "ParquetSink", storeSettings: { type: "AzureBlobFSWriteSettings" }, formatSettings: { type: "ParquetWriteSettings" } });
    expect(lakeParquet.copySource).toEqual({ type: "ParquetSource", storeSettings: { type: "AzureBlobFSReadSettings", recursive: true } });
  });

  test("delimited text with CSV defaults, and overrides", () => {
    const { stack, factory, dataLake } = sampleFactory();
    const csv = factory.addDelimitedTextDataset("OrdersCsv", { linkedService: dataLake, fileSystem: "raw", path: "orders", filename: "@dataset().file", parameters: { file: "orders.csv" } });
    factory.addDelimitedTextDataset("ExportTsv", {
      linkedService: dataLake,
      fileSystem: "curated",
      columnDelimiter: "\t",
      rowDelimiter: "\n",
      firstRowAsHeader: false,
      encoding: "UTF-16",
      quoteCharacter: "'",
      escapeCharacter: "/",
      compressionCodec: "gzip",
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryDatasetDelimitedText, {
      name: "OrdersCsv",
      column_delimiter: ",",
      first_row_as_header: true,
      encoding: "UTF-8",
      quote_character: '"',
      escape_character: "\\",
      azure_blob_fs_location: { file_system: "raw", path: "orders", filename: "@dataset().file", dynamic_filename_enabled: true },
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryDatasetDelimitedText, {
      name: "ExportTsv",
      column_delimiter: "\t",
      row_delimiter: "\n",
      first_row_as_header: false,
      encoding: "UTF-16",
      quote_character: "'",
      escape_character: "/",
      compression_codec: "gzip",
    });
    expect(csv.copySink).toEqual({
      type: "DelimitedTextSink",
      storeSettings: { type: "AzureBlobFSWriteSettings" },
      formatSettings: { type: "DelimitedTextWriteSettings", quoteAllText: true, fileExtension: ".csv" },
    });
  });

  test("JSON is a custom dataset with an AzureBlobFSLocation (azurerm's JSON dataset has no Data Lake location)", () => {
    const { stack, factory, dataLake } = sampleFactory();
    factory.addJsonDataset("OrderEvents", { linkedService: dataLake, fileSystem: "raw", path: "@dataset().day", filename: "events.json", parameters: { day: "" } });
    const dataset = resources(stack, "azurerm_data_factory_custom_dataset").find((d) => d.name === "OrderEvents");
    expect(dataset).toEqual(expect.objectContaining({ type: "Json", parameters: { day: "" } }));
    expect(JSON.parse(dataset.type_properties_json)).toEqual({
      location: { type: "AzureBlobFSLocation", fileSystem: "raw", folderPath: { value: "@dataset().day", type: "Expression" }, fileName: "events.json" },
      encodingName: "UTF-8",
    });
  });

  test("on a Blob Storage linked service: azure_blob_storage_location, Blob store settings, a Blob JSON location", () => {
    const { stack, factory } = sampleFactory();
    const files = factory.addBlobStorageLinkedService("Files", { storage: new StorageAccount(stack, "Files", { containers: ["inbox"] }) });
    const parquet = factory.addParquetDataset("InboxParquet", { linkedService: files, fileSystem: "inbox", path: "orders" });
    const csv = factory.addDelimitedTextDataset("InboxCsv", { linkedService: files, fileSystem: "@dataset().box", parameters: { box: "inbox" } });
    factory.addJsonDataset("InboxJson", { linkedService: files, fileSystem: "inbox", filename: "events.json" });
    const synth = Testing.synth(stack);
    const link = single(stack, "azurerm_data_factory_linked_service_azure_blob_storage").ref("name");
    expect(synth).toHaveResourceWithProperties(DataFactoryDatasetParquet, {
      name: "InboxParquet",
      linked_service_name: link,
      azure_blob_storage_location: { container: "inbox", path: "orders" },
    });
    const parquetConfig = resources(stack, "azurerm_data_factory_dataset_parquet").find((d) => d.name === "InboxParquet");
    expect(parquetConfig.azure_blob_fs_location).toBeUndefined();
    expect(synth).toHaveResourceWithProperties(DataFactoryDatasetDelimitedText, {
      name: "InboxCsv",
      azure_blob_storage_location: { container: "@dataset().box", dynamic_container_enabled: true },
    });
    expect(parquet.copySource).toEqual({ type: "ParquetSource", storeSettings: { type: "AzureBlobStorageReadSettings", recursive: true } });
    expect(csv.copySink).toEqual(expect.objectContaining({ storeSettings: { type: "AzureBlobStorageWriteSettings" } }));
    const json = resources(stack, "azurerm_data_factory_custom_dataset").find((d) => d.name === "InboxJson");
    expect(JSON.parse(json.type_properties_json).location).toEqual({ type: "AzureBlobStorageLocation", container: "inbox", fileName: "events.json" });
  });

  test("a filesystem name is checked against the container rule unless it is an expression", () => {
    const { factory, dataLake } = sampleFactory();
    expect(() => factory.addParquetDataset("Bad", { linkedService: dataLake, fileSystem: "Raw_Zone" })).toThrow(
      'test/Factory: container name "Raw_Zone" breaks the container naming rule; use lower-case letters, digits and single hyphens, starting and ending with a letter or digit',
    );
    expect(() => factory.addJsonDataset("Dyn", { linkedService: dataLake, fileSystem: "@dataset().zone", parameters: { zone: "raw" } })).not.toThrow();
  });
});

describe("dataset validation", () => {
  test("the linked service must be of the right type and of this factory", () => {
    const { factory, controlDb } = sampleFactory();
    expect(() => factory.addParquetDataset("Wrong", { linkedService: controlDb as unknown as LinkedService<"AzureBlobFS">, fileSystem: "raw" })).toThrow(
      'test/Factory: linkedService "ControlDb" is an AzureSqlDatabase linked service, not AzureBlobFS or AzureBlobStorage; ' +
        "pass a Data Lake (addDataLakeLinkedService) or Blob Storage (addBlobStorageLinkedService) linked service",
    );
    const other = new DataFactory(makeStack(), "Other");
    const foreign = other.addAzureSqlDatabaseLinkedService("ControlDb", { server: "x.database.windows.net", database: "db" });
    expect(() => factory.addAzureSqlTableDataset("Foreign", { linkedService: foreign })).toThrow(
      'test/Factory: linkedService "ControlDb" is not a linked service of this factory; pass a linked service created by this factory\'s add* methods',
    );
  });

  test("names follow the dataset rule and are unique", () => {
    const { factory, controlDb } = sampleFactory();
    expect(() => factory.addAzureSqlTableDataset("control-table", { linkedService: controlDb })).toThrow(
      "test/Factory: dataset name \"control-table\" breaks the Data Factory dataset naming rule; use a letter first, then no . + ? / < > * % & : \\ or '-'",
    );
    expect(() => factory.addAzureSqlTableDataset("CONTROLTABLE", { linkedService: controlDb })).toThrow(
      'test/Factory: dataset name "CONTROLTABLE" collides with "ControlTable" (Data Factory names are case-insensitive); give each dataset a unique name',
    );
    expect([...factory.datasets.keys()]).toEqual(["ControlTable", "OnPremTable", "LakeParquet"]);
  });
});
