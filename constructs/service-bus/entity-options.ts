import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { checkDuration } from "../core/duration";
import { validateForwardName } from "./names";
import { ServiceBusSku, requireTier } from "./tiers";
import { IServiceBusEntity, IServiceBusNamespace } from "./types";

/** How a queue or subscription hands out, locks, expires and forwards messages. */
export interface MessageHandlingOptions {
  /** Deliveries before a message is dead-lettered (at least 1). @default 10 */
  readonly maxDeliveryCount?: number;
  /** Peek-lock duration, ISO-8601, at most `PT5M`. @default "PT1M" */
  readonly lockDuration?: string;
  /**
   * Time to live of messages sent without one, ISO-8601 (at most `P14D` in the Basic tier).
   * @default Azure's: unbounded (14 days in the Basic tier)
   */
  readonly defaultMessageTtl?: string;
  /** Move expired messages to the dead-letter queue instead of dropping them. @default true */
  readonly deadLetteringOnMessageExpiration?: boolean;
  /** Sessions (FIFO per session id); cannot be changed later. Standard and Premium only. @default false */
  readonly requiresSession?: boolean;
  /**
   * Forward every message to a queue or topic of the same namespace (a construct, or its name).
   * The target must exist first: a construct is depended on, a name is your responsibility.
   * Standard and Premium only. @default no forwarding
   */
  readonly forwardTo?: IServiceBusEntity | string;
  /** Forward dead-lettered messages to a queue or topic of the same namespace. Standard and Premium only. @default none */
  readonly forwardDeadLetteredMessagesTo?: IServiceBusEntity | string;
}

/** The namespace an entity lives in, as far as its validation needs to know. */
export interface EntityHost extends IServiceBusNamespace {
  readonly sku: ServiceBusSku;
  /** Partitions of a Premium namespace; more than 1 means every entity is partitioned. */
  readonly premiumMessagingPartitions?: number;
}

/** {@link MessageHandlingOptions} validated, with defaults applied, in azurerm's terms. */
export interface ResolvedMessageHandling {
  readonly maxDeliveryCount: number;
  readonly lockDuration: string;
  readonly defaultMessageTtl?: string;
  readonly deadLetteringOnMessageExpiration: boolean;
  readonly requiresSession: boolean;
  readonly forwardTo?: string;
  readonly forwardDeadLetteredMessagesTo?: string;
}

/**
 * Validates message handling against the tier and applies the defaults (AVM: 10 deliveries, PT1M
 * lock). `ownName` is the queue's own name, so forwarding to itself by name is caught too.
 */
export function resolveMessageHandling(
  scope: IConstruct,
  host: EntityHost,
  options: MessageHandlingOptions,
  ownName?: string,
): ResolvedMessageHandling {
  const maxDeliveryCount = options.maxDeliveryCount ?? 10;
  if (!isUnresolved(maxDeliveryCount) && (!Number.isInteger(maxDeliveryCount) || maxDeliveryCount < 1)) {
    invalid(scope, {
      field: "maxDeliveryCount",
      value: maxDeliveryCount,
      rule: "is not a whole number of at least 1",
      fix: "set maxDeliveryCount to 1 or more",
    });
  }
  const lockDuration = options.lockDuration ?? "PT1M";
  checkDuration(scope, "lockDuration", lockDuration, { min: "PT1S", max: "PT5M" });
  checkDuration(scope, "defaultMessageTtl", options.defaultMessageTtl, { min: "PT1S", max: host.sku === "Basic" ? "P14D" : undefined });
  const requiresSession = options.requiresSession ?? false;
  if (requiresSession) requireTier(scope, host.sku, {
    field: "requiresSession",
    value: true,
    needs: "Standard",
    otherwise: "leave requiresSession off",
  });
  return {
    maxDeliveryCount,
    lockDuration,
    defaultMessageTtl: options.defaultMessageTtl,
    deadLetteringOnMessageExpiration: options.deadLetteringOnMessageExpiration ?? true,
    requiresSession,
    forwardTo: forwardTarget(scope, host, "forwardTo", options.forwardTo, ownName),
    forwardDeadLetteredMessagesTo: forwardTarget(scope, host, "forwardDeadLetteredMessagesTo", options.forwardDeadLetteredMessagesTo, ownName),
  };
}

/** Duplicate detection of a queue or topic; the window defaults to AVM's PT10M when it is on. */
export function resolveDuplicateDetection(
  scope: IConstruct,
  sku: ServiceBusSku,
  enabled: boolean | undefined,
  window: string | undefined,
): { requiresDuplicateDetection: boolean; duplicateDetectionHistoryTimeWindow?: string } {
  const on = enabled ?? false;
  if (!on) {
    if (window !== undefined) {
      invalid(scope, {
        field: "duplicateDetectionWindow",
        value: window,
        rule: "applies only with duplicate detection",
        fix: "set requiresDuplicateDetection: true or remove duplicateDetectionWindow",
      });
    }
    return { requiresDuplicateDetection: false };
  }
  requireTier(scope, sku, { field: "requiresDuplicateDetection", value: true, needs: "Standard", otherwise: "leave requiresDuplicateDetection off" });
  const duplicateDetectionHistoryTimeWindow = window ?? "PT10M";
  checkDuration(scope, "duplicateDetectionWindow", duplicateDetectionHistoryTimeWindow, { min: "PT20S", max: "P7D" });
  return { requiresDuplicateDetection: true, duplicateDetectionHistoryTimeWindow };
}

/**
 * Whether a queue or topic is partitioned. Basic and Standard choose per entity; in Premium the
 * namespace decides (every entity of a namespace with more than one partition is partitioned).
 */
export function resolvePartitioning(scope: IConstruct, host: EntityHost, requested: boolean | undefined): boolean {
  if (host.sku !== "Premium") return requested ?? false;
  const partitions = host.premiumMessagingPartitions ?? 1;
  const partitioned = partitions > 1;
  if (requested === true && !partitioned) {
    invalid(scope, {
      field: "partitioning",
      value: true,
      rule: "is set per namespace in the Premium tier, and this namespace has 1 partition",
      fix: "set premiumMessagingPartitions to 2 or 4 on the namespace, or leave partitioning unset",
    });
  }
  if (requested === false && partitioned) {
    invalid(scope, {
      field: "partitioning",
      value: false,
      rule: `is not possible in a Premium namespace with ${partitions} partitions, where every entity is partitioned`,
      fix: "leave partitioning unset",
    });
  }
  return partitioned;
}

const STANDARD_SIZES = [1024, 2048, 3072, 4096, 5120];
const PREMIUM_SIZES = [...STANDARD_SIZES, 10240, 20480, 40960, 81920];

/** Queue and topic sizes Service Bus offers: 1-5 GB, and in Premium also 10, 20, 40 and 80 GB. */
export function checkMaxSize(scope: IConstruct, sku: ServiceBusSku, size: number | undefined): void {
  if (size === undefined || isUnresolved(size)) return;
  if (!PREMIUM_SIZES.includes(size)) {
    invalid(scope, {
      field: "maxSizeInMegabytes",
      value: size,
      rule: "is not a size Service Bus offers",
      fix: `use one of ${STANDARD_SIZES.join(", ")} (Premium also ${PREMIUM_SIZES.slice(STANDARD_SIZES.length).join(", ")})`,
    });
  }
  if (sku !== "Premium" && !STANDARD_SIZES.includes(size)) {
    invalid(scope, {
      field: "maxSizeInMegabytes",
      value: size,
      rule: `is above the ${sku} tier's 5120`,
      fix: `use ${STANDARD_SIZES.join(", ")}, or sku "Premium"`,
    });
  }
}

function forwardTarget(
  scope: IConstruct,
  host: EntityHost,
  field: string,
  target: IServiceBusEntity | string | undefined,
  ownName: string | undefined,
): string | undefined {
  if (target === undefined) return undefined;
  requireTier(scope, host.sku, { field, value: typeof target === "string" ? target : undefined, needs: "Standard", otherwise: `remove ${field}` });
  if (typeof target === "string") {
    validateForwardName(scope, field, target);
    if (target === ownName) invalid(scope, { field, value: target, rule: "is the entity itself", fix: "forward to another queue or topic" });
    return target;
  }
  if (target.namespace !== host) {
    invalid(scope, {
      field,
      value: target.node.path,
      rule: `is a ${target.entityType} of another namespace; Service Bus forwards only within a namespace`,
      fix: "forward to a queue or topic of this namespace",
    });
  }
  // The target's name is a reference, so Terraform creates the target first, as Azure requires.
  return target.name;
}
