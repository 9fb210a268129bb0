import { readFileSync } from "fs";
import { isAbsolute } from "path";
import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { JsonObject, isObject } from "./json";

/** What a pipeline JSON file holds, in the shape azurerm takes it; absent fields are absent in the file. */
export interface PipelineDefinition {
  /** The pipeline name the file states. @default none */
  readonly name?: string;
  /** The `activities` array (checked by `checkPipeline`). */
  readonly activities: unknown;
  /** Parameter defaults (azurerm pipelines take String parameters only). @default none */
  readonly parameters?: Record<string, string>;
  /** Variable defaults (azurerm pipelines take String variables only). @default none */
  readonly variables?: Record<string, string>;
  /** @default none */
  readonly description?: string;
  /** `properties.folder.name`. @default none */
  readonly folder?: string;
  /** @default none */
  readonly concurrency?: number;
}

/**
 * Reads a pipeline from a JSON file: the Data Factory Git/ARM format `{ name, properties: {
 * activities, parameters, variables, ... } }`, the `properties` object alone, or a bare array of
 * activities.
 */
export function loadPipelineFile(scope: IConstruct, pipeline: string, file: string): PipelineDefinition {
  const field = `pipeline "${pipeline}" pipelineFile`;
  if (!isAbsolute(file)) {
    invalid(scope, {
      field,
      value: file,
      rule: "is not an absolute path",
      fix: "pass path.join(__dirname, ...) so synthesis does not depend on the working directory",
    });
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    invalid(scope, {
      field,
      value: file,
      rule: `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`,
      fix: "check the path and that the file is part of the package",
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    invalid(scope, { field, value: file, rule: `is not valid JSON (${(e as Error).message.replace(/\s+/g, " ")})`, fix: "fix the JSON syntax" });
  }
  if (Array.isArray(json)) return { activities: json };
  if (!isObject(json)) {
    invalid(scope, {
      field,
      value: file,
      rule: "holds no pipeline",
      fix: "use the Data Factory pipeline JSON ({ name, properties: { activities } }) or an array of activities",
    });
  }
  const properties = isObject(json.properties) ? json.properties : json;
  if (properties.activities === undefined) {
    invalid(scope, { field, value: file, rule: "has no activities", fix: "put the activities under properties.activities" });
  }
  const subject = `pipeline "${pipeline}" (${file})`;
  const name = typeof json.name === "string" ? json.name : undefined;
  if (name !== undefined && name !== pipeline) {
    invalid(scope, {
      field: `${subject} name`,
      value: name,
      rule: `differs from the name given to addPipeline ("${pipeline}")`,
      fix: "use the same name in both places, or drop it from the file",
    });
  }
  const folder = isObject(properties.folder) && typeof properties.folder.name === "string" ? properties.folder.name : undefined;
  return {
    name,
    activities: properties.activities,
    parameters: stringDefaults(scope, subject, "parameter", properties.parameters),
    variables: stringDefaults(scope, subject, "variable", properties.variables),
    description: typeof properties.description === "string" ? properties.description : undefined,
    folder,
    concurrency: typeof properties.concurrency === "number" ? properties.concurrency : undefined,
  };
}

/** `{ p: { type: "String", defaultValue: "x" } }` → `{ p: "x" }`; other types are an error. */
function stringDefaults(scope: IConstruct, subject: string, kind: "parameter" | "variable", specs: unknown): Record<string, string> | undefined {
  if (specs === undefined) return undefined;
  if (!isObject(specs)) {
    invalid(scope, {
      field: `${subject} ${kind}s`,
      rule: "is not an object",
      fix: `declare ${kind}s as { "<name>": { "type": "String", "defaultValue": "..." } }`,
    });
  }
  const result: Record<string, string> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const type = isObject(spec) ? spec.type : undefined;
    if (typeof type !== "string" || type.toLowerCase() !== "string") {
      invalid(scope, {
        field: `${subject} ${kind} "${key}" type`,
        value: type,
        rule: `is not supported: azurerm_data_factory_pipeline declares String ${kind}s only`,
        fix: kind === "parameter"
          ? `declare it as String and convert in expressions, e.g. @int(pipeline().parameters.${key})`
          : "declare it as String (e.g. a JSON text read with @json(variables('...')))",
      });
    }
    const value = (spec as JsonObject).defaultValue;
    result[key] = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  }
  return result;
}
