import * as path from "path";
import { readFileSync } from "fs";
import { TerraformStack } from "cdktf";
import { ApiConnection } from "@cdktf/provider-azurerm/lib/api-connection";
import { ResourceGroupTemplateDeployment } from "@cdktf/provider-azurerm/lib/resource-group-template-deployment";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { KeyVault } from "../../../constructs/key-vault";
import { ConnectionOptions, LogicAppWorkflow, LogicAppWorkflowProps, MANAGED_IDENTITY_CONNECTION_TEMPLATE } from "../../../constructs/logic-app";
import { Json, makeStack, messageOf, resolved, resources, single, synth } from "../../helpers";

const ORDER_FILE = path.resolve(__dirname, "fixtures", "order-approval.workflow.json");
const MANAGED_API = "${data.azurerm_managed_api.Orders_ManagedApi-servicebus_992471F6.id}";
const SERVICE_BUS_MI: ConnectionOptions = { api: "servicebus", managedIdentity: true, parameterValues: { namespaceEndpoint: "sb://sbns-orders.servicebus.windows.net/" } };

function workflow(props: Partial<LogicAppWorkflowProps> = {}): { stack: TerraformStack; flow: LogicAppWorkflow } {
  const stack = makeStack();
  return { stack, flow: new LogicAppWorkflow(stack, "Orders", { definitionFile: ORDER_FILE, ...props }) };
}

/** The workflow's `$connections` value, decoded. */
const connectionsOf = (stack: TerraformStack): Json => JSON.parse(single(stack, "azurerm_logic_app_workflow").config.parameters.$connections);

describe("a managed-identity connection", () => {
  const { stack, flow } = workflow();
  const connection = flow.addConnection("servicebus", SERVICE_BUS_MI);
  const deployment = single(stack, "azurerm_resource_group_template_deployment");

  test("is an ARM deployment of Microsoft.Web/connections with the managedIdentityAuth parameter set", () => {
    expect(connection.resource).toBeInstanceOf(ResourceGroupTemplateDeployment);
    expect(deployment.config).toMatchObject({ name: "deploy-con-test-orders-servicebus", resource_group_name: "rg-test", deployment_mode: "Incremental" });
    expect(deployment.config.template_content).toBe(MANAGED_IDENTITY_CONNECTION_TEMPLATE);
    const template = JSON.parse(deployment.config.template_content);
    expect(template.resources).toEqual([
      expect.objectContaining({
        type: "Microsoft.Web/connections",
        apiVersion: "2016-06-01",
        kind: "V1",
        properties: {
          displayName: "[parameters('displayName')]",
          api: { id: "[parameters('managedApiId')]" },
          parameterValueSet: { name: "[parameters('parameterValueSetName')]", values: "[parameters('parameterValueSetValues')]" },
        },
      }),
    ]);
    expect(JSON.parse(deployment.config.parameters_content)).toEqual({
      connectionName: { value: "con-test-orders-servicebus" },
      displayName: { value: "servicebus" },
      location: { value: "westeurope" },
      managedApiId: { value: MANAGED_API },
      parameterValueSetName: { value: "managedIdentityAuth" },
      parameterValueSetValues: { value: { namespaceEndpoint: { value: "sb://sbns-orders.servicebus.windows.net/" } } },
      tags: { value: {} },
    });
  });

  test("is wired into $connections with ManagedServiceIdentity authentication, after the deployment", () => {
    expect(connectionsOf(stack)).toEqual({
      servicebus: {
        connectionId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Web/connections/con-test-orders-servicebus",
        connectionName: "con-test-orders-servicebus",
        id: MANAGED_API,
        connectionProperties: { authentication: { type: "ManagedServiceIdentity" } },
      },
    });
    expect(single(stack, "azurerm_logic_app_workflow").config.depends_on).toEqual([`azurerm_resource_group_template_deployment.${connection.resource!.friendlyUniqueId}`]);
    expect(flow.connections.get("servicebus")).toBe(connection);
    expect(connection).toMatchObject({ name: "servicebus", connectionName: "con-test-orders-servicebus", managedIdentity: true });
  });

  test("satisfies the synth check for the connection the definition reads", () => {
    expect(flow.node.validate()).toEqual([]);
  });
});

describe("connection variants", () => {
  test("the managed API id comes from azurerm_managed_api in the workflow's location, one per connector", () => {
    const { stack, flow } = workflow();
    flow.addConnection("servicebus", SERVICE_BUS_MI);
    flow.addConnection("servicebus_archive", { ...SERVICE_BUS_MI, connectionName: "con-archive" });
    expect(Object.values(synth(stack).data.azurerm_managed_api)).toEqual([{ name: "servicebus", location: "westeurope" }]);
  });

  test("a plain connection is an azurerm_api_connection without identity settings", () => {
    const { stack, flow } = workflow();
    const connection = flow.addConnection("office365", { api: "office365", displayName: "Orders mailbox" });
    expect(connection.resource).toBeInstanceOf(ApiConnection);
    const api = single(stack, "azurerm_api_connection");
    expect(api.config).toEqual({
      name: "con-test-orders-office365",
      resource_group_name: "rg-test",
      managed_api_id: "${data.azurerm_managed_api.Orders_ManagedApi-office365_6EC48521.id}",
      display_name: "Orders mailbox",
    });
    expect(connectionsOf(stack).office365).toEqual({
      connectionId: api.ref("id"),
      connectionName: "con-test-orders-office365",
      id: "${data.azurerm_managed_api.Orders_ManagedApi-office365_6EC48521.id}",
    });
    expect(single(stack, "azurerm_logic_app_workflow").config).not.toHaveProperty("depends_on");
  });

  test("plain parameter values that are not secrets, or are resolved at deploy time, pass through", () => {
    const { stack, flow } = workflow();
    const vault = new KeyVault(stack, "Vault");
    flow.addConnection("sql", { api: "sql", parameterValues: { server: "sql-orders.database.windows.net", database: "orders", password: vault.vaultUri } });
    expect(single(stack, "azurerm_api_connection").config.parameter_values).toEqual({
      server: "sql-orders.database.windows.net",
      database: "orders",
      password: "${azurerm_key_vault.Vault_23237E5B.vault_uri}",
    });
  });

  test("sql and keyvault use the oauthMI parameter set", () => {
    const { stack, flow } = workflow();
    flow.addConnection("sql", { api: "sql", managedIdentity: true });
    flow.addConnection("keyvault", { api: "keyvault", managedIdentity: true, parameterValues: { vaultName: "kv-orders" } });
    const sets = Object.values(resources(stack, "azurerm_resource_group_template_deployment")).map((d: Json) => JSON.parse(d.parameters_content));
    expect(Object.fromEntries(sets.map((p) => [p.connectionName.value, [p.parameterValueSetName.value, p.parameterValueSetValues.value]]))).toEqual({
      "con-test-orders-sql": ["oauthMI", {}],
      "con-test-orders-keyvault": ["oauthMI", { vaultName: { value: "kv-orders" } }],
    });
  });

  test("any connector takes an explicit parameter set", () => {
    const { stack, flow } = workflow();
    flow.addConnection("arm", { api: "arm", managedIdentity: true, parameterValueSetName: "managedIdentityAuth" });
    expect(JSON.parse(single(stack, "azurerm_resource_group_template_deployment").config.parameters_content).parameterValueSetName.value).toBe("managedIdentityAuth");
  });

  test("a workflow with only a user-assigned identity names it in the connection", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Id");
    const flow = new LogicAppWorkflow(stack, "Orders", { definitionFile: ORDER_FILE, identity: { systemAssigned: false, userAssigned: [identity] } });
    flow.addConnection("servicebus", SERVICE_BUS_MI);
    expect(connectionsOf(stack).servicebus.connectionProperties).toEqual({ authentication: { type: "ManagedServiceIdentity", identity: resolved(stack, identity.id) } });
  });

  test("a connection may pick one of several user-assigned identities", () => {
    const stack = makeStack();
    const first = new UserAssignedIdentity(stack, "First");
    const second = new UserAssignedIdentity(stack, "Second");
    const flow = new LogicAppWorkflow(stack, "Orders", { definitionFile: ORDER_FILE, identity: { userAssigned: [first, second] } });
    flow.addConnection("servicebus", { ...SERVICE_BUS_MI, userAssignedIdentity: second });
    expect(connectionsOf(stack).servicebus.connectionProperties.authentication.identity).toBe(resolved(stack, second.id));
  });

  test("an existing connection is referenced, not created", () => {
    const { stack, flow } = workflow();
    const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.Web/connections/office365-orders";
    const connection = flow.addConnection("office365", { api: "office365", existingConnectionId: id });
    expect(connection.resource).toBeUndefined();
    expect(resources(stack, "azurerm_api_connection")).toEqual({});
    expect(connectionsOf(stack).office365).toEqual({ connectionId: id, connectionName: "office365-orders", id: "${data.azurerm_managed_api.Orders_ManagedApi-office365_6EC48521.id}" });
  });

  test("tags reach the connection resources and the connection inside the template", () => {
    const { stack, flow } = workflow({ tags: { owner: "team" } });
    flow.addConnection("servicebus", SERVICE_BUS_MI);
    flow.addConnection("office365", { api: "office365" });
    const deployment = single(stack, "azurerm_resource_group_template_deployment").config;
    expect(deployment.tags).toEqual({ owner: "team" });
    expect(JSON.parse(deployment.parameters_content).tags).toEqual({ value: { owner: "team" } });
    expect(single(stack, "azurerm_api_connection").config.tags).toEqual({ owner: "team" });
  });
});

describe("connection validation", () => {
  const add = (options: ConnectionOptions, name = "servicebus", props: Partial<LogicAppWorkflowProps> = {}) => messageOf(() => workflow(props).flow.addConnection(name, options));

  test.each([
    ["connectionString", { api: "servicebus", parameterValues: { connectionString: "Endpoint=sb://x.servicebus.windows.net/" } }],
    ["password", { api: "sql", parameterValues: { password: "hunter2" } }],
    ["sharedAccessKey", { api: "servicebus", parameterValues: { sharedAccessKey: "abc=" } }],
  ] as [string, ConnectionOptions][])("a literal %s is refused, pointing to managedIdentity", (key, options) => {
    expect(add(options)).toBe(
      `test/Orders: connection "servicebus" parameterValues.${key} is a literal secret, which would sit in the Terraform configuration and state; ` +
        "use managedIdentity: true (supported by servicebus, eventhubs, azureblob, keyvault, sql, documentdb) and grant the workflow's identity a role on the target",
    );
  });

  test("a connection string under an innocent key is refused too", () => {
    expect(add({ api: "azureblob", parameterValues: { account: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc" } })).toMatch(
      /^test\/Orders: connection "servicebus" parameterValues\.account is a literal secret/,
    );
  });

  test.each([
    ["a missing namespaceEndpoint", { api: "servicebus", managedIdentity: true }, 'test/Orders: connection "servicebus" parameterValues.namespaceEndpoint is missing; a managed-identity servicebus connection needs it; pass namespaceEndpoint: "sb://<namespace>.servicebus.windows.net/"'],
    ["a bad namespaceEndpoint", { api: "servicebus", managedIdentity: true, parameterValues: { namespaceEndpoint: "https://sbns.servicebus.windows.net" } }, 'test/Orders: connection "servicebus" parameterValues.namespaceEndpoint "https://sbns.servicebus.windows.net" is not a namespace endpoint; use "sb://<namespace>.servicebus.windows.net/"'],
    ["a keyvault connection without vaultName", { api: "keyvault", managedIdentity: true }, 'test/Orders: connection "servicebus" parameterValues.vaultName is missing; a managed-identity keyvault connection needs it; pass vaultName'],
    ["managed identity on a connector without a known parameter set", { api: "office365", managedIdentity: true }, 'test/Orders: connection "servicebus" api "office365" has no known managed-identity parameter set; pass parameterValueSetName from the connector\'s reference, or use a connector with managed identity support (servicebus, eventhubs, azureblob, keyvault, sql, documentdb)'],
    ["a parameter set on a plain connection", { api: "servicebus", parameterValueSetName: "managedIdentityAuth" }, 'test/Orders: connection "servicebus" parameterValueSetName applies only to managed-identity connections; set managedIdentity: true or remove it'],
    ["an upper-case api", { api: "ServiceBus" }, 'test/Orders: connection "servicebus" api "ServiceBus" is not a managed API name; use the connector\'s lower-case name, e.g. "servicebus", "sql" or "office365"'],
    ["a bad connection name", { api: "servicebus", connectionName: "con/orders" }, 'test/Orders: connectionName "con/orders" breaks the connection naming rule; use letters, digits, \'_\', \'-\', \'.\', \'(\' and \')\', starting with a letter or digit'],
    ["a connection name over 80 characters", { api: "servicebus", connectionName: "c".repeat(81) }, `test/Orders: connectionName "${"c".repeat(81)}" is 81 characters; a connection name must be 1-80; choose a name of 1 to 80 characters`],
    [
      "an existing connection with settings for a new one",
      { api: "office365", existingConnectionId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/connections/o365", parameterValues: { a: "b" } },
      'test/Orders: connection "servicebus" existingConnectionId is given together with parameterValues, which only configure a new connection; configure the existing connection where it was created, or drop existingConnectionId to create one',
    ],
    [
      "an existing connection id of another type",
      { api: "office365", existingConnectionId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Logic/workflows/w" },
      'test/Orders: connection "servicebus" existingConnectionId "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Logic/workflows/w" is not a Microsoft.Web/connections resource id; pass /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Web/connections/<name>',
    ],
  ] as [string, ConnectionOptions, string][])("%s is rejected", (_name, options, message) => {
    expect(add(options)).toBe(message);
  });

  test("a $connections key that is not a plain name is rejected", () => {
    expect(add({ api: "servicebus" }, "service bus")).toBe('test/Orders: connection name "service bus" is not a $connections key; use letters, digits, \'_\' and \'-\', e.g. "servicebus"');
  });

  test("an existing connection known only at deploy time needs its name", () => {
    const { stack, flow } = workflow();
    const vault = new KeyVault(stack, "Vault");
    expect(messageOf(() => flow.addConnection("office365", { api: "office365", existingConnectionId: vault.id }))).toBe(
      'test/Orders: connection "office365" existingConnectionId is known only at deploy time, so its name cannot be read from it; pass connectionName as well',
    );
    flow.addConnection("office365", { api: "office365", existingConnectionId: vault.id, connectionName: "office365-orders" });
    expect(connectionsOf(stack).office365.connectionName).toBe("office365-orders");
  });

  test("a connection is added once", () => {
    const { flow } = workflow();
    flow.addConnection("servicebus", SERVICE_BUS_MI);
    expect(messageOf(() => flow.addConnection("servicebus", SERVICE_BUS_MI))).toBe('test/Orders: connection name "servicebus" is already added to this workflow; add each connection once');
  });

  test("a definition without $connections cannot take connections", () => {
    const document = JSON.parse(readFileSync(ORDER_FILE, "utf8"));
    delete document.definition.parameters.$connections;
    delete document.parameters.$connections;
    document.definition.actions.Check_amount.actions = {};
    const flow = new LogicAppWorkflow(makeStack(), "Orders", { definition: document });
    expect(messageOf(() => flow.addConnection("servicebus", SERVICE_BUS_MI))).toBe(
      'test/Orders: connection "servicebus" cannot be wired: inline definition does not declare the $connections parameter; declare "$connections": { "type": "Object", "defaultValue": {} } under definition.parameters',
    );
  });

  test("managed identity needs an identity on the workflow", () => {
    expect(add(SERVICE_BUS_MI, "servicebus", { identity: { systemAssigned: false } })).toBe(
      'test/Orders: connection "servicebus" managedIdentity is set but the workflow has no managed identity; keep identity.systemAssigned on (the default) or add a user-assigned identity',
    );
  });

  test("the chosen user-assigned identity must be the workflow's", () => {
    const stack = makeStack();
    const stranger = new UserAssignedIdentity(stack, "Stranger");
    const flow = new LogicAppWorkflow(stack, "Orders", { definitionFile: ORDER_FILE });
    expect(messageOf(() => flow.addConnection("servicebus", { ...SERVICE_BUS_MI, userAssignedIdentity: stranger }))).toBe(
      'test/Orders: connection "servicebus" userAssignedIdentity is not one of the workflow\'s identities; add it to identity.userAssigned',
    );
  });

  test("at synth, every connection the definition reads must have been added", () => {
    const { flow } = workflow();
    expect(flow.node.validate()).toEqual([
      `test/Orders: action "Send_approved_order" in ${ORDER_FILE} reads connection "servicebus" from $connections, but no connection of that name was added; ` +
        'call addConnection("servicebus", { api: "<connector>", managedIdentity: true, ... }) on the workflow',
    ]);
  });
});
