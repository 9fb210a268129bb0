import { KnownDefect, RuleTable, diagnosticsTable } from "../harness";

const WAF = { sku: { name: "WAF_v2", tier: "WAF_v2" }, firewall_policy_id: "${azurerm_web_application_firewall_policy.Waf.id}" };

export const APPLICATION_GATEWAY_TABLES: RuleTable[] = [
  {
    id: "AIC-AGW-001",
    pass: [
      { name: "WAF_v2 with a policy", config: WAF },
      { name: "sku as a one-element list", config: { ...WAF, sku: [{ name: "WAF_v2", tier: "WAF_v2" }] } },
    ],
    fail: [
      { name: "Standard_v2", config: { ...WAF, sku: { name: "Standard_v2", tier: "Standard_v2" } } },
      { name: "WAF_v2 without a policy", config: { sku: WAF.sku } },
      { name: "no sku", config: { firewall_policy_id: WAF.firewall_policy_id } },
    ],
  },
  {
    id: "AIC-AGW-002",
    pass: [
      { name: "Predefined AppGwSslPolicy20220101S", config: { ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" } } },
      {
        name: "Predefined AppGwSslPolicy20220101 (list rendering)",
        config: { ssl_policy: [{ policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101" }] },
      },
      { name: "CustomV2 with TLSv1_2", config: { ssl_policy: { policy_type: "CustomV2", min_protocol_version: "TLSv1_2" } } },
    ],
    fail: [
      {
        name: "Predefined AppGwSslPolicy20170401S (TLS 1.1)",
        config: { ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20170401S" } },
      },
      { name: "Custom with TLSv1_0", config: { ssl_policy: { policy_type: "Custom", min_protocol_version: "TLSv1_0" } } },
      { name: "no ssl_policy (the platform default depends on the API version)", config: {} },
    ],
  },
  {
    id: "AIC-AGW-003",
    pass: [
      {
        name: "enabled, OWASP 3.2",
        config: { policy_settings: { enabled: true }, managed_rules: { managed_rule_set: [{ type: "OWASP", version: "3.2" }] } },
      },
      {
        name: "enabled absent (default true), DRS 2.1",
        config: { managed_rules: [{ managed_rule_set: [{ type: "Microsoft_DefaultRuleSet", version: "2.1" }] }] },
      },
    ],
    fail: [
      { name: "disabled", config: { policy_settings: { enabled: false }, managed_rules: { managed_rule_set: [{ type: "OWASP", version: "3.2" }] } } },
      {
        name: "only the bot manager rule set",
        config: { managed_rules: { managed_rule_set: [{ type: "Microsoft_BotManagerRuleSet", version: "1.0" }] } },
      },
      { name: "no managed rules", config: { policy_settings: { enabled: true } } },
    ],
  },
  {
    id: "AIC-AGW-004",
    pass: [
      { name: "Prevention", config: { policy_settings: { mode: "Prevention" } } },
      { name: "mode absent (azurerm default Prevention)", config: { policy_settings: { enabled: true } } },
    ],
    fail: [{ name: "Detection in prod", config: { policy_settings: { mode: "Detection" } } }],
    notApplicable: [{ name: "Detection in dev (prod-only)", config: { policy_settings: { mode: "Detection" } }, profile: "dev" }],
  },
  diagnosticsTable("AIC-AGW-020"),
];

export const APPLICATION_GATEWAY_DEFECTS: KnownDefect[] = [];
