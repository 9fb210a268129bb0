import { Testing } from "cdktf";
import { ActionGroup, Alerts } from "../../../constructs/monitoring";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { makeStack, messageOf, resources, synth, WORKSPACE_ID } from "../../helpers";

Testing.setupJest();

describe("ActionGroup", () => {
  test("e-mail and webhook receivers with the common alert schema, global, the prefix as short name", () => {
    const stack = makeStack();
    new ActionGroup(stack, "Oncall", { emailReceivers: ["ops@contoso.com"], webhookReceivers: ["https://hooks.contoso.com/alerts"] });
    const [group] = Object.values(resources(stack, "azurerm_monitor_action_group"));
    expect(group).toMatchObject({
      name: "ag-test-oncall",
      location: "global",
      short_name: "test",
      email_receiver: [{ name: "email-1-ops", email_address: "ops@contoso.com", use_common_alert_schema: true }],
      webhook_receiver: [{ name: "webhook-1", service_uri: "https://hooks.contoso.com/alerts", use_common_alert_schema: true }],
    });
  });

  test.each([
    [{ emailReceivers: ["ops"] }, 'test/Oncall: emailReceivers[0] "ops" is not an e-mail address'],
    [{ webhookReceivers: ["http://hooks.contoso.com"] }, 'test/Oncall: webhookReceivers[0] "http://hooks.contoso.com" is not an https:// URL'],
    [{ shortName: "a-very-long-short-name" }, 'test/Oncall: shortName "a-very-long-short-name" must be 1-12 characters'],
  ])("refuses %j", (props, message) => {
    expect(messageOf(() => new ActionGroup(makeStack(), "Oncall", props))).toContain(message);
  });
});

describe("Alerts", () => {
  function broker() {
    const stack = makeStack({ diagnostics: { logAnalyticsWorkspaceId: WORKSPACE_ID } });
    const bus = new ServiceBusNamespace(stack, "Bus", { sku: "Standard" });
    bus.addQueue("orders");
    bus.addTopic("events").addSubscription("billing");
    return { stack, bus };
  }

  test("one dead-letter alert per namespace, split by every queue and topic, notifying the action group", () => {
    const { stack } = broker();
    const alerts = new Alerts(stack, "Alerts", { actionGroupId: "/ag" }).watch(stack);
    expect(alerts.alerts.map((a) => [a.signal, a.target])).toEqual([["deadLetteredMessages", "test/Bus/Resource"]]);
    const [alert] = Object.values(resources(stack, "azurerm_monitor_metric_alert"));
    expect(alert).toMatchObject({
      name: "ar-test-bus-dead-lettered-messages",
      action: [{ action_group_id: "/ag" }],
      criteria: [
        {
          metric_namespace: "Microsoft.ServiceBus/namespaces",
          metric_name: "DeadletteredMessages",
          aggregation: "Maximum",
          operator: "GreaterThan",
          threshold: 0,
          dimension: [{ name: "EntityName", operator: "Include", values: ["events", "orders"] }],
        },
      ],
    });
    expect(alert.scopes).toEqual([expect.stringMatching(/^\$\{azurerm_servicebus_namespace\.Bus_\w+\.id\}$/)]);
  });

  test("watching twice adds nothing; thresholds and severity override the defaults", () => {
    const { stack } = broker();
    const alerts = new Alerts(stack, "Alerts", { thresholds: { deadLetteredMessages: 5 }, severity: 1 });
    alerts.watch(stack).watch(stack);
    const list = Object.values(resources(stack, "azurerm_monitor_metric_alert"));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ severity: 1, criteria: [expect.objectContaining({ threshold: 5 })] });
    expect(list[0].action).toBeUndefined();
  });

  test.each([
    [{ severity: 5 }, "test/Alerts: severity 5 is not a whole number from 0 to 4"],
    [{ thresholds: { apiManagement5xx: -1 } }, "test/Alerts: thresholds.apiManagement5xx -1 is not a number of 0 or more"],
  ])("refuses %j", (props, message) => {
    expect(messageOf(() => new Alerts(makeStack(), "Alerts", props))).toContain(message);
  });

  test("addMetricAlert: your own metric alert to the same action group", () => {
    const stack = makeStack();
    new Alerts(stack, "Alerts", { actionGroupId: "/ag" }).addMetricAlert("Throttled", {
      scope: "/bus",
      metricNamespace: "Microsoft.ServiceBus/namespaces",
      metricName: "ThrottledRequests",
      aggregation: "Total",
      threshold: 100,
      description: "Throttled",
    });
    expect(synth(stack).resource.azurerm_monitor_metric_alert).toBeDefined();
    expect(Object.values(resources(stack, "azurerm_monitor_metric_alert"))[0]).toMatchObject({
      scopes: ["/bus"],
      window_size: "PT5M",
      frequency: "PT1M",
    });
  });
});
