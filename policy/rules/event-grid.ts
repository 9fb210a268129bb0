import { equals, present } from "../checks";
import { PolicyRule } from "../types";
import { diagnosticsRule, identityRule, prodPrivateEndpointRule, prodPublicAccessRule } from "./common";

const TOPICS = ["azurerm_eventgrid_topic", "azurerm_eventgrid_domain"];
const SUBSCRIPTIONS = ["azurerm_eventgrid_event_subscription", "azurerm_eventgrid_system_topic_event_subscription"];

export const EVENT_GRID_RULES: PolicyRule[] = [
  {
    id: "AIC-EG-001",
    level: "error",
    resourceTypes: TOPICS,
    title: "Event Grid topics and domains disable access keys (local auth)",
    remediation: "keep `local_auth_enabled` false; publishers use `grantPublish`",
    check: equals("local_auth_enabled", false),
  },
  {
    id: "AIC-EG-002",
    level: "warning",
    resourceTypes: SUBSCRIPTIONS,
    title: "Event Grid subscriptions dead-letter undeliverable events to storage",
    remediation: "pass `deadLetter: { storageAccountId, containerName }`",
    check: present("storage_blob_dead_letter_destination"),
  },
  {
    id: "AIC-EG-003",
    level: "warning",
    resourceTypes: SUBSCRIPTIONS,
    title: "Event Grid subscriptions state their retry policy",
    remediation: "keep the construct's explicit `retryPolicy`",
    check: present("retry_policy"),
  },
  diagnosticsRule("AIC-EG-020", [...TOPICS, "azurerm_eventgrid_system_topic"], "Event Grid topics, domains and system topics"),
  prodPrivateEndpointRule("AIC-EG-022", TOPICS, "Event Grid topics and domains"),
  prodPublicAccessRule("AIC-EG-023", TOPICS, "Event Grid topics and domains"),
  identityRule("AIC-EG-024", [...TOPICS, "azurerm_eventgrid_system_topic"], "Event Grid topics, domains and system topics"),
];
