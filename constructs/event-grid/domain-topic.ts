import { Construct } from "constructs";
import { EventgridDomainTopic } from "@cdktf/provider-azurerm/lib/eventgrid-domain-topic";
import { GrantableResource } from "../core/imported-resource";
import { validateName } from "../core/naming";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridPublisher, withPublishGrant } from "./imported";
import { SubscriptionTarget } from "./source";

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
export class EventGridDomainTopic extends withPublishGrant(GrantableResource) implements IEventGridPublisher {
  public readonly resource: EventgridDomainTopic;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly subscriptionTarget: SubscriptionTarget;

  constructor(scope: Construct, id: string, props: EventGridDomainTopicProps) {
    super(scope, id);
    validateName(this, "eventGridDomainTopic", props.name, "topic name");
    this.resource = new EventgridDomainTopic(this, "Resource", {
      name: props.name,
      domainName: props.domainName,
      resourceGroupName: props.resourceGroupName,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = props.resourceGroupName;
    this.subscriptionTarget = { ...props.domainTarget, kind: "domainTopic" };
  }

  /** Adds event subscription `name` on this topic only (construct id `Subscription-<name>`). */
  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }
}
