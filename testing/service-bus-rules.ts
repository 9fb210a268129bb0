import { SqlExpression, SqlPredicate, SqlValue, parseSqlFilter } from "../constructs/core/sql-filter";
import type { ServiceBusSystemProperties } from "../constructs/core/message-properties";
import { StackJson } from "./synth";

// A model of Service Bus subscription rules, to check which subscriptions a message reaches,
// offline. Correlation filters: every property the filter sets must equal the message's, strings
// compared case-sensitively (https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.administration.correlationrulefilter).
// SQL filters: the documented grammar and its three-valued logic: a user property the message lacks
// is unknown, a comparison with unknown is unknown, and only true matches; a system property that
// does not exist is an error (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter).
// A subscription delivers a message when any of its rules matches
// (https://learn.microsoft.com/azure/service-bus-messaging/topic-filters).

/** A message as a sender sets it: system properties (Azure.Messaging.ServiceBus names) and application properties. */
export interface ServiceBusTestMessage extends ServiceBusSystemProperties {
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

/** Whether `rule` (a correlation or SQL filter) matches `message`. */
export function serviceBusRuleMatches(rule: SynthesizedRule, message: ServiceBusTestMessage): boolean {
  if (rule.filter_type === "SqlFilter") return sqlFilterMatches(rule.sql_filter ?? "1=1", message);
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

/**
 * Whether the Service Bus SQL filter `filter` matches `message`. Unverified against the broker:
 * string comparison is ordinal and case-sensitive, system property names are case-insensitive and
 * user property names exact, and values of different types never compare (unknown).
 */
export function sqlFilterMatches(filter: string, message: ServiceBusTestMessage): boolean {
  let predicate: SqlPredicate;
  try {
    predicate = parseSqlFilter(filter);
  } catch (e) {
    throw new Error(`SQL filter "${filter}" is not Service Bus SQL: ${(e as Error).message}`);
  }
  return truth(predicate, message, filter) === true;
}

// The broker's system properties (sys.<name>) and the test message field each reads; the rest exist but are null here.
const SQL_SYSTEM_PROPERTIES: Readonly<Record<string, keyof ServiceBusTestMessage | undefined>> = {
  messageid: "messageId", correlationid: "correlationId", to: "to", replyto: "replyTo", label: "subject", subject: "subject",
  sessionid: "sessionId", replytosessionid: "replyToSessionId", contenttype: "contentType", deliverycount: undefined,
  sequencenumber: undefined, enqueuedtimeutc: undefined, scheduledenqueuetimeutc: undefined, timetolive: undefined,
  expiresatutc: undefined, lockeduntilutc: undefined, size: undefined, partitionkey: undefined,
};

type Truth = boolean | undefined;

function truth(p: SqlPredicate, message: ServiceBusTestMessage, filter: string): Truth {
  const value = (e: SqlExpression) => evaluate(e, message, filter);
  switch (p.kind) {
    case "and": {
      const [l, r] = [truth(p.left, message, filter), truth(p.right, message, filter)];
      return l === false || r === false ? false : l === true && r === true ? true : undefined;
    }
    case "or": {
      const [l, r] = [truth(p.left, message, filter), truth(p.right, message, filter)];
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    case "not": {
      const t = truth(p.operand, message, filter);
      return t === undefined ? undefined : !t;
    }
    case "compare":
      return compare(p.op, value(p.left), value(p.right));
    case "isNull": {
      const isNull = value(p.operand) == null;
      return p.negated ? !isNull : isNull;
    }
    case "in": {
      const v = value(p.operand);
      if (v == null) return undefined;
      const found = p.list.some((e) => compare("=", v, value(e)) === true);
      return p.negated ? !found : found;
    }
    case "like": {
      const v = value(p.operand);
      if (typeof v !== "string") return undefined;
      const found = likePattern(p.pattern, p.escape).test(v);
      return p.negated ? !found : found;
    }
    case "exists":
      return value(p.property) !== undefined;
    case "value": {
      const v = value(p.operand);
      return typeof v === "boolean" ? v : undefined;
    }
  }
}

function compare(op: string, l: SqlValue, r: SqlValue): Truth {
  if (l == null || r == null || typeof l !== typeof r) return undefined;
  if (typeof l === "boolean" && op !== "=" && op !== "<>") return undefined;
  switch (op) {
    case "=":
      return l === r;
    case "<>":
      return l !== r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
    case "<":
      return l < r;
    default:
      return l <= r;
  }
}

function evaluate(e: SqlExpression, message: ServiceBusTestMessage, filter: string): SqlValue {
  switch (e.kind) {
    case "constant":
      return e.value;
    case "property":
      return propertyValue(e.scope, e.name, message, filter);
    case "negate": {
      const v = evaluate(e.operand, message, filter);
      return typeof v === "number" ? -v : undefined;
    }
    case "arithmetic": {
      const [l, r] = [evaluate(e.left, message, filter), evaluate(e.right, message, filter)];
      if (typeof l !== "number" || typeof r !== "number") return undefined;
      return e.op === "+" ? l + r : e.op === "-" ? l - r : e.op === "*" ? l * r : e.op === "/" ? l / r : l % r;
    }
    case "function": {
      const [arg] = e.args;
      if (e.name === "property" && arg) {
        const name = evaluate(arg, message, filter);
        return typeof name === "string" ? propertyValue("user", name, message, filter) : undefined;
      }
      throw new Error(`SQL filter "${filter}": ${e.name}() is not modelled (newid() is random); test this rule against Service Bus`);
    }
  }
}

function propertyValue(scope: "sys" | "user", name: string, message: ServiceBusTestMessage, filter: string): SqlValue {
  if (scope === "user") return message.applicationProperties?.[name];
  const key = name.toLowerCase();
  if (!(key in SQL_SYSTEM_PROPERTIES)) {
    throw new Error(
      `SQL filter "${filter}": sys.${name} is not a system property (Service Bus fails the rule); use one of sys.Label, sys.MessageId, ` +
        `sys.CorrelationId, ...`,
    );
  }
  const field = SQL_SYSTEM_PROPERTIES[key];
  return (field && (message[field] as string | undefined)) ?? null;
}

/** LIKE's pattern as a regular expression: % any run, _ one character, the escape character taking the next literally. */
function likePattern(pattern: string, escape?: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escape && c === escape && i + 1 < pattern.length) source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (c === "%") source += "[\\s\\S]*";
    else if (c === "_") source += "[\\s\\S]";
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
