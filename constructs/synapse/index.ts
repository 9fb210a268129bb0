export { DedicatedSqlPool } from "./sql-pool";
export type { DedicatedSqlPoolOptions, DedicatedSqlPoolProps } from "./sql-pool";
export { SynapseWorkspace } from "./synapse-workspace";
export type { SynapseEndpointSubresource, SynapseWorkspaceProps } from "./synapse-workspace";
export { SQL_POOL_SKUS } from "./validation";
export type { SqlPoolSku } from "./validation";
