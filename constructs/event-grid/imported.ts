import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridSource, SubscriptionTarget } from "./source";

/** A source events can be subscribed to, ours or imported. */
export interface IEventGridSubscribable extends IEventGridSource {
  /** Adds event subscription `name` (the Azure name; construct id `Subscription-<name>`). */
  addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription;
}

/** A custom topic or domain: subscribable, and publishers can be granted the right to send. */
export interface IEventGridPublisher extends IEventGridSubscribable {
  /** Lets `principal` publish events (EventGrid Data Sender). */
  grantPublish(principal: IPrincipal): RoleAssignment;
}

/**
 * An existing topic, domain or system topic, by id (checked when it is a literal; a system topic
 * needs a literal id, as its subscriptions address it by name and resource group). Its identities
 * are unknown here, so subscriptions get no default delivery identity.
 */
export class ImportedEventGridSource extends Construct implements IEventGridSubscribable {
  public readonly subscriptionTarget: SubscriptionTarget;

  constructor(
    scope: Construct,
    constructId: string,
    public readonly id: string,
    kind: "topic" | "domain" | "systemTopic",
  ) {
    super(scope, constructId);
    const parsed = parseEventGridId(this, `${kind}s`, id, kind === "systemTopic");
    this.subscriptionTarget = kind === "systemTopic" ? { kind, systemTopic: parsed } : { kind };
  }

  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }
}

/** An existing custom topic or domain. */
export class ImportedEventGridPublisher extends ImportedEventGridSource implements IEventGridPublisher {
  public grantPublish(principal: IPrincipal): RoleAssignment {
    return grantRole(this, this.id, BuiltInRole.eventGridDataSender, principal);
  }
}

const ID_LABELS = { topics: "topic", domains: "domain", systemTopics: "system topic" } as const;

/**
 * Checks an Event Grid resource id and returns its resource group and name; `undefined` for a
 * token unless `literalRequired`.
 */
export function parseEventGridId(
  scope: IConstruct,
  type: keyof typeof ID_LABELS,
  resourceId: string,
  literalRequired = false,
): { resourceGroupName: string; name: string } | undefined {
  const example = `/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventGrid/${type}/<name>`;
  if (isUnresolved(resourceId)) {
    if (!literalRequired) return undefined;
    invalid(scope, {
      field: "resourceId",
      rule: "is a value known only at deploy time, but its name and resource group are needed now",
      fix: `pass the literal id (${example})`,
    });
  }
  const match = new RegExp(`^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft\\.EventGrid/${type}/([^/]+)$`, "i").exec(resourceId);
  if (!match) invalid(scope, {
    field: "resourceId",
    value: resourceId,
    rule: `is not the id of an Event Grid ${ID_LABELS[type]}`,
    fix: `use an id of the form ${example}`,
  });
  return { resourceGroupName: match[1], name: match[2] };
}
