import { readFileSync } from "fs";
import { XMLParser } from "fast-xml-parser";
import { checkPolicy, maskExpressions } from "../../../constructs/api-management";
import { MESSAGE_BROKER_NAMES, MESSAGE_BROKER_WORKLOADS } from "../../../patterns/message-broker";

const xml = readFileSync(MESSAGE_BROKER_WORKLOADS.ordersIntakePolicy, "utf8");
const openApi = JSON.parse(readFileSync(MESSAGE_BROKER_WORKLOADS.ordersIntakeOpenApi, "utf8"));

// The policy with its C# expressions masked, as a tree (attributes kept), to check its structure.
const masked = maskExpressions(xml);
const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["choose", "when", "set-header", "return-response"].includes(name) }).parse(
  "xml" in masked ? masked.xml : "",
);
const inbound = tree.policies.inbound;

describe("orders-intake policy", () => {
  test("passes API Management's structural checks (balanced expressions, well-formed, known sections)", () => {
    expect(checkPolicy(xml).problem).toBeUndefined();
  });

  test("references exactly the named values the pattern defines, and no backend", () => {
    const check = checkPolicy(xml);
    expect(check.namedValues).toEqual([MESSAGE_BROKER_NAMES.serviceBusEndpointNamedValue, MESSAGE_BROKER_NAMES.ordersQueueNamedValue]);
    expect(check.backends).toEqual([]);
  });

  test("sends the body to <endpoint><queue>/messages with the APIM identity for Service Bus", () => {
    const send = inbound["send-request"];
    expect(send["@mode"]).toBe("new");
    expect(send["set-url"]).toBe("{{servicebus-endpoint}}{{orders-queue}}/messages");
    expect(send["set-method"]).toBe("POST");
    expect(send["authentication-managed-identity"]["@resource"]).toBe("https://servicebus.azure.net");
    // No key or SAS token anywhere: the identity is the only credential.
    expect(xml).not.toMatch(/SharedAccessSignature|sig=|Authorization/i);
  });

  test("sets BrokerProperties: SessionId from the customer id, MessageId from the order id (duplicate detection)", () => {
    const headers: { "@name": string }[] = inbound["send-request"]["set-header"];
    expect(headers.map((h) => h["@name"])).toEqual(["Content-Type", "BrokerProperties"]);
    const brokerProperties = /<set-header name="BrokerProperties"[\s\S]*?<\/set-header>/.exec(xml)?.[0] ?? "";
    expect(brokerProperties).toContain('new JProperty("SessionId", (string)order["customerId"])');
    expect(brokerProperties).toContain('new JProperty("MessageId", (string)order["orderId"])');
  });

  test("refuses orders without orderId or customerId (400) before anything is queued", () => {
    const [validation, outcome] = inbound.choose;
    expect(validation.when[0]["return-response"][0]["set-status"]["@code"]).toBe("400");
    expect(xml.indexOf('code="400"')).toBeLessThan(xml.indexOf("<send-request"));
    // The same fields the OpenAPI document requires, within Service Bus's 128-character limits.
    expect(openApi.components.schemas.Order.required).toEqual(["orderId", "customerId"]);
    expect(xml).toContain('valid("orderId") && valid("customerId")');
    expect(xml).toContain("<= 128");
    expect(outcome.when[0]["@condition"]).toMatch(/^_+$/); // an expression (masked)
  });

  test("answers 202 when Service Bus accepted the message (201), else 503 with Retry-After", () => {
    const outcome = inbound.choose[1];
    expect(xml).toContain('GetValueOrDefault<IResponse>("enqueued")?.StatusCode == 201');
    expect(outcome.when[0]["return-response"][0]["set-status"]["@code"]).toBe("202");
    expect(outcome.otherwise["return-response"][0]["set-status"]["@code"]).toBe("503");
    expect(outcome.otherwise["return-response"][0]["set-header"][0]["@name"]).toBe("Retry-After");
    expect(inbound["send-request"]["@response-variable-name"]).toBe("enqueued");
  });
});

describe("orders-intake OpenAPI document", () => {
  test("is OpenAPI 3 with one operation, POST /orders, answering 202", () => {
    expect(openApi.openapi).toMatch(/^3\./);
    expect(Object.keys(openApi.paths)).toEqual(["/orders"]);
    const post = openApi.paths["/orders"].post;
    expect(post.operationId).toBe("submit-order");
    expect(Object.keys(post.responses)).toEqual(["202", "400", "503"]);
  });

  test("has no servers: the policy answers, there is no backend to call", () => {
    expect(openApi.servers).toBeUndefined();
  });
});
