import { atLeast, equals } from "../checks";
import { PolicyRule } from "../types";
import { sharedRules } from "./common";

const NAMESPACE = ["azurerm_servicebus_namespace"];
const ENTITIES = ["azurerm_servicebus_queue", "azurerm_servicebus_subscription"];

export const SERVICE_BUS_RULES: PolicyRule[] = [
  {
    id: "AIC-SB-001",
    level: "error",
    resourceTypes: NAMESPACE,
    title: "Service Bus namespaces disable SAS (local) authentication",
    remediation: "keep `local_auth_enabled` false; grant with `grantSend`/`grantReceive`",
    check: equals("local_auth_enabled", false),
  },
  {
    id: "AIC-SB-002",
    level: "error",
    resourceTypes: NAMESPACE,
    title: "Service Bus namespaces require TLS 1.2",
    remediation: "keep `minimum_tls_version` \"1.2\"",
    check: equals("minimum_tls_version", "1.2", true),
  },
  {
    id: "AIC-SB-003",
    level: "warning",
    resourceTypes: NAMESPACE,
    profiles: ["prod"],
    title: "Service Bus namespaces are Premium in prod (private endpoints, zone redundancy, isolation)",
    remediation: "use `sku: \"Premium\"` (the prod default)",
    check: equals("sku", "Premium"),
  },
  {
    id: "AIC-SB-004",
    level: "warning",
    resourceTypes: ENTITIES,
    title: "Service Bus queues and subscriptions dead-letter expired messages",
    remediation: "keep `deadLetteringOnMessageExpiration` true",
    check: equals("dead_lettering_on_message_expiration", true),
  },
  {
    id: "AIC-SB-005",
    level: "warning",
    resourceTypes: ENTITIES,
    title: "Service Bus queues and subscriptions retry a bounded number of times before dead-lettering",
    remediation: "set `maxDeliveryCount` (default 10)",
    check: atLeast("max_delivery_count", 1, true),
  },
  {
    id: "AIC-SB-006",
    level: "warning",
    resourceTypes: ["azurerm_servicebus_subscription"],
    title: "Service Bus subscriptions dead-letter messages whose filters fail",
    remediation: "keep `deadLetteringOnFilterEvaluationError` true",
    check: equals("dead_lettering_on_filter_evaluation_error", true, true),
  },
  ...sharedRules("SB", NAMESPACE, "Service Bus namespaces", {
    diagnostics: true,
    lock: true,
    privateEndpoint: true,
    publicAccess: true,
    identity: true,
  }),
];
