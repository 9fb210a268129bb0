import { equals } from "../checks";
import { PolicyRule } from "../types";
import { sharedRules } from "./common";

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
  ...sharedRules("EH", NAMESPACE, "Event Hubs namespaces", {
    diagnostics: true,
    lock: true,
    privateEndpoint: true,
    publicAccess: true,
    identity: true,
  }),
];
