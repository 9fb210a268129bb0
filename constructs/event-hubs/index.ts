export * from "./event-hub-namespace";
export * from "./event-hub";
export type { IEventHubNamespace } from "./namespace-ref";
export * from "./tiers";
