import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { DataFactoryDataFlow } from "@cdktf/provider-azurerm/lib/data-factory-data-flow";
import { DataFlowOptions, parseDataFlowScript } from "../../../constructs/data-factory";
import { resolved, single } from "../../helpers";
import { COSMOS, sampleFactory } from "./sample-factory";

Testing.setupJest();

const SCRIPT = [
  "parameters{",
  "     minAmount as integer (0)",
  "}",
  "source(output(",
  "          OrderId as integer,",
  "          Amount as decimal(10,2),",
  "          Region as string",
  "     ),",
  "     allowSchemaDrift: true,",
  "     validateSchema: false) ~> RawOrders",
  "source(allowSchemaDrift: true) ~> Regions",
  "RawOrders filter(Amount > $minAmount && Region != '~> not a stream') ~> PositiveOrders",
  "PositiveOrders, Regions join(PositiveOrders@Region == Regions@Code,",
  "     joinType:'left') ~> WithRegion",
  "WithRegion split(Amount > 1000,",
  "     disjoint: false) ~> BySize@(Large, Small)",
  "BySize@Large sink(allowSchemaDrift: true, validateSchema: false) ~> LargeOrders",
  "BySize@Small sink(allowSchemaDrift: true, validateSchema: false) ~> SmallOrders",
];

function flowOptions(sample: ReturnType<typeof sampleFactory>, overrides: Partial<DataFlowOptions> = {}): DataFlowOptions {
  return {
    script: SCRIPT,
    sources: [
      { name: "RawOrders", dataset: sample.lakeParquet },
      { name: "Regions", dataset: sample.controlTable },
    ],
    sinks: [
      { name: "LargeOrders", dataset: sample.lakeParquet, description: "Orders over 1000" },
      { name: "SmallOrders", linkedService: sample.dataLake },
    ],
    transformations: [{ name: "PositiveOrders" }, { name: "WithRegion" }, { name: "BySize", description: "Large and small orders" }],
    ...overrides,
  };
}

describe("parseDataFlowScript", () => {
  test("finds every stream and its kind, skipping parameters, strings and multi-output suffixes", () => {
    expect(parseDataFlowScript(SCRIPT.join("\n"))).toEqual([
      { name: "RawOrders", kind: "source" },
      { name: "Regions", kind: "source" },
      { name: "PositiveOrders", kind: "transformation" },
      { name: "WithRegion", kind: "transformation" },
      { name: "BySize", kind: "transformation" },
      { name: "LargeOrders", kind: "sink" },
      { name: "SmallOrders", kind: "sink" },
    ]);
  });
});

describe("addDataFlow", () => {
  test("script lines plus source, sink and transformation blocks on this factory's datasets and linked services", () => {
    const sample = sampleFactory();
    const flow = sample.factory.addDataFlow("SplitOrders", { ...flowOptions(sample), folder: "curation", description: "Splits orders by size" });
    const { stack } = sample;
    const parquet = single(stack, "azurerm_data_factory_dataset_parquet").ref("name");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryDataFlow, {
      name: "SplitOrders",
      folder: "curation",
      description: "Splits orders by size",
      script_lines: SCRIPT,
      source: [
        { name: "RawOrders", dataset: { name: parquet } },
        { name: "Regions", dataset: { name: single(stack, "azurerm_data_factory_dataset_azure_sql_table").ref("name") } },
      ],
      sink: [
        { name: "LargeOrders", description: "Orders over 1000", dataset: { name: parquet } },
        { name: "SmallOrders", linked_service: { name: single(stack, "azurerm_data_factory_linked_service_data_lake_storage_gen2").ref("name") } },
      ],
      transformation: [{ name: "PositiveOrders" }, { name: "WithRegion" }, { name: "BySize", description: "Large and small orders" }],
    });
    expect(resolved(stack, flow.integrationRuntimeName)).toBe(single(stack, "azurerm_data_factory_integration_runtime_azure").ref("name"));
    expect(flow.resource.node.id).toBe("DataFlow-SplitOrders");
  });

  test("a script given as one string is deployed as its lines", () => {
    const sample = sampleFactory();
    sample.factory.addDataFlow("SplitOrders", flowOptions(sample, { script: SCRIPT.join("\r\n") }));
    expect(Testing.synth(sample.stack)).toHaveResourceWithProperties(DataFactoryDataFlow, { script_lines: SCRIPT });
  });

  test("a literal ${...} in the script reaches Terraform escaped", () => {
    const sample = sampleFactory();
    const script = SCRIPT.map((line) => line.replace("'~> not a stream'", "'${not-terraform}'"));
    sample.factory.addDataFlow("SplitOrders", flowOptions(sample, { script }));
    const lines = single(sample.stack, "azurerm_data_factory_data_flow").config.script_lines as string[];
    expect(lines.find((l) => l.includes("not-terraform"))).toBe("RawOrders filter(Amount > $minAmount && Region != '$${not-terraform}') ~> PositiveOrders");
  });

  test.each([
    [
      "a block missing from the script",
      (s: ReturnType<typeof sampleFactory>) => ({ transformations: [...flowOptions(s).transformations!, { name: "Dedupe" }] }),
      'data flow "SplitOrders" transformation "Dedupe" does not appear in the script; declare it in the script with "~> Dedupe", or remove it from the transformations',
    ],
    [
      "a script stream without a block",
      (s: ReturnType<typeof sampleFactory>) => ({ transformations: flowOptions(s).transformations!.slice(1) }),
      'data flow "SplitOrders" script transformation "PositiveOrders" has no entry in the transformations; add { name: "PositiveOrders" } to the transformations, or remove it from the script',
    ],
    [
      "a block of the wrong kind",
      (s: ReturnType<typeof sampleFactory>) => ({ sinks: [{ name: "LargeOrders", dataset: s.lakeParquet }, { name: "Regions", dataset: s.lakeParquet }], sources: [{ name: "RawOrders", dataset: s.lakeParquet }] }),
      'data flow "SplitOrders" sink "Regions" is a source in the script; list it under the sources, or fix the script',
    ],
    [
      "a name used twice",
      (s: ReturnType<typeof sampleFactory>) => ({ transformations: [...flowOptions(s).transformations!, { name: "rawOrders" }] }),
      'data flow "SplitOrders" transformation name "rawOrders" is also the name of a source (stream names are case-insensitive); give every source, sink and transformation its own name',
    ],
    [
      "a name with a hyphen",
      () => ({ transformations: [{ name: "Positive-Orders" }] }),
      'data flow "SplitOrders" transformation name "Positive-Orders" breaks the Data Factory data flow transformation naming rule; use letters and digits, starting with a letter',
    ],
    ["no sink", () => ({ sinks: [] }), 'data flow "SplitOrders" sources and sinks need at least one source and one sink; declare the flow\'s sources and sinks'],
    [
      "a source with neither dataset nor linked service",
      (s: ReturnType<typeof sampleFactory>) => ({ sources: [{ name: "RawOrders" }, { name: "Regions", dataset: s.controlTable }] }),
      'data flow "SplitOrders" sources "RawOrders" needs exactly one of dataset and linkedService; reference a dataset, or a linked service for an inline dataset',
    ],
  ])("%s is rejected", (_, overrides, message) => {
    const sample = sampleFactory();
    expect(() => sample.factory.addDataFlow("SplitOrders", flowOptions(sample, overrides(sample)))).toThrow(`test/Factory: ${message}`);
  });

  test("a stream declared twice in the script is rejected", () => {
    const sample = sampleFactory();
    const script = [...SCRIPT, "RawOrders sink(allowSchemaDrift: true) ~> SmallOrders"];
    expect(() => sample.factory.addDataFlow("SplitOrders", flowOptions(sample, { script }))).toThrow(
      'test/Factory: data flow "SplitOrders" script stream "SmallOrders" is declared twice in the script; declare each stream once (`~> name`)',
    );
  });

  test("Cosmos DB with managed identity cannot feed a data flow", () => {
    const sample = sampleFactory();
    const cosmos = sample.factory.addCosmosDbLinkedService("Orders", { account: COSMOS, database: "sales" });
    const documents = sample.factory.addCosmosContainerDataset("OrderDocuments", { linkedService: cosmos, container: "orders" });
    const sources = [{ name: "RawOrders", dataset: documents }, { name: "Regions", dataset: sample.controlTable }];
    expect(() => sample.factory.addDataFlow("SplitOrders", flowOptions(sample, { sources }))).toThrow(
      'test/Factory: data flow "SplitOrders" sources "RawOrders" "Orders" is a Cosmos DB connection with managed identity, which mapping data flows do not support; move Cosmos DB data with a Copy activity (managed identity works there) and transform it from the Data Lake',
    );
  });

  test("datasets of another factory are rejected", () => {
    const sample = sampleFactory();
    const other = sampleFactory();
    const sources = [{ name: "RawOrders", dataset: other.lakeParquet }, { name: "Regions", dataset: sample.controlTable }];
    expect(() => sample.factory.addDataFlow("SplitOrders", flowOptions(sample, { sources }))).toThrow(
      'test/Factory: data flow "SplitOrders" sources "RawOrders" dataset "LakeParquet" is not a dataset of this factory; pass a dataset created by this factory\'s add* methods',
    );
  });

  test("data flow names follow the rule (no hyphens)", () => {
    const sample = sampleFactory();
    expect(() => sample.factory.addDataFlow("split-orders", flowOptions(sample))).toThrow(
      "test/Factory: data flow name \"split-orders\" breaks the Data Factory data flow naming rule; use a letter first, then no . + ? / < > * % & : \\ or '-'",
    );
  });
});
