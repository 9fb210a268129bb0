import { readFileSync } from "fs";
import * as path from "path";
import { TerraformVariable, Testing } from "cdktf";
import { ApiManagementBackend } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { ApiManagement, BackendOptions, CircuitBreakerOptions, logicAppRewriteUri } from "../../../constructs/api-management";
import { Json, makeStack, messageOf, resourcesOfType, single, withProvider } from "../../helpers";

const REQUIRED = { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" } as const;
const SERVICE_NAME = "${azurerm_api_management.Apim_95332D08.name}";
const WORKFLOW = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Logic/workflows/orders";

function service() {
  const stack = makeStack();
  return { stack, apim: new ApiManagement(stack, "Apim", REQUIRED) };
}

const F = (file: string) => path.resolve(__dirname, "fixtures", file);

const backendError = (options: BackendOptions) => messageOf(() => service().apim.addBackend("orders", options));
const breakerError = (breaker: Partial<CircuitBreakerOptions>) =>
  backendError({ url: "https://orders.contoso.com", circuitBreaker: { interval: "PT1M", tripDuration: "PT1M", failureCount: 5, ...breaker } });

describe("addBackend", () => {
  test("an https URL with certificate checks and no breaker", () => {
    const { stack, apim } = service();
    const backend = apim.addBackend("orders", { url: "https://orders.contoso.com/api", description: "Orders" });
    expect(backend).toBeInstanceOf(ApiManagementBackend);
    expect(apim.backends.get("orders")).toBe(backend);
    expect(single(stack, "azurerm_api_management_backend").config).toEqual({
      name: "orders",
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
      protocol: "http",
      url: "https://orders.contoso.com/api",
      description: "Orders",
      tls: { validate_certificate_chain: true, validate_certificate_name: true },
    });
  });

  test("a Logic App backend is the callback URL without its query; the workflow id becomes its management URI", () => {
    const { stack, apim } = service();
    const callback = new TerraformVariable(stack, "callback", { type: "string", sensitive: true });
    apim.addBackend("orders", { logicApp: { callbackUrl: callback.stringValue, resourceId: WORKFLOW } });
    expect(single(stack, "azurerm_api_management_backend").config).toMatchObject({
      url: '${element(split("?", var.callback), 0)}',
      resource_id: `https://management.azure.com${WORKFLOW}`,
      protocol: "http",
    });
  });

  test("a Logic App backend's query comes back as named values; the signature is a secret, never a literal", () => {
    const { stack, apim } = service();
    const callback = new TerraformVariable(stack, "callback", { type: "string", sensitive: true });
    apim.addBackend("orders", { logicApp: { callbackUrl: callback.stringValue } });
    const namedValues = Object.values(resourcesOfType(stack, "azurerm_api_management_named_value")) as Json[];
    const values = Object.fromEntries(namedValues.map((v) => [v.name, v]));
    expect(Object.keys(values).sort()).toEqual(["orders-api-version", "orders-sig", "orders-sp", "orders-sv"]);
    expect(values["orders-api-version"]).toMatchObject({ secret: false, value: '${element(regex("[?&]api-version=([^&]+)", var.callback), 0)}' });
    expect(values["orders-sp"]).toMatchObject({
      secret: false,
      value: '${replace(element(regex("[?&]sp=([^&]+)", var.callback), 0), "/%2[Ff]/", "/")}',
    });
    expect(values["orders-sv"]).toMatchObject({ secret: false, value: '${element(regex("[?&]sv=([^&]+)", var.callback), 0)}' });
    expect(values["orders-sig"]).toMatchObject({ secret: true, value: '${element(regex("[?&]sig=([^&]+)", var.callback), 0)}' });
  });

  test("the signature can come from a Key Vault secret instead", () => {
    const { stack, apim } = service();
    const callback = new TerraformVariable(stack, "callback", { type: "string", sensitive: true });
    const secretId = "https://kv-x.vault.azure.net/secrets/orders-sig";
    apim.addBackend("orders", { logicApp: { callbackUrl: callback.stringValue, signature: { keyVaultSecretId: secretId } } });
    const sig = (Object.values(resourcesOfType(stack, "azurerm_api_management_named_value")) as Json[]).find((v) => v.name === "orders-sig");
    expect(sig).toMatchObject({ secret: true, value_from_key_vault: { secret_id: secretId } });
    expect(sig).not.toHaveProperty("value");
  });

  test("logicAppRewriteUri writes the policy element that rebuilds the trigger's query", () => {
    expect(logicAppRewriteUri("orders")).toBe(
      '<rewrite-uri template="/?api-version={{orders-api-version}}&amp;sp={{orders-sp}}&amp;sv={{orders-sv}}&amp;sig={{orders-sig}}" ' +
        'copy-unmatched-params="false" />',
    );
  });

  test("a policy that routes to a Logic App backend without rebuilding its query stops synthesis", () => {
    const { stack, apim } = service();
    const callback = new TerraformVariable(stack, "callback", { type: "string", sensitive: true });
    apim.addBackend("orders", { logicApp: { callbackUrl: callback.stringValue } });
    const file = F("logic-app-unsigned.xml");
    apim.addApi("orders", { path: "orders", displayName: "Orders", policyFile: file, operations: [{ id: "get", method: "GET", urlTemplate: "/" }] });
    expect(messageOf(() => Testing.synth(withProvider(stack), true))).toContain(
      `test/Apim: policy file "${file}" routes to Logic App backend "orders", but no policy of this service rebuilds its trigger query ` +
        "(the backend URL carries no signature, so the trigger would answer 401); " +
        `add ${logicAppRewriteUri("orders")} where the policy picks the backend`,
    );
  });

  test("a policy with the rebuilt query passes", () => {
    const { stack, apim } = service();
    const callback = new TerraformVariable(stack, "callback", { type: "string", sensitive: true });
    apim.addBackend("orders", { logicApp: { callbackUrl: callback.stringValue } });
    const file = F("logic-app-signed.xml");
    expect(readFileSync(file, "utf8")).toContain(logicAppRewriteUri("orders"));
    apim.addApi("orders", { path: "orders", displayName: "Orders", policyFile: file, operations: [{ id: "get", method: "GET", urlTemplate: "/" }] });
    expect(() => Testing.synth(withProvider(stack), true)).not.toThrow();
  });

  test("a circuit breaker with the defaults: 5xx counted, Retry-After honoured", () => {
    const { stack, apim } = service();
    apim.addBackend("orders", { url: "https://orders.contoso.com", circuitBreaker: { interval: "PT1M", tripDuration: "PT30S", failureCount: 5 } });
    expect(single(stack, "azurerm_api_management_backend").config.circuit_breaker_rule).toEqual({
      name: "breaker",
      trip_duration: "PT30S",
      accept_retry_after_enabled: true,
      failure_condition: { interval_duration: "PT1M", count: 5, status_code_range: [{ min: 500, max: 599 }] },
    });
  });

  test("breaker overrides: a name, a percentage, error reasons only, Retry-After off", () => {
    const { stack, apim } = service();
    apim.addBackend("orders", {
      url: "https://orders.contoso.com",
      circuitBreaker: { name: "orders-breaker", interval: "PT5M", tripDuration: "PT2M", failurePercentage: 50, errorReasons: ["BackendConnectionFailure"], acceptRetryAfter: false },
    });
    expect(single(stack, "azurerm_api_management_backend").config.circuit_breaker_rule).toEqual({
      name: "orders-breaker",
      trip_duration: "PT2M",
      accept_retry_after_enabled: false,
      failure_condition: { interval_duration: "PT5M", percentage: 50, error_reasons: ["BackendConnectionFailure"] },
    });
  });
});

describe("addBackend validation", () => {
  test("exactly one of url and logicApp", () => {
    const message = 'test/Apim: backend "orders" must set exactly one of url and logicApp; pass { url } for an HTTP backend or { logicApp } for a workflow';
    expect(backendError({})).toBe(message);
    const stack = makeStack();
    const callback = new TerraformVariable(stack, "cb", { type: "string" });
    expect(() => new ApiManagement(stack, "Apim", REQUIRED).addBackend("orders", { url: "https://x.com", logicApp: { callbackUrl: callback.stringValue } })).toThrow(message);
  });

  test("a plain-http URL is refused", () => {
    expect(backendError({ url: "http://orders.contoso.com" })).toBe(
      'test/Apim: url of backend "orders" "http://orders.contoso.com" is not an https:// URL; use an https:// URL so traffic to the backend is encrypted',
    );
    expect(backendError({ url: "orders.contoso.com" })).toMatch(/is not an https:\/\/ URL/);
  });

  test("a literal Logic App callback URL is refused without echoing its signature", () => {
    const message = backendError({ logicApp: { callbackUrl: "https://prod-01.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=SECRETSIG" } });
    expect(message).toBe(
      "test/Apim: logicApp.callbackUrl of backend \"orders\" is a literal URL; it carries the trigger's SAS signature, which would be written into the synthesized Terraform JSON; pass the trigger's callbackUrl attribute (a token), e.g. workflow trigger.callbackUrl",
    );
    expect(message).not.toContain("SECRETSIG");
  });

  test("a Logic App resource id must be an ARM id", () => {
    const stack = makeStack();
    const callback = new TerraformVariable(stack, "cb", { type: "string" });
    expect(() => new ApiManagement(stack, "Apim", REQUIRED).addBackend("orders", { logicApp: { callbackUrl: callback.stringValue, resourceId: "orders" } })).toThrow(
      'test/Apim: logicApp.resourceId of backend "orders" "orders" is not an ARM resource id; pass the workflow\'s id (/subscriptions/.../providers/Microsoft.Logic/workflows/<name>)',
    );
  });

  test("names are valid and unique", () => {
    expect(messageOf(() => service().apim.addBackend("orders backend", { url: "https://x.com" }))).toMatch(/^test\/Apim: backend name "orders backend" breaks the API Management naming rule/);
    const { apim } = service();
    apim.addBackend("orders", { url: "https://x.com" });
    expect(() => apim.addBackend("orders", { url: "https://y.com" })).toThrow('test/Apim: backend name "orders" is already defined on this service; add each backend once');
  });

  test("breaker durations are ISO-8601", () => {
    expect(breakerError({ interval: "60s" })).toBe(
      'test/Apim: circuitBreaker of backend "orders" interval "60s" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D',
    );
    expect(breakerError({ tripDuration: "P" })).toBe(
      'test/Apim: circuitBreaker of backend "orders" tripDuration "P" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D',
    );
    // A week part stays accepted, as azurerm's ISO8601Duration validation accepts it.
    expect(() => service().apim.addBackend("orders", { url: "https://orders.contoso.com", circuitBreaker: { interval: "PT1M", tripDuration: "P1W", failureCount: 5 } })).not.toThrow();
  });

  test("exactly one of failureCount and failurePercentage, in range", () => {
    const exactlyOne = 'test/Apim: circuitBreaker of backend "orders" must set exactly one of failureCount and failurePercentage; trip on a number of failures or on a failure percentage';
    expect(breakerError({ failurePercentage: 50 })).toBe(exactlyOne);
    expect(breakerError({ failureCount: undefined })).toBe(exactlyOne);
    expect(breakerError({ failureCount: 0 })).toBe('test/Apim: circuitBreaker of backend "orders" failureCount 0 is not a whole number of at least 1; set failureCount to 1 or more');
    expect(breakerError({ failureCount: undefined, failurePercentage: 101 })).toBe(
      'test/Apim: circuitBreaker of backend "orders" failurePercentage 101 is not a whole number from 1 to 100; set failurePercentage to 1-100',
    );
  });

  test("status code ranges stay within 200-599, at most 10, and something must count as a failure", () => {
    expect(breakerError({ statusCodeRanges: [{ min: 100, max: 199 }] })).toBe(
      'test/Apim: circuitBreaker of backend "orders" statusCodeRanges {"min":100,"max":199} is not a range of status codes within 200-599; use { min, max } with 200 <= min <= max <= 599',
    );
    expect(breakerError({ statusCodeRanges: [{ min: 599, max: 500 }] })).toMatch(/is not a range of status codes within 200-599/);
    expect(breakerError({ statusCodeRanges: Array.from({ length: 11 }, (_, i) => ({ min: 500 + i, max: 500 + i })) })).toBe(
      'test/Apim: circuitBreaker of backend "orders" statusCodeRanges 11 has more than 10 ranges; merge adjacent ranges',
    );
    expect(breakerError({ statusCodeRanges: [] })).toBe(
      'test/Apim: circuitBreaker of backend "orders" counts no failures (no statusCodeRanges and no errorReasons); set statusCodeRanges or errorReasons',
    );
  });

  test("the rule name follows its pattern", () => {
    expect(breakerError({ name: "my_breaker" })).toBe(
      'test/Apim: circuitBreaker of backend "orders" name "my_breaker" breaks the rule-name rule; use 1-80 letters, digits and \'-\', starting and ending with a letter or digit',
    );
  });
});

describe("addStandardWorkflowBackend", () => {
  test("workflow and trigger names must be literal names: they form the ARM path the deployer calls", () => {
    const stack = makeStack();
    const apim = new ApiManagement(stack, "Apim", { publisherName: "Contoso", publisherEmail: "api@contoso.example" });
    const app = {
      id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/logic-x",
      defaultHostname: "logic-x.azurewebsites.net",
      resource: apim.resource,
    };
    expect(messageOf(() => apim.addStandardWorkflowBackend("wf", { app, workflow: "get order" }))).toBe(
      'test/Apim: standardWorkflow.workflow of backend "wf" "get order" is not a literal workflow name (1-43 letters, digits, \'-\' and \'_\', ' +
        "starting with a letter); pass the workflow's folder name in the Standard app",
    );
    const badTrigger = messageOf(() => apim.addStandardWorkflowBackend("wf", { app, workflow: "get-order", trigger: "a/b" }));
    expect(badTrigger).toMatch(/trigger of backend "wf" "a\/b" is not a literal trigger name/);
  });
});
