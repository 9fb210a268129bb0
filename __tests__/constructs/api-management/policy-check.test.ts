import * as path from "path";
import { readFileSync } from "fs";
import { Testing } from "cdktf";
import { ApiManagement, backendReferences, checkPolicy, maskExpressions, namedValueReferences } from "../../../constructs/api-management";
import { RESOURCE_GROUP, makeStack, messageOf, resourcesOfType, single, withProvider } from "../../helpers";

const F = (file: string) => path.resolve(__dirname, "fixtures", file);
const read = (file: string) => readFileSync(F(file), "utf8");
const REQUIRED = { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" } as const;

function service() {
  const stack = withProvider(makeStack());
  return { stack, apim: new ApiManagement(stack, "Apim", REQUIRED) };
}

/** The error a policy file raises when it is attached to an API. */
const apiPolicyError = (file: string) => messageOf(() => service().apim.addApi("orders", { path: "orders", policyFile: F(file) }));

describe("checkPolicy", () => {
  test.each(["api-policy.xml", "operation-policy.xml", "product-policy.xml", "template-syntax.xml", "backend-routing.xml"])("%s passes", (file) => {
    expect(checkPolicy(read(file)).problem).toBeUndefined();
  });

  test("accepts C# expressions with quotes, '<' and '&' in attributes and element text", () => {
    const xml = `<policies><inbound>
      <set-header name="x" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("x",""))</value></set-header>
      <set-variable name="v" value="@{ return "a<b"; }" />
      <choose><when condition="@(context.Variables.GetValueOrDefault<int>("n") > 1 && true)"><base /></when></choose>
    </inbound></policies>`;
    expect(checkPolicy(xml)).toEqual({ namedValues: [], backends: [], problem: undefined });
  });

  test("collects named values and backends once each", () => {
    const xml = "<policies><inbound><set-header name='a'><value>{{key}}</value></set-header><x v='{{key}}{{other.name_1}}' /><set-backend-service backend-id='b1' /></inbound></policies>";
    expect(checkPolicy(xml).namedValues).toEqual(["key", "other.name_1"]);
    expect(namedValueReferences('@{ var json = $"{{\\"a\\":1}}"; }')).toEqual([]);
    expect(backendReferences("<set-backend-service backend-id=\"orders\" /><x backend-id='b_2'/>")).toEqual(["orders", "b_2"]);
  });

  test("the XML without expressions must still be well-formed", () => {
    expect(checkPolicy("<policies><inbound></outbound></policies>").problem?.rule).toMatch(/^is not well-formed XML \(line 1: /);
    expect(checkPolicy("<policies><inbound a=\"@(1)\" a=\"2\"/></policies>").problem?.rule).toMatch(/^is not well-formed XML/);
  });

  test.each([
    ["@(context.Request.Headers.GetValueOrDefault(\"x\", \"\")", 1],
    ["\n\n@{ return \"unterminated; }", 3],
    ["@( a ]", 1],
    ["@{ /* never closed }", 1],
    ["@( 'ab' )", 1],
  ])("an unbalanced expression %p is reported at its line", (text, line) => {
    expect(checkPolicy(`<policies><inbound><x>${text}</x></inbound></policies>`).problem?.rule).toBe(
      `has an unbalanced C# expression starting at line ${line} (its parentheses, braces or quotes do not close)`,
    );
  });

  test("section rules", () => {
    expect(checkPolicy("<policy/>").problem?.rule).toBe("has root element <policy>, not <policies>");
    expect(checkPolicy("<policies/><x/>").problem?.rule).toBe("has 2 root elements (<policies>, <x>)");
    expect(checkPolicy("<!-- just a comment -->").problem?.rule).toBe("is not well-formed XML (line 1: Start tag expected.)");
    expect(checkPolicy("<policies><inbound/><set-header name='x'/></policies>").problem?.rule).toBe("has an unknown section <set-header> in <policies>");
    expect(checkPolicy("<policies><on-error/><on-error/></policies>").problem?.rule).toBe("has more than one <on-error> section");
    expect(checkPolicy("<policies/>").problem).toBeUndefined();
    expect(checkPolicy("<policies><inbound/><backend/><outbound/><on-error/></policies>").problem).toBeUndefined();
  });
});

describe("maskExpressions", () => {
  test("blanks expressions and keeps line breaks and the surrounding XML", () => {
    const xml = '<a v="@(x("1"))">@{\n return "}";\n}</a>';
    const masked = maskExpressions(xml);
    expect(masked).toEqual({ xml: '<a v="_________">__\n____________\n_</a>' });
  });

  test("verbatim strings, char literals and comments do not end an expression early", () => {
    const xml = `<a>@{ var s = @"a "") b"; var c = ')'; // )\n /* } */ return s; }</a>`;
    const masked = maskExpressions(xml);
    expect("xml" in masked && masked.xml.startsWith("<a>_") && masked.xml.endsWith("_</a>")).toBe(true);
  });

  test("XML comments are not scanned", () => {
    expect(maskExpressions("<a><!-- @( --></a>")).toEqual({ xml: "<a><!-- @( --></a>" });
  });

  test("'@' alone is text", () => {
    expect(maskExpressions("<a>api@contoso.com</a>")).toEqual({ xml: "<a>api@contoso.com</a>" });
  });
});

describe("a broken policy file is a synth error naming the file", () => {
  test("malformed XML", () => {
    expect(apiPolicyError("malformed.xml")).toBe(
      `test/Apim: policy file "${F("malformed.xml")}" is not well-formed XML (line 4: Expected closing tag 'set-header' (opened in line 3, col 5) instead of closing tag 'inbound'.); fix the XML`,
    );
  });

  test("an unbalanced expression", () => {
    expect(apiPolicyError("unbalanced-expression.xml")).toBe(
      `test/Apim: policy file "${F("unbalanced-expression.xml")}" has an unbalanced C# expression starting at line 3 (its parentheses, braces or quotes do not close); close the "@(...)" or "@{...}" expression`,
    );
  });

  test("an unknown section", () => {
    expect(apiPolicyError("unknown-section.xml")).toBe(
      `test/Apim: policy file "${F("unknown-section.xml")}" has an unknown section <rate-limit> in <policies>; use only <inbound>, <backend>, <outbound> and <on-error> (each at most once); policies go inside a section`,
    );
  });

  test("a duplicate section", () => {
    expect(apiPolicyError("duplicate-section.xml")).toBe(
      `test/Apim: policy file "${F("duplicate-section.xml")}" has more than one <inbound> section; merge them into one <inbound> section`,
    );
  });

  test("a wrong root and two roots", () => {
    const fix = "make <policies> the only root element, with <inbound>, <backend>, <outbound> and <on-error> inside it";
    expect(apiPolicyError("wrong-root.xml")).toBe(`test/Apim: policy file "${F("wrong-root.xml")}" has root element <policy>, not <policies>; ${fix}`);
    expect(apiPolicyError("two-roots.xml")).toBe(`test/Apim: policy file "${F("two-roots.xml")}" is not well-formed XML (line 4: Multiple possible root nodes found.); fix the XML`);
  });

  test("a relative or missing file", () => {
    expect(messageOf(() => service().apim.addApi("orders", { path: "orders", policyFile: "fixtures/api-policy.xml" }))).toBe(
      'test/Apim: policy file "fixtures/api-policy.xml" is not an absolute path; pass path.resolve(__dirname, ...) so synthesis does not depend on the working directory',
    );
    expect(apiPolicyError("missing.xml")).toBe(`test/Apim: policy file "${F("missing.xml")}" cannot be read (ENOENT); check the path and that the file is part of the project`);
  });

  test.each([
    ["an operation", (apim: ApiManagement) => apim.addApi("orders", { path: "orders", operations: [{ id: "get", method: "GET", urlTemplate: "/", policyFile: F("malformed.xml") }] })],
    ["a product", (apim: ApiManagement) => apim.addProduct("gold", { displayName: "Gold", policyFile: F("malformed.xml") })],
  ])("policies of %s are checked the same way", (_kind, add) => {
    expect(messageOf(() => add(service().apim))).toMatch(/^test\/Apim: policy file ".*malformed\.xml" is not well-formed XML/);
  });
});

describe("named values in policies are checked at synth", () => {
  const undefinedMessage = (file: string, name: string) =>
    `test/Apim: policy file "${F(file)}" uses named value {{${name}}}, which is not defined on this service; add it with addNamedValue("${name}", { ... }) or fix the reference`;

  test("an undefined named value fails synth with validations", () => {
    const { stack, apim } = service();
    apim.addApi("orders", { path: "orders", policyFile: F("undefined-named-value.xml") });
    expect(() => Testing.synth(stack, true)).toThrow(undefinedMessage("undefined-named-value.xml", "missing-secret"));
  });

  test("each undefined reference of each policy is reported", () => {
    const { stack, apim } = service();
    apim.addApi("orders", { path: "orders", policyFile: F("api-policy.xml") });
    apim.addProduct("gold", { displayName: "Gold", policyFile: F("product-policy.xml") });
    const message = messageOf(() => Testing.synth(stack, true));
    expect(message).toContain(undefinedMessage("api-policy.xml", "backend-key"));
    expect(message).toContain(undefinedMessage("product-policy.xml", "rate-limit-calls"));
  });

  test("a named value added after the policy satisfies it, and the policy waits for it", () => {
    const { stack, apim } = service();
    const api = apim.addApi("orders", { path: "orders", policyFile: F("undefined-named-value.xml") });
    apim.addNamedValue("missing-secret", { value: "x" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const namedValue = single(stack, "azurerm_api_management_named_value").ref("id").replace(/^\$\{|\.id\}$/g, "");
    expect(single(stack, "azurerm_api_management_api_policy").config.depends_on).toEqual([namedValue]);
    expect(api.policy).toBeDefined();
  });

  test("a named value added before the policy is waited for too", () => {
    const { stack, apim } = service();
    apim.addNamedValue("rate-limit-calls", { value: "100" });
    apim.addProduct("gold", { displayName: "Gold", policyFile: F("product-policy.xml") });
    expect(single(stack, "azurerm_api_management_product_policy").config.depends_on).toEqual(["azurerm_api_management_named_value.Apim_NamedValue-rate-limit-calls_AAEE1784"]);
  });

  test("policies that route to a backend wait for it, in either order", () => {
    for (const backendFirst of [true, false]) {
      const { stack, apim } = service();
      const addBackend = () => apim.addBackend("orders-backend", { url: "https://orders.contoso.com" });
      if (backendFirst) addBackend();
      apim.addApi("orders", { path: "orders", policyFile: F("backend-routing.xml") });
      if (!backendFirst) addBackend();
      expect(single(stack, "azurerm_api_management_api_policy").config.depends_on).toEqual(["azurerm_api_management_backend.Apim_Backend-orders-backend_661DEA50"]);
    }
  });

  test("named values of an imported service count as defined", () => {
    const stack = withProvider(makeStack());
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-shared", resourceGroup: RESOURCE_GROUP, namedValues: ["missing-secret"] });
    shared.addApi("orders", { path: "orders", policyFile: F("undefined-named-value.xml") });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(single(stack, "azurerm_api_management_api_policy").config).not.toHaveProperty("depends_on");
  });

  test("a policy file is sent as written, with Terraform template syntax escaped", () => {
    const { stack, apim } = service();
    apim.addApi("orders", { path: "orders", policyFile: F("api-policy.xml") });
    apim.addApi("templates", { path: "templates", policyFile: F("template-syntax.xml") });
    const [api, templates] = resourcesOfType(stack, "azurerm_api_management_api_policy");
    expect(api.xml_content).toBe(read("api-policy.xml"));
    expect(templates.xml_content).toBe(read("template-syntax.xml").replace("${", () => "$${").replace("%{", () => "%%{"));
    expect(templates.xml_content).toContain('value="$${not-terraform} %%{ also-not }"');
  });
});
