import { IConstruct } from "constructs";
import { IPrincipal } from "../core/grants";
import { EventGridInputSchema } from "./schemas";

/** A user-assigned identity as subscriptions use it: its resource id and its principal. */
export interface IUserAssignedIdentityRef extends IPrincipal {
  readonly id: string;
}

/** The managed identities of an event source, when this app knows them (not for imports). */
export interface SourceIdentities {
  /** Principal of the system-assigned identity. @default none (the source has no system-assigned identity) */
  readonly systemAssignedPrincipalId?: string;
  readonly userAssigned: readonly IUserAssignedIdentityRef[];
}

/** What a subscription needs to know about the resource it subscribes to. */
export interface SubscriptionTarget {
  readonly kind: "topic" | "domain" | "domainTopic" | "systemTopic";
  /** System topics: subscriptions name the topic and its resource group instead of an id. @default none (not a system topic) */
  readonly systemTopic?: { readonly name: string; readonly resourceGroupName: string };
  /** The schema events arrive in. @default unknown (imports): subscriptions leave the delivery schema to Azure */
  readonly inputSchema?: EventGridInputSchema;
  /** The identities delivery can use. @default unknown (imports): no default delivery identity, no checks */
  readonly identities?: SourceIdentities;
  /** The construct that owns the identities (keys grants to the source's identity). @default the source itself */
  readonly identityOwner?: IConstruct;
  /** The event types the source publishes; `includedEventTypes` must be among them. @default unknown: not checked */
  readonly publishedEventTypes?: readonly string[];
  /** What publishes them, for messages, e.g. `the Microsoft.Storage.StorageAccounts system topic`. @default "the source" */
  readonly publisher?: string;
}

/** Something events can be subscribed to: a topic, domain, domain topic or system topic. */
export interface IEventGridSource extends IConstruct {
  /** Resource id, the scope of its subscriptions. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  readonly subscriptionTarget: SubscriptionTarget;
}
