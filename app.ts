// `azure-integration-cdktf/app`: the reference application. One stack per pattern per environment,
// the environment files (`config/<env>.json`) and their schema, the remote-state backend, and the
// synthesizer `npm run synth` uses. A curated, named list (no `export *`); `__tests__/api-surface.test.ts` lists it.
export { EnvironmentConfigError, environmentSchema, listEnvironments, loadEnvironment, parseEnvironment } from "./config/environment";
export type { BackendConfig, Environment, EnvironmentConfig } from "./config/environment";
export { PatternStack } from "./stacks/pattern-stack";
export type { PatternName } from "./stacks/pattern-stack";
export { ApiGatewayStack } from "./stacks/api-gateway-stack";
export { MessageBrokerStack } from "./stacks/message-broker-stack";
export { EventDrivenStack } from "./stacks/event-driven-stack";
export { DataPipelineStack } from "./stacks/data-pipeline-stack";
export { PATTERN_STACKS, addEnvironmentStacks, synthesizeEnvironments } from "./stacks/app";
export type { SynthesizedStack } from "./stacks/app";
export { configureBackend } from "./stacks/backend";
