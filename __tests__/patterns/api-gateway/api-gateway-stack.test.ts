import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironment } from "../../../config/environment";
import { ApiGatewayStack } from "../../../stacks/api-gateway-stack";
import { SECRET_LITERAL } from "../../../policy/checks";
import { Json } from "../../helpers";

const CONFIG = path.resolve(__dirname, "../../../config");

describe.each(["dev", "prod"] as const)("ApiGatewayStack (%s)", (name) => {
  const environment = loadEnvironment(CONFIG, name);
  const stack = new ApiGatewayStack(Testing.app(), environment);
  const json: Json = JSON.parse(Testing.synth(stack));

  test("synthesizes with cdktf's validations and ours", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("passes the policy pack: no unsuppressed error or warning", () => {
    const report = stack.policy.report();
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
    const suppressed = report.findings.filter((f) => f.suppressed).map((f) => f.ruleId);
    // prod: no SQL hole (AIC-SQL-023 is gone with the Standard workflows); the Standard app's host storage key is the
    // LogicAppStandard construct's documented azurerm 4.55 limit (as in message-broker-prod).
    expect(suppressed).toEqual(name === "prod" ? ["AIC-ST-001"] : []);
  });

  const hostTitle =
    name === "prod" ? "runs the workflows on a private Standard app: SQL keeps public access off, no hole" : "keeps Consumption workflows and the SQL hole";
  test(hostTitle, () => {
    const server: Json = Object.values(json.resource.azurerm_mssql_server)[0];
    const holes = stack.policy.report().findings.filter((f) => f.ruleId === "AIC-SQL-023");
    if (name === "dev") {
      expect(stack.gateway.workflowHost).toBe("consumption");
      expect(server.public_network_access_enabled).toBe(true);
      expect(Object.keys(json.resource.azurerm_logic_app_workflow ?? {})).toHaveLength(2);
      expect(json.resource.azurerm_logic_app_standard).toBeUndefined();
      return;
    }
    expect(stack.gateway.workflowHost).toBe("standard");
    expect(server.public_network_access_enabled).toBe(false);
    expect(holes).toEqual([]);
    expect(json.resource.azurerm_mssql_firewall_rule).toBeUndefined();
    expect(json.resource.azurerm_logic_app_workflow).toBeUndefined();
    const [app] = Object.values(json.resource.azurerm_logic_app_standard) as Json[];
    expect(app.public_network_access).toBe("Disabled");
    expect(app.virtual_network_subnet_id).toMatch(/^\$\{azurerm_subnet(_nat_gateway_association)?\./);
    // API Management reaches the app's sites private endpoint, resolved by the VNet-linked privatelink.azurewebsites.net zone.
    const zones = Object.values(json.resource.azurerm_private_dns_zone).map((z: Json) => z.name);
    expect(zones).toContain("privatelink.azurewebsites.net");
    const flows = stack.policy.report().flows.filter((f) => f.purpose.startsWith("backend "));
    expect(flows.map((f) => [f.purpose, f.runsIn, f.path])).toEqual([
      ["backend orders-workflow", "vnet", "private endpoint (sites)"],
      ["backend create-order-workflow", "vnet", "private endpoint (sites)"],
    ]);
  });

  test("wires the environment: publisher, SQL administrator, the stack's Application Insights", () => {
    const apim: Json = Object.values(json.resource.azurerm_api_management)[0];
    expect(apim).toMatchObject({ publisher_name: environment.apiPublisher.name, publisher_email: environment.apiPublisher.email, sku_name: name === "prod" ? "Premium_3" : "Developer_1" });
    const server: Json = Object.values(json.resource.azurerm_mssql_server)[0];
    // The shipped environments name no administrator group: the deploying principal administers SQL.
    expect(environment.databaseAdministrators).toBeUndefined();
    expect(server.azuread_administrator).toMatchObject({
      login_username: "deploying-principal",
      object_id: "${data.azurerm_client_config.ClientConfig.object_id}",
    });
    expect(json.resource.azurerm_api_management_logger).toBeUndefined();
    const logger = Object.values(json.resource.azurerm_resource_group_template_deployment as Record<string, Json>).find((d) => d.name.startsWith("deploy-logger-"));
    const insights = Object.keys(json.resource.azurerm_application_insights)[0];
    expect(JSON.parse(logger.parameters_content)).toMatchObject({
      connectionString: { value: `\${azurerm_application_insights.${insights}.connection_string}` },
      identityClientId: { value: "SystemAssigned" },
    });
  });

  test("registers the API in Entra ID and validates its v2.0 tokens: the audience is the registration's client id, no placeholder", () => {
    const [appAddress, app] = Object.entries(json.resource.azuread_application as Record<string, Json>)[0];
    expect(app).toMatchObject({
      sign_in_audience: "AzureADMyOrg",
      api: { requested_access_token_version: 2 },
      owners: ["${data.azurerm_client_config.ClientConfig.object_id}"],
    });
    expect(app.app_role).toEqual([expect.objectContaining({ allowed_member_types: ["Application"], value: "Orders.ReadWrite", enabled: true })]);
    // Entra objects take a set of strings as tags, never the environment's tag map.
    expect(app.tags).toBeUndefined();
    const audience = Object.values(json.resource.azurerm_api_management_named_value).find((v: Json) => v.name === "jwt-audience") as Json;
    expect(audience.value).toBe(`\${azuread_application.${appAddress}.client_id}`);
    const uri: Json = Object.values(json.resource.azuread_application_identifier_uri)[0];
    expect(uri).toEqual(
      expect.objectContaining({
        application_id: `\${azuread_application.${appAddress}.id}`,
        identifier_uri: `api://\${azuread_application.${appAddress}.client_id}`,
      }),
    );
    const sp: Json = Object.values(json.resource.azuread_service_principal)[0];
    expect(sp).toMatchObject({ client_id: `\${azuread_application.${appAddress}.client_id}`, app_role_assignment_required: true });
    expect(sp.tags).toBeUndefined();
    expect(json.provider.azuread).toEqual([{}]);
    expect(json.output["api-partner-role-id"].value).toBe(app.app_role[0].id);
  });

  const sqlTitle =
    name === "prod"
      ? "creates the orders table and users during apply, through the private endpoint, after the workflows"
      : "leaves the SQL setup to the operator while the deployer names no egress range";
  test(sqlTitle, () => {
    const scripts = Object.values((json.resource.terraform_data ?? {}) as Record<string, Json>);
    if (name === "dev") {
      expect(scripts).toEqual([]);
      expect(stack.gateway.sqlSetup).toBeUndefined();
      return;
    }
    // The SQL setup and the two trigger-signature writers (see the Standard app test).
    const setup = scripts.filter((s) => s.provisioner[0]["local-exec"].environment.SQL_SCRIPT !== undefined);
    expect(setup).toHaveLength(1);
    const [script] = setup;
    expect(script.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^azurerm_mssql_server\./),
        expect.stringMatching(/^azurerm_mssql_database\./),
        expect.stringMatching(/^azurerm_private_endpoint\.ApiGateway_Orders_PrivateEndpoint/),
        // The Standard app's system identity is the database user: it must exist in Entra first.
        expect.stringMatching(/^azurerm_logic_app_standard\.ApiGateway_Workflows/),
      ]),
    );
    const sql = script.provisioner[0]["local-exec"].environment.SQL_SCRIPT;
    expect(sql).toBe(stack.gateway.sqlSetupScript());
    const user = stack.gateway.workflowApp!.sqlPrincipalName;
    expect(sql.indexOf("CREATE TABLE dbo.Orders")).toBeLessThan(sql.indexOf(`CREATE USER [${user}]`));
  });

  test("outputs the gateway URL and the grant script; nothing secret", () => {
    if (name === "prod") {
      // Partners call the Application Gateway; API Management's own URL resolves inside the VNet only.
      expect(json.output["gateway-url"].value).toMatch(/^https:\/\/\$\{azurerm_public_ip\.ApiGateway_Ingress_Gateway_PublicIp_\w+\.fqdn\}$/);
      expect(json.output["apim-internal-gateway-url"].value).toMatch(/^\$\{azurerm_api_management\..*\.gateway_url\}$/);
    } else {
      expect(json.output["gateway-url"].value).toMatch(/^\$\{azurerm_api_management\..*\.gateway_url\}$/);
      expect(json.output["apim-internal-gateway-url"]).toBeUndefined();
    }
    expect(json.output["sql-grant-script"].value).toBe(stack.gateway.grantScript());
    // dev: a user per Consumption workflow; prod: the Standard app's identity, with create-order's roles (read + write).
    const grantee = name === "prod" ? stack.gateway.workflowApp!.sqlPrincipalName : `logic-${environment.namePrefix}-get-order`;
    expect(json.output["sql-grant-script"].value).toContain(`CREATE USER [${grantee}] FROM EXTERNAL PROVIDER;`);
    if (name === "prod") expect(json.output["sql-grant-script"].value).toContain(`ALTER ROLE db_datawriter ADD MEMBER [${grantee}];`);
    expect(JSON.stringify(json)).not.toMatch(SECRET_LITERAL);
    expect(JSON.stringify(json.output)).not.toContain("callback_url");
  });

  test("deploys the expected resources", () => {
    const count = Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    // + 8 named values the workflow backends rebuild their trigger query from; the app registration, its identifier URI and service
    // principal; prod also the SQL setup.
    // 8 of them are the named values the two workflow backends rebuild their trigger query from.
    // prod: + 30 for the ingress (gateway, WAF policy, subnet, NSG and 3 rules, public IP, identity, Key Vault with its
    // endpoint, certificate and grants, the azure-api.net zone, its link and 5 records, diagnostics, waits); API Management is not locked by default.
    // + 5 alerting: the action group, API Management 5xx and capacity, a failed-runs alert per workflow.
    // + 1 for server-level SQL auditing: the master database's audit setting (the server policy replaces the database one).
    // prod, Standard workflows instead of Consumption (+28): - 19 (2 workflows, their triggers, 6 actions, 2 diagnostics, 2 failed-run
    // alerts, 2 SQL API connections, the AzureConnectors firewall rule, the 2 sig named values Terraform fed) + 47: the app (plan, app,
    // package identity, blob and container, 2 package grants, wait, sites endpoint, diagnostics, failed-runs alert: 11), its host storage
    // (account, share, 4 endpoints, 5 diagnostics, lock, encryption identity, grant and wait: 15), the Network's integration egress and
    // zones (NAT gateway, its IP and 2 associations, 5 privatelink zones and links: 14), the metrics publisher grant, and the signature
    // writers (2 terraform_data, 2 waits, 2 deployer grants: 6).
    expect(count).toBe(name === "prod" ? 148 : 55); // prod: + the encryption key, its vault and a key identity per data store
  });
});
