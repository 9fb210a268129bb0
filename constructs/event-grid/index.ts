export { EventGridTopic } from "./topic";
export type { EventGridTopicProps } from "./topic";
export { EventGridDomain } from "./domain";
export type { EventGridDomainProps } from "./domain";
export { EventGridDomainTopic } from "./domain-topic";
export type { EventGridDomainTopicProps } from "./domain-topic";
export { EventGridSystemTopic } from "./system-topic";
export type { EventGridSystemTopicProps } from "./system-topic";
export { SYSTEM_TOPIC_TYPES } from "./system-topic-types";
export { SYSTEM_TOPIC_EVENT_TYPES } from "./system-topic-events";
export type { SystemTopicType } from "./system-topic-types";
export { EventGridSubscription, RETRY_DEFAULTS } from "./event-subscription";
export type { DeadLetterOptions, EventGridSubscriptionProps, EventSubscriptionOptions, SubscriptionIdentity } from "./event-subscription";
export { EventDestination } from "./destinations";
export type {
  AzureFunctionDestination,
  IEventGridFunctionHost,
  BatchOptions,
  EventHubDestination,
  ServiceBusQueueDestination,
  ServiceBusTopicDestination,
  StorageQueueDestination,
  WebhookDestination,
  WebhookOptions,
} from "./destinations";
export { ADVANCED_FILTER_LIMITS, AdvancedFilter } from "./filters";
export type {
  BoolFilter,
  NumberCompareFilter,
  NumberCompareOperator,
  NumberListFilter,
  NumberRangeFilter,
  PresenceFilter,
  StringFilter,
  StringFilterOperator,
} from "./filters";
export type { IEventGridPublisher, IEventGridSubscribable } from "./imported";
export { EventGridPublisherBase } from "./publisher";
export type { EventGridPublisherConfig, EventGridPublisherProps } from "./publisher";
export type { EventDeliverySchema, EventGridInputSchema } from "./schemas";
export type { IEventGridSource, IUserAssignedIdentityRef, SourceIdentities, SubscriptionTarget } from "./source";
