import { readFileSync } from "fs";
import { Principal } from "../../../constructs/core/grants";
import { SqlDatabase } from "../../../constructs/sql";
import { DataPipeline } from "../../../patterns/data-pipeline";
import { CONTROL_SCHEMA_FILE, TABLES } from "../../../patterns/data-pipeline/workloads";
import { Json, makeStack, messageOf, resolved, resources, withProvider } from "../../helpers";
import { ADMIN, CONTEXTS, PROPS } from "./fixtures";

describe("DataPipeline: deploy-time steps", () => {
  const publicDeployer = { deployer: { network: "public" as const, egressIpRanges: ["203.0.113.0/28"] } };
  function withContext(extra: Parameters<typeof makeStack>[0], props: Partial<typeof PROPS> = {}) {
    const stack = withProvider(makeStack({ ...CONTEXTS.dev, ...extra }));
    return { stack, pattern: new DataPipeline(stack, "DataPipeline", { ...PROPS, ...props }) };
  }

  test("the deployer sets the password: Secrets Officer on the vault, and a public deployer's ranges pass its firewall", () => {
    const { stack, pattern } = withContext({ allowedIpRanges: ["198.51.100.0/24"], ...publicDeployer });
    const vault = Object.values(resources(stack, "azurerm_key_vault"))[0] as Json;
    expect(vault.network_acls).toMatchObject({ default_action: "Deny", ip_rules: ["198.51.100.0/24", "203.0.113.0/28"] });
    expect(pattern.passwordSetterGrants).toHaveLength(1);
    const officers = (Object.values(resources(stack, "azurerm_role_assignment")) as Json[]).filter(
      (g) => g.role_definition_name === "Key Vault Secrets Officer"
    );
    expect(officers).toEqual([
      expect.objectContaining({ principal_id: "${data.azurerm_client_config.ClientConfig.object_id}", scope: resolved(stack, pattern.keyVault.id) }),
    ]);
  });

  test("password setters can be named (e.g. an operators' group) or none", () => {
    const group = Principal.fromObjectId("55555555-5555-5555-5555-555555555555", "Group");
    const named = withContext({}, { passwordSetters: [group] });
    const officers = (Object.values(resources(named.stack, "azurerm_role_assignment")) as Json[]).filter(
      (g) => g.role_definition_name === "Key Vault Secrets Officer"
    );
    expect(officers).toEqual([expect.objectContaining({ principal_id: group.principalId, principal_type: "Group" })]);
    const none = withContext({}, { passwordSetters: [] });
    expect(
      (Object.values(resources(none.stack, "azurerm_role_assignment")) as Json[]).filter(
        (g) => g.role_definition_name === "Key Vault Secrets Officer"
      )
    ).toEqual([]);
  });

  test("a reachable control server: the factory's user and the control table during apply, after the factory and the firewall rule", () => {
    const { stack, pattern } = withContext(publicDeployer);
    const scripts = Object.values(resources(stack, "terraform_data")) as Json[];
    expect(scripts).toHaveLength(1);
    expect(scripts[0].depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^azurerm_data_factory\.DataPipeline_Factory_/),
        expect.stringMatching(/^azurerm_mssql_firewall_rule\.DataPipeline_ControlDb_Setup_FirewallRule-allow-20301130-28/),
      ])
    );
    const sql = scripts[0].provisioner[0]["local-exec"].environment.SQL_SCRIPT;
    expect(sql).toBe(pattern.controlDatabaseSetupScript());
    expect(sql.indexOf(`CREATE USER [${pattern.dataFactory.resource.nameInput}] FROM EXTERNAL PROVIDER`)).toBeLessThan(
      sql.indexOf("CREATE TABLE etl.TablesToLoad")
    );
  });

  test("the control table is what ingest-onprem reads and lists dbo.Customers, which the data flow needs", () => {
    const ddl = readFileSync(CONTROL_SCHEMA_FILE, "utf8");
    expect(ddl).toContain(`CREATE TABLE ${TABLES.control.schema}.${TABLES.control.table}`);
    expect(ddl).toContain("VALUES (N'dbo', N'Customers')");
    for (const column of ["SchemaName", "TableName", "Enabled"]) expect(ddl).toContain(column);
  });

  test("an unreachable control server: no script and a warning; forcing it is an error; an existing database is set up where it lives", () => {
    const { stack, pattern } = withContext({});
    expect(resources(stack, "terraform_data")).toEqual({});
    expect(pattern.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      expect.stringMatching(/control table are not created during deploy/),
    ]);
    expect(messageOf(() => withContext({}, { sqlSetupAtDeploy: true }))).toMatch(
      /DataPipeline\/ControlDb\/Setup: deployer "public" cannot reach the SQL server/
    );
    const stack2 = withProvider(makeStack(CONTEXTS.dev));
    const existing = new SqlDatabase(stack2, "Existing", { administrator: ADMIN });
    expect(
      messageOf(() => new DataPipeline(stack2, "DataPipeline", { ...PROPS, existingControlDatabase: existing, sqlSetupAtDeploy: true }))
    ).toMatch(/sqlSetupAtDeploy true runs only against the control database the pattern creates/);
  });
});
