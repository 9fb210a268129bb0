import { readFileSync } from "fs";
import { ACTIVITY_TYPES, DEPENDENCY_CONDITIONS, KnownEntities, REQUIRED_TYPE_PROPERTIES, checkPipeline } from "../../../constructs/data-factory";
import { fixturePath } from "./sample-factory";

type Json = Record<string, unknown>;

const KNOWN: KnownEntities = {
  datasets: ["ControlTable", "OnPremTable", "LakeParquet"],
  dataFlows: ["CurateOrders"],
  linkedServices: ["ControlDb", "OnPremSql"],
  pipelines: ["Publish"],
};

const FIXTURE = JSON.parse(readFileSync(fixturePath("copy-onprem-tables"), "utf8")).properties.activities as Json[];

/** The messages of the problems found in `activities` (pipeline "P"), as `<field> <value> <rule>; <fix>`. */
function problems(activities: unknown, known: KnownEntities = KNOWN): string[] {
  return checkPipeline({ pipeline: "P", activities, known }).problems.map((p) => `${p.field}${p.value === undefined ? "" : ` ${JSON.stringify(p.value)}`} ${p.rule}; ${p.fix}`);
}

const wait = (name: string, ...dependsOn: string[]): Json => ({
  name,
  type: "Wait",
  dependsOn: dependsOn.map((activity) => ({ activity, dependencyConditions: ["Succeeded"] })),
  typeProperties: { waitTimeInSeconds: 1 },
});

describe("the activity type list", () => {
  test("holds the 40 activity types of the 2018-06-01 schema, each with its required type properties", () => {
    expect(ACTIVITY_TYPES).toHaveLength(40);
    expect(Object.keys(REQUIRED_TYPE_PROPERTIES).sort()).toEqual([...ACTIVITY_TYPES].sort());
    for (const type of ["Copy", "ExecuteDataFlow", "Lookup", "ForEach", "IfCondition", "SqlServerStoredProcedure", "WebActivity", "Until", "Switch"]) {
      expect(ACTIVITY_TYPES).toContain(type);
    }
    expect(REQUIRED_TYPE_PROPERTIES.Copy).toEqual(["source", "sink"]);
    expect(DEPENDENCY_CONDITIONS).toEqual(["Succeeded", "Failed", "Skipped", "Completed"]);
  });
});

describe("a sound pipeline", () => {
  test("the fixture (Lookup -> ForEach { Copy } -> stored procedure) has no problem", () => {
    const result = checkPipeline({ pipeline: "CopyOnPremTables", activities: FIXTURE, known: KNOWN });
    expect(result.problems).toEqual([]);
    expect(result.references).toEqual({
      dataset: ["ControlTable", "OnPremTable", "LakeParquet"],
      dataFlow: [],
      linkedService: ["ControlDb"],
      pipeline: [],
      integrationRuntime: [],
    });
  });

  test("references match case-insensitively, expressions are skipped, and pipelines are unchecked without a list", () => {
    const activities = [
      { name: "Get", type: "Lookup", typeProperties: { source: { type: "AzureSqlSource" }, dataset: { referenceName: "controltable", type: "DatasetReference" } } },
      { name: "Dyn", type: "Lookup", typeProperties: { source: { type: "AzureSqlSource" }, dataset: { referenceName: "@pipeline().parameters.ds", type: "DatasetReference" } } },
      { name: "Expr", type: "Lookup", typeProperties: { source: { type: "AzureSqlSource" }, dataset: { referenceName: { value: "@item().ds", type: "Expression" }, type: "DatasetReference" } } },
      { name: "Call", type: "ExecutePipeline", typeProperties: { pipeline: { referenceName: "Anything", type: "PipelineReference" } } },
    ];
    expect(problems(activities, { ...KNOWN, pipelines: undefined })).toEqual([]);
  });

  test("every container level is checked on its own: ForEach, IfCondition branches, Until and Switch cases", () => {
    const activities = [
      wait("Start"),
      { name: "Loop", type: "Until", dependsOn: [{ activity: "Start", dependencyConditions: ["Completed"] }], typeProperties: { expression: { value: "@true", type: "Expression" }, activities: [wait("U1"), wait("U2", "U1")] } },
      { name: "Check", type: "IfCondition", typeProperties: { expression: { value: "@true", type: "Expression" }, ifTrueActivities: [wait("T1"), wait("T2", "T1")], ifFalseActivities: [wait("F1")] } },
      { name: "Route", type: "Switch", typeProperties: { on: { value: "@pipeline().parameters.kind", type: "Expression" }, cases: [{ value: "a", activities: [wait("A1"), wait("A2", "A1")] }], defaultActivities: [wait("D1")] } },
    ];
    expect(problems(activities)).toEqual([]);
  });
});

describe("activity types", () => {
  test.each([
    ["copy", 'use "Copy"'],
    ["LookUp", 'use "Lookup"'],
    ["StoredProcedure", 'use "SqlServerStoredProcedure"'],
    ["Teleport", "use a type from ACTIVITY_TYPES (the activity types of the ADF 2018-06-01 schema)"],
  ])("an unknown type %p is rejected with a suggestion where one is plausible", (type, fix) => {
    expect(problems([{ name: "A", type, typeProperties: {} }])).toEqual([`pipeline "P" activity "A" type ${JSON.stringify(type)} is not a Data Factory activity type; ${fix}`]);
  });

  test("unknown types are found inside containers too", () => {
    const activities = [{ name: "Loop", type: "ForEach", typeProperties: { items: { value: "@range(1,2)", type: "Expression" }, activities: [{ name: "Inner", type: "Copyy", typeProperties: {} }] } }];
    expect(problems(activities)).toEqual(['pipeline "P" activity "Inner" type "Copyy" is not a Data Factory activity type; use "Copy"']);
  });

  test("a missing type, name or type properties", () => {
    expect(problems([{ name: "A" }, { type: "Wait" }, { name: "B", type: "Wait" }, { name: "C", type: "Copy", typeProperties: { source: {} } }])).toEqual([
      'pipeline "P" activity "A" type is missing; set type to one of the activity types in ACTIVITY_TYPES, e.g. "Copy"',
      'pipeline "P" activity #2 in the pipeline has no name; give every activity a unique "name"',
      'pipeline "P" activity "B" typeProperties is missing; a Wait activity needs it; add typeProperties with waitTimeInSeconds',
      'pipeline "P" activity "C" typeProperties lacks sink, required for a Copy activity; set typeProperties.sink',
    ]);
  });

  test("activity names are unique across the whole pipeline", () => {
    const activities = [wait("Same"), { name: "Loop", type: "ForEach", typeProperties: { items: { value: "@range(1,2)", type: "Expression" }, activities: [wait("Same")] } }];
    expect(problems(activities)).toEqual([
      'pipeline "P" activity name "Same" is used by more than one activity; give every activity of the pipeline a unique name, including activities inside ForEach, IfCondition, Until and Switch',
    ]);
  });

  test("activities must be a list", () => {
    expect(problems({ name: "A" })).toEqual(['pipeline "P" activities is not a list of activities; give a JSON array of activity objects']);
  });
});

describe("dependsOn", () => {
  test("a target that does not exist", () => {
    expect(problems([wait("A"), wait("B", "Nope")])).toEqual([
      'pipeline "P" activity "B" dependsOn "Nope" names no activity in the pipeline; depend on one of "A": an activity can only wait for activities of the same container (the pipeline\'s top level, or one ForEach, IfCondition, Until or Switch branch)',
    ]);
  });

  test.each([
    [
      "ForEach",
      { name: "Box", type: "ForEach", typeProperties: { items: { value: "@range(1,2)", type: "Expression" }, activities: [wait("Inner", "Outer")] } },
      'names no activity in ForEach "Box"',
    ],
    ["IfCondition", { name: "Box", type: "IfCondition", typeProperties: { expression: { value: "@true", type: "Expression" }, ifFalseActivities: [wait("Inner", "Outer")] } }, 'names no activity in IfCondition "Box" ifFalseActivities'],
    ["Until", { name: "Box", type: "Until", typeProperties: { expression: { value: "@true", type: "Expression" }, activities: [wait("Inner", "Outer")] } }, 'names no activity in Until "Box"'],
    ["Switch", { name: "Box", type: "Switch", typeProperties: { on: { value: "@1", type: "Expression" }, cases: [{ value: "x", activities: [wait("Inner", "Outer")] }] } }, 'names no activity in Switch "Box" case "x"'],
  ])("an activity inside %s cannot wait for one outside it", (_, box, rule) => {
    expect(problems([wait("Outer"), box])).toEqual([
      `pipeline "P" activity "Inner" dependsOn "Outer" ${rule}; remove the entry: an activity can only wait for activities of the same container (the pipeline's top level, or one ForEach, IfCondition, Until or Switch branch)`,
    ]);
  });

  test("an activity cannot wait for itself; entries need an activity; dependsOn must be a list", () => {
    expect(problems([wait("A", "A"), { ...wait("B"), dependsOn: [{ dependencyConditions: ["Succeeded"] }] }, { ...wait("C"), dependsOn: "A" }])).toEqual([
      'pipeline "P" activity "A" dependsOn "A" is the activity itself; remove the entry: an activity cannot wait for itself',
      'pipeline "P" activity "B" dependsOn #1 names no activity; set "activity" to the name of the activity to wait for',
      'pipeline "P" activity "C" dependsOn is not a list; give a JSON array of { activity, dependencyConditions }',
    ]);
  });

  test.each([
    [["Success"], '["Success"] has "Success", not a dependency condition; use Succeeded, Failed, Skipped or Completed'],
    [["Succeeded", "Failure"], '["Succeeded","Failure"] has "Failure", not a dependency condition; use Succeeded, Failed, Skipped or Completed'],
    [[], "[] is not a non-empty list; list at least one condition: use Succeeded, Failed, Skipped or Completed"],
    ["Succeeded", '"Succeeded" is not a non-empty list; list at least one condition: use Succeeded, Failed, Skipped or Completed'],
  ])("dependencyConditions %p are rejected", (conditions, message) => {
    expect(problems([wait("A"), { ...wait("B"), dependsOn: [{ activity: "A", dependencyConditions: conditions }] }])).toEqual([`pipeline "P" activity "B" dependsOn "A" dependencyConditions ${message}`]);
  });

  test("a cycle is reported with its path", () => {
    expect(problems([wait("A", "C"), wait("B", "A"), wait("C", "B"), wait("D")])).toEqual([
      'pipeline "P" activities in the pipeline wait for each other in a cycle: "A" -> "C" -> "B" -> "A"; remove one of these dependsOn entries (each arrow points from an activity to the one it waits for)',
    ]);
  });

  test("a cycle inside a ForEach is reported at its level", () => {
    const activities = [{ name: "Loop", type: "ForEach", typeProperties: { items: { value: "@range(1,2)", type: "Expression" }, activities: [wait("X", "Y"), wait("Y", "X")] } }];
    expect(problems(activities)).toEqual([
      'pipeline "P" activities in ForEach "Loop" wait for each other in a cycle: "X" -> "Y" -> "X"; remove one of these dependsOn entries (each arrow points from an activity to the one it waits for)',
    ]);
  });
});

describe("references", () => {
  const copy = (input: string, output: string): Json => ({
    name: "Copy",
    type: "Copy",
    inputs: [{ referenceName: input, type: "DatasetReference" }],
    outputs: [{ referenceName: output, type: "DatasetReference" }],
    typeProperties: { source: { type: "SqlServerSource" }, sink: { type: "ParquetSink" } },
  });

  test("a missing dataset", () => {
    expect(problems([copy("OnPremTable", "RawParquet")])).toEqual([
      'pipeline "P" activity "Copy" dataset reference "RawParquet" is not a dataset of this factory; define the dataset in the factory before the pipeline (defined: "ControlTable", "OnPremTable", "LakeParquet"), or list it in externalReferences.datasets',
    ]);
  });

  test("a missing data flow", () => {
    const activities = [{ name: "Flow", type: "ExecuteDataFlow", typeProperties: { dataFlow: { referenceName: "Curate", type: "DataFlowReference" } } }];
    expect(problems(activities, { ...KNOWN, dataFlows: [] })).toEqual([
      'pipeline "P" activity "Flow" data flow reference "Curate" is not a data flow of this factory; define the data flow in the factory before the pipeline (none is defined yet), or list it in externalReferences.dataFlows',
    ]);
  });

  test("a missing linked service", () => {
    const activities = [{ name: "Proc", type: "SqlServerStoredProcedure", linkedServiceName: { referenceName: "ControlDatabase", type: "LinkedServiceReference" }, typeProperties: { storedProcedureName: "p" } }];
    expect(problems(activities)).toEqual([
      'pipeline "P" activity "Proc" linked service reference "ControlDatabase" is not a linked service of this factory; define the linked service in the factory before the pipeline (defined: "ControlDb", "OnPremSql"), or list it in externalReferences.linkedServices',
    ]);
  });

  test("a missing pipeline, when pipelines are checked", () => {
    const activities = [{ name: "Call", type: "ExecutePipeline", typeProperties: { pipeline: { referenceName: "Archive", type: "PipelineReference" } } }];
    expect(problems(activities)).toEqual([
      'pipeline "P" activity "Call" pipeline reference "Archive" is not a pipeline of this factory; define the pipeline in the factory before the pipeline (defined: "Publish"), or list it in externalReferences.pipelines',
    ]);
  });

  describe("integration runtimes", () => {
    const web = (runtime: string): Json => ({
      name: "Call",
      type: "WebActivity",
      typeProperties: { url: "https://x.example", method: "GET", connectVia: { referenceName: runtime, type: "IntegrationRuntimeReference" } },
    });
    const withRuntimes: KnownEntities = { ...KNOWN, integrationRuntimes: ["ir-managed-vnet", "onprem-ir"] };

    test("a connectVia naming no runtime of the factory, with the closest name", () => {
      expect(problems([web("onprem-ri")], withRuntimes)).toEqual([
        'pipeline "P" activity "Call" integration runtime reference "onprem-ri" is not an integration runtime of this factory; use "onprem-ir", '
          + 'or define the integration runtime in the factory before the pipeline (defined: "ir-managed-vnet", "onprem-ir"), or list it in '
          + "externalReferences.integrationRuntimes",
      ]);
    });

    test("a data flow's runtime is checked too; AutoResolveIntegrationRuntime exists in every factory", () => {
      const flow = (runtime: string): Json => ({
        name: "Flow",
        type: "ExecuteDataFlow",
        typeProperties: { dataFlow: { referenceName: "CurateOrders", type: "DataFlowReference" }, integrationRuntime: { referenceName: runtime, type: "IntegrationRuntimeReference" } },
      });
      expect(problems([flow("ir-shir")], withRuntimes)).toHaveLength(1);
      expect(problems([flow("AutoResolveIntegrationRuntime")], withRuntimes)).toEqual([]);
      expect(problems([web("ONPREM-IR")], withRuntimes)).toEqual([]);
    });

    test("runtimes are unchecked without a list", () => expect(problems([web("anything")])).toEqual([]));
  });

  test("references inside nested activities name the nested activity", () => {
    const activities = [{ name: "Loop", type: "ForEach", typeProperties: { items: { value: "@range(1,2)", type: "Expression" }, activities: [copy("Missing", "LakeParquet")] } }];
    expect(problems(activities)).toEqual([
      'pipeline "P" activity "Copy" dataset reference "Missing" is not a dataset of this factory; define the dataset in the factory before the pipeline (defined: "ControlTable", "OnPremTable", "LakeParquet"), or list it in externalReferences.datasets',
    ]);
  });
});

describe("other checks", () => {
  test("a SecureString literal is rejected", () => {
    const activities = [{ name: "Call", type: "WebActivity", typeProperties: { method: "GET", url: "https://x", authentication: { type: "Basic", username: "u", password: { type: "SecureString", value: "hunter2" } } } }];
    expect(problems(activities)).toEqual([
      'pipeline "P" activity "Call" holds a SecureString literal at typeProperties.authentication.password; keep secrets out of pipeline JSON: reference a Key Vault secret (AzureKeyVaultSecret) or use managed identity',
    ]);
  });

  test.each([0, 51, 2.5])("ForEach batchCount %p is rejected", (batchCount) => {
    const activities = [{ name: "Loop", type: "ForEach", typeProperties: { items: { value: "@range(1,2)", type: "Expression" }, batchCount, activities: [] } }];
    expect(problems(activities)).toEqual([
      `pipeline "P" activity "Loop" typeProperties.batchCount ${batchCount} is not a whole number from 1 to 50; set batchCount to 1-50 (a ForEach runs at most 50 iterations in parallel)`,
    ]);
  });

  test("the file, when given, is named in every message", () => {
    const [problem] = checkPipeline({ pipeline: "P", file: "/pipelines/p.json", activities: [{ name: "A", type: "Nope", typeProperties: {} }], known: KNOWN }).problems;
    expect(problem.field).toBe('pipeline "P" (/pipelines/p.json) activity "A" type');
  });
});
