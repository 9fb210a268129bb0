import * as fs from "fs";
import * as path from "path";
import { Dataset, checkPipeline } from "../../../constructs/data-factory";
import { expressionsOf, imbalanceOf } from "../../../constructs/logic-app/expressions";
import { DATA_FLOW_FILE, ENTITY_NAMES, LAKE_LAYOUT, PIPELINE_FILES, PipelineName, TABLES, WORKLOAD_DIR } from "../../../patterns/data-pipeline";
import { SECRET_LITERAL } from "../../../policy/checks";
import { Json, resolved } from "../../helpers";
import { datasetsByName, objectsOf, readJson, stringsOf, workloadFactory } from "./workload-factory";

const NAMES = Object.keys(PIPELINE_FILES) as PipelineName[];
const CONTAINERS: Record<string, string[]> = { ForEach: ["activities"], Until: ["activities"], IfCondition: ["ifTrueActivities", "ifFalseActivities"] };

interface Located {
  readonly activity: Json;
  /** Enclosing ForEach activities, outermost first. */
  readonly forEach: readonly string[];
}

/** Every activity of a pipeline, nested ones included. */
function activitiesOf(list: Json[], forEach: readonly string[] = []): Located[] {
  return list.flatMap((activity) => [
    { activity, forEach },
    ...(CONTAINERS[activity.type] ?? []).flatMap((key) =>
      activitiesOf(activity.typeProperties?.[key] ?? [], activity.type === "ForEach" ? [...forEach, activity.name] : forEach),
    ),
  ]);
}

const pipelines = Object.fromEntries(NAMES.map((name) => [name, readJson(PIPELINE_FILES[name])])) as Record<PipelineName, Json>;

describe("the workload files", () => {
  test("every JSON file in workloads/data-factory is a pipeline or the data flow the pattern deploys", () => {
    const files = fs.readdirSync(WORKLOAD_DIR).filter((f) => f.endsWith(".json")).map((f) => path.join(WORKLOAD_DIR, f));
    expect(files.sort()).toEqual([...Object.values(PIPELINE_FILES), DATA_FLOW_FILE].sort());
  });

  test.each(NAMES)("%s.json is named after its file, in Data Factory's Git format", (name) => {
    expect(path.basename(PIPELINE_FILES[name], ".json")).toBe(name);
    expect(pipelines[name].name).toBe(name);
    expect(Array.isArray(pipelines[name].properties.activities)).toBe(true);
    expect(pipelines[name].properties.description).toEqual(expect.any(String));
  });

  test("the pattern deploys each pipeline from its file, unchanged", () => {
    const { pattern } = workloadFactory();
    for (const name of NAMES) {
      const deployed = pattern.dataFactory.pipelines.get(name);
      expect({ name, file: deployed?.file }).toEqual({ name, file: PIPELINE_FILES[name] });
      expect(deployed?.activities).toEqual(pipelines[name].properties.activities);
    }
  });
});

describe.each(NAMES)("pipeline %s", (name) => {
  const pipeline = pipelines[name];
  const activities = activitiesOf(pipeline.properties.activities);
  const declaredParameters = Object.keys(pipeline.properties.parameters ?? {});

  test("passes the factory's checks against the entities the pattern creates, and references only those", () => {
    const { pattern } = workloadFactory();
    const entities = pattern.dataFactory.entities;
    const { problems, references } = checkPipeline({
      pipeline: name,
      file: PIPELINE_FILES[name],
      activities: pipeline.properties.activities,
      known: {
        datasets: entities.names("dataset"),
        dataFlows: entities.names("dataFlow"),
        linkedServices: entities.names("linkedService"),
        pipelines: entities.names("pipeline"),
        integrationRuntimes: entities.names("integrationRuntime"),
      },
    });
    expect(problems).toEqual([]);
    const expectedNames = {
      dataset: Object.values(ENTITY_NAMES.datasets) as string[],
      dataFlow: Object.values(ENTITY_NAMES.dataFlows) as string[],
      linkedService: Object.values(ENTITY_NAMES.linkedServices) as string[],
      pipeline: NAMES as string[],
      integrationRuntime: entities.names("integrationRuntime"),
    };
    for (const [kind, names] of Object.entries(references) as [keyof typeof expectedNames, string[]][]) {
      for (const referenced of names) expect({ kind, referenced, ours: expectedNames[kind].includes(referenced) }).toEqual({ kind, referenced, ours: true });
    }
  });

  test("parameters are Strings (azurerm takes no other type) and every pipeline().parameters reference is declared", () => {
    for (const [key, spec] of Object.entries((pipeline.properties.parameters ?? {}) as Record<string, Json>)) expect({ key, type: spec.type }).toEqual({ key, type: "String" });
    const used = stringsOf(pipeline).flatMap((s) => [...s.value.matchAll(/pipeline\(\)\.parameters\.(\w+)/g)].map((m) => m[1]));
    for (const parameter of used) expect({ parameter, declared: declaredParameters.includes(parameter) }).toEqual({ parameter, declared: true });
  });

  test("expressions are balanced: parentheses, brackets, quotes and @{ } interpolations", () => {
    const problems: string[] = [];
    for (const { path: at, value } of stringsOf(pipeline)) {
      if (!value.includes("@")) continue;
      const { expressions, error } = expressionsOf(value);
      if (error) problems.push(`${at}: ${error}`);
      for (const e of expressions) {
        const imbalance = imbalanceOf(e.text, e.offset);
        if (imbalance) problems.push(`${at}: ${imbalance} in ${JSON.stringify(value)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("expressions name real activities and use item() only inside a ForEach", () => {
    const names = activities.map((a) => a.activity.name);
    for (const { activity, forEach } of activities) {
      const own = { ...activity, typeProperties: { ...activity.typeProperties, activities: undefined, ifTrueActivities: undefined, ifFalseActivities: undefined } };
      for (const { value } of stringsOf(own)) {
        for (const m of value.matchAll(/activity\('([^']+)'\)/g)) expect({ activity: activity.name, refers: m[1], exists: names.includes(m[1]) }).toEqual({ activity: activity.name, refers: m[1], exists: true });
        if (/\bitem\(\)/.test(value)) expect({ activity: activity.name, insideForEach: forEach.length > 0 }).toEqual({ activity: activity.name, insideForEach: true });
      }
    }
  });

  test("no secrets: no credential literal, no SecureString, no credential-bearing property, https only", () => {
    const text = fs.readFileSync(PIPELINE_FILES[name], "utf8");
    expect(text).not.toMatch(SECRET_LITERAL);
    for (const { path: at, value } of objectsOf(pipeline)) {
      expect({ at, type: value.type }).not.toEqual({ at, type: "SecureString" });
      for (const key of Object.keys(value)) expect({ at, key }).not.toEqual({ at, key: expect.stringMatching(/password|secret|accountKey|sasToken|connectionString|servicePrincipalKey/i) });
    }
    for (const { value } of stringsOf(pipeline)) expect(value).not.toMatch(/\bhttp:\/\//);
  });

  test("Copy and Lookup activities read and write with the settings of their datasets' types", () => {
    const { pattern, json } = workloadFactory();
    const synthesized = datasetsByName(json);
    for (const { activity } of activities) {
      const refs: [string, string][] =
        activity.type === "Copy"
          ? [
              [activity.inputs[0].referenceName, activity.typeProperties.source.type],
              [activity.outputs[0].referenceName, activity.typeProperties.sink.type],
            ]
          : activity.type === "Lookup"
            ? [[activity.typeProperties.dataset.referenceName, activity.typeProperties.source.type]]
            : [];
      refs.forEach(([dataset, type], index) => {
        // The REST dataset is a custom one: a factory entity, not a typed Dataset.
        const entity = pattern.dataFactory.datasets.get(dataset);
        const typed = entity instanceof Dataset ? entity : undefined;
        const expected = typed ? (index === 1 ? typed.copySink.type : typed.copySource.type) : synthesized[dataset].type === "RestResource" ? "RestSource" : undefined;
        expect({ activity: activity.name, dataset, type }).toEqual({ activity: activity.name, dataset, type: expected });
      });
    }
  });

  test("dataset parameters passed are exactly those the datasets declare", () => {
    const synthesized = datasetsByName(workloadFactory().json);
    for (const { value } of objectsOf(pipeline)) {
      if (value.type !== "DatasetReference") continue;
      const declared = Object.keys(synthesized[value.referenceName].parameters ?? {}).sort();
      expect({ dataset: value.referenceName, passed: Object.keys(value.parameters ?? {}).sort() }).toEqual({ dataset: value.referenceName, passed: declared });
    }
  });
});

describe("pipeline specifics", () => {
  const { pattern, stack } = workloadFactory();

  test("ingest-onprem: Lookup on the control table → ForEach table → Copy on-premises SQL → raw/<table>/ Parquet", () => {
    const [lookup, forEach] = pipelines["ingest-onprem"].properties.activities;
    expect(lookup).toEqual(expect.objectContaining({ type: "Lookup", typeProperties: expect.objectContaining({ firstRowOnly: false }) }));
    expect(lookup.typeProperties.source.sqlReaderQuery).toContain(`FROM ${TABLES.control.schema}.${TABLES.control.table}`);
    expect(forEach).toEqual(expect.objectContaining({ type: "ForEach", dependsOn: [{ activity: lookup.name, dependencyConditions: ["Succeeded"] }] }));
    expect(forEach.typeProperties.items.value).toBe(`@activity('${lookup.name}').output.value`);
    const [copy] = forEach.typeProperties.activities;
    expect(copy.inputs[0].referenceName).toBe(ENTITY_NAMES.datasets.onPremTable);
    expect(pattern.datasets.onPremTable.linkedService).toBe(pattern.linkedServices.onPremSql);
    expect(copy.outputs[0]).toEqual(expect.objectContaining({ referenceName: ENTITY_NAMES.datasets.rawTable, parameters: expect.objectContaining({ folder: { value: "@item().TableName", type: "Expression" } }) }));
    // The SQL Server linked service runs on the self-hosted runtime.
    const onPremSql = pattern.linkedServices.onPremSql.resource as unknown as { integrationRuntimeNameInput: string };
    expect(resolved(stack, onPremSql.integrationRuntimeNameInput)).toBe(resolved(stack, pattern.selfHostedIntegrationRuntime.resource.name));
  });

  test("curate: the data flow on the managed-VNet runtime, then the Cosmos DB upsert", () => {
    const [flow, upsert] = pipelines.curate.properties.activities;
    expect(flow.typeProperties.dataFlow.referenceName).toBe(pattern.dataFlow.name);
    expect(flow.typeProperties.integrationRuntime).toEqual({ referenceName: pattern.dataFactory.managedIntegrationRuntime.nameInput, type: "IntegrationRuntimeReference" });
    expect(upsert.dependsOn).toEqual([{ activity: flow.name, dependencyConditions: ["Succeeded"] }]);
    expect(upsert.outputs[0].referenceName).toBe(ENTITY_NAMES.datasets.customerProfiles);
    expect(upsert.typeProperties.sink.writeBehavior).toBe("upsert");
    expect(pipelines.curate.properties.concurrency).toBe(1);
  });

  test("load-synapse: curated Parquet → the Synapse table with COPY, truncating the same table", () => {
    const [load] = pipelines["load-synapse"].properties.activities;
    expect(load.inputs[0].referenceName).toBe(ENTITY_NAMES.datasets.curatedCustomers);
    expect(load.outputs[0].referenceName).toBe(ENTITY_NAMES.datasets.synapseCustomers);
    expect(load.typeProperties.sink).toEqual(expect.objectContaining({ allowCopyCommand: true, tableOption: "autoCreate" }));
    expect(load.typeProperties.sink.preCopyScript).toContain(`${TABLES.synapse.schema}.${TABLES.synapse.table}`);
  });

  test("ingest-api writes where the blob-event trigger listens, and receives the tumbling window's bounds", () => {
    const [copy] = pipelines["ingest-api"].properties.activities;
    expect(copy.inputs[0].referenceName).toBe(ENTITY_NAMES.datasets.apiCustomers);
    expect(copy.outputs[0].referenceName).toBe(ENTITY_NAMES.datasets.apiDropFile);
    expect(copy.outputs[0].parameters.file.value).toMatch(/\.json'\)$/);
    const drop = JSON.parse(datasetsByName(workloadFactory().json).ApiDropFile.type_properties_json).location;
    expect(`/${drop.fileSystem}/blobs/${drop.folderPath}/`).toBe(`/${LAKE_LAYOUT.raw}/blobs/${LAKE_LAYOUT.apiDrops}/`);
    const blobTrigger = pattern.triggers.apiDrops.resource as unknown as { blobPathBeginsWithInput: string; blobPathEndsWithInput: string };
    expect(blobTrigger.blobPathBeginsWithInput).toBe(`/${drop.fileSystem}/blobs/${drop.folderPath}/`);
    expect(blobTrigger.blobPathEndsWithInput).toBe(".json");
    const window = resolved(stack, (pattern.triggers.apiWindow!.resource as unknown as { pipelineInput: unknown }).pipelineInput) as Json;
    expect(Object.keys(window.parameters).sort()).toEqual(["windowEnd", "windowStart"]);
    for (const parameter of Object.keys(window.parameters)) expect(Object.keys(pipelines["ingest-api"].properties.parameters)).toContain(parameter);
  });

  test("daily chains the pipelines on success and has one failure branch that notifies and fails the run", () => {
    const acts: Json[] = pipelines.daily.properties.activities;
    const byName = Object.fromEntries(acts.map((a) => [a.name, a]));
    const executed = activitiesOf(acts).filter((a) => a.activity.type === "ExecutePipeline").map((a) => a.activity.typeProperties.pipeline.referenceName);
    expect(executed).toEqual(["ingest-onprem", "curate", "load-synapse"]);
    for (const a of activitiesOf(acts)) if (a.activity.type === "ExecutePipeline") expect(a.activity.typeProperties.waitOnCompletion).toBe(true);
    expect(byName.Curate.dependsOn).toEqual([{ activity: "IngestOnPrem", dependencyConditions: ["Succeeded"] }]);
    expect(byName.LoadSynapseIfEnabled.dependsOn).toEqual([{ activity: "Curate", dependencyConditions: ["Succeeded"] }]);
    expect(byName.LoadSynapseIfEnabled.typeProperties.expression.value).toContain("pipeline().parameters.loadSynapse");
    // Failure branch: a failed step skips every later one, so watching the last for Failed or Skipped catches all.
    expect(byName.NotifyFailure).toEqual(
      expect.objectContaining({
        type: "WebActivity",
        dependsOn: [{ activity: "LoadSynapseIfEnabled", dependencyConditions: ["Failed", "Skipped"] }],
        typeProperties: expect.objectContaining({ method: "POST", url: { value: "@pipeline().parameters.notificationUrl", type: "Expression" } }),
      }),
    );
    expect(byName.FailRun).toEqual(expect.objectContaining({ type: "Fail", dependsOn: [{ activity: "NotifyFailure", dependencyConditions: ["Completed"] }] }));
    const chain = ["IngestOnPrem", "Curate", "LoadSynapseIfEnabled"];
    expect(acts.filter((a) => !chain.includes(a.name) && !["NotifyFailure", "FailRun"].includes(a.name))).toEqual([]);
    expect(byName.IngestOnPrem.dependsOn).toBeUndefined();
  });

  test("daily's parameters come from the pattern: the notification URL, and the Synapse load only with a pool", () => {
    expect(pattern.pipelines.daily.resource.parametersInput).toEqual({ notificationUrl: "https://hooks.contoso.example/adf", loadSynapse: "true" });
    expect(Object.keys(pipelines.daily.properties.parameters).sort()).toEqual(["loadSynapse", "notificationUrl"]);
  });
});

describe("the schedule is what the docs say", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../../patterns/data-pipeline/README.md"), "utf8");
  const { pattern } = workloadFactory();

  test("daily-schedule: the README's time is the trigger's, in UTC, every day", () => {
    const row = readme.split("\n").find((l) => l.startsWith(`| \`${ENTITY_NAMES.triggers.daily}\``));
    expect(row).toBeDefined();
    const [, hours, minutes] = /(\d\d):(\d\d) UTC/.exec(row as string) ?? [];
    const trigger = pattern.triggers.daily.resource as unknown as { frequencyInput: string; intervalInput: number; timeZoneInput: string; scheduleInput: { hours: number[]; minutes: number[] } };
    expect(row).toContain("`daily`");
    expect({ frequency: trigger.frequencyInput, interval: trigger.intervalInput, timeZone: trigger.timeZoneInput, hours: trigger.scheduleInput.hours, minutes: trigger.scheduleInput.minutes }).toEqual({
      frequency: "Day",
      interval: 1,
      timeZone: "UTC",
      hours: [Number(hours)],
      minutes: [Number(minutes)],
    });
  });

  test("every trigger the pattern creates is in the README's table, with the pipeline it starts", () => {
    for (const [key, trigger] of Object.entries(pattern.triggers)) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${trigger.name}\``));
      expect({ key, documented: row !== undefined }).toEqual({ key, documented: true });
    }
    expect(readme).toContain(`| \`${ENTITY_NAMES.triggers.apiDrops}\` | blob event (\`BlobCreated\`) | \`curate\``);
    expect(readme).toContain(`| \`${ENTITY_NAMES.triggers.apiWindow}\` | tumbling window | \`ingest-api\``);
  });
});
