import { DataFactoryDataFlow } from "@cdktf/provider-azurerm/lib/data-factory-data-flow";
import { invalid } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { Dataset } from "./datasets";
import { FactoryEntity } from "./entities";
import { FactoryHost } from "./host";
import { LinkedService } from "./linked-services";
import { validateEntityName } from "./names";

/** A source or sink of a data flow: a dataset, or a linked service for an inline dataset. */
export interface DataFlowEndpoint {
  /** The stream name, as declared in the script (`~> name`). */
  readonly name: string;
  /** @default none (then `linkedService` is required) */
  readonly dataset?: Dataset;
  /** Linked service of an inline dataset. @default none (then `dataset` is required) */
  readonly linkedService?: LinkedService;
  /** @default none */
  readonly description?: string;
}

/** A transformation of a data flow (derive, filter, join, ...), as declared in the script. */
export interface DataFlowTransformation {
  readonly name: string;
  /** @default none */
  readonly description?: string;
}

export interface DataFlowOptions {
  /** The data flow script (Data Factory Studio: "Script"), as one string or its lines. */
  readonly script: string | readonly string[];
  readonly sources: readonly DataFlowEndpoint[];
  readonly sinks: readonly DataFlowEndpoint[];
  /** Every other stream the script declares. @default none */
  readonly transformations?: readonly DataFlowTransformation[];
  /** @default none */
  readonly description?: string;
  /** Folder in the Data Factory Studio tree. @default none */
  readonly folder?: string;
}

/** A mapping data flow; an ExecuteDataFlow activity runs it. */
export class DataFlow extends FactoryEntity<DataFactoryDataFlow> {
  constructor(
    name: string,
    resource: DataFactoryDataFlow,
    /** The runtime ExecuteDataFlow activities use unless told otherwise (the managed-VNet one). */
    public readonly integrationRuntimeName: string,
  ) {
    super(name, resource);
  }
}

export type StreamKind = "source" | "sink" | "transformation";

/** A stream the script declares with `~> name`. */
export interface ScriptStream {
  readonly name: string;
  readonly kind: StreamKind;
}

/**
 * The streams a data flow script declares, in order. Each statement ends with `~> name` (or
 * `~> name@(a, b)` for multi-output transformations); a statement starting with `source(` declares
 * a source, one whose operation is `sink(` a sink, any other a transformation.
 */
export function parseDataFlowScript(script: string): ScriptStream[] {
  const text = stripParameters(script.replace(/'(?:[^'\\]|\\.)*'/g, "''"));
  const streams: ScriptStream[] = [];
  const declaration = /~>\s*(\w+)(?:@\([^)]*\))?/g;
  let start = 0;
  for (let match = declaration.exec(text); match; match = declaration.exec(text)) {
    const statement = text.slice(start, match.index).trim();
    const operation = /^(?:[\w@]+(?:\s*,\s*[\w@]+)*\s+)?(\w+)\s*\(/.exec(statement)?.[1];
    streams.push({ name: match[1], kind: operation === "source" ? "source" : operation === "sink" ? "sink" : "transformation" });
    start = match.index + match[0].length;
  }
  return streams;
}

export function addDataFlow(host: FactoryHost, name: string, options: DataFlowOptions): DataFlow {
  host.entities.claim("dataFlow", name);
  const lines = typeof options.script === "string" ? options.script.split(/\r?\n/) : [...options.script];
  checkStreams(host, name, parseDataFlowScript(lines.join("\n")), options);
  const resource = new DataFactoryDataFlow(host.scope, `DataFlow-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    folder: options.folder,
    // The script is the user's text: `${...}` in it is meant for Data Factory, not Terraform.
    scriptLines: lines.map(terraformLiteral),
    source: options.sources.map((s) => endpoint(host, name, "sources", s)),
    sink: options.sinks.map((s) => endpoint(host, name, "sinks", s)),
    transformation: options.transformations?.map((t) => ({ name: t.name, description: t.description })),
  });
  return host.entities.add("dataFlow", new DataFlow(name, resource, host.managedIntegrationRuntimeName));
}

/** The blocks and the script must declare the same streams, each of the same kind, once. */
function checkStreams(host: FactoryHost, flow: string, declared: readonly ScriptStream[], options: DataFlowOptions): void {
  const field = (what: string) => `data flow "${flow}" ${what}`;
  const blocks: ScriptStream[] = [
    ...options.sources.map((s) => ({ name: s.name, kind: "source" as const })),
    ...options.sinks.map((s) => ({ name: s.name, kind: "sink" as const })),
    ...(options.transformations ?? []).map((t) => ({ name: t.name, kind: "transformation" as const })),
  ];
  if (options.sources.length === 0 || options.sinks.length === 0) {
    invalid(host.scope, {
      field: field("sources and sinks"),
      rule: "need at least one source and one sink",
      fix: "declare the flow's sources and sinks",
    });
  }
  const seen = new Map<string, ScriptStream>();
  for (const block of blocks) {
    validateEntityName(host.scope, "transformation", block.name, field(`${block.kind} name`));
    const other = seen.get(block.name.toLowerCase());
    if (other) {
      invalid(host.scope, {
        field: field(`${block.kind} name`),
        value: block.name,
        rule: `is also the name of a ${other.kind} (stream names are case-insensitive)`,
        fix: "give every source, sink and transformation its own name",
      });
    }
    seen.set(block.name.toLowerCase(), block);
  }
  const inScript = new Map<string, ScriptStream>();
  for (const stream of declared) {
    if (inScript.has(stream.name.toLowerCase())) {
      invalid(host.scope, {
        field: field("script stream"),
        value: stream.name,
        rule: "is declared twice in the script",
        fix: "declare each stream once (`~> name`)",
      });
    }
    inScript.set(stream.name.toLowerCase(), stream);
  }
  for (const block of blocks) {
    const stream = inScript.get(block.name.toLowerCase());
    if (!stream) {
      invalid(host.scope, {
        field: field(`${block.kind} ${JSON.stringify(block.name)}`),
        rule: "does not appear in the script",
        fix: `declare it in the script with "~> ${block.name}", or remove it from the ${block.kind}s`,
      });
    }
    if (stream.kind !== block.kind) {
      invalid(host.scope, {
        field: field(`${block.kind} ${JSON.stringify(block.name)}`),
        rule: `is a ${stream.kind} in the script`,
        fix: `list it under the ${stream.kind}s, or fix the script`,
      });
    }
  }
  for (const stream of declared) {
    if (!seen.has(stream.name.toLowerCase())) {
      invalid(host.scope, {
        field: field(`script ${stream.kind} ${JSON.stringify(stream.name)}`),
        rule: `has no entry in the ${stream.kind}s`,
        fix: `add { name: "${stream.name}" } to the ${stream.kind}s, or remove it from the script`,
      });
    }
  }
}

function endpoint(host: FactoryHost, flow: string, list: "sources" | "sinks", e: DataFlowEndpoint) {
  const field = `data flow "${flow}" ${list} "${e.name}"`;
  if ((e.dataset === undefined) === (e.linkedService === undefined)) {
    invalid(host.scope, {
      field,
      rule: "needs exactly one of dataset and linkedService",
      fix: "reference a dataset, or a linked service for an inline dataset",
    });
  }
  if (e.dataset) host.entities.requireOwned("dataset", e.dataset, `${field} dataset`);
  if (e.linkedService) host.entities.requireOwned("linkedService", e.linkedService, `${field} linkedService`);
  const linkedService = e.dataset?.linkedService ?? e.linkedService;
  if (linkedService?.type === "CosmosDb") {
    invalid(host.scope, {
      field,
      value: linkedService.name,
      rule: "is a Cosmos DB connection with managed identity, which mapping data flows do not support",
      fix: "move Cosmos DB data with a Copy activity (managed identity works there) and transform it from the Data Lake",
    });
  }
  return {
    name: e.name,
    description: e.description,
    dataset: e.dataset ? { name: e.dataset.resource.name } : undefined,
    linkedService: e.linkedService ? { name: e.linkedService.resource.name } : undefined,
  };
}

/** Removes a leading `parameters{ ... }` block (it holds parentheses that are no statement). */
function stripParameters(text: string): string {
  const match = /^\s*parameters\s*\{/.exec(text);
  if (!match) return text;
  let depth = 0;
  for (let i = match[0].length - 1; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(i + 1);
  }
  return text;
}
