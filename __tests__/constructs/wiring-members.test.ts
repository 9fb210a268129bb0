// The L2 members the patterns wire through instead of L1 inputs (issue #10): each agrees with what the construct synthesizes.
import * as path from "path";
import { Token } from "cdktf";
import { ApiManagement } from "../../constructs/api-management";
import { FunctionApp } from "../../constructs/function-app";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { ServiceBusNamespace } from "../../constructs/service-bus";
import { StorageAccount } from "../../constructs/storage";
import { SynapseWorkspace } from "../../constructs/synapse";
import { makeStack, messageOf, PROD_CONTEXT, resolved, resourcesOfType } from "../helpers";

const PUBLISHER = { publisherName: "Contoso", publisherEmail: "api@contoso.example" };
const ADMIN = { login: "sg-dba", objectId: "11111111-1111-1111-1111-111111111111" };
const WORKFLOW_FILE = path.resolve(__dirname, "logic-app/fixtures/order-approval.workflow.json");
const FUNCTION_CODE = path.resolve(__dirname, "function-app/fixtures/orders");
const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apim";

describe("ApiManagement.virtualNetworkType", () => {
  test.each([
    [undefined, "None"],
    [{ type: "Internal" as const, subnetId: SUBNET }, "Internal"],
    [{ type: "External" as const, subnetId: SUBNET }, "External"],
  ])("virtualNetwork %j gives %s, the value synthesized", (virtualNetwork, expected) => {
    const stack = makeStack();
    const service = new ApiManagement(stack, "Apim", { ...PUBLISHER, sku: "Premium", virtualNetwork });
    expect(service.virtualNetworkType).toBe(expected);
    expect(resourcesOfType(stack, "azurerm_api_management")[0].virtual_network_type).toBe(expected);
  });
});

describe("ServiceBusNamespace.endpoint", () => {
  test("is the namespace's endpoint attribute", () => {
    const stack = makeStack();
    const bus = new ServiceBusNamespace(stack, "Bus");
    expect(Token.isUnresolved(bus.endpoint)).toBe(true);
    expect(resolved(stack, bus.endpoint)).toBe(resolved(stack, bus.resource.endpoint));
  });
});

describe("FunctionApp.vnetIntegrated", () => {
  const prod = { ...PROD_CONTEXT, network: { ...PROD_CONTEXT.network!, integrationSubnetId: "/subnets/context" } };
  const site = (stack: ReturnType<typeof makeStack>) =>
    [...resourcesOfType(stack, "azurerm_linux_function_app"), ...resourcesOfType(stack, "azurerm_function_app_flex_consumption")][0];

  test("dev (no subnet): false, and the site has none", () => {
    const stack = makeStack();
    expect(new FunctionApp(stack, "Orders", { code: { path: FUNCTION_CODE } }).vnetIntegrated).toBe(false);
    expect(site(stack).virtual_network_subnet_id).toBeUndefined();
  });

  test.each([
    ["the context's integration subnet", {}, "/subnets/context"],
    ["integrationSubnetId", { plan: "FlexConsumption" as const, integrationSubnetId: "/subnets/flex" }, "/subnets/flex"],
  ])("prod with %s: true, and the site uses it", (_label, props, subnet) => {
    const stack = makeStack(prod);
    expect(new FunctionApp(stack, "Orders", { code: { path: FUNCTION_CODE }, ...props }).vnetIntegrated).toBe(true);
    expect(site(stack).virtual_network_subnet_id).toBe(subnet);
  });
});

describe("sqlPrincipalName: the literal name SQL grant scripts create the identity's user under", () => {
  test("LogicAppWorkflow: its name", () => {
    const stack = makeStack();
    const flow = new LogicAppWorkflow(stack, "Orders", { definitionFile: WORKFLOW_FILE, name: "logic-orders" });
    expect(flow.sqlPrincipalName).toBe("logic-orders");
    expect(resourcesOfType(stack, "azurerm_logic_app_workflow")[0].name).toBe("logic-orders");
  });

  test("LogicAppWorkflow: a name known only at deploy time is an error naming the fix", () => {
    const stack = makeStack();
    const name = Token.asString({ Ref: "late" });
    const flow = new LogicAppWorkflow(stack, "Orders", { definitionFile: WORKFLOW_FILE, name });
    expect(messageOf(() => flow.sqlPrincipalName)).toBe(
      "test/Orders: name is known only at deploy time, so the SQL grant script cannot name the workflow's identity; pass a literal name",
    );
  });

  test("SynapseWorkspace: the derived workspace name, not a reference", () => {
    const stack = makeStack();
    const lake = new StorageAccount(stack, "Lake", { dataLake: true });
    const synapse = new SynapseWorkspace(stack, "Synapse", { dataLake: lake, administrator: ADMIN });
    expect(Token.isUnresolved(synapse.sqlPrincipalName)).toBe(false);
    expect(synapse.sqlPrincipalName).toBe(resourcesOfType(stack, "azurerm_synapse_workspace")[0].name);
  });
});
