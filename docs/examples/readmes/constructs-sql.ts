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
db.grantDataRead("func-contoso-reports");   // db_datareader
db.grantDataWrite("func-contoso-orders");   // db_datareader + db_datawriter
db.grantManage(opsGroup);                   // Azure RBAC: SQL DB Contributor (control plane only)

export const grantsSql = db.grantScript(); // save as grants.sql, run once as the Entra administrator (sqlcmd -G -i grants.sql)
