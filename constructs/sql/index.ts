export type { EntraAdministrator } from "./administrator";
export { DEPLOYER_ADMINISTRATOR_LOGIN } from "./administrator";
export { renderGrantScript } from "./grant-script";
export type { SqlDatabaseGrant, SqlDatabaseRole } from "./grant-script";
export * from "./sql-database";
export type { SqlLongTermRetention } from "./validation";
export { SqlDeployScript, sqlReachability, SQLCMD_COMMAND } from "./deploy-script";
export type { SqlDeployScriptProps, SqlReachability } from "./deploy-script";
