import { Construct } from "constructs";
import { IResourceGroup } from "../core/context";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { IEventGridPublisher, ImportedEventGridPublisher, eventGridIdOf } from "./imported";
import { EventGridPublisherBase, EventGridPublisherProps } from "./publisher";

export type EventGridTopicProps = EventGridPublisherProps;

/**
 * A custom Event Grid topic that accepts only Entra ID (local auth off), with a managed identity
 * for delivery, a private endpoint and public access off where the environment has a network,
 * and no lock by default (no data at rest). Publishers get `grantPublish`; handlers are added
 * with `addSubscription`. Every other L1 setting is reachable through {@link EventGridTopic.resource}.
 */
export class EventGridTopic extends EventGridPublisherBase<EventgridTopic> {
  /**
   * An existing topic, e.g. one owned by another team, to subscribe to or grant publishing on.
   * `topicId` is checked when it is a literal.
   */
  public static fromId(scope: Construct, id: string, topicId: string): IEventGridPublisher {
    return new ImportedEventGridPublisher(scope, id, topicId, "topic");
  }

  /** An existing topic by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IEventGridPublisher {
    return new ImportedEventGridPublisher(scope, id, eventGridIdOf(scope, "topic", name, resourceGroup), "topic");
  }

  constructor(scope: Construct, id: string, props: EventGridTopicProps = {}) {
    super(scope, id, props, "topic", (owner, config) => new EventgridTopic(owner, "Resource", config));
  }
}
