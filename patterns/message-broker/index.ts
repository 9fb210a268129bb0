export { MessageBroker } from "./message-broker";
export type { ApiPublisher, MessageBrokerProps } from "./props";
export { DEFAULT_TELEMETRY_EVENT_TYPES, MESSAGE_BROKER_NAMES, MESSAGE_BROKER_WORKLOADS, ORDER_EVENT_FILTERS } from "./workloads";
export { REACHABILITY_REASONS } from "./reachability";
