import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { SQLCMD_COMMAND, SqlDatabase, sqlReachability } from "../../../constructs/sql";
import { Json, PROD_CONTEXT as PROD, makeStack, messageOf, resourcesOfType as resources } from "../../helpers";

const ADMIN = { login: "sql-admins", objectId: "11111111-1111-1111-1111-111111111111" };
const SCRIPT = "IF OBJECT_ID(N'dbo.T', N'U') IS NULL CREATE TABLE dbo.T (Id int);\nGO\n";

// Without an encryption key: its vault is not under test here (customer-managed-key.test.ts), and a public deployer cannot reach it in prod.
const NO_KEY = { optOut: "The key vault is not under test here: these tests are about the server's own endpoint." };

function database(extra: IntegrationContextProps = {}): { stack: TerraformStack; sql: SqlDatabase } {
  const stack = makeStack(extra);
  return { stack, sql: new SqlDatabase(stack, "Orders", { administrator: ADMIN, customerManagedKey: NO_KEY }) };
}

const PUBLIC_DEPLOYER: IntegrationContextProps = { deployer: { network: "public", egressIpRanges: ["203.0.113.0/28", "198.51.100.7"] } };

describe("SqlDatabase.addDeployScript", () => {
  test("a public deployer's egress ranges pass the firewall, and the script waits for them, the server, the database and what it names", () => {
    const { stack, sql } = database(PUBLIC_DEPLOYER);
    const identity = new UserAssignedIdentity(stack, "App");
    sql.addDeployScript("Setup", SCRIPT, [identity.resource]);
    const rules = resources(stack, "azurerm_mssql_firewall_rule");
    expect(rules.map((r: Json) => [r.name, r.start_ip_address, r.end_ip_address]).sort()).toEqual([
      ["deployer-198.51.100.7-32", "198.51.100.7", "198.51.100.7"],
      ["deployer-203.0.113.0-28", "203.0.113.0", "203.0.113.15"],
    ]);
    const [script] = resources(stack, "terraform_data");
    expect(script.depends_on).toEqual([
      "azurerm_mssql_server.Orders_Server_F73F78FA",
      "azurerm_mssql_database.Orders_A9B65338",
      expect.stringMatching(/^azurerm_user_assigned_identity\.App/),
      expect.stringMatching(/^azurerm_mssql_firewall_rule\.Orders_Setup_FirewallRule-allow-20301130-28/),
      expect.stringMatching(/^azurerm_mssql_firewall_rule\.Orders_Setup_FirewallRule-allow-198511007-32/),
    ]);
    const exec = script.provisioner[0]["local-exec"];
    expect(exec.command).toBe(SQLCMD_COMMAND);
    expect(exec.interpreter).toEqual(["/bin/sh", "-c"]);
    expect(exec.environment).toEqual({
      SQL_SERVER: "${azurerm_mssql_server.Orders_Server_F73F78FA.fully_qualified_domain_name}",
      SQL_DATABASE: "${azurerm_mssql_database.Orders_A9B65338.name}",
      SQL_SCRIPT: SCRIPT,
    });
    // A new server or new text runs it again.
    expect(Object.keys(script.triggers_replace).sort()).toEqual(["database", "script_sha256", "server"]);
    expect(script.triggers_replace.server).toBe("${azurerm_mssql_server.Orders_Server_F73F78FA.id}");
  });

  test("a private deployer goes through the server's private endpoint: no firewall rule", () => {
    const { stack, sql } = database({ ...PROD, deployer: { network: "private" } });
    sql.addDeployScript("Setup", SCRIPT);
    expect(resources(stack, "azurerm_mssql_firewall_rule")).toEqual([]);
    expect(resources(stack, "terraform_data")[0].depends_on).toContainEqual(
      expect.stringMatching(/^azurerm_private_endpoint\.Orders_PrivateEndpoint/)
    );
  });

  test("signs in with Entra ID only, fails the apply on a T-SQL error, and reaches Terraform with template syntax escaped", () => {
    expect(SQLCMD_COMMAND).toContain("--authentication-method ActiveDirectoryDefault");
    expect(SQLCMD_COMMAND).toMatch(/ -b /);
    expect(SQLCMD_COMMAND).not.toMatch(/-P |-U |PASSWORD/i);
    expect(SQLCMD_COMMAND).not.toMatch(/\$\{|%\{/);
    const { stack, sql } = database(PUBLIC_DEPLOYER);
    sql.addDeployScript("Setup", "SELECT N'${not a reference}', N'%{ nor a directive }';");
    expect(resources(stack, "terraform_data")[0].provisioner[0]["local-exec"].environment.SQL_SCRIPT).toBe(
      "SELECT N'$${not a reference}', N'%%{ nor a directive }';"
    );
  });

  test("the command writes the script to a file for sqlcmd and retries before failing (run with a stand-in sqlcmd)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlcmd-"));
    const log = path.join(dir, "calls");
    // A stand-in that records its arguments and the input file, and fails twice.
    fs.writeFileSync(
      path.join(dir, "sqlcmd"),
      [
        "#!/bin/sh",
        `echo "$@" >> "${log}"`,
        'file=""; while [ $# -gt 0 ]; do [ "$1" = "-i" ] && file="$2"; shift; done',
        `cat "$file" >> "${log}.sql"`,
        `[ "$(wc -l < "${log}")" -ge 3 ]`,
        "",
      ].join("\n"),
      { mode: 0o755 }
    );
    const command = SQLCMD_COMMAND.replace("sleep 30", "sleep 0");
    execFileSync("/bin/sh", ["-c", command], {
      env: { PATH: `${dir}:/usr/bin:/bin`, SQL_SERVER: "sql-x.database.windows.net", SQL_DATABASE: "db", SQL_SCRIPT: SCRIPT },
      stdio: "pipe",
    });
    const calls = fs.readFileSync(log, "utf8").trim().split("\n");
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatch(/^-S tcp:sql-x\.database\.windows\.net,1433 -d db --authentication-method ActiveDirectoryDefault -b -l 60 -i \S+$/);
    expect(fs.readFileSync(`${log}.sql`, "utf8")).toBe(`${SCRIPT}\n`.repeat(3));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("without sqlcmd on the PATH the apply stops with what to install", () => {
    const failure = (() => {
      try {
        execFileSync("/bin/sh", ["-c", SQLCMD_COMMAND], { env: { PATH: "/nonexistent", SQL_SCRIPT: SCRIPT }, stdio: "pipe" });
        return "";
      } catch (e) {
        return String((e as { stderr: Buffer }).stderr);
      }
    })();
    expect(failure).toContain("sqlcmd (go-sqlcmd) must be on the PATH");
  });

  test("a deployer that cannot reach the server stops synthesis with the reason and the fix", () => {
    expect(messageOf(() => database({ deployer: { network: "public" } }).sql.addDeployScript("Setup", SCRIPT))).toMatch(
      /Orders\/Setup: deployer "public" cannot reach the SQL server: the server has a firewall that denies by default, and the deployer lists no egress ranges.*"egressIpRanges"/
    );
    expect(
      messageOf(() => database({ ...PROD, deployer: { network: "public", egressIpRanges: ["203.0.113.0/28"] } }).sql.addDeployScript("Setup", SCRIPT))
    ).toMatch(/the server has public network access off.*"deployer": { "network": "private" }/);
    expect(messageOf(() => database(PUBLIC_DEPLOYER).sql.addDeployScript("Setup", " "))).toMatch(/Orders\/Setup: script is empty/);
  });
});

describe("sqlReachability", () => {
  const deployer = (network: "public" | "private", egressIpRanges: string[] = []) => ({
    principalId: "x",
    network,
    egressIpRanges,
    isCurrentPrincipal: false,
  });
  test.each([
    ["private, with a private endpoint", deployer("private"), true, true, true],
    ["private, without a private endpoint", deployer("private"), true, false, false],
    ["public, with egress ranges", deployer("public", ["203.0.113.0/28"]), true, false, true],
    ["public, without egress ranges", deployer("public"), true, false, false],
    ["public, public access off", deployer("public", ["203.0.113.0/28"]), false, true, false],
  ])("%s", (_, d, publicAccess, endpoint, reachable) => {
    expect(sqlReachability(d, publicAccess, endpoint).reachable).toBe(reachable);
  });

  test("asking for reachability adds no client-config data source", () => {
    const { stack, sql } = database({ deployer: { network: "public", egressIpRanges: ["203.0.113.0/28"] } });
    expect(sql.deployerReachability().reachable).toBe(true);
    expect(JSON.parse(JSON.stringify(resources(stack, "azurerm_mssql_server")))).toHaveLength(1);
    expect(stack.node.tryFindChild("ClientConfig")).toBeUndefined();
  });
});
