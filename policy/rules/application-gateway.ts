import { all, either, equals, oneOf, present, valueAt } from "../checks";
import { PolicyRule } from "../types";
import { sharedRules } from "./common";

const GATEWAY = ["azurerm_application_gateway"];
const WAF_POLICY = ["azurerm_web_application_firewall_policy"];
/** The predefined policies with TLS 1.2 as minimum (Learn "Application Gateway TLS policy overview"). */
const TLS12_POLICIES = ["AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

export const APPLICATION_GATEWAY_RULES: PolicyRule[] = [
  {
    id: "AIC-AGW-001",
    level: "error",
    resourceTypes: GATEWAY,
    title: "Application Gateways run the WAF_v2 tier with a WAF policy attached",
    remediation: "use the ApplicationGateway construct (WAF_v2, `firewall_policy_id`)",
    check: all(equals("sku.tier", "WAF_v2"), present("firewall_policy_id")),
  },
  {
    id: "AIC-AGW-002",
    level: "error",
    resourceTypes: GATEWAY,
    title: "Application Gateway listeners accept TLS 1.2 and later only",
    remediation: "keep `sslPolicyName` AppGwSslPolicy20220101S (or AppGwSslPolicy20220101), or a custom policy with `min_protocol_version` TLSv1_2",
    check: either(
      all(equals("ssl_policy.policy_type", "Predefined"), oneOf("ssl_policy.policy_name", TLS12_POLICIES)),
      all(oneOf("ssl_policy.policy_type", ["Custom", "CustomV2"]), oneOf("ssl_policy.min_protocol_version", ["TLSv1_2", "TLSv1_3"]))
    ),
  },
  {
    id: "AIC-AGW-003",
    level: "error",
    resourceTypes: WAF_POLICY,
    title: "WAF policies are enabled and apply a managed rule set (OWASP 3.2 or Microsoft_DefaultRuleSet 2.1)",
    remediation: "keep the ApplicationGateway `managedRuleSet` default and `policy_settings.enabled`",
    // azurerm @v4.55.0:website/docs/r/web_application_firewall_policy.html.markdown: enabled defaults to true.
    check: all(equals("policy_settings.enabled", true, true), ({ config }) => {
      const set = valueAt(config, "managed_rules.managed_rule_set");
      const sets = Array.isArray(set) ? set : set === undefined ? [] : [set];
      return sets.some((s) => (s as Record<string, unknown>).type !== "Microsoft_BotManagerRuleSet");
    }),
  },
  {
    id: "AIC-AGW-004",
    level: "error",
    resourceTypes: WAF_POLICY,
    profiles: ["prod"],
    title: "WAF policies block (Prevention mode) in prod",
    remediation: 'keep the prod default `wafMode: "Prevention"` (Detection only logs)',
    // azurerm @v4.55.0: mode defaults to Prevention.
    check: equals("policy_settings.mode", "Prevention", true),
  },
  ...sharedRules("AGW", GATEWAY, "Application Gateways", { diagnostics: true }),
];
