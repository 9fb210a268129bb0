// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/sql/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { SqlDatabase, UserAssignedIdentity } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const opsGroup = new UserAssignedIdentity(stack, "Ops");
// --- example ---
const db = new SqlDatabase(stack, "Orders", {
  administrator: { login: "sql-admins", objectId: "11111111-2222-3333-4444-555555555555" },
});
db.addDatabaseUser("func-contoso-reports");                                           // db_datareader
db.addDatabaseUser("func-contoso-orders", { roles: ["db_datareader", "db_datawriter"] }); // reads and writes
db.grantContributor(opsGroup); // Azure RBAC: SQL DB Contributor (control plane only)

export const usersSql = db.userScript(); // save as users.sql, run once as the Entra administrator (sqlcmd -G -i users.sql)
