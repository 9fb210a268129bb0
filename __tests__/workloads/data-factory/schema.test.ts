import * as fs from "fs";
import * as path from "path";
import { adfSchemaErrors } from "../../adf-schema/validator";
import { Json } from "../../helpers";
import { workloadFactory } from "./workload-factory";

const WORKLOADS = path.resolve(__dirname, "../../../workloads/data-factory");
const FILES = fs.readdirSync(WORKLOADS).filter((f) => f.endsWith(".json"));

const configs = (json: Json, type: string): Json[] => Object.values(json.resource[type] ?? {});

describe("Data Factory JSON against Data Factory's published schema", () => {
  test.each(FILES)("workloads/data-factory/%s", (file) => {
    const { properties } = JSON.parse(fs.readFileSync(path.join(WORKLOADS, file), "utf8"));
    expect(adfSchemaErrors(file.endsWith(".dataflow.json") ? "DataFlow" : "Pipeline", properties)).toEqual([]);
  });

  test("every activity of every pipeline the data pipeline deploys", () => {
    const pipelines = configs(workloadFactory().json, "azurerm_data_factory_pipeline");
    expect(pipelines.length).toBeGreaterThanOrEqual(5);
    for (const pipeline of pipelines) {
      for (const activity of JSON.parse(pipeline.activities_json) as Json[]) {
        expect({ pipeline: pipeline.name, activity: activity.name, errors: adfSchemaErrors("Activity", activity) }).toEqual({ pipeline: pipeline.name, activity: activity.name, errors: [] });
      }
    }
  });

  test("the custom linked services and datasets it deploys (the types azurerm has no resource for)", () => {
    const { json } = workloadFactory();
    const linked = configs(json, "azurerm_data_factory_linked_custom_service");
    const datasets = configs(json, "azurerm_data_factory_custom_dataset");
    expect(linked.length + datasets.length).toBeGreaterThan(0);
    for (const service of linked) {
      expect(adfSchemaErrors("LinkedService", { type: service.type, typeProperties: JSON.parse(service.type_properties_json) })).toEqual([]);
    }
    for (const dataset of datasets) {
      const linkedServiceName = { type: "LinkedServiceReference", referenceName: dataset.linked_service.name };
      expect(adfSchemaErrors("Dataset", { type: dataset.type, linkedServiceName, typeProperties: JSON.parse(dataset.type_properties_json) })).toEqual([]);
    }
  });

  test("the schema rejects what Azure would refuse (so the checks above can fail)", () => {
    expect(adfSchemaErrors("Activity", { name: "Copy", type: "Copy", typeProperties: { source: { type: "ParquetSource" } } })).not.toEqual([]);
    expect(adfSchemaErrors("Activity", { name: "Copy", type: "Coppy", typeProperties: {} })).not.toEqual([]);
    expect(adfSchemaErrors("Activity", { name: "Wait", type: "Wait", typeProperties: { waitTimeInSeconds: 5 }, dependsOn: [{ activity: "x", dependencyConditions: ["Done"] }] })).not.toEqual([]);
    expect(adfSchemaErrors("Activity", { name: "Copy", type: "Copy", typeProperties: { source: { type: "ParquetSource" }, sink: { type: "ParquetSink" } } })).toEqual([]);
  });
});
