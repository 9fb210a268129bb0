export { DEFAULT_FUNCTION_HOST_JSON } from "./bundle";
export type { FunctionAppBuild, FunctionAppCode } from "./bundle";
// receives/sends: the connection-access vocabulary Logic Apps Standard shares (not on the package root).
export { isConnectionDefined, receives, sends, serviceBusConnection } from "./connections";
export type {
  DataConnectionAccess,
  ICosmosDbAccountConnectable,
  IEventGridTopicConnectable,
  IEventHubsNamespaceConnectable,
  IServiceBusEntityConnectable,
  IServiceBusNamespaceConnectable,
  MessagingConnectionAccess,
  ServiceBusConnectionTarget,
} from "./connections";
export type { FunctionAppCodeDeployment } from "./deployment";
export { FunctionApp } from "./function-app";
export type { FunctionAppTelemetryTarget, FunctionAppProps, IFunctionApp } from "./function-app";
export { FUNCTION_APP_PROFILE_DEFAULTS, FUNCTION_APP_PLANS } from "./plans";
export type { FunctionAppPlan } from "./plans";
export type { FunctionBinding, RegisteredFunction } from "./registrations";
