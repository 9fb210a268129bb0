import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { MssqlDatabase } from "@cdktf/provider-azurerm/lib/mssql-database";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { SqlDatabase } from "../../../constructs/sql";
import { StorageAccount } from "../../../constructs/storage";
import { SUBSCRIPTION_ID, makeStack, messageOf, resolved, resourcesOfType as resources } from "../../helpers";

Testing.setupJest();

const ADMIN = { login: "sql-admins", objectId: "11111111-1111-1111-1111-111111111111" };
const GROUP = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-erp`;
const ID = `${GROUP}/providers/Microsoft.Sql/servers/sql-erp/databases/erp`;

describe("SqlDatabase.fromId", () => {
  test("the server comes from the id; users and grants are recorded on the import as on a created database", () => {
    const stack = makeStack();
    const erp = SqlDatabase.fromId(stack, "Erp", ID);
    expect([erp.id, erp.name, erp.resourceGroupName, erp.serverName, erp.serverId, erp.fullyQualifiedDomainName]).toEqual([
      ID,
      "erp",
      "rg-erp",
      "sql-erp",
      `${GROUP}/providers/Microsoft.Sql/servers/sql-erp`,
      "sql-erp.database.windows.net",
    ]);
    erp.addDatabaseUser("func-reports");
    expect(erp.addDatabaseUser("func-orders", { roles: ["db_datareader", "db_datawriter"] })).toEqual({
      principalName: "func-orders",
      roles: ["db_datareader", "db_datawriter"],
    });
    expect(erp.databaseUsers.map((u) => u.principalName)).toEqual(["func-reports", "func-orders"]);
    expect(erp.userScript().split("\n")[0]).toBe("-- Database access for Microsoft Entra principals (server sql-erp, database erp).");
    expect(erp.userScript()).toContain("ALTER ROLE db_datawriter ADD MEMBER [func-orders];");
    erp.grantContributor(Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "Group"));
    expect(Testing.synth(stack)).not.toHaveResource(MssqlDatabase);
    expect(resources(stack, "azurerm_role_assignment").map((g) => [g.role_definition_name, g.scope])).toEqual([["SQL DB Contributor", ID]]);
  });

  test("an id known only at deploy time is split by Terraform; the script leaves its names out", () => {
    const stack = makeStack();
    const erp = SqlDatabase.fromId(stack, "Erp", new TerraformVariable(stack, "databaseId", { type: "string" }).stringValue);
    new TerraformOutput(stack, "fqdn", { value: erp.fullyQualifiedDomainName });
    new TerraformOutput(stack, "server", { value: erp.serverId });
    const { output } = JSON.parse(Testing.synth(stack));
    expect(output.fqdn.value).toBe('${element(split("/", var.databaseId), 8)}.database.windows.net');
    expect(output.server.value).toBe(
      '/subscriptions/${element(split("/", var.databaseId), 2)}/resourceGroups/${element(split("/", var.databaseId), 4)}' +
        '/providers/Microsoft.Sql/servers/${element(split("/", var.databaseId), 8)}',
    );
    erp.addDatabaseUser("app");
    expect(erp.userScript().split("\n")[0]).toBe("-- Database access for Microsoft Entra principals.");
  });

  test("a server id (not a database's) names the rule and the fix", () => {
    const server = `${GROUP}/providers/Microsoft.Sql/servers/sql-erp`;
    expect(messageOf(() => SqlDatabase.fromId(makeStack(), "Erp", server))).toBe(
      `test/Erp: databaseId "${server}" is not the id of a Microsoft.Sql/servers/databases resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Sql/servers/<name>/databases/<name>",
    );
    expect(messageOf(() => SqlDatabase.fromId(makeStack(), "Erp", `${GROUP}/providers/Microsoft.Sql/servers/SQL_ERP/databases/erp`))).toMatch(
      /^test\/Erp: databaseId "SQL_ERP" /,
    );
  });
});

describe("SqlDatabase principal (the server's identity) and Grantee", () => {
  test("system-assigned by default, else the first user-assigned one, else an error", () => {
    const stack = makeStack();
    const db = new SqlDatabase(stack, "Orders", { administrator: ADMIN });
    expect(resolved(stack, db.principal)).toEqual({
      principalId: "${azurerm_mssql_server.Orders_Server_F73F78FA.identity[0].principal_id}",
      principalType: "ServicePrincipal",
      grantKey: "test/Orders",
    });
    const identity = new UserAssignedIdentity(stack, "Id");
    const user = new SqlDatabase(stack, "User", { administrator: ADMIN, identity: { systemAssigned: false, userAssigned: [identity] } });
    expect(user.principal).toBe(identity);
    const none = new SqlDatabase(stack, "None", { administrator: ADMIN, identity: { systemAssigned: false } });
    expect(messageOf(() => none.principal)).toMatch(/^test\/None: principal is not available: the resource has no managed identity/);
  });

  test("the server is a grantee (e.g. on a storage account for BACPAC export); grantManage is grantContributor", () => {
    const stack = makeStack();
    const db = new SqlDatabase(stack, "Orders", { administrator: ADMIN });
    const grant = new StorageAccount(stack, "Exports").grantBlobWrite(db);
    expect(resolved(stack, grant.principalIdInput)).toBe("${azurerm_mssql_server.Orders_Server_F73F78FA.identity[0].principal_id}");
    const ops = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "Group");
    expect(db.grantManage(ops)).toBe(db.grantContributor(ops));
  });
});
