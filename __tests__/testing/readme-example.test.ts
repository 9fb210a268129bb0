// --- example ---
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { EventDestination, EventGridTopic, IntegrationContext, ResourceGroup, ServiceBusNamespace } from "azure-integration-cdktf";
import { assertPolicyPasses, eventGridDelivers, eventGridSubscriptions, serviceBusRuleMatches, serviceBusRules, synthJson } from "azure-integration-cdktf/testing";

function ordersStack(): TerraformStack {
  const stack = new TerraformStack(new App(), "orders");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const rg = ResourceGroup.fromName("00000000-0000-0000-0000-000000000000", "rg-orders", "westeurope");
  IntegrationContext.set(stack, { resourceGroup: rg, namePrefix: "orders", diagnostics: { logAnalyticsWorkspaceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" } });
  const bus = new ServiceBusNamespace(stack, "Bus");
  const orders = bus.addQueue("orders");
  bus.addTopic("order-events").addSubscription("eu", { rules: { eu: { correlationFilter: { properties: { region: "eu" } } } } });
  new EventGridTopic(stack, "Events").addSubscription("big-orders", {
    destination: EventDestination.serviceBusQueue(orders.id),
    advancedFilters: [{ operator: "numberGreaterThan", key: "data.total", value: 1000 }],
  });
  return stack;
}

test("the stack passes the policy pack", () => {
  assertPolicyPasses(ordersStack());
});

test("only big orders reach the queue, only EU events the eu subscription", () => {
  const json = synthJson(ordersStack());
  const bigOrders = eventGridSubscriptions(json).get("big-orders")!;
  expect(eventGridDelivers(bigOrders, { specversion: "1.0", type: "Order.Created", data: { total: 1500 } })).toBe(true);
  expect(eventGridDelivers(bigOrders, { specversion: "1.0", type: "Order.Created", data: { total: 20 } })).toBe(false);
  const [eu] = serviceBusRules(json);
  expect(serviceBusRuleMatches(eu, { applicationProperties: { region: "eu" } })).toBe(true);
  expect(serviceBusRuleMatches(eu, { applicationProperties: { region: "us" } })).toBe(false);
});

test("the stack's addresses and settings, for a snapshot", () => {
  expect(Object.keys(synthJson(ordersStack()).resource).sort()).toMatchSnapshot();
});
