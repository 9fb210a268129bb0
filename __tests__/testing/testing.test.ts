import * as fs from "fs";
import * as path from "path";
import { PolicyPack } from "../../policy";
import { StorageAccount } from "../../constructs/storage";
import { FunctionApp } from "../../constructs/function-app";
import { assertPolicyPasses, eventGridDelivers, policyFindings, serviceBusRuleMatches, sqlFilterMatches, SynthesizedRule, SynthesizedSubscription, synthJson } from "../../testing";
import { errorOf, makeStack, withProvider } from "../helpers";

const ROOT = path.resolve(__dirname, "../..");

describe("synthJson", () => {
  test("drops cdktf's metadata and masks content hashes, so a snapshot changes with the infrastructure only", () => {
    const stack = withProvider(makeStack({ diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    new FunctionApp(stack, "Orders", { code: { path: path.join(ROOT, "__tests__/constructs/function-app/fixtures/orders") } });
    const text = JSON.stringify(synthJson(stack));
    expect(text).not.toContain('"//"');
    expect(text).not.toMatch(/[0-9a-f]{32}/);
    expect(text).toContain("<hash>");
    expect(JSON.stringify(synthJson(stack, { keepHashes: true }))).toMatch(/[0-9a-f]{32}/);
  });
});

describe("assertPolicyPasses", () => {
  const prodStorage = () => {
    const stack = withProvider(makeStack({ profile: "prod", diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
    new StorageAccount(stack, "Data", { firewallDefaultAction: "Allow", customerManagedKey: { optOut: "A test account of the policy helpers, with no key vault." } });
    return stack;
  };

  test("names each unsuppressed error with its construct path, rule and fix", () => {
    const message = errorOf(() => assertPolicyPasses(prodStorage())).message;
    expect(message).toMatch(/^the policy pack fails test \(\d+ findings?\):\n- test\/Data\/Resource: \[AIC-[A-Z]+-\d{3}\] /);
  });

  test("passes once the findings are suppressed with a reason, and uses the pack already applied", () => {
    const errors = policyFindings(prodStorage()).filter((f) => f.level === "error");
    expect(errors.length).toBeGreaterThan(0);
    const stack = prodStorage();
    const pack = PolicyPack.apply(stack);
    for (const f of errors) PolicyPack.suppress(stack, f.ruleId, "A test stack without a private network, on purpose, for this test.");
    expect(() => assertPolicyPasses(stack)).not.toThrow();
    expect(pack.evaluate().every((f) => f.level === "warning" || f.suppressed)).toBe(true);
  });
});

describe("eventGridDelivers", () => {
  const sub = (advanced_filter: SynthesizedSubscription["advanced_filter"], extra: Partial<SynthesizedSubscription> = {}): SynthesizedSubscription => ({
    name: "s",
    advanced_filter,
    ...extra,
  });
  test.each([
    ["string_in (case-insensitive)", { string_in: [{ key: "data.region", values: ["EU"] }] }, { data: { region: "eu" } }, true],
    ["string_not_begins_with", { string_not_begins_with: [{ key: "subject", values: ["/tmp"] }] }, { subject: "/tmp/x" }, false],
    ["number_in_range", { number_in_range: [{ key: "data.total", values: [[10, 20]] }] }, { data: { total: 15 } }, true],
    ["number_not_in_range", { number_not_in_range: [{ key: "data.total", values: [[10, 20]] }] }, { data: { total: 15 } }, false],
    ["filters are ANDed", { string_in: [{ key: "data.region", values: ["eu"] }], bool_equals: [{ key: "data.vip", value: true }] }, { data: { region: "eu", vip: false } }, false],
    ["is_null_or_undefined", { is_null_or_undefined: [{ key: "data.coupon" }] }, { data: {} }, true],
  ] as [string, SynthesizedSubscription["advanced_filter"], object, boolean][])("%s", (_name, filters, event, delivered) => {
    expect(eventGridDelivers(sub(filters), { eventType: "Order.Created", ...event })).toBe(delivered);
  });

  test("event types and subject filters come first", () => {
    const s = sub({}, { included_event_types: ["Order.Created"], subject_filter: { subject_begins_with: "/orders/" } });
    expect(eventGridDelivers(s, { specversion: "1.0", type: "Order.Created", subject: "/orders/1" })).toBe(true);
    expect(eventGridDelivers(s, { specversion: "1.0", type: "Order.Deleted", subject: "/orders/1" })).toBe(false);
    expect(eventGridDelivers(s, { eventType: "Order.Created", subject: "/invoices/1" })).toBe(false);
  });

  test("an operator Event Grid does not have is an error, not a silent match", () => {
    expect(() => eventGridDelivers(sub({ string_equals: [{ key: "subject", values: ["x"] }] }), {})).toThrow(
      'subscription s: advanced filter operator "string_equals" is not one Event Grid has',
    );
  });
});

describe("serviceBusRuleMatches", () => {
  const rule = (correlation_filter: Record<string, unknown>): SynthesizedRule => ({ name: "r", subscription_id: "sub", filter_type: "CorrelationFilter", correlation_filter });
  test("every property the filter sets must equal the message's, case-sensitively", () => {
    const r = rule({ label: "order.created", properties: { region: "eu" } });
    expect(serviceBusRuleMatches(r, { subject: "order.created", applicationProperties: { region: "eu" } })).toBe(true);
    expect(serviceBusRuleMatches(r, { subject: "Order.Created", applicationProperties: { region: "eu" } })).toBe(false);
    expect(serviceBusRuleMatches(r, { subject: "order.created" })).toBe(false);
  });

  test("a SQL filter rule is evaluated against the message", () => {
    const sql: SynthesizedRule = { name: "high", subscription_id: "sub", filter_type: "SqlFilter", sql_filter: "total > 100 AND sys.Label = 'order'" };
    expect(serviceBusRuleMatches(sql, { subject: "order", applicationProperties: { total: 150 } })).toBe(true);
    expect(serviceBusRuleMatches(sql, { subject: "order", applicationProperties: { total: 50 } })).toBe(false);
    expect(serviceBusRuleMatches(sql, { subject: "refund", applicationProperties: { total: 150 } })).toBe(false);
  });
});

test("the README's testing example is readme-example.test.ts, which runs as a test", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Test your stacks"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(block).toBe(fs.readFileSync(path.join(__dirname, "readme-example.test.ts"), "utf8").split("// --- example ---\n")[1]);
});

describe("sqlFilterMatches: the Service Bus SQL filter language", () => {
  const order = { subject: "order", messageId: "m-1", applicationProperties: { region: "eu", total: 120, express: true, sku: "AB-10%" } };
  test.each([
    ["region = 'eu'", true],
    ["region = 'EU'", false],
    ["region <> 'us' AND total >= 120", true],
    ["region != 'eu' OR total < 100", false],
    ["total * 2 - 40 = 200", true],
    ["total % 7 = 1", true],
    ["-total < 0", true],
    ["region IN ('us', 'eu')", true],
    ["region NOT IN ('us', 'eu')", false],
    ["sys.Label LIKE 'ord%'", true],
    ["sys.label LIKE 'o_der'", true],
    ["sku LIKE 'AB-10!%' ESCAPE '!'", true],
    ["sku LIKE 'AB-1!%' ESCAPE '!'", false],
    ["NOT (region = 'eu')", false],
    ["EXISTS (region)", true],
    ["EXISTS (missing)", false],
    ["missing IS NULL", true],
    ["region IS NOT NULL", true],
    ["sys.CorrelationId IS NULL", true],
    ["express = TRUE", true],
    ["[region] = 'eu' AND user.total = 120", true],
    ["property('region') = 'eu'", true],
    ["1=1", true],
  ])("%s → %s", (filter, expected) => {
    expect(sqlFilterMatches(filter, order)).toBe(expected);
  });

  test("a user property the message lacks is unknown: neither it nor its negation matches", () => {
    expect(sqlFilterMatches("missing = 'x'", order)).toBe(false);
    expect(sqlFilterMatches("NOT (missing = 'x')", order)).toBe(false);
    expect(sqlFilterMatches("missing = 'x' OR region = 'eu'", order)).toBe(true);
    expect(sqlFilterMatches("region = 5", order)).toBe(false);
  });

  test("a system property that does not exist, a random function and bad syntax are errors, not guesses", () => {
    expect(() => sqlFilterMatches("sys.Region = 'eu'", order)).toThrow('SQL filter "sys.Region = \'eu\'": sys.Region is not a system property');
    expect(() => sqlFilterMatches("newid() = 'x'", order)).toThrow("newid() is not modelled");
    expect(() => sqlFilterMatches("region == 'eu'", order)).toThrow('SQL filter "region == \'eu\'" is not Service Bus SQL: "==" is not an operator at character 8');
  });
});
