import { readFileSync } from "fs";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { checkDefinition, loadDefinition } from "../../../constructs/logic-app";
import { expressionsOf, parametersUsedBy } from "../../../constructs/logic-app/expressions";
import { EventDriven, HIGH_VALUE_ORDER_WORKFLOW } from "../../../patterns/event-driven";
import { EVENT_TYPES } from "../../../workloads/functions/event-handlers/src/contract";
import { Json, makeStack, withProvider } from "../../helpers";

jest.spyOn(console, "warn").mockImplementation(() => undefined);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const publish = require("../../../workloads/functions/event-handlers/src/functions/publish-order-changes") as typeof import("../../../workloads/functions/event-handlers/src/functions/publish-order-changes");

const document: Json = JSON.parse(readFileSync(HIGH_VALUE_ORDER_WORKFLOW, "utf8"));
const definition = document.definition;
const actions = definition.actions;

/** Every string value in a JSON tree. */
function strings(value: Json): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** The Orders.Changed event publishOrderChanges emits, as Event Grid delivers it. */
function orderChanged(): Json {
  const mapped = publish.toOrderChangedEvent({ id: "o-1", customerId: "c-1", status: "Paid", total: 2500, currency: "EUR", _ts: 1710408101 });
  if (!("event" in mapped)) throw new Error(mapped.skipped);
  return JSON.parse(JSON.stringify(mapped.event));
}

describe("high-value-order.workflow.json", () => {
  test("passes the LogicAppWorkflow definition check: no connections, two typed parameters", () => {
    const analysis = checkDefinition(new Construct(Testing.app(), "W"), loadDefinition(new Construct(Testing.app(), "L"), HIGH_VALUE_ORDER_WORKFLOW, undefined));
    expect(Object.fromEntries(analysis.parameterTypes)).toEqual({ highValueThreshold: "Int", reviewTeam: "String" });
    expect(analysis.connectionsUsed.size).toBe(0);
  });

  test("its request trigger names no method, so Event Grid's CloudEvents OPTIONS handshake can reach the workflow", () => {
    expect(Object.keys(definition.triggers)).toEqual(["manual"]);
    expect(definition.triggers.manual).toMatchObject({ type: "Request", kind: "Http" });
    expect(definition.triggers.manual.inputs).not.toHaveProperty("method");
  });

  test("answers the CloudEvents handshake (WebHook-Request-Origin) with WebHook-Allowed-Origin, then stops", () => {
    const handshake = actions.Validation_handshake;
    expect(handshake).toMatchObject({ type: "If", runAfter: {} });
    expect(handshake.expression).toEqual({
      and: [{ not: { equals: ["@coalesce(triggerOutputs()?['headers']?['WebHook-Request-Origin'], '')", ""] } }],
    });
    expect(handshake.actions.Allow_delivery).toEqual({
      type: "Response",
      kind: "Http",
      inputs: {
        statusCode: 200,
        headers: { "WebHook-Allowed-Origin": "@{triggerOutputs()?['headers']?['WebHook-Request-Origin']}", "WebHook-Allowed-Rate": "*" },
      },
      runAfter: {},
    });
    expect(handshake.actions.End_handshake).toEqual({
      type: "Terminate",
      inputs: { runStatus: "Succeeded" },
      runAfter: { Allow_delivery: ["Succeeded"] },
    });
    expect(handshake.else).toEqual({ actions: {} });
    // An event has no such header: the If takes its empty else branch and the event is parsed.
    expect(actions.Parse_event.runAfter).toEqual({ Validation_handshake: ["Succeeded"] });
  });

  test("its trigger schema and parser describe the Orders.Changed event publishOrderChanges emits", () => {
    const event = orderChanged();
    const triggerSchema = definition.triggers.manual.inputs.schema;
    expect(Object.keys(triggerSchema.properties).sort()).toEqual(Object.keys(event).filter((k) => k !== "datacontenttype").sort());
    expect(Object.keys(triggerSchema.properties.data.properties).sort()).toEqual(Object.keys(event.data).sort());
    const parser = actions.Parse_event.inputs.schema;
    for (const field of parser.required) expect(event).toHaveProperty(field);
    for (const field of parser.properties.data.required) expect(event.data).toHaveProperty(field);
    for (const [field, schema] of Object.entries(parser.properties.data.properties as Record<string, { type: string }>)) {
      expect({ field, type: typeof event.data[field] }).toEqual({ field, type: schema.type });
    }
  });

  test("reads the body whatever its content type (CloudEvents arrive as application/cloudevents+json)", () => {
    expect(actions.Parse_event.inputs.content).toBe("@json(string(triggerBody()))");
  });

  test("checks the event type and the threshold the subscription filters on, with the same exclusive comparison", () => {
    const conditions = actions.Check_high_value.expression.and;
    expect(conditions).toEqual([
      { equals: ["@body('Parse_event')?['type']", EVENT_TYPES.orderChanged] },
      { greater: ["@body('Parse_event')?['data']?['total']", "@parameters('highValueThreshold')"] },
    ]);
    expect(definition.parameters.highValueThreshold).toEqual({ type: "Int", defaultValue: 1000 });
  });

  test("answers 200 when processed and 500 otherwise, so Event Grid retries failures and dead-letters them", () => {
    expect(actions.Acknowledge).toMatchObject({ type: "Response", inputs: { statusCode: 200 }, runAfter: { Check_high_value: ["Succeeded"] } });
    expect(actions.Reject).toMatchObject({ type: "Response", inputs: { statusCode: 500 }, runAfter: { Check_high_value: ["Failed", "Skipped", "TimedOut"] } });
  });

  test("every parameter an expression reads is declared, and every declared one is read", () => {
    const used = new Set(strings(definition).flatMap((s) => expressionsOf(s).expressions.flatMap((e) => parametersUsedBy(e.text))));
    expect([...used].sort()).toEqual(Object.keys(definition.parameters).sort());
  });

  test("every action an expression reads with body('...') exists", () => {
    const names = new Set<string>();
    const collect = (block: Json) => {
      for (const [name, action] of Object.entries(block ?? {}) as [string, Json][]) {
        names.add(name);
        collect(action.actions);
        collect(action.else?.actions);
      }
    };
    collect(actions);
    const read = strings(definition).flatMap((s) => [...s.matchAll(/body\('([^']+)'\)/g)].map((m) => m[1]));
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(names).toContain(name);
  });
});

describe("the workflow as the pattern deploys it", () => {
  test("the threshold reaches both the workflow parameter and the subscription's advanced filter", () => {
    const stack = withProvider(makeStack());
    new EventDriven(stack, "Events", { highValueThreshold: 2500 });
    const json: Json = JSON.parse(Testing.synth(stack));
    const workflow = Object.values(json.resource.azurerm_logic_app_workflow)[0] as Json;
    expect(workflow.parameters).toEqual({ highValueThreshold: "2500" });
    const subscription = Object.values(json.resource.azurerm_eventgrid_event_subscription).find((s: Json) => s.name === "high-value-orders") as Json;
    expect(subscription.advanced_filter).toEqual({ number_greater_than: [{ key: "data.total", value: 2500 }] });
    expect(Object.keys(json.resource.azurerm_logic_app_action_custom)).toHaveLength(Object.keys(actions).length);
  });
});
