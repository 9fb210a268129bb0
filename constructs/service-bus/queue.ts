import { Construct } from "constructs";
import { ServicebusQueue } from "@cdktf/provider-azurerm/lib/servicebus-queue";
import { withMessagingGrants } from "../core/data-grants";
import { GrantableResource } from "../core/imported-resource";
import { SERVICE_BUS_ROLES } from "./data-access";
import {
  EntityHost,
  MessageHandlingOptions,
  checkMaxSize,
  resolveDuplicateDetection,
  resolveMessageHandling,
  resolvePartitioning,
} from "./entity-options";
import { IServiceBusEntity } from "./types";

/** Options of {@link ServiceBusNamespace.addQueue}. */
export interface QueueOptions extends MessageHandlingOptions {
  /** Drop messages whose MessageId was seen within the window; cannot be changed later. Standard and Premium only. @default false */
  readonly requiresDuplicateDetection?: boolean;
  /** Duplicate detection window, ISO-8601, `PT20S`-`P7D`; only with duplicate detection. @default "PT10M" */
  readonly duplicateDetectionWindow?: string;
  /**
   * Spread the queue over several brokers (Basic and Standard; cannot be changed later). In Premium
   * the namespace decides: see `premiumMessagingPartitions`.
   * @default false in Basic and Standard; the namespace's partitioning in Premium
   */
  readonly partitioning?: boolean;
  /** Queue size: 1024-5120, and in Premium also 10240, 20480, 40960 or 81920. @default Azure's (1024) */
  readonly maxSizeInMegabytes?: number;
}

/** Props of {@link ServiceBusQueue}; usually created with {@link ServiceBusNamespace.addQueue}. */
export interface ServiceBusQueueProps extends QueueOptions {
  /** The queue's name (a literal: it is part of the construct id). */
  readonly name: string;
}

/**
 * A queue with dead-lettering on expiry, 10 deliveries and a one-minute lock by default. Other L1
 * settings are reachable through {@link ServiceBusQueue.resource}.
 */
export class ServiceBusQueue extends withMessagingGrants(GrantableResource, SERVICE_BUS_ROLES) implements IServiceBusEntity {
  public readonly entityType = "queue";
  public readonly resource: ServicebusQueue;
  public readonly id: string;
  public readonly name: string;
  public readonly namespace: EntityHost;

  constructor(scope: Construct & EntityHost, id: string, props: ServiceBusQueueProps) {
    super(scope, id);
    this.namespace = scope;
    const handling = resolveMessageHandling(this, scope, props, props.name);
    const duplicates = resolveDuplicateDetection(this, scope.sku, props.requiresDuplicateDetection, props.duplicateDetectionWindow);
    checkMaxSize(this, scope.sku, props.maxSizeInMegabytes);

    this.resource = new ServicebusQueue(this, "Resource", {
      name: props.name,
      namespaceId: scope.id,
      ...handling,
      ...duplicates,
      partitioningEnabled: resolvePartitioning(this, scope, props.partitioning),
      maxSizeInMegabytes: props.maxSizeInMegabytes,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
  }
}
