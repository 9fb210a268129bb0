import { equals } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule, identityRule, prodLockRule, prodPrivateEndpointRule, prodPublicAccessRule } from "./common";

const NAMESPACE = ["azurerm_eventhub_namespace"];

export const EVENT_HUBS_RULES: PolicyRule[] = [
  {
    id: "AIC-EH-001",
    level: "error",
    resourceTypes: NAMESPACE,
    title: "Event Hubs namespaces disable SAS (local) authentication",
    remediation: "keep `local_authentication_enabled` false; grant with `grantSend`/`grantReceive`",
    check: equals("local_authentication_enabled", false),
  },
  {
    id: "AIC-EH-002",
    level: "error",
    resourceTypes: NAMESPACE,
    title: "Event Hubs namespaces require TLS 1.2",
    remediation: "keep `minimum_tls_version` \"1.2\"",
    check: equals("minimum_tls_version", "1.2", true),
  },
  diagnosticsRule("AIC-EH-020", NAMESPACE, "Event Hubs namespaces"),
  prodLockRule("AIC-EH-021", NAMESPACE, "Event Hubs namespaces"),
  prodPrivateEndpointRule("AIC-EH-022", NAMESPACE, "Event Hubs namespaces"),
  prodPublicAccessRule("AIC-EH-023", NAMESPACE, "Event Hubs namespaces"),
  identityRule("AIC-EH-024", NAMESPACE, "Event Hubs namespaces"),
];
