// `azure-integration-cdktf/testing`: helpers for users' own tests of stacks built with the library,
// offline (no terraform, no Azure): snapshot-ready JSON, the policy pack's verdict, and models of
// Event Grid filters and Service Bus correlation and SQL rules to run sample events through. A curated,
// named list (no `export *`); `__tests__/api-surface.test.ts` lists it.
export {
  assertPolicyPasses,
  eventGridDelivers,
  eventGridSubscriptions,
  policyFindings,
  serviceBusRuleMatches,
  serviceBusRules,
  sqlFilterMatches,
  synthJson,
} from "./testing/index";
export type {
  GridEvent,
  PolicyPassOptions,
  ServiceBusTestMessage,
  StackJson,
  SynthesizedRule,
  SynthesizedSubscription,
  SynthJsonOptions,
} from "./testing/index";
