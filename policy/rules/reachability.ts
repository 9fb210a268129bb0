import { blockedMessage, judgeFlow } from "../reachability/judge";
import { FLOW_TYPE, PolicyRule } from "../types";

export const REACHABILITY_RULES: PolicyRule[] = [
  {
    id: "AIC-NET-010",
    level: "error",
    resourceTypes: [FLOW_TYPE],
    title: "Every connection the constructs record has a network path from its caller to its target",
    remediation:
      "give the caller a path: a private endpoint in its network, or a public endpoint whose firewall admits it (service tag, IP rules or a " +
      "trusted-services exception it qualifies for)",
    check: (flow, scope) => judgeFlow(flow, scope).kind !== "blocked",
    remediationFor: (flow, scope) => blockedMessage(flow, scope),
  },
];
