import "cdktf/lib/testing/adapters/jest";
import * as path from "path";
import { readFileSync } from "fs";
import { Fn, Testing, TerraformOutput, TerraformStack, Token } from "cdktf";
import { LogicAppActionCustom } from "@cdktf/provider-azurerm/lib/logic-app-action-custom";
import { LogicAppTriggerCustom } from "@cdktf/provider-azurerm/lib/logic-app-trigger-custom";
import { LogicAppTriggerHttpRequest } from "@cdktf/provider-azurerm/lib/logic-app-trigger-http-request";
import { LogicAppTriggerRecurrence } from "@cdktf/provider-azurerm/lib/logic-app-trigger-recurrence";
import { LogicAppWorkflow as LogicAppWorkflowResource } from "@cdktf/provider-azurerm/lib/logic-app-workflow";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { KeyVault } from "../../../constructs/key-vault";
import { LogicAppWorkflow, LogicAppWorkflowProps } from "../../../constructs/logic-app";
import { Json, PROD_CONTEXT as PROD, makeStack, messageOf, resolved, resources, single, synth } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const ORDER_FILE = path.resolve(__dirname, "fixtures", "order-approval.workflow.json");
const ORDER: Json = JSON.parse(readFileSync(ORDER_FILE, "utf8"));
const WORKFLOW = "${azurerm_logic_app_workflow.Orders_A9B65338.id}";
const TRIGGER = "azurerm_logic_app_trigger_http_request.Orders_Trigger-manual_D09F1BD1";
const action = (name: string, hash: string) => `azurerm_logic_app_action_custom.Orders_Action-${name}_${hash}`;

function workflow(props: Partial<LogicAppWorkflowProps> = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; flow: LogicAppWorkflow } {
  const stack = makeStack(extra);
  return { stack, flow: new LogicAppWorkflow(stack, "Orders", { definitionFile: ORDER_FILE, ...props }) };
}

/** The order-approval document with `mutate` applied to its definition. */
function orderWith(mutate: (definition: Json) => void): Json {
  const document = JSON.parse(JSON.stringify(ORDER));
  mutate(document.definition);
  return document;
}

const workflowOf = (stack: TerraformStack) => single(stack, "azurerm_logic_app_workflow").config;

describe("LogicAppWorkflow defaults (dev)", () => {
  const { stack, flow } = workflow();
  const json = Testing.synth(stack);

  test("is hardened", () => {
    expect(json).toHaveResourceWithProperties(LogicAppWorkflowResource, {
      name: "logic-test-orders",
      resource_group_name: "rg-test",
      location: "westeurope",
      enabled: true,
      identity: { type: "SystemAssigned" },
      // Run history inputs and outputs are closed to every address; triggers stay open to SAS-signed calls.
      access_control: { content: { allowed_caller_ip_address_range: ["0.0.0.0-0.0.0.0"] } },
      workflow_schema: ORDER.definition.$schema,
      workflow_version: "1.0.0.0",
    });
  });

  test("declares the definition's parameters as JSON strings and takes the file's values", () => {
    const config = workflowOf(stack);
    expect(Object.fromEntries(Object.entries(config.workflow_parameters).map(([k, v]) => [k, JSON.parse(v as string)]))).toEqual(ORDER.definition.parameters);
    // The designer's exported $connections value is replaced by addConnection's (none yet).
    expect(config.parameters).toEqual({ $connections: "{}", ordersQueue: "orders-approved" });
  });

  test("dev has no diagnostics; a Consumption workflow never gets a private endpoint or a lock", () => {
    expect(json).not.toHaveResource(MonitorDiagnosticSetting);
    expect(json).not.toHaveResource(PrivateEndpoint);
    expect(json).not.toHaveResource(ManagementLock);
    expect(flow.diagnostics).toBeUndefined();
  });

  test("exposes the L1 and its attributes", () => {
    expect(flow.resource).toBeInstanceOf(LogicAppWorkflowResource);
    expect(flow.resource.node.id).toBe("Resource");
    expect(resolved(stack, flow.id)).toBe(WORKFLOW);
    expect(resolved(stack, flow.name)).toBe("${azurerm_logic_app_workflow.Orders_A9B65338.name}");
    expect(resolved(stack, flow.accessEndpoint)).toBe("${azurerm_logic_app_workflow.Orders_A9B65338.access_endpoint}");
    expect(resolved(stack, flow.principal.principalId)).toBe("${azurerm_logic_app_workflow.Orders_A9B65338.identity[0].principal_id}");
    expect(flow.principal.principalType).toBe("ServicePrincipal");
    expect([...flow.triggers.keys()]).toEqual(["manual"]);
    expect([...flow.actions.keys()]).toEqual(["Parse_order", "Check_amount", "Respond", "Respond_failure"]);
    for (const a of flow.actions.values()) expect(a).toBeInstanceOf(LogicAppActionCustom);
  });
});

describe("the order-approval workflow file is converted", () => {
  const { stack, flow } = workflow();

  test("the HTTP request trigger carries the schema and method", () => {
    expect(flow.triggers.get("manual")).toBeInstanceOf(LogicAppTriggerHttpRequest);
    const trigger = single(stack, "azurerm_logic_app_trigger_http_request").config;
    expect(trigger).toEqual({ name: "manual", logic_app_id: WORKFLOW, method: "POST", schema: JSON.stringify(ORDER.definition.triggers.manual.inputs.schema) });
  });

  test("each top-level action is a custom action whose body is the action, nested actions included", () => {
    const actions = resources(stack, "azurerm_logic_app_action_custom");
    expect(Object.values(actions).map((a: Json) => a.name).sort()).toEqual(["Check_amount", "Parse_order", "Respond", "Respond_failure"]);
    for (const a of Object.values(actions) as Json[]) {
      expect(a.logic_app_id).toBe(WORKFLOW);
      expect(JSON.parse(a.body)).toEqual(ORDER.definition.actions[a.name]);
    }
    const condition = JSON.parse(flow.actions.get("Check_amount")!.bodyInput!);
    expect(Object.keys(condition.actions)).toEqual(["Send_approved_order"]);
    expect(Object.keys(condition.else.actions)).toEqual(["Mark_for_review"]);
  });

  test("depends_on follows runAfter; the first action waits for the trigger", () => {
    const actions = resources(stack, "azurerm_logic_app_action_custom");
    const dependsOn = Object.fromEntries(Object.values(actions).map((a: Json) => [a.name, a.depends_on]));
    expect(dependsOn).toEqual({
      Parse_order: [TRIGGER],
      Check_amount: [action("Parse_order", "8E7FDABB")],
      Respond: [action("Check_amount", "632A62EE")],
      Respond_failure: [action("Check_amount", "632A62EE")],
    });
  });

  test("an action running after several actions depends on each", () => {
    const stack2 = makeStack();
    new LogicAppWorkflow(stack2, "Orders", {
      definition: orderWith((d) => (d.actions.Respond.runAfter = { Check_amount: ["Succeeded"], Parse_order: ["Succeeded"] })),
    });
    expect(Object.values(resources(stack2, "azurerm_logic_app_action_custom")).find((a: Json) => a.name === "Respond").depends_on).toEqual([action("Check_amount", "632A62EE"), action("Parse_order", "8E7FDABB")]);
  });
});

describe("Terraform template syntax in the definition", () => {
  const FILE = path.resolve(__dirname, "fixtures", "template-syntax.workflow.json");

  test("a literal ${...} or %{...} in the workflow file reaches Terraform escaped, so Azure gets it unchanged", () => {
    const stack = makeStack();
    new LogicAppWorkflow(stack, "Orders", { definitionFile: FILE });
    const json = synth(stack);
    const [compose] = Object.values(json.resource.azurerm_logic_app_action_custom) as Json[];
    expect(compose.body).toBe('{"type":"Compose","inputs":"Order $${orderId} %%{ if approved }approved%%{ endif }","runAfter":{}}');
    expect(single(stack, "azurerm_logic_app_trigger_http_request").config.schema).toBe('{"type":"object","description":"an order, $${not-terraform}"}');
    const config = workflowOf(stack);
    expect(config.workflow_parameters.greeting).toBe('{"type":"String","defaultValue":"Hello $${name}"}');
    expect(config.parameters.greeting).toBe("Hi $${name}");
  });

  test("tokens in a definition built in code still become Terraform references", () => {
    const stack = makeStack();
    const vault = new KeyVault(stack, "Vault");
    const document = orderWith((d) => (d.actions.Parse_order.inputs.content = `\${literal} ${vault.vaultUri}`));
    new LogicAppWorkflow(stack, "Orders", { definition: document });
    const parse = (Object.values(resources(stack, "azurerm_logic_app_action_custom")) as Json[]).find((a) => a.name === "Parse_order");
    expect(JSON.parse(parse.body).inputs.content).toBe("$${literal} ${azurerm_key_vault.Vault_23237E5B.vault_uri}");
  });
});

describe("trigger conversion", () => {
  const recurrence = (trigger: Json) =>
    orderWith((d) => {
      d.triggers = { Every_morning: trigger };
      d.actions = { Log: { type: "Compose", inputs: "tick", runAfter: {} } };
    });

  test("a Recurrence the resource can express becomes azurerm_logic_app_trigger_recurrence", () => {
    const stack = makeStack();
    const flow = new LogicAppWorkflow(stack, "Orders", {
      definition: recurrence({
        type: "Recurrence",
        recurrence: { frequency: "Week", interval: 1, startTime: "2024-01-01T06:00:00Z", timeZone: "W. Europe Standard Time", schedule: { hours: ["6"], minutes: [30], weekDays: ["Monday", "Friday"] } },
      }),
    });
    expect(flow.triggers.get("Every_morning")).toBeInstanceOf(LogicAppTriggerRecurrence);
    expect(single(stack, "azurerm_logic_app_trigger_recurrence").config).toEqual({
      name: "Every_morning",
      logic_app_id: WORKFLOW,
      frequency: "Week",
      interval: 1,
      start_time: "2024-01-01T06:00:00Z",
      time_zone: "W. Europe Standard Time",
      schedule: { at_these_hours: [6], at_these_minutes: [30], on_these_days: ["Monday", "Friday"] },
    });
    expect(single(stack, "azurerm_logic_app_action_custom").config.depends_on).toEqual(["azurerm_logic_app_trigger_recurrence.Orders_Trigger-Every_morning_551D050D"]);
  });

  test.each([
    ["month days", { frequency: "Month", interval: 1, schedule: { monthDays: [1] } }],
    ["a start time without offset", { frequency: "Day", interval: 1, startTime: "2024-01-01T06:00:00", timeZone: "UTC" }],
    ["an hour out of range", { frequency: "Day", interval: 1, schedule: { hours: [24] } }],
  ])("a Recurrence with %s becomes a custom trigger with the whole JSON", (_name, settings) => {
    const stack = makeStack();
    const trigger = { type: "Recurrence", recurrence: settings };
    const flow = new LogicAppWorkflow(stack, "Orders", { definition: recurrence(trigger) });
    expect(flow.triggers.get("Every_morning")).toBeInstanceOf(LogicAppTriggerCustom);
    expect(JSON.parse(single(stack, "azurerm_logic_app_trigger_custom").config.body)).toEqual(trigger);
  });

  test("any other trigger (here a Service Bus connector trigger) is a custom trigger", () => {
    const stack = makeStack();
    const trigger = {
      type: "ApiConnection",
      inputs: { host: { connection: { name: "@parameters('$connections')['servicebus']['connectionId']" } }, method: "get", path: "/orders/messages/head" },
      recurrence: { frequency: "Minute", interval: 1 },
    };
    const flow = new LogicAppWorkflow(stack, "Orders", { definition: recurrence(trigger) });
    expect(flow.triggers.get("Every_morning")).toBeInstanceOf(LogicAppTriggerCustom);
    expect(single(stack, "azurerm_logic_app_trigger_custom").config).toEqual({ name: "Every_morning", logic_app_id: WORKFLOW, body: JSON.stringify(trigger) });
    // The trigger reads a connection too, so the synth check expects it.
    expect(flow.node.validate()).toHaveLength(1);
  });

  test("a Request trigger of another kind (e.g. Button) is custom; an Http one without inputs gets an empty schema", () => {
    const button = new LogicAppWorkflow(makeStack(), "Orders", { definition: orderWith((d) => (d.triggers.manual = { type: "Request", kind: "Button", inputs: { schema: {} } })) });
    expect(button.triggers.get("manual")).toBeInstanceOf(LogicAppTriggerCustom);
    const stack = makeStack();
    new LogicAppWorkflow(stack, "Orders", { definition: orderWith((d) => (d.triggers.manual = { type: "Request", kind: "Http" })) });
    expect(single(stack, "azurerm_logic_app_trigger_http_request").config.schema).toBe("{}");
  });

  test.each([
    [
      "properties the resource cannot express",
      { type: "Request", kind: "Http", inputs: { schema: {}, headers: {} }, operationOptions: "IncludeAuthorizationHeadersInOutputs" },
      'test/Orders: trigger "manual" in inline definition sets operationOptions, inputs.headers, which azurerm_logic_app_trigger_http_request cannot express; remove them: the resource sets only inputs.schema, inputs.method and inputs.relativePath',
    ],
    ["a method azurerm rejects", { type: "Request", kind: "Http", inputs: { method: "post" } }, 'test/Orders: trigger "manual" in inline definition inputs.method "post" is not a method azurerm accepts; use one of DELETE, GET, PATCH, POST, PUT'],
    ["a relative path without a method", { type: "Request", kind: "Http", inputs: { relativePath: "/orders/{id}" } }, 'test/Orders: trigger "manual" in inline definition inputs.relativePath "/orders/{id}" is set without inputs.method; add inputs.method, e.g. "POST"'],
    ["a schema that is not an object", { type: "Request", kind: "Http", inputs: { schema: "any" } }, 'test/Orders: trigger "manual" in inline definition inputs.schema is not a JSON schema object; use the schema the designer generates from a sample payload, or {}'],
  ])("an HTTP request trigger with %s is rejected", (_name, trigger, message) => {
    expect(messageOf(() => new LogicAppWorkflow(makeStack(), "Orders", { definition: orderWith((d) => (d.triggers.manual = trigger)) }))).toBe(message);
  });

  test("method and relative path are passed on", () => {
    const stack = makeStack();
    new LogicAppWorkflow(stack, "Orders", { definition: orderWith((d) => (d.triggers.manual.inputs.relativePath = "/orders/{id}")) });
    expect(single(stack, "azurerm_logic_app_trigger_http_request").config).toMatchObject({ method: "POST", relative_path: "/orders/{id}" });
  });
});

describe("LogicAppWorkflow in prod", () => {
  const { stack } = workflow({}, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const json = Testing.synth(stack);

  test("sends all logs and metrics to Log Analytics", () => {
    expect(json).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: WORKFLOW,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("the environment's allowed ranges limit trigger and action callers; still no private endpoint or lock", () => {
    expect(workflowOf(stack).access_control).toEqual({
      trigger: { allowed_caller_ip_address_range: ["198.51.100.0/24"] },
      action: { allowed_caller_ip_address_range: ["198.51.100.0/24"] },
      content: { allowed_caller_ip_address_range: ["0.0.0.0-0.0.0.0"] },
    });
    expect(json).not.toHaveResource(PrivateEndpoint);
    expect(json).not.toHaveResource(ManagementLock);
  });
});

describe("LogicAppWorkflow overrides", () => {
  test("user values win over defaults, including false", () => {
    const stack = makeStack(PROD);
    const identity = new UserAssignedIdentity(stack, "Id");
    new LogicAppWorkflow(stack, "Orders", {
      definitionFile: ORDER_FILE,
      name: "logic-orders-custom",
      location: "northeurope",
      enabled: false,
      identity: { systemAssigned: false, userAssigned: [identity] },
      allowedCallerIpRanges: ["203.0.113.0/24", "203.0.114.1-203.0.114.9"],
      actionAllowedIpRanges: ["10.0.0.0/8"],
      runHistoryAllowedIpRanges: ["2001:db8::/32"],
      parameterValues: { approvalLimit: 250, ordersQueue: "orders-test" },
      tags: { owner: "team" },
      diagnostics: false,
    });
    expect(workflowOf(stack)).toMatchObject({
      name: "logic-orders-custom",
      location: "northeurope",
      enabled: false,
      identity: { type: "UserAssigned", identity_ids: [resolved(stack, identity.id)] },
      access_control: {
        trigger: { allowed_caller_ip_address_range: ["203.0.113.0/24", "203.0.114.1-203.0.114.9"] },
        action: { allowed_caller_ip_address_range: ["10.0.0.0/8"] },
        content: { allowed_caller_ip_address_range: ["2001:db8::/32"] },
      },
      parameters: { $connections: "{}", approvalLimit: "250", ordersQueue: "orders-test" },
      tags: { owner: "team" },
    });
    expect(Testing.synth(stack)).not.toHaveResource(MonitorDiagnosticSetting);
  });

  test("a diagnostics destination of its own, and chosen categories", () => {
    const { stack, flow } = workflow({ diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" }, logCategoryGroups: ["audit"] } });
    expect(flow.diagnostics).toBeInstanceOf(MonitorDiagnosticSetting);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: WORKFLOW,
      log_analytics_workspace_id: "/other",
      enabled_log: [{ category_group: "audit" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("[] admits only other Logic Apps to triggers (and actions); [] for run history lifts its restriction", () => {
    const { stack } = workflow({ allowedCallerIpRanges: [], runHistoryAllowedIpRanges: [] });
    expect(workflowOf(stack).access_control).toEqual({ trigger: { allowed_caller_ip_address_range: [] }, action: { allowed_caller_ip_address_range: [] } });
  });

  test("caller ranges known only at deploy time (a list token) are passed on unchecked", () => {
    const addresses = Token.asList(Fn.formatlist("%s/32", [Fn.split(",", "203.0.113.1,203.0.113.2")]));
    const { stack } = workflow({ allowedCallerIpRanges: addresses });
    const expression = '${formatlist("%s/32", split(",", "203.0.113.1,203.0.113.2"))}';
    expect(workflowOf(stack).access_control.trigger.allowed_caller_ip_address_range).toBe(expression);
    expect(workflowOf(stack).access_control.action.allowed_caller_ip_address_range).toBe(expression);
  });

  test("no restriction at all leaves the access_control block out", () => {
    const { stack } = workflow({ runHistoryAllowedIpRanges: [] });
    expect(workflowOf(stack)).not.toHaveProperty("access_control");
  });

  test("triggerAuthentication requires Entra ID tokens with the given claims", () => {
    const { stack } = workflow({
      allowedCallerIpRanges: ["0.0.0.0/0"],
      triggerAuthentication: { issuer: "https://sts.windows.net/33333333-3333-3333-3333-333333333333/", audience: "api://orders", additionalClaims: { appid: APP_ID } },
    });
    expect(workflowOf(stack).access_control.trigger).toEqual({
      allowed_caller_ip_address_range: ["0.0.0.0/0"],
      open_authentication_policy: [
        {
          name: "entra-id",
          claim: [
            { name: "iss", value: "https://sts.windows.net/33333333-3333-3333-3333-333333333333/" },
            { name: "aud", value: "api://orders" },
            { name: "appid", value: APP_ID },
          ],
        },
      ],
    });
  });

  test("no identity: no identity block, and principal explains why it is missing", () => {
    const { stack, flow } = workflow({ identity: { systemAssigned: false } });
    expect(workflowOf(stack)).not.toHaveProperty("identity");
    expect(messageOf(() => flow.principal)).toBe(
      "test/Orders: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned " +
        "is given); keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
  });

  test("with only user-assigned identities, principal is the first of them", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Id");
    const flow = new LogicAppWorkflow(stack, "Orders", { definitionFile: ORDER_FILE, identity: { systemAssigned: false, userAssigned: [identity] } });
    expect(flow.principal).toBe(identity);
  });

  test("a secure parameter takes a value resolved at deploy time", () => {
    const stack = makeStack();
    const vault = new KeyVault(stack, "Vault");
    const document = orderWith((d) => (d.parameters.apiKey = { type: "SecureString" }));
    new LogicAppWorkflow(stack, "Orders", { definition: document, parameterValues: { apiKey: vault.vaultUri } });
    expect(workflowOf(stack).parameters.apiKey).toBe("${azurerm_key_vault.Vault_23237E5B.vault_uri}");
  });
});

describe("LogicAppWorkflow validation", () => {
  test.each([
    ["definitionFile and definition together", { definition: ORDER }, "test/Orders: definitionFile is given together with definition; pass either definitionFile or definition, not both"],
    ["neither definitionFile nor definition", { definitionFile: undefined }, "test/Orders: definitionFile and definition are both missing; pass definitionFile (an absolute path to the designer's JSON) or definition (the parsed object)"],
    ["a relative definitionFile", { definitionFile: "fixtures/order-approval.workflow.json" }, 'test/Orders: definitionFile "fixtures/order-approval.workflow.json" is not an absolute path; pass path.resolve(__dirname, "<file>.json") so the file is found wherever synth runs'],
    ["a missing definitionFile", { definitionFile: "/nonexistent/flow.json" }, 'test/Orders: definitionFile "/nonexistent/flow.json" cannot be read (ENOENT); check the path'],
    ["a definition that is not an object", { definitionFile: undefined, definition: [] as object }, 'test/Orders: definition "inline definition" is not a JSON object; pass the workflow definition object from the designer\'s code view'],
    ["designer parameters without value", { definitionFile: undefined, definition: { ...ORDER, parameters: { ordersQueue: "q" } } }, 'test/Orders: parameter value "ordersQueue" in inline definition has no value property; write it as "ordersQueue": { "value": ... }'],
    ["a value for an undeclared parameter", { parameterValues: { region: "eu" } }, 'test/Orders: parameterValues.region sets a parameter the definition does not declare; declare "region" under definition.parameters or remove the value'],
    ["a value of the wrong type", { parameterValues: { approvalLimit: "1000" } }, 'test/Orders: parameterValues.approvalLimit "1000" is not a valid Int; give a Int value, as the declaration says'],
    ["a value for $connections", { parameterValues: { $connections: {} } }, "test/Orders: parameterValues.$connections is managed by the construct; add connections with addConnection(name, { api, ... })"],
    ["a bad caller range", { allowedCallerIpRanges: ["10.0.0.0/33"] }, 'test/Orders: allowedCallerIpRanges "10.0.0.0/33" is not a CIDR block or an IPv4 range; write ranges as a.b.c.d/n, an IPv6 prefix, or a.b.c.d-e.f.g.h'],
    ["a descending IPv4 range", { runHistoryAllowedIpRanges: ["10.0.0.9-10.0.0.1"] }, 'test/Orders: runHistoryAllowedIpRanges "10.0.0.9-10.0.0.1" is not a CIDR block or an IPv4 range; write ranges as a.b.c.d/n, an IPv6 prefix, or a.b.c.d-e.f.g.h'],
    ["a bad action range", { actionAllowedIpRanges: ["any"] }, 'test/Orders: actionAllowedIpRanges "any" is not a CIDR block or an IPv4 range; write ranges as a.b.c.d/n, an IPv6 prefix, or a.b.c.d-e.f.g.h'],
    [
      "trigger authentication without caller ranges",
      { triggerAuthentication: { issuer: "https://sts.windows.net/t/", audience: "api://orders" } },
      'test/Orders: triggerAuthentication needs allowedCallerIpRanges, because azurerm then sends an empty range list, which Logic Apps reads as "only other Logic Apps"; set allowedCallerIpRanges to the callers\' ranges (e.g. API Management\'s public IPs), or ["0.0.0.0/0"] to rely on the token alone',
    ],
    [
      "a non-Entra issuer",
      { allowedCallerIpRanges: ["0.0.0.0/0"], triggerAuthentication: { issuer: "https://accounts.google.com", audience: "x" } },
      'test/Orders: triggerAuthentication.issuer "https://accounts.google.com" is not an Entra ID issuer; use https://sts.windows.net/<tenant id>/ or https://login.microsoftonline.com/<tenant id>/ (Logic Apps requires one of these)',
    ],
    ["a bad explicit name", { name: "logic orders" }, /^test\/Orders: name "logic orders" breaks the logicApp naming rule; use letters, digits/],
  ] as [string, Partial<LogicAppWorkflowProps>, string | RegExp][])("%s is rejected", (_name, props, message) => {
    const error = messageOf(() => workflow(props));
    if (typeof message === "string") expect(error).toBe(message);
    else expect(error).toMatch(message);
  });

  test("invalid JSON names the file and the parser's complaint", () => {
    expect(messageOf(() => workflow({ definitionFile: path.resolve(__dirname, "logic-app-workflow.test.ts") }))).toMatch(
      /^test\/Orders: definitionFile ".*logic-app-workflow\.test\.ts" is not valid JSON \(.+\); export the workflow from the designer's code view$/,
    );
  });

  test("a literal secure parameter value is refused", () => {
    const document = orderWith((d) => (d.parameters.apiKey = { type: "SecureString" }));
    expect(messageOf(() => new LogicAppWorkflow(makeStack(), "Orders", { definition: document, parameterValues: { apiKey: "hunter2" } }))).toBe(
      "test/Orders: parameterValues.apiKey is a literal SecureString, which would sit in the Terraform configuration and state; pass a value resolved at deploy time (e.g. a Key Vault secret reference), or read the secret at run time with the Key Vault connector",
    );
  });

  test("a file value for an undeclared parameter names the file", () => {
    const document = { ...ORDER, parameters: { region: { value: "eu" } } };
    expect(messageOf(() => new LogicAppWorkflow(makeStack(), "Orders", { definition: document }))).toBe(
      'test/Orders: parameter value "region" in inline definition sets a parameter the definition does not declare; declare "region" under definition.parameters or remove the value',
    );
  });
});

describe("callback URL", () => {
  test("callbackUrl is the trigger's callback_url attribute", () => {
    const { stack, flow } = workflow();
    expect(resolved(stack, flow.callbackUrl)).toBe(`\${${TRIGGER}.callback_url}`);
  });

  test("callbackUrlOutput creates a sensitive stack output", () => {
    const { stack, flow } = workflow();
    const output = flow.callbackUrlOutput("orders_callback_url");
    expect(output).toBeInstanceOf(TerraformOutput);
    expect(synth(stack).output.orders_callback_url).toEqual({
      value: `\${${TRIGGER}.callback_url}`,
      sensitive: true,
      description: 'Callback URL (with SAS signature) of trigger "manual" of test/Orders',
    });
  });

  test("with several request triggers the trigger must be named", () => {
    const stack = makeStack();
    const flow = new LogicAppWorkflow(stack, "Orders", {
      definition: orderWith((d) => (d.triggers.batch = { type: "Request", kind: "Http", inputs: { schema: {} } })),
    });
    expect(messageOf(() => flow.callbackUrl)).toBe(
      'test/Orders: callbackUrl is ambiguous: the workflow has request triggers "manual", "batch"; pass the trigger\'s name to callbackUrlOutput, or use triggers.get(name)',
    );
    flow.callbackUrlOutput("batch_url", "batch");
    expect(synth(stack).output.batch_url.value).toBe(resolved(stack, (flow.triggers.get("batch") as LogicAppTriggerHttpRequest).callbackUrl));
    expect(messageOf(() => flow.callbackUrlOutput("x", "nightly"))).toBe('test/Orders: triggerName "nightly" is not a request trigger of this workflow; use one of "manual", "batch"');
  });

  test("a workflow without a request trigger has no callback URL", () => {
    const flow = new LogicAppWorkflow(makeStack(), "Orders", {
      definition: orderWith((d) => (d.triggers = { Hourly: { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } } })),
    });
    expect(messageOf(() => flow.callbackUrl)).toBe(
      'test/Orders: callbackUrl is not available: the workflow has no HTTP request trigger; add a trigger of type "Request" (kind "Http") to the definition',
    );
  });
});

describe("LogicAppWorkflow grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantRun", "Microsoft Sentinel Playbook Operator"],
    ["grantOperator", "Logic App Operator"],
    ["grantContributor", "Logic App Contributor"],
  ] as const)("%s grants %s on the workflow", (method, role) => {
    const { stack, flow } = workflow();
    expect(flow[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: WORKFLOW,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("granting twice yields one assignment; a group keeps its type", () => {
    const { stack, flow } = workflow();
    expect(flow.grantRun(principal)).toBe(flow.grantRun(principal));
    flow.grantOperator(Principal.fromObjectId(APP_ID, "Group"));
    const assignments = Object.values(resources(stack, "azurerm_role_assignment")) as Json[];
    expect(assignments.map((a) => [a.role_definition_name, a.principal_type]).sort()).toEqual([
      ["Logic App Operator", "Group"],
      ["Microsoft Sentinel Playbook Operator", "ServicePrincipal"],
    ]);
  });

  test("the deprecated grantOperate and grantContribute give the same assignments as grantOperator and grantContributor", () => {
    const { flow } = workflow();
    expect(flow.grantOperate(principal)).toBe(flow.grantOperator(principal));
    expect(flow.grantContribute(principal)).toBe(flow.grantContributor(principal));
  });

  test("grants take a construct with a principal (a Grantee)", () => {
    const { stack, flow } = workflow();
    const caller = new UserAssignedIdentity(stack, "Caller");
    expect(flow.grantRun({ principal: caller })).toBe(flow.grantRun(caller));
    expect(flow.grant(caller, "Reader").roleDefinitionNameInput).toBe("Reader");
  });

  test("principal: system-assigned, else the first user-assigned identity (none: see the identity tests)", () => {
    const { stack, flow } = workflow();
    expect(resolved(stack, flow.principal.principalId)).toBe("${azurerm_logic_app_workflow.Orders_A9B65338.identity[0].principal_id}");
    const other = makeStack();
    const first = new UserAssignedIdentity(other, "First");
    const user = new LogicAppWorkflow(other, "Orders", { definitionFile: ORDER_FILE, identity: { systemAssigned: false, userAssigned: [first] } });
    expect(user.principal).toBe(first);
  });

  test("the workflow's identity can be granted roles elsewhere", () => {
    const { stack, flow } = workflow();
    new KeyVault(stack, "Vault").grantSecretsRead(flow.principal);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "${azurerm_key_vault.Vault_23237E5B.id}",
      principal_id: "${azurerm_logic_app_workflow.Orders_A9B65338.identity[0].principal_id}",
      principal_type: "ServicePrincipal",
    });
  });
});

describe("LogicAppWorkflow imports", () => {
  const ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-flows/providers/Microsoft.Logic/workflows/logic-shared";

  test("fromId: a literal id, with the workflow's grants", () => {
    const stack = makeStack();
    const shared = LogicAppWorkflow.fromId(stack, "Shared", ID);
    expect([shared.id, shared.name, shared.resourceGroupName]).toEqual([ID, "logic-shared", "rg-flows"]);
    shared.grantRun(Principal.fromObjectId(APP_ID, "ServicePrincipal"));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, { scope: ID, role_definition_name: "Microsoft Sentinel Playbook Operator" });
  });

  test("fromId: a token is split at deploy time; a wrong id fails naming the import", () => {
    const { stack, flow } = workflow();
    expect(resolved(stack, LogicAppWorkflow.fromId(stack, "Again", flow.id).name)).toBe(
      '${element(split("/", azurerm_logic_app_workflow.Orders_A9B65338.id), 8)}',
    );
    const wrong = ID.replace("workflows", "integrationAccounts");
    expect(messageOf(() => LogicAppWorkflow.fromId(stack, "Wrong", wrong))).toBe(
      `test/Wrong: resourceId "${wrong}" is not the id of a Microsoft.Logic/workflows resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Logic/workflows/<name>",
    );
  });

  test("fromName: in the context's resource group", () => {
    const stack = makeStack();
    const shared = LogicAppWorkflow.fromName(stack, "Shared", "logic-shared");
    expect(resolved(stack, shared.id)).toMatch(/\/providers\/Microsoft\.Logic\/workflows\/logic-shared$/);
  });
});

test("fully-featured LogicAppWorkflow snapshot", () => {
  const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const flow = new LogicAppWorkflow(stack, "Orders", {
    definitionFile: ORDER_FILE,
    parameterValues: { approvalLimit: 5000 },
    triggerAuthentication: { issuer: "https://login.microsoftonline.com/33333333-3333-3333-3333-333333333333/", audience: "api://orders" },
    tags: { owner: "team" },
  });
  flow.addConnection("servicebus", { api: "servicebus", managedIdentity: true, parameterValues: { namespaceEndpoint: "sb://sbns-orders.servicebus.windows.net/" } });
  flow.addConnection("office365", { api: "office365" });
  flow.grantRun(Principal.fromObjectId(APP_ID, "ServicePrincipal"));
  flow.callbackUrlOutput("orders_callback_url");
  expect(flow.node.validate()).toEqual([]);
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
