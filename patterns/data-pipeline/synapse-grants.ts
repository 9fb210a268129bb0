/**
 * T-SQL that lets the factory's managed identity load a Synapse dedicated SQL pool with the COPY
 * statement and create the target table on first load (`tableOption: autoCreate`). Terraform cannot
 * run it: run it in the pool (not master) as the workspace's Entra administrator.
 */
export function synapseGrantScript(workspaceName: string | undefined, poolName: string, principalName: string, schema: string): string {
  const user = `[${principalName.replace(/]/g, "]]")}]`;
  const literal = `N'${principalName.replace(/'/g, "''")}'`;
  const where = workspaceName ? `workspace ${workspaceName}, ` : "";
  return [
    `-- Synapse dedicated SQL pool access for the Data Factory identity (${where}pool ${poolName}).`,
    "-- Run connected to the pool itself (not master), signed in as the workspace's Microsoft Entra administrator.",
    "",
    `IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${literal})`,
    `    CREATE USER ${user} FROM EXTERNAL PROVIDER;`,
    `ALTER ROLE db_datareader ADD MEMBER ${user};`,
    `ALTER ROLE db_datawriter ADD MEMBER ${user};`,
    "-- COPY INTO needs bulk operations; autoCreate and TRUNCATE need DDL rights on the schema.",
    `GRANT ADMINISTER DATABASE BULK OPERATIONS TO ${user};`,
    `GRANT CREATE TABLE TO ${user};`,
    `GRANT ALTER ON SCHEMA::[${schema}] TO ${user};`,
    "",
  ].join("\n");
}
