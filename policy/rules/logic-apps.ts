import { noSecretsIn, present } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule, identityRule } from "./common";

const WORKFLOW = ["azurerm_logic_app_workflow"];

export const LOGIC_APPS_RULES: PolicyRule[] = [
  { id: "AIC-LA-001", level: "warning", resourceTypes: WORKFLOW, profiles: ["prod"], title: "Logic App triggers accept calls only from known callers in prod", remediation: "pass `allowedCallerIpRanges` (e.g. API Management's) or `triggerAuthentication`", check: present("access_control.trigger") },
  { id: "AIC-LA-002", level: "error", resourceTypes: ["azurerm_api_connection"], title: "API connections hold no literal keys, passwords or connection strings", remediation: "use `addConnection(name, { managedIdentity: true })`", check: noSecretsIn("parameter_values") },
  diagnosticsRule("AIC-LA-020", WORKFLOW, "Logic App workflows"),
  identityRule("AIC-LA-024", WORKFLOW, "Logic App workflows"),
];
