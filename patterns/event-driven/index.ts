export { DEAD_LETTER_CONTAINER, EVENT_HANDLERS_CODE, EventDriven, HIGH_VALUE_ORDER_WORKFLOW } from "./event-driven";
export type { EventDrivenProps, EventDrivenRetryPolicy, EventDrivenSubscriptions, ExternalWebhookOptions } from "./props";
export { EVENT_GRID_SERVICE_TAG } from "./validation";
