import { StackJson } from "./synth";

// A model of Service Bus subscription rules, to check which subscriptions a message reaches,
// offline. Correlation filters: every property the filter sets must equal the message's, strings
// compared case-sensitively (https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.administration.correlationrulefilter).
// A subscription delivers a message when any of its rules matches
// (https://learn.microsoft.com/azure/service-bus-messaging/topic-filters).

/** A message as a sender sets it: system properties (Azure.Messaging.ServiceBus names) and application properties. */
export interface ServiceBusTestMessage {
  readonly correlationId?: string;
  readonly messageId?: string;
  readonly to?: string;
  readonly replyTo?: string;
  readonly subject?: string;
  readonly sessionId?: string;
  readonly replyToSessionId?: string;
  readonly contentType?: string;
  readonly applicationProperties?: Readonly<Record<string, string | number | boolean>>;
}

/** A rule as synthesized (snake_case attributes of azurerm_servicebus_subscription_rule). */
export interface SynthesizedRule {
  readonly name: string;
  readonly subscription_id: string;
  readonly filter_type: "SqlFilter" | "CorrelationFilter";
  readonly sql_filter?: string;
  readonly correlation_filter?: Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[];
}

// azurerm's correlation_filter attributes and the message property each one matches
// (`label` is the subject; azurerm @v4.55.0:internal/services/servicebus/servicebus_subscription_rule_resource.go).
const SYSTEM_PROPERTIES: Readonly<Record<string, keyof ServiceBusTestMessage>> = {
  correlation_id: "correlationId",
  message_id: "messageId",
  to: "to",
  reply_to: "replyTo",
  label: "subject",
  session_id: "sessionId",
  reply_to_session_id: "replyToSessionId",
  content_type: "contentType",
};

/** Every subscription rule in a stack's synthesized JSON (see `synthJson`). */
export function serviceBusRules(json: StackJson): SynthesizedRule[] {
  return Object.values((json.resource?.azurerm_servicebus_subscription_rule ?? {}) as Record<string, SynthesizedRule>);
}

/**
 * Whether a correlation-filter rule matches `message`. SQL filters are refused with an error rather than
 * guessed: test them against a real namespace or the Service Bus emulator.
 */
export function serviceBusRuleMatches(rule: SynthesizedRule, message: ServiceBusTestMessage): boolean {
  if (rule.filter_type !== "CorrelationFilter") {
    throw new Error(`rule ${rule.name}: only correlation filters are modelled; test the SQL filter "${rule.sql_filter}" against Service Bus`);
  }
  const filter = (Array.isArray(rule.correlation_filter) ? rule.correlation_filter[0] : rule.correlation_filter) ?? {};
  for (const [attribute, expected] of Object.entries(filter)) {
    if (expected === undefined || expected === null) continue;
    if (attribute === "properties") {
      for (const [name, value] of Object.entries(expected as Record<string, unknown>)) {
        if (String(message.applicationProperties?.[name]) !== String(value) || message.applicationProperties?.[name] === undefined) return false;
      }
    } else if (message[SYSTEM_PROPERTIES[attribute]] !== expected) return false;
  }
  return true;
}
