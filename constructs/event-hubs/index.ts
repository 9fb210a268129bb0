export { EventHubNamespace } from "./event-hub-namespace";
export type { EventHubNamespaceProps } from "./event-hub-namespace";
export { EventHub } from "./event-hub";
export type { EventHubCaptureOptions, EventHubOptions, EventHubParent, EventHubProps } from "./event-hub";
export { TIER_LIMITS } from "./tiers";
export type { EventHubsSku, TierLimits } from "./tiers";
export type { IEventHubNamespace } from "./namespace-ref";
