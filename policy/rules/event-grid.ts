import { equals, present } from "../checks";
import { PolicyRule } from "../types";
import { RuleTarget, sharedRules } from "./common";

const TOPICS = ["azurerm_eventgrid_topic", "azurerm_eventgrid_domain"];
const WITH_SYSTEM_TOPICS: RuleTarget = {
  resourceTypes: [...TOPICS, "azurerm_eventgrid_system_topic"],
  what: "Event Grid topics, domains and system topics",
};
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
  // A system topic has logs and an identity, but no endpoint of its own.
  ...sharedRules("EG", TOPICS, "Event Grid topics and domains", {
    diagnostics: { target: WITH_SYSTEM_TOPICS },
    privateEndpoint: true,
    publicAccess: true,
    identity: { target: WITH_SYSTEM_TOPICS },
  }),
];
