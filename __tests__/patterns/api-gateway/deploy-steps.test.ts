import { readFileSync } from "fs";
import { Testing } from "cdktf";
import { API_GATEWAY_WORKLOADS, ApiGatewayProps } from "../../../patterns/api-gateway";
import { SqlDatabase } from "../../../constructs/sql";
import { SUBSCRIPTION_ID, makeStack, messageOf, resources, single } from "../../helpers";
import { gateway, named, unsuppressedErrors } from "./fixtures";

describe("ApiGateway: the API's Entra ID registration", () => {
  /** The fixture without a caller-chosen audience, with the azuread provider the registration needs. */
  function registered(props: Partial<ApiGatewayProps> = {}, options: Parameters<typeof gateway>[1] = {}) {
    return gateway({ jwt: undefined, ...props }, { ...options, azuread: true });
  }

  test("without jwt.audience: a single-tenant app with v2.0 tokens, a partner role, a service principal requiring it; audience = client id", () => {
    const f = registered();
    const app = single(f.stack, "azuread_application");
    expect(app.config).toMatchObject({
      display_name: "contoso-orders-api",
      sign_in_audience: "AzureADMyOrg",
      api: { requested_access_token_version: 2 },
    });
    expect(app.config.app_role).toEqual([
      {
        id: f.gateway.apiRegistration?.partnerRoleId,
        allowed_member_types: ["Application"],
        value: "Orders.ReadWrite",
        display_name: expect.any(String),
        description: expect.any(String),
        enabled: true,
      },
    ]);
    expect(app.config.app_role[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(single(f.stack, "azuread_application_identifier_uri").config.identifier_uri).toBe(`api://${app.ref("client_id")}`);
    expect(single(f.stack, "azuread_service_principal").config).toMatchObject({
      client_id: app.ref("client_id"),
      app_role_assignment_required: true,
    });
    expect(named(f.stack, "azurerm_api_management_named_value", "jwt-audience").config.value).toBe(app.ref("client_id"));
    expect(f.gateway.jwtAudience).toBe(f.gateway.apiRegistration?.clientId);
    expect(unsuppressedErrors(f)).toEqual([]);
  });

  test("the same synth gives the same role id; a chosen URI, role value, name and owners are used", () => {
    const owner = "44444444-4444-4444-4444-444444444444";
    const a = registered({
      apiRegistration: {
        identifierUri: "api://contoso.example/orders",
        partnerRoleValue: "Partner.Orders",
        displayName: "Orders API",
        owners: [owner],
      },
    });
    const b = registered({
      apiRegistration: {
        identifierUri: "api://contoso.example/orders",
        partnerRoleValue: "Partner.Orders",
        displayName: "Orders API",
        owners: [owner],
      },
    });
    expect(a.gateway.apiRegistration?.partnerRoleId).toBe(b.gateway.apiRegistration?.partnerRoleId);
    const app = single(a.stack, "azuread_application").config;
    expect(app).toMatchObject({ display_name: "Orders API", identifier_uris: ["api://contoso.example/orders"], owners: [owner] });
    expect(app.lifecycle).toBeUndefined();
    expect(app.app_role[0].value).toBe("Partner.Orders");
    expect(resources(a.stack, "azuread_application_identifier_uri")).toEqual({});
  });

  test("a caller-chosen audience creates nothing in Entra ID", () => {
    const f = gateway();
    for (const type of ["azuread_application", "azuread_service_principal", "azuread_application_identifier_uri"])
      expect(resources(f.stack, type)).toEqual({});
    expect(f.gateway.jwtAudience).toBe("api://orders");
  });

  test("errors: both an audience and a registration, no azuread provider, a bad role value or URI", () => {
    expect(messageOf(() => gateway({ apiRegistration: {} }))).toMatch(/gw\/Gateway: apiRegistration is given together with jwt\.audience/);
    expect(messageOf(() => gateway({ jwt: undefined }))).toMatch(
      /gw\/Gateway\/ApiRegistration: jwt\.audience is not set.*no azuread provider; add new AzureadProvider/
    );
    expect(messageOf(() => registered({ apiRegistration: { partnerRoleValue: "Orders Read" } }))).toMatch(
      /apiRegistration\.partnerRoleValue "Orders Read" is not an app role value/
    );
    expect(messageOf(() => registered({ apiRegistration: { identifierUri: "orders" } }))).toMatch(
      /apiRegistration\.identifierUri "orders" is not an api:\/\/ or https:\/\/ URI/
    );
  });
});

describe("ApiGateway: the orders table and database users during apply", () => {
  const reachable = { deployer: { network: "public" as const, egressIpRanges: ["203.0.113.0/28"] } };

  test("a deployer that reaches the server: the table DDL then the grants, after the server, its firewall and the workflows", () => {
    const f = gateway({}, { context: reachable });
    const script = single(f.stack, "terraform_data").config;
    const sql = script.provisioner[0]["local-exec"].environment.SQL_SCRIPT;
    expect(sql).toBe(f.gateway.sqlSetupScript());
    expect(sql.startsWith(readFileSync(API_GATEWAY_WORKLOADS.schemaFile, "utf8"))).toBe(true);
    expect(sql.endsWith(f.gateway.grantScript())).toBe(true);
    expect(script.depends_on).toEqual(
      expect.arrayContaining([
        single(f.stack, "azurerm_mssql_server").ref("id").slice(2, -4),
        named(f.stack, "azurerm_logic_app_workflow", "logic-contoso-get-order").ref("id").slice(2, -4),
        named(f.stack, "azurerm_logic_app_workflow", "logic-contoso-create-order").ref("id").slice(2, -4),
        expect.stringMatching(/^azurerm_mssql_firewall_rule\.Gateway_Orders_SqlSetup_FirewallRule-allow-20301130-28/),
      ])
    );
    expect(f.gateway.sqlSetup?.firewallRules).toHaveLength(1);
    expect(unsuppressedErrors(f)).toEqual([]);
  });

  test("a deployer that cannot reach it: no script, a synth warning with the fix; asking for it anyway is an error", () => {
    const f = gateway();
    expect(resources(f.stack, "terraform_data")).toEqual({});
    const warnings = Testing.synth(f.stack) && f.gateway.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([
      expect.stringMatching(
        /orders table and database users are not created during deploy: the server has a firewall that denies by default, and the deployer lists no egress ranges.*"egressIpRanges"/
      ),
    ]);
    expect(messageOf(() => gateway({ sqlSetupAtDeploy: true }))).toMatch(/Gateway\/Orders\/SqlSetup: deployer "public" cannot reach the SQL server/);
    expect(resources(gateway({ sqlSetupAtDeploy: false }, { context: reachable }).stack, "terraform_data")).toEqual({});
  });

  test("the schema's columns are the ones the workflows' statements use", () => {
    const schema = readFileSync(API_GATEWAY_WORKLOADS.schemaFile, "utf8");
    const columns = [...schema.matchAll(/^\s+(\w+)\s+(?:NVARCHAR|DECIMAL|NCHAR|DATETIME2)/gm)].map((m) => m[1]);
    expect(columns).toEqual(["Id", "CustomerId", "Status", "Amount", "Currency", "CreatedAt"]);
    const get = readFileSync(API_GATEWAY_WORKLOADS.getOrderWorkflowFile, "utf8");
    expect(get).toContain(`SELECT ${columns.join(", ")} FROM dbo.Orders`);
  });

  test("an existing database is set up where it lives: asking for the setup is an error", () => {
    expect(
      messageOf(() =>
        gateway({
          sqlAdministrator: undefined,
          existingSqlDatabase: SqlDatabase.fromId(
            makeStack(),
            "Orders",
            `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-x/databases/orders`,
          ),
          sqlSetupAtDeploy: true,
        })
      )
    ).toMatch(/sqlSetupAtDeploy true runs only against the database the pattern creates/);
  });
});
