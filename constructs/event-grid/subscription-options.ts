import { ITerraformDependable } from "cdktf";
import { EventDestination } from "./destinations";
import { AdvancedFilter } from "./filters";
import { EventDeliverySchema } from "./schemas";
import { IEventGridSource, IUserAssignedIdentityRef } from "./source";

// What a subscription takes; the construct that builds it is in event-subscription.ts.

/** The identity of the source (topic, domain or system topic) Event Grid uses: its system-assigned one, or one of its user-assigned ones. */
export type SubscriptionIdentity = "SystemAssigned" | IUserAssignedIdentityRef;

/** A blob container that receives events Event Grid could not deliver. */
export interface DeadLetterOptions {
  readonly storageAccountId: string;
  readonly containerName: string;
  /**
   * The container's resource when the same stack creates it (e.g. `account.containers.get(name)`):
   * the role grant and the subscription name the container only by text, so they wait for it.
   */
  readonly container?: ITerraformDependable;
}

/** Event Grid's retry defaults, written out explicitly on every subscription. */
export const RETRY_DEFAULTS = { maxDeliveryAttempts: 30, eventTimeToLive: 1440 } as const;

/** A subscription's destination, filters, retries, dead-lettering and delivery identity. */
export interface EventSubscriptionOptions {
  /** Where events go: build it with `EventDestination.*`. */
  readonly destination: EventDestination;
  /** Event types to deliver, e.g. `Microsoft.Storage.BlobCreated`. @default all event types */
  readonly includedEventTypes?: readonly string[];
  /** Deliver only events whose subject starts with this. @default no subject filter */
  readonly subjectBeginsWith?: string;
  /** Deliver only events whose subject ends with this, e.g. `.csv`. @default no subject filter */
  readonly subjectEndsWith?: string;
  /** Compare subjects case-sensitively; needs a subject filter. @default false */
  readonly caseSensitive?: boolean;
  /**
   * Typed filters on event fields (`AdvancedFilter.*`). Azure allows at most 25 filters and 25
   * values across all filters of a subscription, and 512 characters per string value.
   * @default none
   */
  readonly advancedFilters?: readonly AdvancedFilter[];
  /** Let advanced filters match arrays of values in events. @default false */
  readonly advancedFilteringOnArrays?: boolean;
  /**
   * Schema of delivered events. A CloudEvents source can only deliver CloudEvents.
   * @default the source's input schema ("EventGridSchema" for system topics; Azure's default for imports)
   */
  readonly eventDeliverySchema?: EventDeliverySchema;
  /** Delivery attempts before an event is dropped or dead-lettered, 1-30. @default 30 */
  readonly maxDeliveryAttempts?: number;
  /** Minutes an event is retried before it is dropped or dead-lettered, 1-1440. @default 1440 (24 hours) */
  readonly eventTimeToLive?: number;
  /**
   * Blob container for events that exhausted their retries. Without it such events are lost;
   * set it wherever a storage account is at hand.
   * @default none (undeliverable events are dropped)
   */
  readonly deadLetter?: DeadLetterOptions;
  /**
   * Identity Event Grid authenticates with to Service Bus, Event Hubs and storage-queue
   * destinations (functions and webhooks take none). Event Grid cannot deliver through private
   * endpoints: the destination must allow trusted Azure services. `false` opts out.
   * @default the source's system-assigned identity, else its first user-assigned one, for those destinations
   */
  readonly deliveryIdentity?: SubscriptionIdentity | false;
  /** Identity Event Grid writes dead letters with; `false` opts out. @default as deliveryIdentity, when `deadLetter` is set */
  readonly deadLetterIdentity?: SubscriptionIdentity | false;
  /**
   * Grant the delivery identity the least-privilege data role on the destination (Service Bus /
   * Event Hubs Data Sender, Storage Queue Data Message Sender) and the dead-letter identity
   * Storage Blob Data Contributor on the container. Subscriptions of one source share a grant;
   * the subscription waits for it, though Azure RBAC may take minutes to apply (Event Grid retries
   * meanwhile). Turn off when the destination's owner grants roles elsewhere.
   * @default true
   */
  readonly grantDeliveryRoles?: boolean;
  /**
   * Resources to create first. A function destination of a `FunctionApp` of this app waits
   * for its code deployment by itself (Event Grid checks the function exists, azurerm #8415); list
   * what deploys the code of any other app here.
   * @default none (plus the code deployment of a FunctionApp destination)
   */
  readonly dependsOn?: ITerraformDependable[];
}

export interface EventGridSubscriptionProps extends EventSubscriptionOptions {
  /** The topic, domain, domain topic or system topic to subscribe to. */
  readonly source: IEventGridSource;
  /** Subscription name, unique per source. @default `evgs-<namePrefix>-<construct id>` */
  readonly name?: string;
}
