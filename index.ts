// Public entry point of azure-integration-cdktf: named exports only.

// Core kit: context, naming, validation, grants, identities, diagnostics, private endpoints, locks.
export * from "./constructs/core";

// Supporting constructs.
export * from "./constructs/resource-group";
export * from "./constructs/monitoring";
export * from "./constructs/network";
export * from "./constructs/key-vault";
export * from "./constructs/storage";

// Messaging and events.
export * from "./constructs/service-bus";
export * from "./constructs/event-grid";
export * from "./constructs/event-hubs";

// API and compute.
export * from "./constructs/api-management";
export * from "./constructs/logic-app";
export * from "./constructs/logic-app-standard";
export * from "./constructs/function-app";

// Data stores.
export * from "./constructs/cosmos-db";
export * from "./constructs/sql";
export * from "./constructs/synapse";
export * from "./constructs/data-factory";

// The reference architectures.
export * from "./patterns/api-gateway";
export * from "./patterns/message-broker";
export * from "./patterns/event-driven";
export * from "./patterns/data-pipeline";

// Guardrails.
export * from "./policy";

// Environments and stacks.
export { environmentSchema, parseEnvironment, loadEnvironment, listEnvironments, EnvironmentConfigError } from "./config/environment";
export type { Environment, EnvironmentConfig, BackendConfig } from "./config/environment";
export { PatternStack } from "./stacks/pattern-stack";
export type { PatternName } from "./stacks/pattern-stack";
export { ApiGatewayStack } from "./stacks/api-gateway-stack";
export { MessageBrokerStack } from "./stacks/message-broker-stack";
export { EventDrivenStack } from "./stacks/event-driven-stack";
export { DataPipelineStack } from "./stacks/data-pipeline-stack";
export { PATTERN_STACKS, addEnvironmentStacks, synthesizeEnvironments } from "./stacks/app";
export type { SynthesizedStack } from "./stacks/app";
export { configureBackend } from "./stacks/backend";
