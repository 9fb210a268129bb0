import * as path from "path";
import { readFileSync } from "fs";
import { Construct } from "constructs";
import { LogicAppWorkflow, checkDefinition, loadDefinition } from "../../../constructs/logic-app";
import { connectionsUsedBy, expressionsOf, imbalanceOf, parametersUsedBy } from "../../../constructs/logic-app/expressions";
import { Json, makeStack, messageOf } from "../../helpers";

const FIXTURES = path.resolve(__dirname, "fixtures");
const ORDER_FILE = path.join(FIXTURES, "order-approval.workflow.json");
const mistake = (name: string) => path.join(FIXTURES, "mistakes", `${name}.workflow.json`);
const CLOSE_FIX = "close every \"(\", \"[\" and \"'\" (write '' for a quote inside a string and @@ for a literal @)";

/** A fresh copy of the order-approval document. */
function orderDocument(): Json {
  return JSON.parse(readFileSync(ORDER_FILE, "utf8"));
}

/** The error of a workflow built from the order-approval definition after `mutate` changed it. */
function inlineError(mutate: (definition: Json) => void): string {
  const document = orderDocument();
  mutate(document.definition);
  return messageOf(() => new LogicAppWorkflow(makeStack(), "W", { definition: document }));
}

function fileError(name: string): string {
  return messageOf(() => new LogicAppWorkflow(makeStack(), "W", { definitionFile: mistake(name) }));
}

describe("a workflow file is rejected for each kind of mistake", () => {
  test("a runAfter target that does not exist", () => {
    expect(fileError("missing-run-after-target")).toBe(
      `test/W: action "Respond" in ${mistake("missing-run-after-target")} runs after "Compose_orders", which is not an action of the workflow; ` +
        `name an action of the same block (the top level: one of "Compose_order")`,
    );
  });

  test("a runAfter target in another block (Logic Apps resolves runAfter per nesting level)", () => {
    expect(fileError("nested-run-after")).toBe(
      `test/W: action "Notify" in ${mistake("nested-run-after")} runs after "Compose_order", which is in the top level, not in the same block ("Process" actions); ` +
        "Logic Apps resolves runAfter only within one block: run after a sibling (none there), remove the entry, or move the actions into one block",
    );
  });

  test("a runAfter cycle, reported with its path", () => {
    expect(fileError("cycle")).toBe(
      `test/W: runAfter in ${mistake("cycle")} has a cycle in the top level: Enrich -> Validate -> Respond -> Enrich (each action runs after the next); ` +
        "remove one runAfter entry of the cycle so the actions can be ordered",
    );
  });

  test("an unknown runAfter status", () => {
    expect(fileError("unknown-status")).toBe(
      `test/W: action "Respond" in ${mistake("unknown-status")} runAfter "Compose_order" status "Completed" is not a runAfter status; use Succeeded, Failed, Skipped or TimedOut`,
    );
  });

  test("an unbalanced expression", () => {
    expect(fileError("unbalanced-expression")).toBe(
      `test/W: action "Compose_order" in ${mistake("unbalanced-expression")} at inputs.id "@concat('order-', triggerBody()?['id']" ` +
        `is an expression with a "(" at character 8 that is never closed; ${CLOSE_FIX}`,
    );
  });

  test("an undeclared parameter", () => {
    expect(fileError("undeclared-parameter")).toBe(
      `test/W: action "Compose_order" in ${mistake("undeclared-parameter")} uses parameters('environment'), which definition.parameters does not declare; ` +
        'declare it under definition.parameters, e.g. "environment": { "type": "String" }',
    );
  });

  test("an undeclared $connections", () => {
    expect(fileError("undeclared-connections")).toBe(
      `test/W: action "Send_order" in ${mistake("undeclared-connections")} uses parameters('$connections'), which definition.parameters does not declare; ` +
        'declare "$connections": { "type": "Object", "defaultValue": {} } under definition.parameters and add each connection with addConnection()',
    );
  });
});

describe("runAfter checks", () => {
  test("an action running after itself", () => {
    expect(inlineError((d) => (d.actions.Respond.runAfter = { Respond: ["Succeeded"] }))).toBe(
      'test/W: action "Respond" in inline definition runs after itself; remove "Respond" from its runAfter',
    );
  });

  test("a nested action may not run after an action outside its block, and the fix lists its siblings", () => {
    const message = inlineError((d) => {
      d.actions.Check_amount.actions.Log = { type: "Compose", inputs: "x", runAfter: {} };
      d.actions.Check_amount.actions.Send_approved_order.runAfter = { Parse_order: ["Succeeded"] };
    });
    expect(message).toBe(
      'test/W: action "Send_approved_order" in inline definition runs after "Parse_order", which is in the top level, not in the same block ("Check_amount" actions); ' +
        'Logic Apps resolves runAfter only within one block: run after a sibling (one of "Log"), remove the entry, or move the actions into one block',
    );
  });

  test("a top-level action may not run after a nested one", () => {
    expect(inlineError((d) => (d.actions.Respond.runAfter = { Mark_for_review: ["Succeeded"] }))).toMatch(
      /^test\/W: action "Respond" in inline definition runs after "Mark_for_review", which is in "Check_amount" else actions, not in the same block \(the top level\); /,
    );
  });

  test("blocks of Switch cases and defaults are checked too", () => {
    const message = inlineError((d) => {
      d.actions.Route = {
        type: "Switch",
        expression: "@triggerBody()?['customer']",
        cases: { Vip: { case: "vip", actions: { Fast: { type: "Compose", inputs: "fast", runAfter: { Slow: ["Succeeded"] } } } } },
        default: { actions: { Slow: { type: "Compose", inputs: "slow", runAfter: {} } } },
        runAfter: { Parse_order: ["Succeeded"] },
      };
    });
    expect(message).toMatch(/action "Fast" in inline definition runs after "Slow", which is in "Route" default actions, not in the same block \("Route" case "Vip"\)/);
  });

  test("a cycle inside a nested block names that block", () => {
    const message = inlineError((d) => {
      d.actions.Check_amount.actions = {
        A: { type: "Compose", inputs: "a", runAfter: { B: ["Succeeded"] } },
        B: { type: "Compose", inputs: "b", runAfter: { A: ["Succeeded"] } },
      };
    });
    expect(message).toBe(
      'test/W: runAfter in inline definition has a cycle in "Check_amount" actions: A -> B -> A (each action runs after the next); remove one runAfter entry of the cycle so the actions can be ordered',
    );
  });

  test("statuses are matched without regard to case; every known status is accepted", () => {
    const document = orderDocument();
    document.definition.actions.Respond.runAfter = { Check_amount: ["succeeded", "Failed", "Skipped", "TimedOut"] };
    expect(() => new LogicAppWorkflow(makeStack(), "W", { definition: document })).not.toThrow();
  });

  test("runAfter must be an object of status lists", () => {
    expect(inlineError((d) => (d.actions.Respond.runAfter = ["Check_amount"]))).toBe(
      'test/W: action "Respond" in inline definition runAfter is not an object; write runAfter as { "<action>": ["Succeeded"] }',
    );
    expect(inlineError((d) => (d.actions.Respond.runAfter = { Check_amount: "Succeeded" }))).toBe(
      'test/W: action "Respond" in inline definition runAfter "Check_amount" is not a list of statuses; write it as "Check_amount": ["Succeeded"]',
    );
  });

  test("action names are unique across blocks", () => {
    expect(inlineError((d) => (d.actions.Check_amount.else.actions.Respond = { type: "Compose", inputs: "x", runAfter: {} }))).toBe(
      'test/W: action "Respond" in inline definition is defined twice (the top level and "Check_amount" else actions); rename one of them: action names are unique across a workflow',
    );
  });
});

describe("expression checks", () => {
  test.each([
    ["an unclosed interpolation", "order @{triggerBody()?['id']", 'is an expression with an "@{" at character 7 that is never closed by "}"'],
    ["a stray closing parenthesis", "@triggerBody())", 'is an expression with a ")" at character 15 that closes nothing'],
    ["a mismatched bracket", "@body('Parse_order')?['amount')", 'is an expression with a ")" at character 31 where "]" should close the "[" at character 22'],
    ["an unterminated string", "@concat('a, 'b')", "is an expression with a string opened by ' at character 15 that is never closed"],
    ["an imbalance inside an interpolation", "id: @{concat('a', 'b'}", 'is an expression with a "(" at character 13 that is never closed'],
  ])("%s is rejected with its position", (_name, expression, rule) => {
    expect(inlineError((d) => (d.actions.Respond.inputs.body.orderId = expression))).toBe(
      `test/W: action "Respond" in inline definition at inputs.body.orderId ${JSON.stringify(expression)} ${rule}; ${CLOSE_FIX}`,
    );
  });

  test.each([
    ["escaped quotes in strings", "@concat('it''s ', triggerBody()?['id'])"],
    ["@@ escapes", "@@{not an expression"],
    ["text with several interpolations", "@{triggerBody()?['a']} and @{concat('}', ')')}"],
    ["plain text", "just (text"],
  ])("%s are accepted", (_name, value) => {
    const document = orderDocument();
    document.definition.actions.Respond.inputs.body.orderId = value;
    expect(() => new LogicAppWorkflow(makeStack(), "W", { definition: document })).not.toThrow();
  });

  test("expressions in triggers and nested arrays are checked, with their path", () => {
    expect(inlineError((d) => (d.triggers.manual.inputs.schema.required = ["@concat(", "x"]))).toBe(
      `test/W: trigger "manual" in inline definition at inputs.schema.required[0] "@concat(" is an expression with a "(" at character 8 that is never closed; ${CLOSE_FIX}`,
    );
  });

  test("parameters used in nested actions must be declared", () => {
    expect(inlineError((d) => delete d.parameters.ordersQueue)).toBe(
      'test/W: action "Send_approved_order" in inline definition uses parameters(\'ordersQueue\'), which definition.parameters does not declare; declare it under definition.parameters, e.g. "ordersQueue": { "type": "String" }',
    );
  });
});

describe("definition shape", () => {
  test.each([
    ["an unknown parameter type", (d: Json) => (d.parameters.approvalLimit.type = "Number"), 'test/W: parameter "approvalLimit" in inline definition type "Number" is not a workflow parameter type; use one of String, SecureString, Int, Float, Bool, Array, Object, SecureObject'],
    ["a secure parameter with a literal default", (d: Json) => (d.parameters.apiKey = { type: "SecureString", defaultValue: "hunter2" }), 'test/W: parameter "apiKey" in inline definition defaultValue is a literal SecureString, which would be stored in the template and in Terraform state; leave the default empty and pass the value in parameterValues from a Key Vault reference, or read the secret at run time with the Key Vault connector'],
    ["non-empty outputs", (d: Json) => (d.outputs = { id: { type: "String", value: "x" } }), 'test/W: outputs in inline definition are not empty, and azurerm_logic_app_workflow cannot deploy workflow outputs; remove them (set "outputs": {}) and return data from a Response action instead'],
    ["an action without a type", (d: Json) => delete d.actions.Respond.type, 'test/W: action "Respond" in inline definition has no type; give it a "type", e.g. "Request" or "Http"'],
    ["an action name with a slash", (d: Json) => (d.actions["a/b"] = { type: "Compose", inputs: "x" }), 'test/W: action name in inline definition "a/b" is empty or contains \'/\'; use letters, digits and underscores, as the designer does'],
    ["triggers that are not an object", (d: Json) => (d.triggers = []), 'test/W: triggers in inline definition is not an object; write triggers as { "<name>": { "type": ... } }'],
  ])("%s is rejected", (_name, mutate, message) => {
    expect(inlineError(mutate)).toBe(message);
  });

  test("parameter types are matched without regard to case and written in azurerm's casing", () => {
    const document = orderDocument();
    document.definition.parameters.$connections.type = "object";
    const scope = new Construct(makeStack(), "S");
    const analysis = checkDefinition(scope, loadDefinition(scope, undefined, document));
    expect(analysis.parameterTypes.get("$connections")).toBe("Object");
  });

  test("the order-approval file passes and reports the connections it reads", () => {
    const scope = new Construct(makeStack(), "S");
    const analysis = checkDefinition(scope, loadDefinition(scope, ORDER_FILE, undefined));
    expect([...analysis.connectionsUsed]).toEqual([["servicebus", 'action "Send_approved_order"']]);
    expect([...analysis.parameterTypes]).toEqual([
      ["$connections", "Object"],
      ["approvalLimit", "Int"],
      ["ordersQueue", "String"],
    ]);
  });

  test("a bare definition (without the designer's wrapper) is accepted", () => {
    const scope = new Construct(makeStack(), "S");
    const loaded = loadDefinition(scope, undefined, orderDocument().definition);
    expect(loaded.parameterValues).toEqual({});
    expect(Object.keys(loaded.definition.actions ?? {})).toEqual(["Parse_order", "Check_amount", "Respond", "Respond_failure"]);
  });
});

describe("expression scanning", () => {
  test("a value starting with @ is one expression; @{ } interpolates; @@ escapes", () => {
    expect(expressionsOf("@triggerBody()").expressions.map((e) => e.text)).toEqual(["triggerBody()"]);
    expect(expressionsOf("a @{x()} b @{y('}')}").expressions.map((e) => e.text)).toEqual(["x()", "y('}')"]);
    expect(expressionsOf("@@literal").expressions).toEqual([]);
    expect(expressionsOf("mail@@example.com @@{x}").expressions).toEqual([]);
    expect(expressionsOf("no expression").expressions).toEqual([]);
  });

  test("imbalance is reported for parentheses, brackets and quotes only", () => {
    expect(imbalanceOf("concat('(', '[')")).toBeUndefined();
    expect(imbalanceOf("a(b[c])")).toBeUndefined();
    expect(imbalanceOf("a(b")).toBe('a "(" at character 2 that is never closed');
  });

  test("parameter and connection references are found, quotes unescaped", () => {
    expect(parametersUsedBy("concat(parameters('a'), parameters( 'it''s' ))")).toEqual(["a", "it's"]);
    expect(connectionsUsedBy("parameters('$connections')['servicebus']['connectionId']")).toEqual(["servicebus"]);
    expect(connectionsUsedBy("parameters('other')['servicebus']")).toEqual([]);
  });
});
