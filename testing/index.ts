// The testing folder's index: every public name, listed (no `export *`).
export { assertPolicyPasses, policyFindings, synthJson } from "./synth";
export type { PolicyPassOptions, StackJson, SynthJsonOptions } from "./synth";
export { eventGridDelivers, eventGridSubscriptions } from "./event-grid-filter";
export type { GridEvent, SynthesizedSubscription } from "./event-grid-filter";
export { serviceBusRuleMatches, serviceBusRules, sqlFilterMatches } from "./service-bus-rules";
export type { ServiceBusTestMessage, SynthesizedRule } from "./service-bus-rules";
