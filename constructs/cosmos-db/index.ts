export * from "./account-ref";
export * from "./cosmos-db-account";
export * from "./cosmos-db-container";
export * from "./cosmos-db-database";
export { CosmosDbDataRoles } from "./data-roles";
export type { CosmosDbDataRole } from "./data-roles";
export type { CosmosDbThroughputOptions } from "./validation";
