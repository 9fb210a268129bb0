import { readFileSync } from "fs";
import { IConstruct } from "constructs";
import { invalid } from "../../constructs/core";
import { DataFlowEndpoint, DataFlowOptions, DataFlowTransformation, Dataset } from "../../constructs/data-factory";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A mapping data flow as Data Factory's Git format stores it, before its dataset references are resolved. */
export interface DataFlowDefinition {
  readonly name: string;
  readonly description?: string;
  readonly folder?: string;
  readonly sources: readonly { readonly name: string; readonly dataset: string; readonly description?: string }[];
  readonly sinks: readonly { readonly name: string; readonly dataset: string; readonly description?: string }[];
  readonly transformations: readonly DataFlowTransformation[];
  readonly scriptLines: readonly string[];
}

/**
 * Reads a data flow file (`{ name, properties: { type: "MappingDataFlow", typeProperties: { sources,
 * sinks, transformations, scriptLines } } }`). Sources and sinks must reference datasets; the
 * factory's `addDataFlow` then checks them against the script.
 */
export function readDataFlowFile(scope: IConstruct, file: string): DataFlowDefinition {
  const fail = (rule: string, fix: string): never => invalid(scope, { field: "data flow file", value: file, rule, fix });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return fail(`cannot be read as JSON (${(e as Error).message.replace(/\s+/g, " ")})`, "check the path and the JSON syntax");
  }
  if (!isObject(json) || typeof json.name !== "string" || !isObject(json.properties)) {
    return fail(
      "holds no data flow",
      'use Data Factory\'s format: { "name", "properties": { "type": "MappingDataFlow", "typeProperties": { ... } } }',
    );
  }
  const properties = json.properties;
  if (properties.type !== "MappingDataFlow") fail(`has type ${JSON.stringify(properties.type)}`, 'set properties.type to "MappingDataFlow"');
  const typeProperties = isObject(properties.typeProperties)
    ? properties.typeProperties
    : fail("has no properties.typeProperties", "add sources, sinks, transformations and scriptLines");
  const lines = typeProperties.scriptLines;
  if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => typeof l === "string")) {
    fail("has no scriptLines", "put the data flow script (Studio: Script) under typeProperties.scriptLines, one string per line");
  }
  const endpoints = (key: "sources" | "sinks") => streamEndpoints(typeProperties[key], key, fail);
  const transformations = Array.isArray(typeProperties.transformations) ? typeProperties.transformations : [];
  return {
    name: json.name,
    description: typeof properties.description === "string" ? properties.description : undefined,
    folder: isObject(properties.folder) && typeof properties.folder.name === "string" ? properties.folder.name : undefined,
    sources: endpoints("sources"),
    sinks: endpoints("sinks"),
    transformations: transformations.map((t, index) =>
      isObject(t) && typeof t.name === "string"
        ? { name: t.name, description: typeof t.description === "string" ? t.description : undefined }
        : fail(`transformations[${index}] has no name`, 'give every transformation a "name"'),
    ),
    scriptLines: lines as string[],
  };
}

/** The sources or sinks of a data flow file: each a stream name and the dataset it reads or writes. */
function streamEndpoints(list: unknown, key: "sources" | "sinks", fail: (rule: string, fix: string) => never) {
  if (!Array.isArray(list)) return fail(`has no typeProperties.${key} list`, `declare the data flow's ${key}`);
  return list.map((entry, index) => {
    const dataset = isObject(entry) && isObject(entry.dataset) ? entry.dataset.referenceName : undefined;
    if (!isObject(entry) || typeof entry.name !== "string" || typeof dataset !== "string") {
      return fail(
        `${key}[${index}] names no stream or dataset`,
        `give it "name" and "dataset": { "referenceName": "<dataset>", "type": "DatasetReference" }`,
      );
    }
    return { name: entry.name, dataset, description: typeof entry.description === "string" ? entry.description : undefined };
  });
}

/** The definition's options for `DataFactory.addDataFlow`, with dataset names resolved to the factory's datasets. */
export function dataFlowOptions(
  scope: IConstruct,
  file: string,
  definition: DataFlowDefinition,
  datasets: ReadonlyMap<string, Dataset>,
): DataFlowOptions {
  const resolve = (endpoint: DataFlowDefinition["sources"][number]): DataFlowEndpoint => {
    const dataset = [...datasets.values()].find((d) => d.name.toLowerCase() === endpoint.dataset.toLowerCase());
    if (!dataset) {
      invalid(scope, {
        field: `data flow "${definition.name}" (${file}) stream "${endpoint.name}" dataset`,
        value: endpoint.dataset,
        rule: "is not a dataset of the factory",
        fix: `reference one of ${[...datasets.keys()].map((n) => `"${n}"`).join(", ")}`,
      });
    }
    return { name: endpoint.name, dataset, description: endpoint.description };
  };
  return {
    script: definition.scriptLines,
    sources: definition.sources.map(resolve),
    sinks: definition.sinks.map(resolve),
    transformations: definition.transformations,
    description: definition.description,
    folder: definition.folder,
  };
}
