import { Dataset, parseDataFlowScript } from "../../../constructs/data-factory";
import { imbalanceOf } from "../../../constructs/logic-app/expressions";
import { DATA_FLOW_FILE, ENTITY_NAMES, LAKE_LAYOUT, PIPELINE_FILES, dataFlowOptions, readDataFlowFile } from "../../../patterns/data-pipeline";
import { Json, makeStack, messageOf } from "../../helpers";
import { datasetsByName, readJson, workloadFactory } from "./workload-factory";

const file = readJson(DATA_FLOW_FILE);
const typeProperties = file.properties.typeProperties;
const script: string = typeProperties.scriptLines.join("\n");
const streams = parseDataFlowScript(script);

/** The script's statements: the inputs (streams before the operation), the operation and the declared stream. */
function statements(text: string): { inputs: string[]; operation: string; body: string; declares: string }[] {
  const masked = text.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  const result: { inputs: string[]; operation: string; body: string; declares: string }[] = [];
  const declaration = /~>\s*(\w+)/g;
  let start = 0;
  for (let m = declaration.exec(masked); m; m = declaration.exec(masked)) {
    const statement = masked.slice(start, m.index).trim();
    const head = /^((?:[\w@]+\s*,\s*)*[\w@]+\s+)?(\w+)\s*\(/.exec(statement);
    result.push({
      inputs: head?.[1] ? head[1].split(",").map((s) => s.trim().split("@")[0]) : [],
      operation: head?.[2] ?? "",
      body: statement,
      declares: m[1],
    });
    start = m.index + m[0].length;
  }
  return result;
}

describe("curate-customers.dataflow.json", () => {
  test("is a mapping data flow named as the curate pipeline references it", () => {
    expect(file.name).toBe(ENTITY_NAMES.dataFlows.curateCustomers);
    expect(file.properties.type).toBe("MappingDataFlow");
    const curate = readJson(PIPELINE_FILES.curate);
    expect(curate.properties.activities.filter((a: Json) => a.type === "ExecuteDataFlow").map((a: Json) => a.typeProperties.dataFlow.referenceName)).toEqual([file.name]);
  });

  test("the script's sources, sinks and transformations are exactly the declared blocks, each of its kind", () => {
    const kinds = (kind: string) => streams.filter((s) => s.kind === kind).map((s) => s.name);
    expect(kinds("source")).toEqual(typeProperties.sources.map((s: Json) => s.name));
    expect(kinds("sink")).toEqual(typeProperties.sinks.map((s: Json) => s.name));
    expect(kinds("transformation")).toEqual(typeProperties.transformations.map((t: Json) => t.name));
  });

  test("every statement reads streams declared before it, and every stream but the sinks is read", () => {
    const parsed = statements(script);
    const declared: string[] = [];
    const read = new Set<string>();
    for (const s of parsed) {
      for (const input of s.inputs) {
        expect({ statement: s.declares, input, declaredBefore: declared.includes(input) }).toEqual({ statement: s.declares, input, declaredBefore: true });
        read.add(input);
      }
      expect({ statement: s.declares, hasInput: s.inputs.length > 0 }).toEqual({ statement: s.declares, hasInput: s.operation !== "source" });
      declared.push(s.declares);
    }
    const sinks = typeProperties.sinks.map((s: Json) => s.name);
    expect(declared.filter((d) => !read.has(d) && !sinks.includes(d))).toEqual([]);
  });

  test("every statement's parentheses, brackets and quotes are balanced", () => {
    for (const s of statements(typeProperties.scriptLines.join("\n"))) expect({ stream: s.declares, imbalance: imbalanceOf(s.body) }).toEqual({ stream: s.declares, imbalance: undefined });
    const quotes = typeProperties.scriptLines.map((l: string) => (l.match(/'/g) ?? []).length % 2);
    expect(quotes.every((odd: number) => odd === 0)).toBe(true);
  });

  test("deduplicates: one row per customer, the newest ModifiedAt winning", () => {
    const parsed = statements(script);
    const window = parsed.find((s) => s.operation === "window");
    expect(window?.body).toMatch(/over\(CustomerId\)/);
    expect(window?.body).toMatch(/desc\(ModifiedAt, true\)/);
    const keep = parsed.find((s) => s.inputs.includes(window!.declares));
    expect(keep).toEqual(expect.objectContaining({ operation: "filter" }));
    expect(keep?.body).toMatch(/RowNumber == 1/);
  });

  test("writes the Cosmos DB document shape: id and the partition key customerId", () => {
    const { pattern } = workloadFactory();
    const select = statements(script).find((s) => s.operation === "select");
    const partitionKey = (pattern.customerProfiles.resource.partitionKeyPathsInput ?? [])[0];
    expect(partitionKey).toBe("/customerId");
    expect(select?.body).toMatch(/\bid = CustomerId/);
    expect(select?.body).toContain(`${partitionKey.slice(1)} = CustomerId`);
  });
});

describe("the data flow against the pattern's factory", () => {
  const { pattern, json } = workloadFactory();
  const synthesized = datasetsByName(json);

  test("sources and sinks reference Data Lake datasets the pattern creates (no Cosmos DB: data flows cannot use its managed identity)", () => {
    for (const endpoint of [...typeProperties.sources, ...typeProperties.sinks]) {
      const dataset = pattern.dataFactory.datasets.get(endpoint.dataset.referenceName);
      expect({ stream: endpoint.name, dataset: endpoint.dataset.referenceName, isOurs: dataset instanceof Dataset }).toEqual({ stream: endpoint.name, dataset: endpoint.dataset.referenceName, isOurs: true });
      expect((dataset as Dataset).linkedService).toBe(pattern.linkedServices.dataLake);
    }
  });

  test("reads what the ingest pipelines write and writes what curate and load-synapse read", () => {
    const location = (name: string) => {
      const d = synthesized[name];
      if (d.azure_blob_fs_location) return `${d.azure_blob_fs_location.file_system}/${d.azure_blob_fs_location.path}`;
      const l = JSON.parse(d.type_properties_json).location;
      return `${l.fileSystem}/${l.folderPath}`;
    };
    const [raw, api] = typeProperties.sources.map((s: Json) => s.dataset.referenceName);
    expect(location(raw)).toBe(`${LAKE_LAYOUT.raw}/${LAKE_LAYOUT.customersTable}`);
    expect(location(api)).toBe(`${LAKE_LAYOUT.raw}/${LAKE_LAYOUT.apiDrops}`);
    expect(location(api)).toBe(location(ENTITY_NAMES.datasets.apiDropFile));
    const sink = typeProperties.sinks[0].dataset.referenceName;
    expect(location(sink)).toBe(`${LAKE_LAYOUT.curated}/${LAKE_LAYOUT.curatedCustomers}`);
    for (const pipeline of ["curate", "load-synapse"] as const) {
      const copies = readJson(PIPELINE_FILES[pipeline]).properties.activities.filter((a: Json) => a.type === "Copy");
      expect(copies.map((c: Json) => c.inputs[0].referenceName)).toEqual([sink]);
    }
  });

  test("the pattern deploys the file's script and blocks", () => {
    const flow = pattern.dataFlow.resource;
    expect(flow.scriptLinesInput).toEqual(typeProperties.scriptLines);
    expect(flow.nameInput).toBe(file.name);
    expect((flow.transformationInput as Json[]).map((t) => t.name)).toEqual(typeProperties.transformations.map((t: Json) => t.name));
  });

  test("a data flow file with an unknown dataset or a bad shape is refused with the file named", () => {
    const stack = makeStack();
    expect(messageOf(() => readDataFlowFile(stack, "/nonexistent/flow.json"))).toMatch(/data flow file "\/nonexistent\/flow.json" cannot be read as JSON/);
    expect(messageOf(() => readDataFlowFile(stack, PIPELINE_FILES.curate))).toMatch(/has type undefined; set properties.type to "MappingDataFlow"/);
    const definition = readDataFlowFile(stack, DATA_FLOW_FILE);
    const unknown = { ...definition, sources: [{ name: "RawCustomers", dataset: "RawOrders" }] };
    expect(messageOf(() => dataFlowOptions(stack, "flow.json", unknown, pattern.dataFactory.datasets))).toMatch(
      /data flow "CurateCustomers" \(flow.json\) stream "RawCustomers" dataset "RawOrders" is not a dataset of the factory; reference one of "ControlTable", /,
    );
  });
});
