import { Construct } from "constructs";
import { IResourceGroup } from "../core/context";
import { EventgridDomain } from "@cdktf/provider-azurerm/lib/eventgrid-domain";
import { invalid, requireLiteral } from "../core/errors";
import { validateName } from "../core/naming";
import { EventGridDomainTopic } from "./domain-topic";
import { IEventGridPublisher, ImportedEventGridPublisher, eventGridIdOf } from "./imported";
import { EventGridPublisherBase, EventGridPublisherProps } from "./publisher";

export interface EventGridDomainProps extends EventGridPublisherProps {
  /** Domain topics to create (`addTopic` adds more). @default none */
  readonly topics?: readonly string[];
  /**
   * Let a subscription to an unknown domain topic create it. Off so that every topic is in code
   * (`addTopic`) and Terraform sees no resources it does not manage.
   * @default false
   */
  readonly autoCreateTopicWithFirstSubscription?: boolean;
  /** Delete a domain topic when its last subscription goes. @default false */
  readonly autoDeleteTopicWithLastSubscription?: boolean;
}

/**
 * An Event Grid domain: one endpoint and one access policy for many topics (e.g. one per tenant
 * or per consumer). Same hardening as {@link EventGridTopic}: Entra ID only, managed identity,
 * private endpoint (`domain` sub-resource) and public access off where the environment has a
 * network, no lock by default. Every other L1 setting is reachable through {@link EventGridDomain.resource}.
 */
export class EventGridDomain extends EventGridPublisherBase<EventgridDomain> {
  /** An existing domain, to subscribe to or grant publishing on. `domainId` is checked when it is a literal. */
  public static fromId(scope: Construct, id: string, domainId: string): IEventGridPublisher {
    return new ImportedEventGridPublisher(scope, id, domainId, "domain");
  }

  /** An existing domain by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IEventGridPublisher {
    return new ImportedEventGridPublisher(scope, id, eventGridIdOf(scope, "domain", name, resourceGroup), "domain");
  }

  /** Domain topics by name. */
  public readonly topics: ReadonlyMap<string, EventGridDomainTopic>;

  private readonly topicMap = new Map<string, EventGridDomainTopic>();

  constructor(scope: Construct, id: string, props: EventGridDomainProps = {}) {
    super(scope, id, props, "domain", (owner, config) =>
      new EventgridDomain(owner, "Resource", {
        ...config,
        autoCreateTopicWithFirstSubscription: props.autoCreateTopicWithFirstSubscription ?? false,
        autoDeleteTopicWithLastSubscription: props.autoDeleteTopicWithLastSubscription ?? false,
      }),
    );
    this.topics = this.topicMap;
    for (const topic of props.topics ?? []) this.addTopic(topic);
  }

  /** Adds domain topic `name` (construct id `Topic-<name>`). */
  public addTopic(name: string): EventGridDomainTopic {
    requireLiteral(this, "topic name", name);
    validateName(this, "eventGridDomainTopic", name, "topic name");
    if (this.topicMap.has(name)) {
      invalid(this, { field: "topic name", value: name, rule: "is already defined on this domain", fix: "add each domain topic once" });
    }
    const topic = new EventGridDomainTopic(this, `Topic-${name}`, {
      name,
      domainName: this.name,
      resourceGroupName: this.resourceGroup.name,
      domainTarget: this.subscriptionTarget,
    });
    this.topicMap.set(name, topic);
    return topic;
  }
}
