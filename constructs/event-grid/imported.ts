import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IResourceGroup, IntegrationContext } from "../core/context";
import { GrantTargetClass } from "../core/data-grants";
import { ImportedResource } from "../core/imported-resource";
import { BuiltInRole, BuiltInRoleName, Grantee, grantRole } from "../core/grants";
import { parseResourceId, resourceIdOf } from "../core/resource-id";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridSource, SubscriptionTarget } from "./source";

/** A source events can be subscribed to, ours or imported. */
export interface IEventGridSubscribable extends IEventGridSource {
  /** Adds event subscription `name` (the Azure name; construct id `Subscription-<name>`). */
  addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription;
  /** Grants any role (built-in or custom, by name) on the source. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/** A custom topic, domain or domain topic: subscribable, and publishers can be granted the right to send. */
export interface IEventGridPublisher extends IEventGridSubscribable {
  /** Lets `grantee` publish events (EventGrid Data Sender). */
  grantPublish(grantee: Grantee): RoleAssignment;
}

/**
 * `Base` with `grantPublish` on `this.id`: the one implementation for topics, domains, domain
 * topics and their imports.
 */
export function withPublishGrant<TBase extends GrantTargetClass>(Base: TBase) {
  abstract class PublishGrant extends Base {
    /** Lets `grantee` publish events (EventGrid Data Sender on this resource; on a domain, to every topic of it). */
    public grantPublish(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, BuiltInRole.eventGridDataSender, grantee);
    }
  }
  return PublishGrant;
}

/** Resource types of the Event Grid sources that can be imported, as `parseResourceId` takes them. */
export const EVENT_GRID_TYPES = {
  topic: "Microsoft.EventGrid/topics",
  domain: "Microsoft.EventGrid/domains",
  systemTopic: "Microsoft.EventGrid/systemTopics",
} as const;

/**
 * An existing topic, domain or system topic, by id (checked when it is a literal; a system topic
 * needs a literal id, as its subscriptions address it by name and resource group). Its identities
 * are unknown here, so subscriptions get no default delivery identity.
 */
export class ImportedEventGridSource extends ImportedResource implements IEventGridSubscribable {
  public readonly subscriptionTarget: SubscriptionTarget;

  constructor(scope: Construct, constructId: string, resourceId: string, kind: keyof typeof EVENT_GRID_TYPES) {
    const systemTopic = kind === "systemTopic";
    let target: SubscriptionTarget = { kind };
    super(scope, constructId, (self) => {
      const parsed = parseResourceId(self, resourceId, EVENT_GRID_TYPES[kind], { literalRequired: systemTopic });
      if (systemTopic) target = { kind, systemTopic: { resourceGroupName: parsed.resourceGroupName, name: parsed.name } };
      return { id: resourceId, name: parsed.name, resourceGroupName: parsed.resourceGroupName };
    });
    this.subscriptionTarget = target;
  }

  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }
}

/** An existing custom topic or domain. */
export class ImportedEventGridPublisher extends withPublishGrant(ImportedEventGridSource) implements IEventGridPublisher {}

/** The id of an Event Grid `kind` named `name` in `resourceGroup` or the IntegrationContext's. */
export function eventGridIdOf(scope: Construct, kind: keyof typeof EVENT_GRID_TYPES, name: string, resourceGroup?: IResourceGroup): string {
  return resourceIdOf(IntegrationContext.resourceGroup(scope, resourceGroup).id, EVENT_GRID_TYPES[kind], [name]);
}
