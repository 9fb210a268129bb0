import { readFileSync } from "fs";
import { XMLParser } from "fast-xml-parser";
import {
  backendReferences,
  checkPolicy,
  LOGIC_APP_QUERY_PARAMETERS,
  logicAppRewriteUri,
  maskExpressions,
  namedValueReferences,
} from "../../../constructs/api-management";
import { API_GATEWAY_NAMES, API_GATEWAY_WORKLOADS } from "../../../patterns/api-gateway";
import { Json, resources } from "../../helpers";
import { gateway } from "../../patterns/api-gateway/fixtures";

// The orders API's OpenAPI document and policy (patterns/api-gateway), checked on their own and
// against what the pattern deploys: operations, named values, backends, the workflows behind them.

const OPENAPI: Json = JSON.parse(readFileSync(API_GATEWAY_WORKLOADS.openApiFile, "utf8"));
const POLICY = readFileSync(API_GATEWAY_WORKLOADS.policyFile, "utf8");
const GET_ORDER: Json = JSON.parse(readFileSync(API_GATEWAY_WORKLOADS.getOrderWorkflowFile, "utf8")).definition;
const CREATE_ORDER: Json = JSON.parse(readFileSync(API_GATEWAY_WORKLOADS.createOrderWorkflowFile, "utf8")).definition;

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** `METHOD path -> operation` for every operation of the document. */
function operations(document: Json): Record<string, Json> {
  const found: Record<string, Json> = {};
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) if (METHODS.includes(method)) found[`${method.toUpperCase()} ${path}`] = operation;
  }
  return found;
}

/** Every `$ref` in the document. */
function refs(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => (k === "$ref" ? [v as string] : refs(v)));
  return [];
}

/** Status codes of the Response actions of a definition, nested ones included. */
function responseCodes(actions: Record<string, Json>): number[] {
  return Object.values(actions).flatMap((a) => [
    ...(a.type === "Response" ? [a.inputs.statusCode] : []),
    ...[a.actions, a.else?.actions].filter(Boolean).flatMap(responseCodes),
  ]);
}

// The policy's element tree once C# expressions are masked (attributes kept, document order kept).
type Node = { name: string; attributes: Record<string, string>; children: Node[] };
function tree(xml: string): Node[] {
  const masked = maskExpressions(xml);
  if (!("xml" in masked)) throw new Error("unbalanced expression");
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", commentPropName: "#comment" });
  const convert = (nodes: Json[]): Node[] =>
    nodes.flatMap((node) => {
      const name = Object.keys(node).find((k) => k !== ":@" && k !== "#text" && k !== "#comment");
      return name ? [{ name, attributes: node[":@"] ?? {}, children: convert(node[name]) }] : [];
    });
  return convert(parser.parse(masked.xml));
}
const section = (name: string) => tree(POLICY)[0].children.find((n) => n.name === name) as Node;
const find = (nodes: Node[], name: string): Node[] => nodes.flatMap((n) => [...(n.name === name ? [n] : []), ...find(n.children, name)]);

describe("orders-api.openapi.json", () => {
  const ops = operations(OPENAPI);

  test("is an OpenAPI 3 document with exactly the three operations the policy and workflows expect", () => {
    expect(OPENAPI.openapi).toMatch(/^3\.0\.\d$/);
    expect(Object.fromEntries(Object.entries(ops).map(([key, op]) => [key, op.operationId]))).toEqual({
      "GET /orders/{id}": "getOrder",
      "POST /orders": "createOrder",
      "GET /health": "health",
    });
    // No servers: the policy routes to backends, so nothing else is ever called.
    expect(OPENAPI.servers).toBeUndefined();
  });

  test("every $ref resolves to a schema of the document", () => {
    const all = refs(OPENAPI);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) expect(OPENAPI.components.schemas[ref.replace("#/components/schemas/", "")]).toBeDefined();
  });

  test("GET /orders/{id} takes the id the get-order workflow accepts and documents its answers", () => {
    const op = ops["GET /orders/{id}"];
    expect(op.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9-]{1,64}$" } })]);
    expect(GET_ORDER.triggers.manual.inputs.schema.properties.id).toMatchObject({ type: "string", maxLength: 64 });
    const workflowCodes = responseCodes(GET_ORDER.actions).map(String);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(workflowCodes));
    // The gateway's own answers: token or key missing, throttled.
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "429"]));
  });

  test("POST /orders takes the body the create-order workflow accepts and documents its answers", () => {
    const op = ops["POST /orders"];
    expect(op.requestBody).toMatchObject({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewOrder" } } } });
    const newOrder = OPENAPI.components.schemas.NewOrder;
    const trigger = CREATE_ORDER.triggers.manual.inputs.schema;
    expect(Object.keys(newOrder.properties).sort()).toEqual(Object.keys(trigger.properties).sort());
    expect([...newOrder.required].sort()).toEqual([...trigger.required].sort());
    expect(newOrder.additionalProperties).toBe(false);
    expect(newOrder.properties.currency.pattern).toBe(trigger.properties.currency.pattern);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([...responseCodes(CREATE_ORDER.actions).map(String), "400", "401", "429"]));
  });

  test("the order the workflows return (the table's columns) is the documented Order schema", () => {
    const columns = /^SELECT (.*) FROM dbo\.Orders/.exec(GET_ORDER.actions.Get_order.inputs.body.query)?.[1].split(", ");
    expect(columns?.sort()).toEqual(Object.keys(OPENAPI.components.schemas.Order.properties).sort());
    expect(OPENAPI.components.schemas.Order.required.sort()).toEqual(columns?.sort());
  });

  test("declares its security: a subscription key everywhere, a bearer token except on /health", () => {
    expect(OPENAPI.components.securitySchemes).toEqual({
      subscriptionKey: { type: "apiKey", in: "header", name: "Ocp-Apim-Subscription-Key" },
      bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
    });
    expect(OPENAPI.security).toEqual([{ subscriptionKey: [], bearer: [] }]);
    expect(ops["GET /health"].security).toEqual([{ subscriptionKey: [] }]);
  });
});

describe("orders-api.xml", () => {
  test("passes the ApiManagement policy checks (balanced expressions, well-formed XML, known sections)", () => {
    expect(checkPolicy(POLICY).problem).toBeUndefined();
    expect(tree(POLICY).map((n) => n.name)).toEqual(["policies"]);
    expect(tree(POLICY)[0].children.map((n) => n.name)).toEqual(["inbound", "backend", "outbound", "on-error"]);
  });

  test("routes exactly the document's operations, each data operation to its own workflow backend", () => {
    const routed = [...POLICY.matchAll(/context\.Operation\.Id == "([^"]+)"/g)].map((m) => m[1]);
    expect(routed.sort()).toEqual(Object.values(operations(OPENAPI)).map((op) => op.operationId).sort());
    expect(backendReferences(POLICY)).toEqual([API_GATEWAY_NAMES.getOrderBackend, API_GATEWAY_NAMES.createOrderBackend]);
    const whens = find(section("inbound").children, "when");
    const backendOf = (i: number) => find(whens[i].children, "set-backend-service").map((n) => n.attributes["backend-id"]);
    expect(whens.map((_, i) => backendOf(i))).toEqual([[], [API_GATEWAY_NAMES.getOrderBackend], [API_GATEWAY_NAMES.createOrderBackend]]);
    // Anything else never reaches a backend.
    expect(find(find(section("inbound").children, "otherwise")[0].children, "set-status")[0].attributes.code).toBe("404");
  });

  test("in order: throttle, answer /health, validate the token, validate the request, route", () => {
    const order = section("inbound").children.map((n) => n.name);
    expect(order.slice(0, 6)).toEqual(["base", "rate-limit-by-key", "choose", "validate-jwt", "validate-parameters", "choose"]);
    const health = find(section("inbound").children[2].children, "return-response")[0];
    expect(find(health.children, "set-status")[0].attributes.code).toBe("200");
  });

  test("rate-limits per subscription (or caller IP) with the configured named values", () => {
    const limit = find(section("inbound").children, "rate-limit-by-key")[0].attributes;
    expect(limit.calls).toBe("{{orders-rate-limit-calls}}");
    expect(limit["renewal-period"]).toBe("{{orders-rate-limit-period}}");
    expect(POLICY).toContain('counter-key="@(context.Subscription?.Id ?? context.Request.IpAddress)"');
  });

  test("validates signed, unexpired bearer tokens of the configured issuer and audience", () => {
    const jwt = find(section("inbound").children, "validate-jwt")[0];
    expect(jwt.attributes).toMatchObject({ "header-name": "Authorization", "failed-validation-httpcode": "401", "require-scheme": "Bearer", "require-signed-tokens": "true", "require-expiration-time": "true" });
    expect(find(jwt.children, "openid-config")[0].attributes.url).toBe("{{jwt-issuer}}/.well-known/openid-configuration");
    expect(POLICY).toMatch(/<audience>\{\{jwt-audience\}\}<\/audience>/);
    expect(POLICY).toMatch(/<issuer>\{\{jwt-issuer\}\}<\/issuer>/);
  });

  test("sends the trigger a JSON POST with no client credential, path or query, and validates the new order's body", () => {
    const inbound = section("inbound").children;
    expect(find(inbound, "set-method")).toHaveLength(1);
    expect(POLICY).toContain("<set-method>POST</set-method>");
    const deleted = find(inbound, "set-header").filter((h) => h.attributes["exists-action"] === "delete").map((h) => h.attributes.name);
    expect(deleted).toEqual(["Authorization", "Ocp-Apim-Subscription-Key"]);
    // Each branch picks its workflow and rebuilds that trigger's query (api-version, sp, sv, sig) from named values.
    const branches = find(inbound, "when").filter((w) => find(w.children, "set-backend-service").length > 0);
    expect(branches).toHaveLength(2);
    for (const branch of branches) {
      const backend = find(branch.children, "set-backend-service")[0].attributes["backend-id"];
      expect(find(branch.children, "rewrite-uri").map((r) => r.attributes)).toEqual([
        {
          template: `/?api-version={{${backend}-api-version}}&sp={{${backend}-sp}}&sv={{${backend}-sv}}&sig={{${backend}-sig}}`,
          "copy-unmatched-params": "false",
        },
      ]);
      expect(POLICY).toContain(logicAppRewriteUri(backend));
    }
    expect(find(inbound, "rewrite-uri")).toHaveLength(2);
    expect(find(inbound, "validate-content")[0].attributes).toMatchObject({ "unspecified-content-type-action": "prevent", "size-exceeded-action": "prevent" });
    // GET /orders/{id} becomes the body the get-order trigger's schema asks for.
    expect(POLICY).toContain('new JProperty("id", context.Request.MatchedParameters["id"])');
    expect(GET_ORDER.triggers.manual.inputs.schema.required).toEqual(["id"]);
  });

  test("hides the workflow's headers from partners", () => {
    const removed = find(section("outbound").children, "set-header").map((h) => h.attributes.name);
    expect(removed).toEqual(expect.arrayContaining(["x-ms-workflow-run-id", "x-ms-workflow-id", "x-ms-tracking-id"]));
    expect(removed.every((name) => name.startsWith("x-ms-"))).toBe(true);
  });
});

describe("the policy against the API Management the ApiGateway pattern deploys", () => {
  const { stack } = gateway();
  const namedValues = (Object.values(resources(stack, "azurerm_api_management_named_value")) as Json[]).map((v) => v.name);
  const backends = (Object.values(resources(stack, "azurerm_api_management_backend")) as Json[]).map((b) => b.name);
  const policies = Object.values(resources(stack, "azurerm_api_management_api_policy")) as Json[];

  test("every named value the policy uses is defined on the service, and no other", () => {
    expect(namedValueReferences(POLICY).sort()).toEqual([...namedValues].sort());
    const workflowQuery = backends.flatMap((b) => LOGIC_APP_QUERY_PARAMETERS.map((p) => `${b}-${p}`));
    expect(namedValues.sort()).toEqual([...Object.values(API_GATEWAY_NAMES.namedValues), ...workflowQuery].sort());
  });

  test("every backend the policy routes to exists, and each is a workflow's invoke URL without the query", () => {
    expect(backendReferences(POLICY).sort()).toEqual([...backends].sort());
    for (const backend of Object.values(resources(stack, "azurerm_api_management_backend")) as Json[]) {
      expect(backend.url).toMatch(/^\$\{element\(split\("\?", azurerm_logic_app_trigger_http_request\.[^.]+\.callback_url\), 0\)\}$/);
    }
  });

  test("the deployed policy is the file, byte for byte (nothing Terraform would read as a template)", () => {
    expect(policies).toHaveLength(1);
    expect(policies[0].xml_content).toBe(POLICY);
    expect(POLICY).not.toMatch(/\$\{|%\{/);
  });
});
