import { IConstruct } from "constructs";
import { ServicebusSubscriptionRuleConfig } from "@cdktf/provider-azurerm/lib/servicebus-subscription-rule";
import type { ServiceBusSystemProperties } from "../core/message-properties";
import { sqlFilterError } from "../core/sql-filter";

const SQL_FILTER_SYNTAX = "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-sql-filter";
import { invalid, isUnresolved } from "../core/errors";

/** Matches messages on system and user properties by equality (cheaper than SQL). At least one field. */
export interface CorrelationFilter extends ServiceBusSystemProperties {
  /** Application properties that must all equal these values. @default none */
  readonly properties?: Readonly<Record<string, string>>;
}

/** A subscription rule: exactly one of `sqlFilter` or `correlationFilter`, and an optional action. */
export interface SubscriptionRuleOptions {
  /** SQL-92 filter over message properties, e.g. `priority > 5` (1-1024 characters). @default none */
  readonly sqlFilter?: string;
  /** Equality filter over message properties. @default none */
  readonly correlationFilter?: CorrelationFilter;
  /** SQL action that changes the matched message's properties, e.g. `SET routed = 1`. @default none */
  readonly action?: string;
}

type RuleFilter = Pick<ServicebusSubscriptionRuleConfig, "filterType" | "sqlFilter" | "correlationFilter" | "action">;

/** Validates a rule and returns its azurerm filter settings. */
export function ruleFilter(scope: IConstruct, ruleName: string, options: SubscriptionRuleOptions): RuleFilter {
  const field = `rule "${ruleName}"`;
  const { sqlFilter, correlationFilter, action } = options;
  if ((sqlFilter === undefined) === (correlationFilter === undefined)) {
    invalid(scope, {
      field,
      rule: sqlFilter === undefined ? "has no filter" : "has both sqlFilter and correlationFilter",
      fix: "give each rule exactly one of sqlFilter or correlationFilter",
    });
  }
  if (action !== undefined && !isUnresolved(action) && action.trim() === "") {
    invalid(scope, {
      field: `${field} action`,
      value: action,
      rule: "is empty",
      fix: "write a SQL action such as SET routed = 1, or leave action out",
    });
  }
  if (sqlFilter !== undefined) {
    if (!isUnresolved(sqlFilter) && (sqlFilter.trim() === "" || sqlFilter.length > 1024)) {
      invalid(scope, {
        field: `${field} sqlFilter`,
        value: sqlFilter.length > 1024 ? `${sqlFilter.slice(0, 20)}...` : sqlFilter,
        rule: sqlFilter.length > 1024 ? `is ${sqlFilter.length} characters; a SQL filter has at most 1024` : "is empty",
        fix: "write a SQL filter of 1-1024 characters, e.g. priority > 5",
      });
    }
    const syntax = isUnresolved(sqlFilter) ? undefined : sqlFilterError(sqlFilter);
    if (syntax) {
      invalid(scope, {
        field: `${field} sqlFilter`,
        value: sqlFilter,
        rule: `is not Service Bus SQL: ${syntax.message}`,
        fix: `${syntax.hint ?? "write a predicate of the SQL filter syntax"} (${SQL_FILTER_SYNTAX})`,
      });
    }
    return { filterType: "SqlFilter", sqlFilter, action };
  }
  const filter = correlationFilter as CorrelationFilter;
  const { subject, properties, ...system } = filter;
  const hasSystem = Object.values({ ...system, subject }).some((v) => v !== undefined);
  if (!hasSystem && Object.keys(properties ?? {}).length === 0) {
    invalid(scope, {
      field: `${field} correlationFilter`,
      rule: "matches on nothing",
      fix: "set at least one of its fields, e.g. { subject: \"order-created\" } or { properties: { region: \"eu\" } }",
    });
  }
  return {
    filterType: "CorrelationFilter",
    correlationFilter: { ...system, label: subject, properties: properties ? { ...properties } : undefined },
    action,
  };
}
