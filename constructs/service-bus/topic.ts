import { Construct } from "constructs";
import { ServicebusTopic } from "@cdktf/provider-azurerm/lib/servicebus-topic";
import { invalid } from "../core/errors";
import { withMessagingGrants } from "../core/data-grants";
import { GrantableResource } from "../core/imported-resource";
import { checkDuration } from "../core/duration";
import { SERVICE_BUS_ROLES } from "./data-access";
import { EntityHost, checkMaxSize, resolveDuplicateDetection, resolvePartitioning } from "./entity-options";
import { validateEntityName } from "./names";
import { ServiceBusSubscription, SubscriptionOptions } from "./subscription";
import { requireTier } from "./tiers";
import { IServiceBusEntity } from "./types";

/** Options of {@link ServiceBusNamespace.addTopic}. */
export interface TopicOptions {
  /** Time to live of messages sent without one, ISO-8601. @default Azure's (unbounded) */
  readonly defaultMessageTtl?: string;
  /** Drop messages whose MessageId was seen within the window; cannot be changed later. @default false */
  readonly requiresDuplicateDetection?: boolean;
  /** Duplicate detection window, ISO-8601, `PT20S`-`P7D`; only with duplicate detection. @default "PT10M" */
  readonly duplicateDetectionWindow?: string;
  /**
   * Spread the topic over several brokers (Standard; cannot be changed later). In Premium the
   * namespace decides: see `premiumMessagingPartitions`.
   * @default false in Standard; the namespace's partitioning in Premium
   */
  readonly partitioning?: boolean;
  /** Topic size: 1024-5120, and in Premium also 10240, 20480, 40960 or 81920. @default Azure's (1024) */
  readonly maxSizeInMegabytes?: number;
}

/** Props of {@link ServiceBusTopic}; usually created with {@link ServiceBusNamespace.addTopic}. */
export interface ServiceBusTopicProps extends TopicOptions {
  /** The topic's name (a literal: it is part of the construct id). */
  readonly name: string;
}

/**
 * A topic (Standard and Premium) and its subscriptions. Other L1 settings are reachable through
 * {@link ServiceBusTopic.resource}.
 */
export class ServiceBusTopic extends withMessagingGrants(GrantableResource, SERVICE_BUS_ROLES) implements IServiceBusEntity {
  public readonly entityType = "topic";
  public readonly resource: ServicebusTopic;
  public readonly id: string;
  public readonly name: string;
  public readonly namespace: EntityHost;
  /** Subscriptions by name. */
  public readonly subscriptions: ReadonlyMap<string, ServiceBusSubscription>;

  private readonly subscriptionMap = new Map<string, ServiceBusSubscription>();

  constructor(scope: Construct & EntityHost, id: string, props: ServiceBusTopicProps) {
    super(scope, id);
    this.namespace = scope;
    this.subscriptions = this.subscriptionMap;
    requireTier(this, scope.sku, { field: "topic", value: props.name, needs: "Standard", otherwise: "use a queue" });
    checkDuration(this, "defaultMessageTtl", props.defaultMessageTtl, { min: "PT1S" });
    const duplicates = resolveDuplicateDetection(this, scope.sku, props.requiresDuplicateDetection, props.duplicateDetectionWindow);
    checkMaxSize(this, scope.sku, props.maxSizeInMegabytes);

    this.resource = new ServicebusTopic(this, "Resource", {
      name: props.name,
      namespaceId: scope.id,
      defaultMessageTtl: props.defaultMessageTtl,
      ...duplicates,
      partitioningEnabled: resolvePartitioning(this, scope, props.partitioning),
      maxSizeInMegabytes: props.maxSizeInMegabytes,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
  }

  /**
   * Adds a subscription. With `rules`, the subscription is filtered by them; mind the `$Default`
   * window described on {@link SubscriptionOptions.rules}.
   */
  public addSubscription(name: string, options: SubscriptionOptions = {}): ServiceBusSubscription {
    validateEntityName(this, "subscription", name);
    if (this.subscriptionMap.has(name)) {
      invalid(this, { field: "subscription name", value: name, rule: "is already defined on this topic", fix: "add each subscription once" });
    }
    const subscription = new ServiceBusSubscription(this, `Subscription-${name}`, { ...options, name });
    this.subscriptionMap.set(name, subscription);
    return subscription;
  }
}
