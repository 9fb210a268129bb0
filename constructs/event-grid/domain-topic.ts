import { Construct, IConstruct } from "constructs";
import { EventgridDomainTopic } from "@cdktf/provider-azurerm/lib/eventgrid-domain-topic";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridPublisher } from "./imported";
import { SubscriptionTarget } from "./source";

// core candidate: NAMING_RULES.eventGridDomainTopic (3-128 letters, digits and hyphens; azurerm schema).
const DOMAIN_TOPIC_NAME = /^[A-Za-z0-9-]{3,128}$/;

/** The domain a domain topic belongs to. */
export interface EventGridDomainTopicProps {
  readonly domainName: string;
  readonly resourceGroupName: string;
  /** Subscriptions inherit the domain's input schema and identities. */
  readonly domainTarget: SubscriptionTarget;
  /** Domain topic name, 3-128 letters, digits and hyphens. */
  readonly name: string;
}

/**
 * A topic of an {@link EventGridDomain}, created with `domain.addTopic(name)`. Events are published
 * to the domain's endpoint with this topic's name; subscriptions and publish grants can be scoped
 * to the topic alone, e.g. one tenant's handlers.
 */
export class EventGridDomainTopic extends Construct implements IEventGridPublisher {
  public readonly resource: EventgridDomainTopic;
  public readonly id: string;
  public readonly name: string;
  public readonly subscriptionTarget: SubscriptionTarget;

  constructor(scope: Construct, id: string, props: EventGridDomainTopicProps) {
    super(scope, id);
    validateDomainTopicName(this, props.name);
    this.resource = new EventgridDomainTopic(this, "Resource", {
      name: props.name,
      domainName: props.domainName,
      resourceGroupName: props.resourceGroupName,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.subscriptionTarget = { ...props.domainTarget, kind: "domainTopic" };
  }

  /** Adds event subscription `name` on this topic only (construct id `Subscription-<name>`). */
  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }

  /** Lets `principal` publish events to this topic only (EventGrid Data Sender on the domain topic). */
  public grantPublish(principal: IPrincipal): RoleAssignment {
    return grantRole(this, this.id, BuiltInRole.eventGridDataSender, principal);
  }
}

/** Throws when a domain topic name breaks Azure's rule; tokens are skipped. */
export function validateDomainTopicName(scope: IConstruct, name: string): void {
  if (!isUnresolved(name) && !DOMAIN_TOPIC_NAME.test(name)) {
    invalid(scope, {
      field: "topic name",
      value: name,
      rule: "breaks the Event Grid domain topic naming rule",
      fix: "use 3-128 letters, digits and hyphens",
    });
  }
}
