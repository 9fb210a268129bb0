import { extname } from "path";
import { IConstruct } from "constructs";
import type * as Yaml from "yaml";
import { didYouMean } from "../core/closest";
import { invalid } from "../core/errors";
import { readTextFile } from "./policy-check";

/** An API definition read at synth, ready for the `import` block of `azurerm_api_management_api`. */
export interface ApiDefinition {
  /**
   * `openapi+json` (OpenAPI 3 JSON), `swagger-json` (Swagger 2.0 JSON) or `openapi` (OpenAPI 3 YAML): the
   * `content_format` values azurerm takes for them (azurerm @v4.55.0:internal/services/apimanagement/
   * api_management_api_resource.go, `content_format`; the values in vendor/github.com/hashicorp/go-azure-sdk/
   * resource-manager/apimanagement/2022-08-01/api/constants.go).
   */
  readonly contentFormat: "openapi+json" | "swagger-json" | "openapi";
  /** The file's text, sent as is (API Management parses it again at import). */
  readonly content: string;
  /** The operationIds the document declares (JSON and YAML alike): an operation policy must name one. */
  readonly operationIds: ReadonlySet<string>;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
// API Management imports one document and does not follow a $ref to another file or URL:
// "$ref pointers: Can't reference external files"
// (https://learn.microsoft.com/azure/api-management/api-management-api-import-restrictions, "General").
const BUNDLE_FIX = "bundle the document into one file (e.g. `npx @redocly/cli bundle`)";

/**
 * Reads an OpenAPI document by extension (`.json`, or `.yaml`/`.yml`) and parses it, so both go through
 * the same checks: the version (OpenAPI 3, or Swagger 2.0 in JSON only), every `$ref` resolving inside the
 * document, and the operationIds an operation policy may name. A syntax error names its line and column.
 */
export function readApiDefinition(scope: IConstruct, api: string, file: string): ApiDefinition {
  const field = `openApiFile of api "${api}"`;
  const fail = (rule: string, fix: string): never => invalid(scope, { field, value: file, rule, fix });
  const extension = extname(file).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) fail("is neither .json nor .yaml/.yml", "export the OpenAPI document as JSON or YAML");
  const content = readTextFile(scope, field, file);
  const isYaml = extension !== ".json";
  const document = (isYaml ? parseYaml(content, fail) : parseJson(content, fail)) as Record<string, unknown> | null;
  const root = typeof document === "object" && document !== null && !Array.isArray(document) ? document : {};
  let contentFormat: ApiDefinition["contentFormat"];
  if (isYaml) {
    // OpenAPI version 2 "Only JSON format is supported" (the import restrictions page above).
    if (root.swagger !== undefined) {
      fail("is a Swagger 2.0 YAML document, which API Management cannot import", "convert it to OpenAPI 3 or export it as JSON");
    }
    // `openapi: 3.0` unquoted is a YAML number; the specification wants a string, but tools (and this check before) take it.
    const version = root.openapi;
    if (!(typeof version === "string" ? version.startsWith("3.") : typeof version === "number" && version >= 3 && version < 4)) {
      fail("has no top-level `openapi: 3.x` line", "use an OpenAPI 3 document");
    }
    contentFormat = "openapi";
  } else {
    const isOpenApi = typeof root.openapi === "string" && root.openapi.startsWith("3.");
    if (!isOpenApi && root.swagger !== "2.0") {
      fail('is neither OpenAPI 3 ("openapi": "3.x") nor Swagger 2.0 ("swagger": "2.0")', "use an OpenAPI 3 or Swagger 2.0 document");
    }
    contentFormat = isOpenApi ? "openapi+json" : "swagger-json";
  }
  checkRefs(root, root.swagger !== undefined, fail);
  return { contentFormat, content, operationIds: operationIds(root) };
}

type Fail = (rule: string, fix: string) => never;

function parseJson(content: string, fail: Fail): unknown {
  // A byte-order mark (some Windows editors write one) is no JSON token; API Management gets the file as is.
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  try {
    return JSON.parse(body);
  } catch (e) {
    // V8 says "... in JSON at position N" (newer versions add "(line L column C)"): give the line and column always.
    const message = (e as Error).message.replace(/\s*\(line \d+ column \d+\)$/, "");
    const position = /at position (\d+)/.exec(message);
    const reason = message.replace(/\s*in JSON at position \d+/, "").replace(/^Unexpected end of JSON input$/, "the file ends before the JSON does");
    return fail(`is not valid JSON (${reason} at ${where(body, position ? Number(position[1]) : body.length)})`, "fix the JSON");
  }
}

function parseYaml(content: string, fail: Fail): unknown {
  // Loaded here, not at module load: most apps never read a YAML document, and `yaml` takes ~40 ms to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument } = require("yaml") as typeof Yaml;
  const doc = parseDocument(content, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const reason = error.code === "MULTIPLE_DOCS" ? "a second document starts here (`---`); an OpenAPI file holds one" : error.message;
    fail(`is not valid YAML (${reason} at ${where(content, error.pos[0])})`, "fix the YAML there");
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail(`is not valid YAML (${(e as Error).message})`, "fix the YAML");
  }
}

/** `line L, column C` (both from 1) of an offset into `text`. */
function where(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

interface Ref {
  readonly ref: string;
  /** Where the `$ref` sits: the keys from the root to the object holding it. */
  readonly at: readonly (string | number)[];
}

/**
 * Walks the document once, collecting every `$ref` (and OpenAPI 3.1 `$anchor`), then resolves each:
 * a local JSON pointer must name something in the document; a reference to another file or URL is refused.
 * Literal values (`example`, `default`, `enum`, `const`, an Example's `value`, `x-` extensions) are not walked:
 * a `$ref` key there is data, not a reference.
 */
function checkRefs(root: Record<string, unknown>, swagger: boolean, fail: Fail): void {
  const refs: Ref[] = [];
  const anchors = new Set<string>();
  const seen = new Set<object>();
  const path: (string | number)[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    // A YAML alias can make a cycle; each shared node is walked once.
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
      return;
    }
    const object = node as Record<string, unknown>;
    // In a map of names (`properties`, `responses`, ...) a key is a name: a property "default" or the
    // `default` response is walked like any other.
    const named = NAMED_MAPS.has(path[path.length - 1] as string);
    const inExamples = path[path.length - 2] === "examples";
    for (const [key, value] of Object.entries(object)) {
      if (key === "$ref" && typeof value === "string") refs.push({ ref: value, at: [...path] });
      else if (key === "$anchor" && typeof value === "string") anchors.add(value);
      else if (!named && (LITERAL_KEYS.has(key) || key.startsWith("x-") || (key === "value" && inExamples))) continue;
      // Swagger 2 `examples` map media types to literal bodies; OpenAPI 3.1 schema `examples` is a list of literals.
      else if (key === "examples" && (swagger || Array.isArray(value))) continue;
      path.push(key);
      walk(value);
      path.pop();
    }
  };
  walk(root);
  for (const { ref, at } of refs) {
    const hash = ref.indexOf("#");
    const location = `"${ref}" at ${jsonPath(at)}`;
    if (hash !== 0 && ref !== "") {
      fail(`has a $ref ${location} to another file or URL, which API Management cannot follow when it imports the document`, BUNDLE_FIX);
    }
    const fragment = ref.slice(1);
    if (fragment !== "" && !fragment.startsWith("/")) {
      if (anchors.has(fragment)) continue;
      const rule = `has a $ref ${location} that is not a JSON pointer ("#/...") or an $anchor of the document`;
      fail(rule, 'write it as a JSON pointer, e.g. "#/components/schemas/Order"');
    }
    const problem = resolve(root, fragment);
    if (problem) {
      const fix = "point the $ref at something the document defines, or add the definition";
      fail(`has a $ref ${location} that resolves to nothing in the document: ${problem}`, fix);
    }
  }
}

const LITERAL_KEYS = new Set(["example", "default", "enum", "const"]);
const NAMED_MAPS = new Set(["properties", "patternProperties", "responses", "schemas", "definitions", "parameters", "headers", "$defs"]);

/**
 * Resolves a JSON pointer (RFC 6901, in its URI-fragment form: percent-decoded first, then `~1` is `/` and
 * `~0` is `~`) against the document; the problem when it does not resolve, else undefined.
 */
function resolve(root: unknown, fragment: string): string | undefined {
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    return "its percent-encoding is malformed (RFC 6901 section 6)";
  }
  if (pointer === "") return undefined;
  const tokens = pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = root;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const parent = `#${pointer.split("/").slice(0, i + 1).join("/")}`;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return `${parent} is a list of ${node.length}, with no item "${token}"`;
      node = node[Number(token)];
    } else if (typeof node === "object" && node !== null && Object.prototype.hasOwnProperty.call(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else if (typeof node === "object" && node !== null) {
      return `${parent === "#" ? "the document" : parent} has no "${token}"${didYouMean(token, Object.keys(node))}`;
    } else {
      return `${parent} is a ${node === null ? "null" : typeof node}, not an object to look "${token}" up in`;
    }
  }
  return undefined;
}

/** A readable JSON path: `paths["/orders"].get.responses["200"]`. */
function jsonPath(at: readonly (string | number)[]): string {
  if (at.length === 0) return "the top level";
  const step = (key: string | number, i: number) =>
    typeof key === "number" ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${i === 0 ? "" : "."}${key}` : `[${JSON.stringify(key)}]`;
  return at.map(step).join("");
}

function operationIds(document: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const paths = (document.paths ?? {}) as Record<string, Record<string, { operationId?: unknown }>>;
  for (const item of Object.values(paths)) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (HTTP_METHODS.has(method) && typeof operation?.operationId === "string") ids.add(operation.operationId);
    }
  }
  return ids;
}
