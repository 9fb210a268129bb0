import * as path from "path";
import * as os from "os";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { ApiManagementApi } from "@cdktf/provider-azurerm/lib/api-management-api";
import { ApiManagement, ApiOptions } from "../../../constructs/api-management";
import { makeStack, messageOf, resources, resourcesOfType, single } from "../../helpers";

const F = (file: string) => path.resolve(__dirname, "fixtures", file);
const REQUIRED = { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" } as const;
const SERVICE_NAME = "${azurerm_api_management.Apim_95332D08.name}";

function service() {
  const stack = makeStack();
  return { stack, apim: new ApiManagement(stack, "Apim", REQUIRED) };
}

const apiError = (name: string, options: ApiOptions) => messageOf(() => service().apim.addApi(name, options));

describe("addApi with declared operations", () => {
  const { stack, apim } = service();
  const api = apim.addApi("orders", {
    path: "orders/v1",
    operations: [
      { id: "get-order", method: "GET", urlTemplate: "/orders/{id}/lines/{line}", displayName: "Get order", description: "One order" },
      { id: "create-order", method: "POST", urlTemplate: "/orders", policyFile: F("operation-policy.xml") },
    ],
  });
  const apiResource = single(stack, "azurerm_api_management_api");

  test("the API is HTTPS only, needs a subscription and is revision 1", () => {
    expect(apiResource.config).toEqual({
      name: "orders",
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
      revision: "1",
      display_name: "orders",
      path: "orders/v1",
      protocols: ["https"],
      subscription_required: true,
    });
    expect(api.resource).toBeInstanceOf(ApiManagementApi);
    expect(api.resource.node.id).toBe("Resource");
    expect(api.apiName).toBe("orders");
    expect(api.path).toBe("orders/v1");
    expect(apim.apis.get("orders")).toBe(api);
  });

  test("operations declare every template parameter", () => {
    const operations = Object.values(resources(stack, "azurerm_api_management_api_operation"));
    expect(operations).toHaveLength(2);
    expect(operations).toEqual(expect.arrayContaining([
      {
        operation_id: "get-order",
        api_name: apiResource.ref("name"),
        api_management_name: SERVICE_NAME,
        resource_group_name: "rg-test",
        display_name: "Get order",
        description: "One order",
        method: "GET",
        url_template: "/orders/{id}/lines/{line}",
        template_parameter: [
          { name: "id", required: true, type: "string" },
          { name: "line", required: true, type: "string" },
        ],
      },
      {
        operation_id: "create-order",
        api_name: apiResource.ref("name"),
        api_management_name: SERVICE_NAME,
        resource_group_name: "rg-test",
        display_name: "create-order",
        method: "POST",
        url_template: "/orders",
      },
    ]));
    expect([...api.operations.keys()]).toEqual(["get-order", "create-order"]);
  });

  test("an operation's policy points at the operation resource", () => {
    const policy = single(stack, "azurerm_api_management_api_operation_policy").config;
    expect(policy.operation_id).toBe("${azurerm_api_management_api_operation.Apim_Api-orders_Operation-create-order_C4FD4A23.operation_id}");
    expect(policy.api_name).toBe(apiResource.ref("name"));
    expect(policy.xml_content).toBe(readFileSync(F("operation-policy.xml"), "utf8"));
    expect(policy).not.toHaveProperty("depends_on");
    expect(api.operationPolicies.has("create-order")).toBe(true);
  });
});

describe("addApi overrides", () => {
  test("a user's false, revision, display name, description and https service URL survive", () => {
    const { stack, apim } = service();
    apim.addApi("orders", { path: "orders", subscriptionRequired: false, revision: "2", displayName: "Orders", description: "d", serviceUrl: "https://orders.contoso.com" });
    expect(single(stack, "azurerm_api_management_api").config).toMatchObject({
      subscription_required: false,
      revision: "2",
      display_name: "Orders",
      description: "d",
      service_url: "https://orders.contoso.com",
    });
  });

  test("an API policy is attached to the API", () => {
    const { stack, apim } = service();
    const api = apim.addApi("orders", { path: "orders", policyFile: F("api-policy.xml") });
    const policy = single(stack, "azurerm_api_management_api_policy").config;
    expect(policy.api_name).toBe(single(stack, "azurerm_api_management_api").ref("name"));
    expect(api.policy?.node.id).toBe("Policy");
  });
});

describe("addApi from an OpenAPI document", () => {
  test.each([
    ["orders.openapi.json", "openapi+json"],
    ["legacy.swagger.json", "swagger-json"],
    ["orders.openapi.yaml", "openapi"],
  ])("%s is imported as %s with its raw content", (file, format) => {
    const { stack, apim } = service();
    apim.addApi("orders", { path: "orders", openApiFile: F(file) });
    expect(single(stack, "azurerm_api_management_api").config.import).toEqual({ content_format: format, content_value: readFileSync(F(file), "utf8") });
    expect(resourcesOfType(stack, "azurerm_api_management_api_operation")).toHaveLength(0);
  });

  test("a policy on an imported operation waits for the import", () => {
    const { stack, apim } = service();
    const api = apim.addApi("orders", { path: "orders", openApiFile: F("orders.openapi.json") });
    api.addOperationPolicy("get-order", F("operation-policy.xml"));
    const policy = single(stack, "azurerm_api_management_api_operation_policy").config;
    expect(policy.operation_id).toBe("get-order");
    expect(policy.depends_on).toEqual(["azurerm_api_management_api.Apim_Api-orders_6087225D"]);
  });

  test("a YAML document is parsed: its operationIds are checked as a JSON document's are", () => {
    const { stack, apim } = service();
    const api = apim.addApi("orders", { path: "orders", openApiFile: F("refs.openapi.yaml") });
    api.addOperationPolicy("list-orders", F("operation-policy.xml"));
    expect(single(stack, "azurerm_api_management_api_operation_policy").config.operation_id).toBe("list-orders");
    expect(() => api.addOperationPolicy("anything", F("operation-policy.xml"))).toThrow(
      'test/Apim: operation "anything" of api "orders" is not an operationId of the OpenAPI document; use an operationId from the document',
    );
  });

  test.each([
    ["refs.openapi.json", "openapi+json"],
    ["refs.openapi.yaml", "openapi"],
    ["definitions.swagger.json", "swagger-json"],
  ])("every $ref of %s resolves (escaped and percent-encoded pointers, #/definitions, data under example skipped)", (file, format) => {
    const { stack, apim } = service();
    apim.addApi("orders", { path: "orders", openApiFile: F(file) });
    const content = readFileSync(F(file), "utf8");
    expect(single(stack, "azurerm_api_management_api").config.import).toEqual({ content_format: format, content_value: content });
  });

  test.each([
    ["legacy.swagger.yaml", "is a Swagger 2.0 YAML document, which API Management cannot import; convert it to OpenAPI 3 or export it as JSON"],
    ["not-openapi.json", 'is neither OpenAPI 3 ("openapi": "3.x") nor Swagger 2.0 ("swagger": "2.0"); use an OpenAPI 3 or Swagger 2.0 document'],
    ["notes.txt", "is neither .json nor .yaml/.yml; export the OpenAPI document as JSON or YAML"],
    ["missing.json", "cannot be read (ENOENT); check the path and that the file is part of the project"],
  ])("%s is rejected", (file, rest) => {
    expect(apiError("orders", { path: "orders", openApiFile: F(file) })).toBe(`test/Apim: openApiFile of api "orders" "${F(file)}" ${rest}`);
  });

  test("broken JSON names the parser's complaint", () => {
    expect(apiError("orders", { path: "orders", openApiFile: F("broken.json") })).toMatch(
      new RegExp(`^test/Apim: openApiFile of api "orders" "${F("broken.json")}" is not valid JSON \\(.+\\); fix the JSON$`),
    );
  });

  const rejected = (file: string, rest: string) =>
    expect(apiError("orders", { path: "orders", openApiFile: F(file) })).toBe(`test/Apim: openApiFile of api "orders" "${F(file)}" ${rest}`);
  const DANGLING = "that resolves to nothing in the document";
  const POINT = "point the $ref at something the document defines, or add the definition";
  const BUNDLE = "bundle the document into one file (e.g. `npx @redocly/cli bundle`)";

  test.each([
    ["trailing-comma.json", "is not valid JSON (Expected double-quoted property name at line 4, column 3); fix the JSON"],
    ["broken.yaml", "is not valid YAML (All mapping items must start at the same column at line 9, column 1); fix the YAML there"],
    ["duplicate-path.openapi.yaml", "is not valid YAML (Map keys must be unique at line 12, column 3); fix the YAML there"],
  ])("a syntax error in %s names its line and column", rejected);

  test.each([
    [
      "refs-typo.openapi.json",
      `has a $ref "#/components/schemas/Ordr" at paths["/orders/{id}"].get.responses["200"].content["application/json"].schema ${DANGLING}: ` +
        `#/components/schemas has no "Ordr" (did you mean "Order"?); ${POINT}`,
    ],
    [
      "refs-typo.openapi.yaml",
      `has a $ref "#/components/schemas/Orders" at paths["/orders"].get.responses["200"].content["application/json"].schema.items ${DANGLING}: ` +
        `#/components/schemas has no "Orders" (did you mean "Order"?); ${POINT}`,
    ],
    [
      "definitions-typo.swagger.json",
      `has a $ref "#/definitions/Pongs" at paths["/ping"].get.responses["200"].schema ${DANGLING}: ` +
        `#/definitions has no "Pongs" (did you mean "Pong"?); ${POINT}`,
    ],
  ])("a dangling $ref in %s is rejected with the closest name", rejected);

  test.each([
    ["external-ref.openapi.yaml", `has a $ref "schemas/order.yaml#/Order" at paths["/orders"].post.requestBody.content["application/json"].schema`],
    [
      "external-url-ref.openapi.json",
      'has a $ref "https://schemas.contoso.example/common.json#/components/responses/Problem" at paths["/orders"].post.responses["400"]',
    ],
  ])("a $ref to another file or URL in %s is rejected", (file, rest) =>
    rejected(file, `${rest} to another file or URL, which API Management cannot follow when it imports the document; ${BUNDLE}`));

  test("a YAML file without an openapi line is rejected", () => {
    expect(apiError("orders", { path: "orders", openApiFile: F("no-version.yaml") })).toBe(
      `test/Apim: openApiFile of api "orders" "${F("no-version.yaml")}" has no top-level \`openapi: 3.x\` line; use an OpenAPI 3 document`,
    );
  });

  test("a relative path is rejected", () => {
    expect(apiError("orders", { path: "orders", openApiFile: "orders.openapi.json" })).toBe(
      'test/Apim: openApiFile of api "orders" "orders.openapi.json" is not an absolute path; pass path.resolve(__dirname, ...) so synthesis does not depend on the working directory',
    );
  });

  test("an operation id the document does not declare is rejected", () => {
    const { apim } = service();
    const api = apim.addApi("orders", { path: "orders", openApiFile: F("orders.openapi.json") });
    expect(() => api.addOperationPolicy("delete-order", F("operation-policy.xml"))).toThrow(
      'test/Apim: operation "delete-order" of api "orders" is not an operationId of the OpenAPI document; use an operationId from the document',
    );
  });

  test("operations cannot be declared on an imported API", () => {
    const { apim } = service();
    const api = apim.addApi("orders", { path: "orders", openApiFile: F("orders.openapi.json") });
    expect(() => api.addOperation({ id: "extra", method: "GET", urlTemplate: "/extra" })).toThrow(
      'test/Apim: operation "extra" of api "orders" is declared on an API imported from an OpenAPI document; add the operation to the document (use addOperationPolicy for a policy on an imported operation)',
    );
  });

  test("a document and declared operations together are rejected", () => {
    expect(apiError("orders", { path: "orders", openApiFile: F("orders.openapi.json"), operations: [] })).toBe(
      'test/Apim: api "orders" sets both openApiFile and operations; take operations from the OpenAPI document or declare them, not both',
    );
  });
});

describe("$ref resolution in an OpenAPI document", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "openapi-"));
  const OK = (schema: object) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
  /** An OpenAPI 3 document with one schema, `Order`, and `body` as the 200 response's schema. */
  const withSchema = (body: object, extra: object = {}) => {
    const document = {
      openapi: "3.0.1",
      paths: { "/o": { get: { operationId: "get-o", responses: OK(body) } } },
      components: { schemas: { Order: { type: "object", properties: { lines: { type: "array", items: { type: "string" } } } } } },
      ...extra,
    };
    const file = path.join(dir, "doc.json");
    writeFileSync(file, JSON.stringify(document));
    return file;
  };
  const errorFor = (file: string) => apiError("o", { path: "o", openApiFile: file });
  const AT = 'at paths["/o"].get.responses["200"].content["application/json"].schema';

  test.each([
    ["#/components/schemas/Order/properties/lines/items"],
    ["#/components/schemas/Order/properties/lines/items/type"],
    ["#"],
  ])("%s resolves", (ref) => {
    const { stack, apim } = service();
    apim.addApi("o", { path: "o", openApiFile: withSchema({ $ref: ref }) });
    expect(single(stack, "azurerm_api_management_api").config.import).toBeDefined();
  });

  test("an OpenAPI 3.1 $anchor is a local reference; data in x- extensions and examples' values is not searched", () => {
    const examples = { examples: { one: { value: { $ref: "#/nowhere" } } } };
    const anchored = { "x-data": { $ref: "elsewhere.yaml" }, components: { schemas: { Order: { $anchor: "order", type: "object" } } } };
    const file = withSchema({ $ref: "#order" }, anchored);
    expect(() => service().apim.addApi("o", { path: "o", openApiFile: file })).not.toThrow();
    const responses = { "200": { description: "ok", content: { "text/plain": examples } } };
    const inMediaType = withSchema({ type: "string" }, { paths: { "/o": { get: { responses } } } });
    expect(() => service().apim.addApi("o", { path: "o", openApiFile: inMediaType })).not.toThrow();
  });

  test.each([
    [
      "#/components/schemas/Order/properties/lines/items/type/3",
      '#/components/schemas/Order/properties/lines/items/type is a string, not an object to look "3" up in',
    ],
    ["#/components/schemas/Order/required/0", '#/components/schemas/Order has no "required"'],
    ["#/components/schema/Order", '#/components has no "schema" (did you mean "schemas"?)'],
    ["#/component/schemas/Order", 'the document has no "component" (did you mean "components"?)'],
    ["#/components/schemas/Order%2", "its percent-encoding is malformed (RFC 6901 section 6)"],
  ])("%s is rejected", (ref, problem) => {
    expect(errorFor(withSchema({ $ref: ref }))).toBe(
      `test/Apim: openApiFile of api "o" "${path.join(dir, "doc.json")}" has a $ref "${ref}" ${AT} ` +
        `that resolves to nothing in the document: ${problem}; ` +
        "point the $ref at something the document defines, or add the definition",
    );
  });

  test("the default response and a property named like a keyword are searched", () => {
    const { apim } = service();
    const responses = { default: { $ref: "#/components/responses/Eror" } };
    const file = withSchema({ type: "object", properties: { default: { $ref: "#/components/schemas/Order" } } }, {
      paths: { "/o": { get: { operationId: "get-o", responses } } },
      components: { schemas: { Order: { type: "object" } }, responses: { Error: { description: "failed" } } },
    });
    expect(() => apim.addApi("o", { path: "o", openApiFile: file })).toThrow(
      `test/Apim: openApiFile of api "o" "${file}" has a $ref "#/components/responses/Eror" at paths["/o"].get.responses.default ` +
        'that resolves to nothing in the document: #/components/responses has no "Eror" (did you mean "Error"?); ' +
        "point the $ref at something the document defines, or add the definition",
    );
    const property = withSchema({ type: "object", properties: { example: { $ref: "#/components/schemas/Ordr" } } });
    expect(errorFor(property)).toContain(`"#/components/schemas/Ordr" ${AT}.properties.example that resolves to nothing`);
  });

  test("an array index past the end is rejected", () => {
    const file = withSchema({ $ref: "#/tags/1" }, { tags: [{ name: "orders" }] });
    expect(errorFor(file)).toBe(
      `test/Apim: openApiFile of api "o" "${file}" has a $ref "#/tags/1" ${AT} that resolves to nothing in the document: ` +
        '#/tags is a list of 1, with no item "1"; point the $ref at something the document defines, or add the definition',
    );
  });

  test("a fragment that is neither a JSON pointer nor an $anchor is rejected", () => {
    expect(errorFor(withSchema({ $ref: "#components/schemas/Order" }))).toBe(
      `test/Apim: openApiFile of api "o" "${path.join(dir, "doc.json")}" has a $ref "#components/schemas/Order" ${AT} ` +
        'that is not a JSON pointer ("#/...") or an $anchor of the document; write it as a JSON pointer, e.g. "#/components/schemas/Order"',
    );
  });

  test("a YAML alias that makes a cycle is walked once", () => {
    const file = path.join(dir, "cycle.yaml");
    const yaml = ["openapi: 3.0.1", "paths: {}", "components:", "  schemas:", "    Node: &node", "      type: object", "      properties:"];
    yaml.push("        next: *node");
    writeFileSync(file, `${yaml.join("\n")}\n`);
    expect(() => service().apim.addApi("o", { path: "o", openApiFile: file })).not.toThrow();
  });
});

describe("addApi validation", () => {
  test.each(["-orders", "orders api", "x".repeat(81), "orders/v1"])("api name %p is rejected", (name) => {
    expect(apiError(name, { path: "orders" })).toBe(
      `test/Apim: api name "${name}" breaks the API Management naming rule; use 1-80 letters, digits, '-' and '_', starting and ending with a letter or digit`,
    );
  });

  test.each(["/orders", "orders/"])("path %p with a slash at either end is rejected", (p) => {
    expect(apiError("orders", { path: p })).toBe(`test/Apim: path of api "orders" "${p}" starts or ends with '/'; drop the slashes, e.g. "orders"`);
  });

  test.each(["", "orders?x=1", "orders v1", "-orders"])("path %p is rejected", (p) => {
    expect(apiError("orders", { path: p })).toBe(
      `test/Apim: path of api "orders" "${p}" is not a valid API path; use 1-400 letters, digits, '_', '-', '.', ':' and '/' (not at either end)`,
    );
  });

  test.each(["o", "orders", "sales/orders/v1.2", "a_b-c"])("path %p is accepted", (p) => {
    expect(() => service().apim.addApi("orders", { path: p })).not.toThrow();
  });

  test("API names and paths are unique per service", () => {
    const { apim } = service();
    apim.addApi("orders", { path: "orders" });
    expect(() => apim.addApi("orders", { path: "other" })).toThrow('test/Apim: api name "orders" is already defined on this service; add each API once');
    expect(() => apim.addApi("orders2", { path: "orders" })).toThrow('test/Apim: path of api "orders2" "orders" is already used by api "orders"; give each API its own path');
  });

  test("revision and service URL", () => {
    expect(apiError("orders", { path: "orders", revision: "0" })).toBe('test/Apim: revision of api "orders" "0" is not a positive whole number; use "1", "2", ...');
    expect(apiError("orders", { path: "orders", serviceUrl: "http://orders.contoso.com" })).toBe(
      'test/Apim: serviceUrl of api "orders" "http://orders.contoso.com" is not an https:// URL; use an https:// URL so traffic to the backend is encrypted',
    );
  });

  test("operation rules", () => {
    const op = { id: "get", method: "GET", urlTemplate: "/x" } as const;
    expect(apiError("orders", { path: "orders", operations: [{ ...op, id: "get order" }] })).toBe(
      `test/Apim: operation name "get order" breaks the API Management naming rule; use 1-80 letters, digits, '-' and '_', starting and ending with a letter or digit`,
    );
    expect(apiError("orders", { path: "orders", operations: [op, op] })).toBe('test/Apim: operation id "get" is already defined on api "orders"; give each operation its own id');
    expect(apiError("orders", { path: "orders", operations: [{ ...op, method: "get" as "GET" }] })).toBe(
      'test/Apim: method of operation "get" of api "orders" "get" is not an HTTP method; use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE (upper case)',
    );
    expect(apiError("orders", { path: "orders", operations: [{ ...op, urlTemplate: "x" }] })).toBe(
      'test/Apim: urlTemplate of operation "get" of api "orders" "x" does not start with \'/\'; write it as "/x"',
    );
  });

  test("operation policies need a declared operation, once", () => {
    const { apim } = service();
    const api = apim.addApi("orders", { path: "orders", operations: [{ id: "get", method: "GET", urlTemplate: "/x", policyFile: F("operation-policy.xml") }] });
    expect(() => api.addOperationPolicy("missing", F("operation-policy.xml"))).toThrow(
      'test/Apim: operation "missing" of api "orders" is not declared; declare it with addOperation first',
    );
    expect(() => api.addOperationPolicy("get", F("operation-policy.xml"))).toThrow(
      'test/Apim: policy of operation "get" is already set on api "orders"; put all of the operation\'s policies in one file',
    );
  });
});
