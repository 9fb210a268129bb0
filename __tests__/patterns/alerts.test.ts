import * as path from "path";
import { Construct } from "constructs";
import { TerraformVariable, Testing } from "cdktf";
import { Environment, loadEnvironment } from "../../config/environment";
import { MessageBroker } from "../../patterns/message-broker";
import { addEnvironmentStacks } from "../../stacks/app";
import { PatternStack } from "../../stacks/pattern-stack";

// Every dead-letter source and failure signal of every pattern stack has an alert to the
// environment's action group: proved by walking the synthesized JSON, not the constructs.

type Block = Record<string, unknown> & { name?: string };
type Json = { resource: Record<string, Record<string, Block>> };

const CONFIG_DIR = path.resolve(__dirname, "../../config");
const ref = (type: string, name: string) => `\${${type}.${name}.id}`;

function stacksOf(env: string): Map<string, Json> {
  const stacks = addEnvironmentStacks(Testing.app(), loadEnvironment(CONFIG_DIR, env));
  return new Map(stacks.map((s: PatternStack) => [s.node.id, JSON.parse(Testing.synth(s)) as Json]));
}

const byEnv = { dev: stacksOf("dev"), prod: stacksOf("prod") };
const list = <T>(v: T | T[] | undefined): T[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function entries(json: Json, type: string): [string, Block][] {
  return Object.entries(json.resource[type] ?? {});
}

type Criterion = { metric_name: string; metric_namespace: string; dimension?: { name: string; operator: string; values: string[] }[] };

/** Metric alerts on `scope` for `metric`, each notifying the stack's action group. */
function metricAlerts(json: Json, scope: string, metric: string): Block[] {
  const [actionGroup] = entries(json, "azurerm_monitor_action_group");
  return entries(json, "azurerm_monitor_metric_alert")
    .map(([, a]) => a)
    .filter((a) => list(a.scopes as string[]).includes(scope))
    .filter((a) => list(a.criteria as Criterion[]).some((c) => c.metric_name === metric))
    .filter((a) =>
      list(a.action as { action_group_id: string }[]).some((x) => x.action_group_id === ref("azurerm_monitor_action_group", actionGroup[0]))
    );
}

function dimensionValues(alert: Block, dimension: string): string[] {
  return list(alert.criteria as Criterion[]).flatMap((c) =>
    list(c.dimension)
      .filter((d) => d.name === dimension && d.operator === "Include")
      .flatMap((d) => d.values)
  );
}

describe.each(["dev", "prod"] as const)("alerts of the %s stacks", (env) => {
  const stacks = byEnv[env];

  test.each([...stacks.keys()])("%s: an action group with the environment's e-mail receiver", (name) => {
    const groups = entries(stacks.get(name) as Json, "azurerm_monitor_action_group");
    expect(groups).toHaveLength(1);
    expect(list(groups[0][1].email_receiver as { email_address: string }[]).map((r) => r.email_address)).toEqual([
      env === "dev" ? "integration-dev@contoso.example" : "integration-oncall@contoso.example",
    ]);
  });

  test.each([...stacks.keys()])("%s: every queue and every subscription (through its topic) has a dead-letter alert naming it", (name) => {
    const json = stacks.get(name) as Json;
    const topics = new Map(entries(json, "azurerm_servicebus_topic"));
    const sources: { entity: string; namespaceId: unknown }[] = [
      ...entries(json, "azurerm_servicebus_queue").map(([, q]) => ({ entity: q.name as string, namespaceId: q.namespace_id })),
      ...entries(json, "azurerm_servicebus_subscription").map(([, s]) => {
        const topicKey = /^\$\{azurerm_servicebus_topic\.([\w-]+)\.id\}$/.exec(s.topic_id as string)?.[1] as string;
        const topic = topics.get(topicKey) as Block;
        return { entity: topic.name as string, namespaceId: topic.namespace_id };
      }),
    ];
    for (const { entity, namespaceId } of sources) {
      const alerts = metricAlerts(json, namespaceId as string, "DeadletteredMessages");
      expect({ entity, named: alerts.some((a) => dimensionValues(a, "EntityName").includes(entity)) }).toEqual({ entity, named: true });
    }
  });

  test.each([...stacks.keys()])("%s: every workflow, API Management, factory, Event Grid topic and function app has its failure alerts", (name) => {
    const json = stacks.get(name) as Json;
    const expectations: [string, string[]][] = [
      ["azurerm_logic_app_workflow", ["RunsFailed"]],
      ["azurerm_api_management", ["Requests", "Capacity"]],
      ["azurerm_data_factory", ["PipelineFailedRuns", "TriggerFailedRuns"]],
      ["azurerm_eventgrid_topic", ["DroppedEventCount", "DeadLetteredCount"]],
      ["azurerm_eventgrid_system_topic", ["DroppedEventCount", "DeadLetteredCount"]],
      ["azurerm_eventgrid_domain", ["DroppedEventCount", "DeadLetteredCount"]],
    ];
    let watched = 0;
    for (const [type, metrics] of expectations) {
      for (const [key] of entries(json, type)) {
        for (const metric of metrics) {
          expect({ resource: `${type}.${key}`, metric, alerts: metricAlerts(json, ref(type, key), metric).length }).toEqual({
            resource: `${type}.${key}`,
            metric,
            alerts: 1,
          });
          watched++;
        }
      }
    }
    const [apim] = entries(json, "azurerm_api_management");
    if (apim)
      expect(dimensionValues(metricAlerts(json, ref("azurerm_api_management", apim[0]), "Requests")[0], "GatewayResponseCodeCategory")).toEqual([
        "5xx",
      ]);
    const queries = entries(json, "azurerm_monitor_scheduled_query_rules_alert_v2").map(([, q]) => q);
    for (const type of ["azurerm_linux_function_app", "azurerm_function_app_flex_consumption"]) {
      for (const [, app] of entries(json, type)) {
        const failing = queries.filter((q) =>
          list(q.criteria as { query: string }[]).some(
            (c) => c.query.includes(`AppRoleName =~ "${app.name as string}"`) && c.query.includes("Success == false")
          )
        );
        expect({ app: app.name, alerts: failing.length }).toEqual({ app: app.name, alerts: 1 });
        watched++;
      }
    }
    // Standard workflows (message-broker in prod) have no platform run metric: a log alert on their runtime table.
    for (const [key] of entries(json, "azurerm_logic_app_standard")) {
      const failing = queries.filter((q) =>
        list(q.criteria as { query: string }[]).some((c) => c.query.includes(`_ResourceId =~ "\${azurerm_logic_app_standard.${key}.id}"`) && c.query.includes('Status == "Failed"')),
      );
      expect({ app: key, alerts: failing.length }).toEqual({ app: key, alerts: 1 });
      expect(failing[0].skip_query_validation).toBe(true); // its table exists only after the first run
      watched++;
    }
    expect(watched).toBeGreaterThan(0);
  });
});

/** message-broker-prod as MessageBrokerStack builds it, with the pattern's alerts off. */
class BrokerWithoutAlerts extends PatternStack {
  constructor(scope: Construct, environment: Environment) {
    super(scope, "message-broker", environment);
    const plan = this.addressPlan as NonNullable<PatternStack["addressPlan"]>;
    new MessageBroker(this, "MessageBroker", {
      alerts: false,
      apiPublisher: environment.apiPublisher,
      shippingWebhookUrl: new TerraformVariable(this, "shipping_webhook_url", { type: "string", sensitive: true }).stringValue,
      apiManagementSubnetPrefix: plan.subnets.apiManagement,
      ingress: { subnetPrefix: plan.subnets.applicationGateway },
    });
  }
}

test("without alerts, message-broker-prod warns AIC-MON-005 on its queue and each subscription (the rule fires before the alerts exist)", () => {
  const stack = new BrokerWithoutAlerts(Testing.app(), loadEnvironment(CONFIG_DIR, "prod"));
  Testing.synth(stack);
  const errors = stack.policy
    .report()
    .findings.filter((f) => f.ruleId === "AIC-MON-005" && !f.suppressed)
    .map((f) => f.resourceType)
    .sort();
  expect(errors).toEqual(["azurerm_servicebus_queue", "azurerm_servicebus_subscription", "azurerm_servicebus_subscription"]);
});

test("without alerts, message-broker-prod warns AIC-MON-006 and AIC-MON-007 on each failure signal's source", () => {
  const stack = new BrokerWithoutAlerts(Testing.app(), loadEnvironment(CONFIG_DIR, "prod"));
  Testing.synth(stack);
  const unwatched = stack.policy
    .report()
    .findings.filter((f) => (f.ruleId === "AIC-MON-006" || f.ruleId === "AIC-MON-007") && !f.suppressed)
    .map((f) => `${f.ruleId} ${f.resourceType}`)
    .sort();
  expect(unwatched).toEqual([
    "AIC-MON-006 azurerm_api_management",
    "AIC-MON-006 azurerm_eventgrid_topic",
    "AIC-MON-007 azurerm_linux_function_app",
    "AIC-MON-007 azurerm_logic_app_standard",
  ]);
});
