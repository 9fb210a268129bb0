import { extname } from "path";
import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { readTextFile } from "./policy-check";

/** An API definition read at synth, ready for the `import` block of `azurerm_api_management_api`. */
export interface ApiDefinition {
  /** `openapi+json` (OpenAPI 3 JSON), `swagger-json` (Swagger 2.0 JSON) or `openapi` (OpenAPI 3 YAML). */
  readonly contentFormat: "openapi+json" | "swagger-json" | "openapi";
  /** The file's text, sent as is. */
  readonly content: string;
  /** operationIds declared in the document; undefined for YAML, which is not parsed here. */
  readonly operationIds?: ReadonlySet<string>;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * Reads an OpenAPI document by extension: `.json` is parsed (OpenAPI 3 or Swagger 2.0), `.yaml`/
 * `.yml` is passed as raw OpenAPI 3 YAML (API Management's `openapi` format parses it).
 */
export function readApiDefinition(scope: IConstruct, api: string, file: string): ApiDefinition {
  const field = `openApiFile of api "${api}"`;
  const extension = extname(file).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension)) {
    invalid(scope, { field, value: file, rule: "is neither .json nor .yaml/.yml", fix: "export the OpenAPI document as JSON or YAML" });
  }
  const content = readTextFile(scope, field, file);
  if (extension !== ".json") {
    if (/^\s*swagger\s*:/m.test(content)) {
      invalid(scope, { field, value: file, rule: "is a Swagger 2.0 YAML document, which API Management cannot import", fix: "convert it to OpenAPI 3 or export it as JSON" });
    }
    if (!/^\s*openapi\s*:\s*["']?3\./m.test(content)) {
      invalid(scope, { field, value: file, rule: "has no top-level `openapi: 3.x` line", fix: "use an OpenAPI 3 document" });
    }
    return { contentFormat: "openapi", content };
  }
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(content) as Record<string, unknown>;
  } catch (e) {
    return invalid(scope, { field, value: file, rule: `is not valid JSON (${(e as Error).message})`, fix: "fix the JSON" });
  }
  const isOpenApi = typeof document?.openapi === "string" && document.openapi.startsWith("3.");
  const isSwagger = document?.swagger === "2.0";
  if (!isOpenApi && !isSwagger) {
    invalid(scope, { field, value: file, rule: 'is neither OpenAPI 3 ("openapi": "3.x") nor Swagger 2.0 ("swagger": "2.0")', fix: "use an OpenAPI 3 or Swagger 2.0 document" });
  }
  return { contentFormat: isOpenApi ? "openapi+json" : "swagger-json", content, operationIds: operationIds(document) };
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
