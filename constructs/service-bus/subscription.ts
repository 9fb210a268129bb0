import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusSubscription } from "@cdktf/provider-azurerm/lib/servicebus-subscription";
import { ServicebusSubscriptionRule } from "@cdktf/provider-azurerm/lib/servicebus-subscription-rule";
import { invalid } from "../core/errors";
import { GrantableResource } from "../core/imported-resource";
import { Grantee, grantRole } from "../core/grants";
import { SERVICE_BUS_ROLES } from "./data-access";
import { EntityHost, MessageHandlingOptions, resolveMessageHandling } from "./entity-options";
import { validateRuleName } from "./names";
import { SubscriptionRuleOptions, ruleFilter } from "./subscription-rule";
import type { ServiceBusTopic } from "./topic";

/** Options of {@link ServiceBusTopic.addSubscription}. */
export interface SubscriptionOptions extends MessageHandlingOptions {
  /** Dead-letter messages whose filter fails to evaluate, instead of dropping them. @default true */
  readonly deadLetteringOnFilterEvaluationError?: boolean;
  /**
   * Filter rules by name, created as `azurerm_servicebus_subscription_rule`s with the subscription.
   * A message is delivered when any rule matches.
   *
   * The `$Default` window (azurerm #20718): Azure gives every new subscription a match-all `$Default`
   * rule, and azurerm 4.55 can neither create a subscription without it nor delete it. Until the
   * first rule is created (seconds later, in the same apply) the subscription receives every message
   * sent to the topic; #20718 reports that Resource Manager drops `$Default` once that rule exists.
   * Deploy filtered subscriptions before publishers send, or let consumers tolerate unmatched
   * messages from the first deployment. The folder's README has the details and a check.
   * @default none: every message matches (`$Default`)
   */
  readonly rules?: Readonly<Record<string, SubscriptionRuleOptions>>;
}

/** Props of {@link ServiceBusSubscription}; usually created with {@link ServiceBusTopic.addSubscription}. */
export interface ServiceBusSubscriptionProps extends SubscriptionOptions {
  /** The subscription's name (a literal: it is part of the construct id). */
  readonly name: string;
}

/**
 * A topic subscription with dead-lettering on expiry and on filter errors, 10 deliveries and a
 * one-minute lock by default, and its filter rules. Other L1 settings are reachable through
 * {@link ServiceBusSubscription.resource}.
 */
export class ServiceBusSubscription extends GrantableResource {
  public readonly resource: ServicebusSubscription;
  public readonly id: string;
  public readonly name: string;
  public readonly topic: ServiceBusTopic;
  /** The topic's namespace (a connection to the subscription uses its endpoint). */
  public readonly namespace: EntityHost;
  /** Filter rules by name. */
  public readonly rules: ReadonlyMap<string, ServicebusSubscriptionRule>;

  private readonly ruleMap = new Map<string, ServicebusSubscriptionRule>();

  constructor(scope: ServiceBusTopic, id: string, props: ServiceBusSubscriptionProps) {
    super(scope, id);
    this.topic = scope;
    this.namespace = scope.namespace;
    this.rules = this.ruleMap;
    const host: EntityHost = scope.namespace;
    const handling = resolveMessageHandling(this, host, props);

    this.resource = new ServicebusSubscription(this, "Resource", {
      name: props.name,
      topicId: scope.id,
      ...handling,
      deadLetteringOnFilterEvaluationError: props.deadLetteringOnFilterEvaluationError ?? true,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;

    for (const [name, rule] of Object.entries(props.rules ?? {})) this.addRule(name, rule);
  }

  /**
   * Adds a filter rule. A message is delivered when any rule matches. The first rule also ends the
   * `$Default` match-all window described on {@link SubscriptionOptions.rules}.
   */
  public addRule(name: string, options: SubscriptionRuleOptions): ServicebusSubscriptionRule {
    validateRuleName(this, name);
    if (this.ruleMap.has(name)) {
      invalid(this, { field: "rule name", value: name, rule: "is already defined on this subscription", fix: "add each rule once" });
    }
    const rule = new ServicebusSubscriptionRule(this, `Rule-${name}`, { name, subscriptionId: this.id, ...ruleFilter(this, name, options) });
    this.ruleMap.set(name, rule);
    return rule;
  }

  /** Receive messages from this subscription only (Azure Service Bus Data Receiver on the subscription). */
  public grantReceive(grantee: Grantee): RoleAssignment {
    return grantRole(this, this.id, SERVICE_BUS_ROLES.receive, grantee);
  }
}
