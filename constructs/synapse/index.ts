export * from "./sql-pool";
export * from "./synapse-workspace";
export { SQL_POOL_SKUS } from "./validation";
export type { SqlPoolSku } from "./validation";
