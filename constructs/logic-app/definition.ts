import { readFileSync } from "fs";
import { isAbsolute } from "path";
import { IConstruct } from "constructs";
import { invalid } from "../core/errors";

/** A JSON value as it appears in a workflow definition. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The Workflow Definition Language document (`definition` in the designer's code view). */
export interface WorkflowDefinition {
  readonly $schema?: string;
  readonly contentVersion?: string;
  /** Parameter declarations: `{ "<name>": { "type": "String", "defaultValue": ... } }`. */
  readonly parameters?: Record<string, JsonObject>;
  readonly triggers?: Record<string, JsonObject>;
  readonly actions?: Record<string, JsonObject>;
  readonly outputs?: JsonObject;
  readonly [key: string]: JsonValue | undefined;
}

/** A definition together with the parameter values that came with it and where it came from. */
export interface LoadedDefinition {
  readonly definition: WorkflowDefinition;
  /** Values from the designer's top-level `parameters` (`{ "<name>": { "value": ... } }`). */
  readonly parameterValues: Record<string, JsonValue>;
  /** The file path, or `inline definition`, for error messages. */
  readonly source: string;
}

/** Loads a designer file or object: `{ definition, parameters }` or the bare definition. */
export function loadDefinition(scope: IConstruct, file: string | undefined, inline: object | undefined): LoadedDefinition {
  if (file !== undefined && inline !== undefined) {
    invalid(scope, {
      field: "definitionFile",
      rule: "is given together with definition",
      fix: "pass either definitionFile or definition, not both",
    });
  }
  if (file === undefined && inline === undefined) {
    invalid(scope, {
      field: "definitionFile",
      rule: "and definition are both missing",
      fix: "pass definitionFile (an absolute path to the designer's JSON) or definition (the parsed object)",
    });
  }
  const source = file ?? "inline definition";
  const document = file !== undefined ? readJson(scope, file) : inline;
  if (!isObject(document)) {
    invalid(scope, {
      field: "definition",
      value: source,
      rule: "is not a JSON object",
      fix: "pass the workflow definition object from the designer's code view",
    });
  }
  const designer = unwrap(scope, document, source);
  const wrapped = isObject(designer.definition);
  const definition = (wrapped ? designer.definition : designer) as WorkflowDefinition;
  const values: Record<string, JsonValue> = {};
  if (wrapped && designer.parameters !== undefined) {
    if (!isObject(designer.parameters)) {
      invalid(scope, { field: `parameters in ${source}`, rule: "is not an object", fix: 'write parameter values as { "<name>": { "value": ... } }' });
    }
    for (const [name, entry] of Object.entries(designer.parameters)) {
      if (!isObject(entry) || !("value" in entry)) {
        invalid(scope, {
          field: `parameter value "${name}" in ${source}`,
          rule: "has no value property",
          fix: `write it as "${name}": { "value": ... }`,
        });
      }
      values[name] = entry.value;
    }
  }
  return { definition, parameterValues: values, source };
}

const ARM_TEMPLATE = /deploymentTemplate\.json#?$/i;

/**
 * The `{ definition, parameters }` inside the shapes users have: the portal's export and an ARM
 * resource (`{ "type": "Microsoft.Logic/workflows", "properties": { "definition", "parameters" } }`)
 * are unwrapped; a whole ARM template is refused (its definition holds template expressions
 * such as "[parameters('x')]" that only an ARM deployment evaluates).
 */
function unwrap(scope: IConstruct, document: JsonObject, source: string): JsonObject {
  if (Array.isArray(document.resources) || (typeof document.$schema === "string" && ARM_TEMPLATE.test(document.$schema))) {
    invalid(scope, {
      field: "definition",
      value: source,
      rule: "is an ARM deployment template, not a workflow definition",
      fix: 'pass the workflow resource\'s "properties" (its definition and parameters), or export the workflow from the designer\'s code view',
    });
  }
  if (isObject(document.properties) && isObject(document.properties.definition)) return document.properties;
  if (isObject(document.properties)) {
    invalid(scope, {
      field: "definition",
      value: source,
      rule: 'has "properties" without a "definition"',
      fix: 'pass the file the portal exports ({ "properties": { "definition": ... } }) or the definition from the designer\'s code view',
    });
  }
  return document;
}

function readJson(scope: IConstruct, file: string): unknown {
  if (!isAbsolute(file)) {
    invalid(scope, {
      field: "definitionFile",
      value: file,
      rule: "is not an absolute path",
      fix: 'pass path.resolve(__dirname, "<file>.json") so the file is found wherever synth runs',
    });
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    invalid(scope, {
      field: "definitionFile",
      value: file,
      rule: `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`,
      fix: "check the path",
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    invalid(scope, {
      field: "definitionFile",
      value: file,
      rule: `is not valid JSON (${(e as Error).message})`,
      fix: "export the workflow from the designer's code view",
    });
  }
}

/** True for a plain JSON object (not an array or null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
