export type { EntraAdministrator } from "../core/entra-administrator";
export { DEPLOYER_ADMINISTRATOR_LOGIN } from "../core/entra-administrator";
export { renderGrantScript } from "./grant-script";
export type { SqlDatabaseGrant, SqlDatabaseRole } from "./grant-script";
export { SqlDatabase } from "./sql-database";
export type { SqlDatabaseProps } from "./sql-database";
export type { SqlLongTermRetention } from "./validation";
export { SqlDeployScript, sqlReachability, SQLCMD_COMMAND } from "./deploy-script";
export type { SqlDeployScriptProps, SqlReachability } from "./deploy-script";
