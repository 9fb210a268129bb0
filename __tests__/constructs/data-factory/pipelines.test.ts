import "cdktf/lib/testing/adapters/jest";
import { readFileSync } from "fs";
import { Testing } from "cdktf";
import { DataFactoryPipeline } from "@cdktf/provider-azurerm/lib/data-factory-pipeline";
import { Activity, ActivityJson, expression } from "../../../constructs/data-factory";
import { adfSchemaErrors } from "../../adf-schema/validator";
import { Json, resolved, resourcesOfType as resources, single } from "../../helpers";
import { fixturePath, sampleFactory } from "./sample-factory";

Testing.setupJest();

const MANAGED_IR = "${azurerm_data_factory_integration_runtime_azure.Factory_ManagedIntegrationRuntime_87356876.name}";

function pipelineConfig(stack: ReturnType<typeof sampleFactory>["stack"], name: string): Json {
  const config = resources(stack, "azurerm_data_factory_pipeline").find((p) => p.name === name);
  if (!config) throw new Error(`no pipeline ${name}`);
  return config;
}

describe("a pipeline from a JSON file", () => {
  test("the fixture passes and is deployed as written, ordered after what it references", () => {
    const sample = sampleFactory();
    const pipeline = sample.factory.addPipeline("CopyOnPremTables", { pipelineFile: fixturePath("copy-onprem-tables") });
    const file = JSON.parse(readFileSync(fixturePath("copy-onprem-tables"), "utf8"));
    expect(Testing.synth(sample.stack)).toHaveResourceWithProperties(DataFactoryPipeline, {
      name: "CopyOnPremTables",
      data_factory_id: single(sample.stack, "azurerm_data_factory").ref("id"),
      description: file.properties.description,
      folder: "ingest",
      concurrency: 1,
      parameters: { loadDate: "" },
    });
    const config = pipelineConfig(sample.stack, "CopyOnPremTables");
    expect(JSON.parse(config.activities_json)).toEqual(file.properties.activities);
    expect(config.depends_on).toEqual([
      "azurerm_data_factory_dataset_azure_sql_table.Factory_Dataset-ControlTable_8CCD6D95",
      "azurerm_data_factory_dataset_sql_server_table.Factory_Dataset-OnPremTable_81BE2C9D",
      "azurerm_data_factory_dataset_parquet.Factory_Dataset-LakeParquet_D4E67138",
      "azurerm_data_factory_linked_service_azure_sql_database.Factory_LinkedService-ControlDb_BAC07196",
    ]);
    expect(pipeline.file).toBe(fixturePath("copy-onprem-tables"));
    expect(pipeline.activities.map((a) => a.name)).toEqual(["LookupTables", "ForEachTable", "RecordLoad"]);
    expect(sample.factory.pipelines.get("CopyOnPremTables")).toBe(pipeline);
  });

  test.each([
    ["bad-unknown-activity-type", 'activity "RecordLoad" type "StoredProcedure" is not a Data Factory activity type; use "SqlServerStoredProcedure"'],
    [
      "bad-missing-dependency",
      'activity "CopyTable" dependsOn "LookupTables" names no activity in ForEach "ForEachTable"; remove the entry: an activity can only wait for activities of the same container (the pipeline\'s top level, or one ForEach, IfCondition, Until or Switch branch)',
    ],
    ["bad-dependency-condition", 'activity "ForEachTable" dependsOn "LookupTables" dependencyConditions ["Success"] has "Success", not a dependency condition; use Succeeded, Failed, Skipped or Completed'],
    [
      "bad-cycle",
      'activities in the pipeline wait for each other in a cycle: "LookupTables" -> "RecordLoad" -> "ForEachTable" -> "LookupTables"; remove one of these dependsOn entries (each arrow points from an activity to the one it waits for)',
    ],
    [
      "bad-missing-dataset",
      'activity "CopyTable" dataset reference "RawParquet" is not a dataset of this factory; define the dataset in the factory before the pipeline (defined: "ControlTable", "OnPremTable", "LakeParquet"), or list it in externalReferences.datasets',
    ],
    [
      "bad-missing-data-flow",
      'activity "CurateTables" data flow reference "CurateTablesFlow" is not a data flow of this factory; define the data flow in the factory before the pipeline (none is defined yet), or list it in externalReferences.dataFlows',
    ],
    [
      "bad-missing-linked-service",
      'activity "RecordLoad" linked service reference "ControlDatabase" is not a linked service of this factory; define the linked service in the factory before the pipeline (defined: "Secrets", "OnPremSql", "ControlDb", "Lake"), or list it in externalReferences.linkedServices',
    ],
  ])("%s.json is rejected, naming the pipeline, the file, the activity, the problem and the fix", (file, message) => {
    const { factory } = sampleFactory();
    expect(() => factory.addPipeline("CopyOnPremTables", { pipelineFile: fixturePath(file) })).toThrow(`test/Factory: pipeline "CopyOnPremTables" (${fixturePath(file)}) ${message}`);
  });

  test("a missing data flow or linked service can be declared as external", () => {
    const { factory } = sampleFactory();
    expect(() =>
      factory.addPipeline("CopyOnPremTables", { pipelineFile: fixturePath("bad-missing-data-flow"), externalReferences: { dataFlows: ["CurateTablesFlow"] } }),
    ).not.toThrow();
  });

  test("a bare array of activities; props override and extend the file's settings", () => {
    const { stack, factory } = sampleFactory();
    factory.addPipeline("Pause", { pipelineFile: fixturePath("activities-only"), description: "Waits", folder: "ops", concurrency: 2, parameters: { reason: "maintenance" }, variables: { note: "" } });
    const copy = factory.addPipeline("CopyOnPremTables", { pipelineFile: fixturePath("copy-onprem-tables"), parameters: { source: "erp" }, folder: "ingest/erp", concurrency: 4 });
    expect(copy.resource.node.id).toBe("Pipeline-CopyOnPremTables");
    const pause = pipelineConfig(stack, "Pause");
    expect(pause).toEqual(expect.objectContaining({ description: "Waits", folder: "ops", concurrency: 2, parameters: { reason: "maintenance" }, variables: { note: "" } }));
    expect(pause).not.toHaveProperty("depends_on");
    expect(pipelineConfig(stack, "CopyOnPremTables")).toEqual(expect.objectContaining({ parameters: { loadDate: "", source: "erp" }, folder: "ingest/erp", concurrency: 4 }));
  });

  test("a literal ${...} or %{...} in the pipeline file reaches Terraform escaped, so Data Factory gets it unchanged", () => {
    const { stack, factory } = sampleFactory();
    const pipeline = factory.addPipeline("Notify", { pipelineFile: fixturePath("template-syntax") });
    const config = pipelineConfig(stack, "Notify");
    expect(config.activities_json).toBe(
      '[{"name":"Summarise","type":"SetVariable","typeProperties":{"variableName":"summary","value":"Run $${runId} %%{ if ok }ok%%{ endif }"}}]',
    );
    expect(config).toEqual(expect.objectContaining({ description: "Reports $${runId}", parameters: { greeting: "Hello $${name}" } }));
    // The checked activities are what Data Factory receives: unescaped.
    expect(pipeline.activities[0].typeProperties).toEqual({ variableName: "summary", value: "Run ${runId} %{ if ok }ok%{ endif }" });
  });

  test.each([
    ["relative/pipeline.json", () => "relative/pipeline.json", 'pipelineFile "relative/pipeline.json" is not an absolute path; pass path.join(__dirname, ...) so synthesis does not depend on the working directory'],
    ["a missing file", () => fixturePath("missing"), `pipelineFile "${fixturePath("missing")}" cannot be read (ENOENT); check the path and that the file is part of the package`],
    ["a file without activities", () => fixturePath("no-activities"), `pipelineFile "${fixturePath("no-activities")}" has no activities; put the activities under properties.activities`],
  ])("%s is rejected", (_, file, message) => {
    const { factory } = sampleFactory();
    expect(() => factory.addPipeline("Empty", { pipelineFile: file() })).toThrow(`test/Factory: pipeline "Empty" ${message}`);
  });

  test("invalid JSON is rejected with the parser's message", () => {
    const { factory } = sampleFactory();
    expect(() => factory.addPipeline("Broken", { pipelineFile: fixturePath("broken") })).toThrow(
      new RegExp(`^test/Factory: pipeline "Broken" pipelineFile "${fixturePath("broken").replace(/[/\\.]/g, "\\$&")}" is not valid JSON \\(.+\\); fix the JSON syntax$`),
    );
  });

  test("a file that holds no pipeline, parameters that are no object, and a non-String variable are rejected", () => {
    const { factory } = sampleFactory();
    expect(() => factory.addPipeline("Text", { pipelineFile: fixturePath("string-root") })).toThrow(
      `test/Factory: pipeline "Text" pipelineFile "${fixturePath("string-root")}" holds no pipeline; use the Data Factory pipeline JSON ({ name, properties: { activities } }) or an array of activities`,
    );
    expect(() => factory.addPipeline("Listed", { pipelineFile: fixturePath("parameters-list") })).toThrow(
      `test/Factory: pipeline "Listed" (${fixturePath("parameters-list")}) parameters is not an object; declare parameters as { "<name>": { "type": "String", "defaultValue": "..." } }`,
    );
    expect(() => factory.addPipeline("Tables", { pipelineFile: fixturePath("array-variable") })).toThrow(
      `test/Factory: pipeline "Tables" (${fixturePath("array-variable")}) variable "tables" type "Array" is not supported: azurerm_data_factory_pipeline declares String variables only; declare it as String (e.g. a JSON text read with @json(variables('...')))`,
    );
  });

  test("a non-String parameter and a different name in the file are rejected", () => {
    const { factory } = sampleFactory();
    expect(() => factory.addPipeline("Throttled", { pipelineFile: fixturePath("int-parameter") })).toThrow(
      `test/Factory: pipeline "Throttled" (${fixturePath("int-parameter")}) parameter "batchSize" type "int" is not supported: azurerm_data_factory_pipeline declares String parameters only; declare it as String and convert in expressions, e.g. @int(pipeline().parameters.batchSize)`,
    );
    expect(() => factory.addPipeline("CopyTables", { pipelineFile: fixturePath("copy-onprem-tables") })).toThrow(
      `test/Factory: pipeline "CopyTables" (${fixturePath("copy-onprem-tables")}) name "CopyOnPremTables" differs from the name given to addPipeline ("CopyTables"); use the same name in both places, or drop it from the file`,
    );
  });
});

describe("a pipeline from typed activities", () => {
  function typedPipeline() {
    const sample = sampleFactory();
    const { factory, controlTable, onPremTable, lakeParquet, controlDb } = sample;
    const curated = factory.addParquetDataset("CuratedOrders", { linkedService: sample.dataLake, fileSystem: "curated", path: "orders" });
    const flow = factory.addDataFlow("CurateOrders", {
      script: "source(allowSchemaDrift: true) ~> Raw\nRaw sink(allowSchemaDrift: true) ~> Curated",
      sources: [{ name: "Raw", dataset: lakeParquet }],
      sinks: [{ name: "Curated", dataset: curated }],
    });
    const lookup = Activity.lookup({ name: "LookupTables", dataset: controlTable, sourceSettings: { sqlReaderQuery: "SELECT SchemaName, TableName FROM etl.TablesToLoad" }, firstRowOnly: false });
    const loop = Activity.forEach({
      name: "ForEachTable",
      items: "@activity('LookupTables').output.value",
      batchCount: 4,
      dependsOn: [lookup],
      activities: [
        Activity.copy({
          name: "CopyTable",
          source: onPremTable,
          sink: lakeParquet,
          sourceSettings: { sqlReaderQuery: expression("SELECT * FROM [@{item().SchemaName}].[@{item().TableName}]") },
          sinkParameters: { folder: expression("@concat('raw/', item().TableName)") },
          policy: { retry: 2, timeout: "0.02:00:00" },
        }),
      ],
    });
    const curate = Activity.executeDataFlow({ name: "Curate", dataFlow: flow, dependsOn: [loop] });
    const check = Activity.ifCondition({
      name: "AnyRows",
      expression: "@greater(length(activity('LookupTables').output.value), 0)",
      dependsOn: [{ activity: curate, conditions: ["Succeeded", "Skipped"] }],
      ifTrue: [
        Activity.web({
          name: "Notify",
          url: "https://orders.contoso.com/api/loads",
          method: "POST",
          body: { runId: "@{pipeline().RunId}" },
          headers: { "Content-Type": "application/json" },
          authentication: { type: "MSI", resource: "api://orders" },
          integrationRuntime: "ir-managed-vnet",
        }),
      ],
    });
    const record = Activity.storedProcedure({
      name: "RecordLoad",
      linkedService: controlDb,
      storedProcedureName: "[etl].[RecordLoad]",
      parameters: { PipelineRunId: { value: expression("@pipeline().RunId"), type: "String" } },
      dependsOn: ["AnyRows"],
    });
    const pipeline = factory.addPipeline("LoadAndCurate", { activities: [lookup, loop, curate, check, record], concurrency: 1 });
    return { ...sample, pipeline, flow };
  }

  test("passes the checks and deploys the typed JSON", () => {
    const { stack, pipeline, flow } = typedPipeline();
    const config = pipelineConfig(stack, "LoadAndCurate");
    const activities = JSON.parse(config.activities_json) as ActivityJson[];
    expect(activities).toEqual(resolved(stack, pipeline.activities));
    expect(activities.map((a) => [a.name, a.type])).toEqual([
      ["LookupTables", "Lookup"],
      ["ForEachTable", "ForEach"],
      ["Curate", "ExecuteDataFlow"],
      ["AnyRows", "IfCondition"],
      ["RecordLoad", "SqlServerStoredProcedure"],
    ]);
    expect(config.depends_on).toContain(`azurerm_data_factory_data_flow.${flow.resource.friendlyUniqueId}`);
    expect(config.depends_on).toContain(`azurerm_data_factory_linked_service_azure_sql_database.${single(stack, "azurerm_data_factory_linked_service_azure_sql_database").ref("id").split(".")[1]}`);
  });

  test("every builder's JSON is valid by Data Factory's published schema (nested activities included)", () => {
    const { stack, pipeline } = typedPipeline();
    const activities = resolved(stack, pipeline.activities) as ActivityJson[];
    expect(new Set(JSON.stringify(activities).match(/"type":"(Lookup|ForEach|Copy|ExecuteDataFlow|IfCondition|WebActivity|SqlServerStoredProcedure)"/g))).toHaveProperty("size", 7);
    for (const activity of activities) expect({ activity: activity.name, errors: adfSchemaErrors("Activity", activity) }).toEqual({ activity: activity.name, errors: [] });
  });

  test("each builder writes the JSON Data Factory expects", () => {
    const [lookup, loop, curate, check, record] = typedPipeline().pipeline.activities;
    expect(lookup).toEqual({
      name: "LookupTables",
      type: "Lookup",
      typeProperties: {
        source: { type: "AzureSqlSource", sqlReaderQuery: "SELECT SchemaName, TableName FROM etl.TablesToLoad" },
        dataset: { referenceName: "ControlTable", type: "DatasetReference" },
        firstRowOnly: false,
      },
    });
    expect(loop).toEqual({
      name: "ForEachTable",
      type: "ForEach",
      dependsOn: [{ activity: "LookupTables", dependencyConditions: ["Succeeded"] }],
      typeProperties: {
        items: { value: "@activity('LookupTables').output.value", type: "Expression" },
        isSequential: false,
        batchCount: 4,
        activities: [
          {
            name: "CopyTable",
            type: "Copy",
            policy: { retry: 2, timeout: "0.02:00:00" },
            inputs: [{ referenceName: "OnPremTable", type: "DatasetReference" }],
            outputs: [{ referenceName: "LakeParquet", type: "DatasetReference", parameters: { folder: { value: "@concat('raw/', item().TableName)", type: "Expression" } } }],
            typeProperties: {
              source: { type: "SqlServerSource", sqlReaderQuery: { value: "SELECT * FROM [@{item().SchemaName}].[@{item().TableName}]", type: "Expression" } },
              sink: { type: "ParquetSink", storeSettings: { type: "AzureBlobFSWriteSettings" }, formatSettings: { type: "ParquetWriteSettings" } },
            },
          },
        ],
      },
    });
    expect(curate.typeProperties).toEqual({
      dataFlow: { referenceName: "CurateOrders", type: "DataFlowReference" },
      integrationRuntime: { referenceName: expect.stringMatching(/^\$\{TfToken/), type: "IntegrationRuntimeReference" },
      compute: { computeType: "General", coreCount: 8 },
    });
    expect(check).toEqual(
      expect.objectContaining({
        dependsOn: [{ activity: "Curate", dependencyConditions: ["Succeeded", "Skipped"] }],
        typeProperties: {
          expression: { value: "@greater(length(activity('LookupTables').output.value), 0)", type: "Expression" },
          ifTrueActivities: [
            {
              name: "Notify",
              type: "WebActivity",
              typeProperties: {
                url: "https://orders.contoso.com/api/loads",
                method: "POST",
                body: { runId: "@{pipeline().RunId}" },
                headers: { "Content-Type": "application/json" },
                authentication: { type: "MSI", resource: "api://orders" },
                connectVia: { referenceName: "ir-managed-vnet", type: "IntegrationRuntimeReference" },
              },
            },
          ],
        },
      }),
    );
    expect(record).toEqual({
      name: "RecordLoad",
      type: "SqlServerStoredProcedure",
      dependsOn: [{ activity: "AnyRows", dependencyConditions: ["Succeeded"] }],
      linkedServiceName: { referenceName: "ControlDb", type: "LinkedServiceReference" },
      typeProperties: { storedProcedureName: "[etl].[RecordLoad]", storedProcedureParameters: { PipelineRunId: { value: { value: "@pipeline().RunId", type: "Expression" }, type: "String" } } },
    });
  });

  test("the data flow runs on the managed-VNet runtime (a reference Terraform resolves)", () => {
    const { stack } = typedPipeline();
    expect(JSON.parse(pipelineConfig(stack, "LoadAndCurate").activities_json)[2].typeProperties.integrationRuntime.referenceName).toBe(MANAGED_IR);
  });

  test("typed mistakes are caught like file ones", () => {
    const { factory, controlTable, onPremTable, lakeParquet } = sampleFactory();
    const lookup = Activity.lookup({ name: "Lookup", dataset: controlTable });
    const inner = Activity.copy({ name: "Copy", source: onPremTable, sink: lakeParquet, dependsOn: [lookup] });
    expect(() => factory.addPipeline("Nested", { activities: [lookup, Activity.forEach({ name: "Loop", items: "@range(1,3)", activities: [inner] })] })).toThrow(
      'test/Factory: pipeline "Nested" activity "Copy" dependsOn "Lookup" names no activity in ForEach "Loop"; remove the entry',
    );
    const a = Activity.fromJson({ name: "A", type: "Wait", dependsOn: [{ activity: "B", dependencyConditions: ["Succeeded"] }], typeProperties: { waitTimeInSeconds: 1 } });
    const b = Activity.fromJson({ name: "B", type: "Wait", dependsOn: [{ activity: "A", dependencyConditions: ["Failed"] }], typeProperties: { waitTimeInSeconds: 1 } });
    expect(() => factory.addPipeline("Loop", { activities: [a, b] })).toThrow('test/Factory: pipeline "Loop" activities in the pipeline wait for each other in a cycle: "A" -> "B" -> "A"');
    expect(() => factory.addPipeline("Odd", { activities: [Activity.fromJson({ name: "X", type: "copy", typeProperties: {} })] })).toThrow(
      'test/Factory: pipeline "Odd" activity "X" type "copy" is not a Data Factory activity type; use "Copy"',
    );
  });

  test("fromJson keeps the JSON, and toJson hands out copies", () => {
    const json = { name: "Pause", type: "Wait", typeProperties: { waitTimeInSeconds: 5 } };
    const activity = Activity.fromJson(json);
    const copy = activity.toJson() as unknown as { typeProperties: { waitTimeInSeconds: number } };
    copy.typeProperties.waitTimeInSeconds = 99;
    expect(activity.toJson()).toEqual(json);
    expect([activity.name, activity.type]).toEqual(["Pause", "Wait"]);
  });

  test("an ExecutePipeline call is ordered after the pipeline it calls", () => {
    const { stack, factory } = sampleFactory();
    const child = factory.addPipeline("Child", { activities: [Activity.fromJson({ name: "Pause", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } })] });
    factory.addPipeline("Parent", {
      activities: [Activity.fromJson({ name: "Call", type: "ExecutePipeline", typeProperties: { pipeline: { referenceName: "Child", type: "PipelineReference" }, waitOnCompletion: true } })],
    });
    expect(pipelineConfig(stack, "Parent").depends_on).toEqual([`azurerm_data_factory_pipeline.${child.resource.friendlyUniqueId}`]);
    expect(() =>
      factory.addPipeline("Orphan", { activities: [Activity.fromJson({ name: "Call", type: "ExecutePipeline", typeProperties: { pipeline: { referenceName: "Missing", type: "PipelineReference" } } })] }),
    ).toThrow('test/Factory: pipeline "Orphan" activity "Call" pipeline reference "Missing" is not a pipeline of this factory; define the pipeline in the factory before the pipeline (defined: "Child", "Parent", "Orphan"), or list it in externalReferences.pipelines');
  });
});

describe("pipeline options", () => {
  const pause = () => [Activity.fromJson({ name: "Pause", type: "Wait", typeProperties: { waitTimeInSeconds: 1 } })];

  test("exactly one of activities and pipelineFile", () => {
    const { factory } = sampleFactory();
    const message = 'test/Factory: pipeline "P" needs exactly one of activities and pipelineFile; build the activities with Activity.* or point pipelineFile at a pipeline JSON file';
    expect(() => factory.addPipeline("P", {})).toThrow(message);
    expect(() => factory.addPipeline("Q", { activities: pause(), pipelineFile: fixturePath("activities-only") })).toThrow(message.replace('"P"', '"Q"'));
  });

  test.each([0, 51, 1.5])("concurrency %p is rejected", (concurrency) => {
    expect(() => sampleFactory().factory.addPipeline("P", { activities: pause(), concurrency })).toThrow(
      `test/Factory: pipeline "P" concurrency ${concurrency} is not a whole number from 1 to 50; set concurrency to 1-50, or leave it unset for no limit`,
    );
  });

  test("pipeline names allow hyphens but must start with a letter", () => {
    const { factory } = sampleFactory();
    expect(factory.addPipeline("copy-orders", { activities: pause() }).name).toBe("copy-orders");
    expect(() => factory.addPipeline("1copy", { activities: pause() })).toThrow(
      "test/Factory: pipeline name \"1copy\" breaks the Data Factory pipeline naming rule; use a letter first, then no . + ? / < > * % & : \\ or '#'",
    );
  });
});
