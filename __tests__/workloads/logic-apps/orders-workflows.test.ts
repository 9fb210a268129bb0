import { readFileSync } from "fs";
import { Testing } from "cdktf";
import { checkDefinition, loadDefinition } from "../../../constructs/logic-app";
import { API_GATEWAY_NAMES, API_GATEWAY_WORKLOADS } from "../../../patterns/api-gateway";
import { Json, makeStack, resources } from "../../helpers";
import { gateway } from "../../patterns/api-gateway/fixtures";

// The workflows behind the orders API (patterns/api-gateway), checked on their own: structure,
// the SQL they send, the answers they give, and what the pattern deploys of them.

const WORKFLOWS = {
  "get-order": { file: API_GATEWAY_WORKLOADS.getOrderWorkflowFile, sqlAction: "Get_order", statusCodes: [200, 404, 502] },
  "create-order": { file: API_GATEWAY_WORKLOADS.createOrderWorkflowFile, sqlAction: "Insert_order", statusCodes: [201, 502] },
} as const;

type Actions = Record<string, Json>;

/** Every action, nested ones included (If branches, scopes, switch cases), by name. */
function allActions(actions: Actions): Actions {
  const found: Actions = {};
  for (const [name, action] of Object.entries(actions)) {
    found[name] = action;
    const children = [action.actions, action.else?.actions, action.default?.actions, ...Object.values(action.cases ?? {}).map((c: Json) => c.actions)];
    for (const child of children.filter(Boolean)) Object.assign(found, allActions(child));
  }
  return found;
}

/**
 * Why a SQL connector body is open to injection: the statement must be a literal with `@name`
 * placeholders, every placeholder declared in formalParameters and bound in actualParameters, and
 * no workflow expression inside the statement itself.
 */
function injectionRisks(body: Json): string[] {
  const problems: string[] = [];
  const query: unknown = body.query;
  if (typeof query !== "string") return ["the query is not a string"];
  if (query.startsWith("@")) problems.push("the whole query is an expression");
  if (query.includes("@{")) problems.push("the query interpolates an expression");
  if (/concat\(|triggerBody\(|body\(|parameters\(|variables\(/.test(query)) problems.push("the query calls workflow functions");
  const placeholders = [...new Set([...query.matchAll(/@([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))].sort();
  const formal = Object.keys(body.formalParameters ?? {}).sort();
  const actual = Object.keys(body.actualParameters ?? {}).sort();
  if (placeholders.length === 0) problems.push("the query has no parameters");
  if (JSON.stringify(placeholders) !== JSON.stringify(formal)) problems.push(`placeholders ${placeholders} differ from formalParameters ${formal}`);
  if (JSON.stringify(formal) !== JSON.stringify(actual)) problems.push(`formalParameters ${formal} differ from actualParameters ${actual}`);
  return problems;
}

describe.each(Object.entries(WORKFLOWS))("workflow %s", (_, spec) => {
  const document: Json = JSON.parse(readFileSync(spec.file, "utf8"));
  const definition = document.definition;
  const actions = allActions(definition.actions);
  const sql = definition.actions[spec.sqlAction];

  test("passes the LogicAppWorkflow definition checks (runAfter, expressions, parameters, $connections)", () => {
    const analysis = checkDefinition(makeStack(), loadDefinition(makeStack(), spec.file, undefined));
    expect([...analysis.connectionsUsed.keys()]).toEqual([API_GATEWAY_NAMES.sqlConnection]);
    expect([...analysis.parameterTypes.entries()]).toEqual([
      ["$connections", "Object"],
      ["sqlServer", "String"],
      ["sqlDatabase", "String"],
    ]);
  });

  test("is started by one HTTP request trigger taking a JSON body by POST, with a schema", () => {
    expect(Object.keys(definition.triggers)).toEqual(["manual"]);
    const trigger = definition.triggers.manual;
    expect(trigger).toMatchObject({ type: "Request", kind: "Http", inputs: { method: "POST", schema: { type: "object", additionalProperties: false } } });
    expect(trigger.inputs.schema.required.length).toBeGreaterThan(0);
    expect(Object.keys(trigger.inputs.schema.properties)).toEqual(expect.arrayContaining(trigger.inputs.schema.required));
  });

  test("calls the managed SQL connector's query operation on the server and database named by parameters", () => {
    expect(sql).toMatchObject({ type: "ApiConnection", runAfter: {}, inputs: { method: "post", host: { connection: { name: "@parameters('$connections')['sql']['connectionId']" } } } });
    expect(sql.inputs.path).toBe(
      "/v2/datasets/@{encodeURIComponent(encodeURIComponent(parameters('sqlServer')))},@{encodeURIComponent(encodeURIComponent(parameters('sqlDatabase')))}/query/sql",
    );
  });

  test("sends a parameterized statement: no request value is concatenated into the SQL", () => {
    expect(injectionRisks(sql.inputs.body)).toEqual([]);
    for (const value of Object.values(sql.inputs.body.actualParameters) as string[]) expect(value).toMatch(/^@/);
    expect(Object.values(sql.inputs.body.formalParameters)).toEqual(expect.arrayContaining([expect.stringMatching(/^N?VARCHAR\(\d+\)$|^NCHAR\(\d+\)$|^DECIMAL\(\d+,\d+\)$/)]));
  });

  test("answers with exactly its documented status codes, as HTTP Response actions", () => {
    const responses = Object.values(actions).filter((a) => a.type === "Response");
    expect(responses.every((r) => r.kind === "Http")).toBe(true);
    expect(responses.map((r) => r.inputs.statusCode).sort()).toEqual([...spec.statusCodes].sort());
    for (const response of responses) expect(response.inputs.headers).toEqual({ "Content-Type": "application/json" });
  });

  test("answers 502 when the database fails or times out, so no request is left without a response", () => {
    const failure = Object.values(actions).find((a) => a.type === "Response" && a.inputs.statusCode === 502);
    expect(failure.runAfter).toEqual({ [spec.sqlAction]: ["Failed", "TimedOut"] });
    expect(JSON.stringify(failure.inputs.body)).not.toMatch(/body\(|outputs\(|error\(/);
  });

  test("reads results only from actions that exist", () => {
    const text = JSON.stringify(definition.actions);
    const referenced = [...text.matchAll(/(?:body|outputs)\('([^']+)'\)/g)].map((m) => m[1]);
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(Object.keys(actions)).toContain(name);
  });
});

describe("get-order", () => {
  const definition: Json = JSON.parse(readFileSync(API_GATEWAY_WORKLOADS.getOrderWorkflowFile, "utf8")).definition;

  test("reads one order by the id from the request", () => {
    const body = definition.actions.Get_order.inputs.body;
    expect(body.query).toBe("SELECT Id, CustomerId, Status, Amount, Currency, CreatedAt FROM dbo.Orders WHERE Id = @id");
    expect(body.formalParameters).toEqual({ id: "NVARCHAR(64)" });
    expect(body.actualParameters).toEqual({ id: "@triggerBody()?['id']" });
    expect(definition.triggers.manual.inputs.schema).toMatchObject({ required: ["id"], properties: { id: { type: "string", maxLength: 64 } } });
  });

  test("200 with the first row when the order exists, else 404", () => {
    const found = definition.actions.Order_found;
    expect(found).toMatchObject({ type: "If", runAfter: { Get_order: ["Succeeded"] } });
    expect(found.expression.and[0].greater[0]).toContain("body('Get_order')?['resultsets']?['Table1']");
    expect(found.actions.Respond_order.inputs).toMatchObject({ statusCode: 200, body: "@first(body('Get_order')?['resultsets']?['Table1'])" });
    expect(found.else.actions.Respond_not_found.inputs).toMatchObject({ statusCode: 404, body: { error: "not_found" } });
  });

  test("the injection check catches an id concatenated into the SQL", () => {
    const unsafe = { query: "SELECT * FROM dbo.Orders WHERE Id = '@{triggerBody()?['id']}'" };
    expect(injectionRisks(unsafe)).toEqual(["the query interpolates an expression", "the query calls workflow functions", "the query has no parameters"]);
    expect(injectionRisks({ query: "@{concat('SELECT * FROM dbo.Orders WHERE Id = ', triggerBody()?['id'])}" })).toContain("the whole query is an expression");
    expect(injectionRisks({ query: "SELECT * FROM dbo.Orders WHERE Id = @id", formalParameters: { id: "NVARCHAR(64)" } })).toEqual(["formalParameters id differ from actualParameters "]);
  });
});

describe("create-order", () => {
  const definition: Json = JSON.parse(readFileSync(API_GATEWAY_WORKLOADS.createOrderWorkflowFile, "utf8")).definition;

  test("inserts the order with a generated id and returns the stored row with 201", () => {
    const body = definition.actions.Insert_order.inputs.body;
    expect(body.query).toMatch(/^INSERT INTO dbo\.Orders \(Id, CustomerId, Status, Amount, Currency, CreatedAt\) OUTPUT INSERTED\.Id, .* VALUES \(@id, @customerId, N'New', @amount, @currency, SYSUTCDATETIME\(\)\)$/);
    expect(body.actualParameters).toEqual({ id: "@{guid()}", customerId: "@triggerBody()?['customerId']", amount: "@triggerBody()?['amount']", currency: "@triggerBody()?['currency']" });
    expect(definition.actions.Respond_created).toMatchObject({ runAfter: { Insert_order: ["Succeeded"] }, inputs: { statusCode: 201, body: "@first(body('Insert_order')?['resultsets']?['Table1'])" } });
  });

  test("every value the statement binds is required by the trigger's schema", () => {
    const schema = definition.triggers.manual.inputs.schema;
    const bound = Object.values(definition.actions.Insert_order.inputs.body.actualParameters as Record<string, string>)
      .map((v) => /^@triggerBody\(\)\?\['([^']+)'\]$/.exec(v)?.[1])
      .filter((v): v is string => v !== undefined);
    expect(bound.sort()).toEqual([...schema.required].sort());
  });
});

describe("the workflows as the ApiGateway pattern deploys them", () => {
  const { stack } = gateway();
  const workflows = Object.values(resources(stack, "azurerm_logic_app_workflow")) as Json[];
  const actions = Object.values(resources(stack, "azurerm_logic_app_action_custom")) as Json[];

  test("every top-level action becomes a custom action resource carrying its JSON", () => {
    for (const spec of Object.values(WORKFLOWS)) {
      const definition = JSON.parse(readFileSync(spec.file, "utf8")).definition;
      for (const [name, action] of Object.entries(definition.actions)) {
        const deployed = actions.filter((a) => a.name === name).map((a) => JSON.parse(a.body));
        expect(deployed).toContainEqual(action);
      }
    }
  });

  test("every parameter the definitions declare gets a value, $connections a sql entry", () => {
    for (const flow of workflows) {
      expect(Object.keys(flow.parameters).sort()).toEqual(["$connections", "sqlDatabase", "sqlServer"]);
      expect(Object.keys(JSON.parse(flow.parameters.$connections))).toEqual([API_GATEWAY_NAMES.sqlConnection]);
    }
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

// The Standard twins (prod): the built-in SQL connector's executeQuery with named queryParameters, the same answers.
describe.each([
  ["get-order", API_GATEWAY_WORKLOADS.getOrderStandardWorkflowFile, API_GATEWAY_WORKLOADS.getOrderWorkflowFile, "Get_order"],
  ["create-order", API_GATEWAY_WORKLOADS.createOrderStandardWorkflowFile, API_GATEWAY_WORKLOADS.createOrderWorkflowFile, "Insert_order"],
] as const)("Standard workflow %s", (_, file, consumptionFile, sqlAction) => {
  const definition: Json = JSON.parse(readFileSync(file, "utf8")).definition;
  const consumption: Json = JSON.parse(readFileSync(consumptionFile, "utf8")).definition;

  test("the SQL action is the built-in executeQuery on connection sql, the statement the Consumption one's, every value a parameter", () => {
    const action = definition.actions[sqlAction];
    // Operation id and parameter names: Azure/LogicAppsTemplates@245d3d9b,
    // accelerator-index-retrieve-resumes-sql/chat-with-documents-sql/workflow.json.
    expect(action.inputs.serviceProviderConfiguration).toEqual({
      connectionName: API_GATEWAY_NAMES.sqlConnection,
      operationId: "executeQuery",
      serviceProviderId: "/serviceProviders/sql",
    });
    const body = consumption.actions[sqlAction].inputs.body;
    expect(action.inputs.parameters.query).toBe(body.query);
    expect(action.inputs.parameters.queryParameters).toEqual(body.actualParameters);
    // The injection checks of the Consumption body, with queryParameters standing for both parameter lists.
    const params = action.inputs.parameters;
    expect(injectionRisks({ query: params.query, formalParameters: params.queryParameters, actualParameters: params.queryParameters })).toEqual([]);
  });

  test("same trigger, same answers; no $connections and no parameters (the connection carries server and database)", () => {
    expect(definition.triggers).toEqual(consumption.triggers);
    expect(definition.parameters).toEqual({});
    const codes = (d: Json) =>
      Object.values(allActions(d.actions))
        .filter((a: Json) => a.type === "Response")
        .map((a: Json) => a.inputs.statusCode)
        .sort();
    expect(codes(definition)).toEqual(codes(consumption));
    expect(JSON.stringify(definition)).not.toContain("resultsets");
  });
});
