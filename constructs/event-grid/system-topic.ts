import { Construct } from "constructs";
import { EventgridSystemTopic } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { invalid, isUnresolved } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { identityBlock, identityPrincipal } from "../core/identity";
import { KitProps, ResourceConstruct } from "../core/resource-construct";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridSubscribable, ImportedEventGridSource } from "./imported";
import { SubscriptionTarget } from "./source";
import { SYSTEM_TOPIC_EVENT_TYPES } from "./system-topic-events";
import { SystemTopicType, isGlobalTopicType, resolveTopicType, validateSource } from "./system-topic-types";

/**
 * The kit without `privateEndpoint` (a system topic has no public endpoint to protect) and
 * `customerManagedKey`: `identity` delivers events, diagnostics send delivery failures, and the
 * lock is off by default as a system topic holds no data and is recreated from code.
 */
export interface EventGridSystemTopicProps extends Omit<KitProps, "privateEndpoint" | "customerManagedKey"> {
  /** Id of the resource whose events to subscribe to, e.g. a storage account's. */
  readonly sourceResourceId: string;
  /**
   * What the source is, from {@link SYSTEM_TOPIC_TYPES}. Cosmos DB is not a source: use a Cosmos
   * DB-triggered function publishing to an {@link EventGridTopic}.
   */
  readonly topicType: SystemTopicType;
  /**
   * Azure region: the source's. Resource-group and subscription sources live in "global".
   * @default "global" for those types, else the resource group's location
   */
  readonly location?: string;
}

/**
 * The events an Azure resource publishes (blob created, secret near expiry, ...), as a system
 * topic with a managed identity for delivery. A source has at most one system topic. System topics
 * have no public endpoint to protect: no private endpoint, local auth or IP rules. Every other L1
 * setting is reachable through {@link EventGridSystemTopic.resource}.
 */
export class EventGridSystemTopic extends ResourceConstruct implements IEventGridSubscribable {
  /** An existing system topic, by its literal id (subscriptions need its name and resource group). */
  public static fromId(scope: Construct, id: string, systemTopicId: string): IEventGridSubscribable {
    return new ImportedEventGridSource(scope, id, systemTopicId, "systemTopic");
  }

  public readonly resource: EventgridSystemTopic;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly topicType: SystemTopicType;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  public readonly subscriptionTarget: SubscriptionTarget;

  private readonly props: EventGridSystemTopicProps;

  constructor(scope: Construct, id: string, props: EventGridSystemTopicProps) {
    super(scope, id, props);
    this.props = props;
    this.topicType = isUnresolved(props.topicType) ? props.topicType : resolveTopicType(this, props.topicType);
    if (!isUnresolved(props.topicType)) validateSource(this, this.topicType, props.sourceResourceId);
    const location = this.systemTopicLocation(props.location);
    const name = this.nameFor("eventGridSystemTopic", props.name);
    const systemAssigned = props.identity?.systemAssigned ?? true;

    this.resource = new EventgridSystemTopic(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location,
      sourceResourceId: props.sourceResourceId,
      topicType: this.topicType,
      identity: identityBlock(props.identity),
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = this.resourceGroup.name;

    const kit = this.wireKit(props, { resourceId: this.id, name, dataStore: false });
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;

    const principalId = systemAssigned ? this.resource.identity.principalId : undefined;
    this.subscriptionTarget = {
      kind: "systemTopic",
      systemTopic: { name: this.name, resourceGroupName: this.resourceGroup.name },
      inputSchema: "EventGridSchema",
      identities: { systemAssignedPrincipalId: principalId, userAssigned: props.identity?.userAssigned ?? [] },
      identityOwner: this,
      publishedEventTypes: isUnresolved(this.topicType) ? undefined : SYSTEM_TOPIC_EVENT_TYPES[this.topicType],
      publisher: `a ${this.topicType} system topic`,
    };
  }

  /**
   * The identity events are delivered with, to grant it roles elsewhere: the system-assigned one,
   * else the first user-assigned one; an error without either.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.props.identity, () => this.resource.identity.principalId);
  }

  /** Adds event subscription `name` (the Azure name; construct id `Subscription-<name>`). */
  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }

  private systemTopicLocation(given: string | undefined): string {
    if (isUnresolved(this.topicType) || !isGlobalTopicType(this.topicType)) return given ?? this.location;
    if (given !== undefined && !isUnresolved(given) && given.toLowerCase() !== "global") {
      invalid(this, {
        field: "location",
        value: given,
        rule: `is not "global"; a ${this.topicType} system topic lives in location "global"`,
        fix: 'leave location unset or set it to "global"',
      });
    }
    return given ?? "global";
  }
}
