import { Testing } from "cdktf";
import { loadEnvironment } from "../../../config/environment";
import { SECRET_LITERAL } from "../../../policy/checks";
import { MessageBrokerStack } from "../../../stacks/message-broker-stack";
import { Json } from "../../helpers";
import { CONFIG } from "./fixtures";

describe.each(["dev", "prod"] as const)("MessageBrokerStack (%s)", (name) => {
  const environment = loadEnvironment(CONFIG, name);
  const stack = new MessageBrokerStack(Testing.app(), environment);
  const json: Json = JSON.parse(Testing.synth(stack));

  test("synthesizes with cdktf's validations and ours (function bindings, policy named values, workflow connections)", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("passes the policy pack with no unsuppressed error", () => {
    const report = stack.policy.report();
    expect(report.findings.filter((f) => f.level === "error" && !f.suppressed).map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
    expect(report.summary).toEqual(name === "prod" ? { errors: 0, warnings: 0, suppressed: 3 } : { errors: 0, warnings: 0, suppressed: 2 });
  });

  test("the pattern stands on the stack's base: its resource group, monitoring and (prod) network", () => {
    expect(stack.broker.node.path).toBe(`message-broker-${name}/MessageBroker`);
    const workspaces = Object.keys(json.resource.azurerm_log_analytics_workspace);
    expect(workspaces).toHaveLength(1);
    for (const setting of Object.values(json.resource.azurerm_monitor_diagnostic_setting) as Json[]) {
      expect(setting.log_analytics_workspace_id).toBe(`\${azurerm_log_analytics_workspace.${workspaces[0]}.id}`);
    }
    expect(Object.keys(json.resource.azurerm_virtual_network ?? {})).toHaveLength(name === "prod" ? 1 : 0);
  });

  test("nothing secret in the JSON: no credential literal, the webhook URL only as a sensitive variable", () => {
    expect(JSON.stringify(json)).not.toMatch(SECRET_LITERAL);
    expect(Object.keys(json.variable)).toEqual(["shipping_webhook_url"]);
    expect(json.variable.shipping_webhook_url.sensitive).toBe(true);
    // Only the URLs partners (and, in prod, VNet callers) use: the function's code is deployed by cdktf deploy, not a printed command.
    expect(Object.keys(json.output).sort()).toEqual(name === "prod" ? ["apim-internal-gateway-url", "gateway-url"] : ["gateway-url"]);
    const partnerUrl = name === "prod" ? /^https:\/\/\$\{azurerm_public_ip\.MessageBroker_Ingress_Gateway_PublicIp_\w+\.fqdn\}$/ : /\.gateway_url\}$/;
    expect(json.output["gateway-url"].value).toMatch(partnerUrl);
  });

  test("deploys the expected resources", () => {
    const count = Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    // prod: + 39 for the Internal-mode injection (subnet, NSG and 8 rules, association, public IP) and the ingress (as in api-gateway);
    // the Standard app (plan, site, host storage with 4 private endpoints, package) replaces the two workflows and their connections;
    // Event Grid's dead letters go to a dedicated account (with its lock, diagnostics, blob private endpoint) so the lake is private.
    // API Management and the function app are not locked; + the encryption key, its vault and a key identity per data store.
    // + alerting: the action group, the metric alerts and the function failure log alert.
    // + the hosts' own storage services logged: queue and table of the function app's, file, queue and table of the Standard app's.
    expect(count).toBe(name === "prod" ? 201 : 79);
  });
});
