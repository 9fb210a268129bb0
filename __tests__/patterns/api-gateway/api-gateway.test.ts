import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { ApiManagement } from "../../../constructs/api-management";
import { IntegrationContext } from "../../../constructs/core";
import { Network } from "../../../constructs/network";
import { API_MANAGEMENT_NSG_RULES } from "../../../constructs/api-management";
import { ApiGateway, API_GATEWAY_NAMES } from "../../../patterns/api-gateway";
import { SqlDatabase } from "../../../constructs/sql";
import { PolicyPack } from "../../../policy/policy-pack";
import { Json, RESOURCE_GROUP, SUBSCRIPTION_ID, makeStack, messageOf, resources, single, synth } from "../../helpers";
import { ADMIN, REQUIRED, gateway, named, unsuppressedErrors } from "./fixtures";

Testing.setupJest();

describe("ApiGateway in dev", () => {
  const fixture = gateway();
  const { stack, gateway: gw } = fixture;
  const apim = single(stack, "azurerm_api_management");
  const getOrder = named(stack, "azurerm_logic_app_workflow", "logic-contoso-get-order");
  const createOrder = named(stack, "azurerm_logic_app_workflow", "logic-contoso-create-order");
  const server = single(stack, "azurerm_mssql_server");
  const database = single(stack, "azurerm_mssql_database");
  const loggerDeployment = named(stack, "azurerm_resource_group_template_deployment", `deploy-logger-${apim.ref("name")}`);

  test("a Developer service with no VNet, its identity and the App Insights logger of the stack's Monitoring", () => {
    expect(apim.config).toMatchObject({ sku_name: "Developer_1", virtual_network_type: "None", publisher_name: "Contoso", publisher_email: "api@contoso.example", identity: { type: "SystemAssigned" } });
    expect(resources(stack, "azurerm_public_ip")).toEqual({});
    expect(resources(stack, "azurerm_network_security_group")).toEqual({});
    expect(resources(stack, "azurerm_api_management_logger")).toEqual({});
    const deployment = loggerDeployment.config;
    const insights = single(stack, "azurerm_application_insights");
    const template = JSON.parse(deployment.template_content);
    expect(template.parameters.connectionString).toEqual({ type: "securestring" });
    expect(template.resources[0]).toMatchObject({ type: "Microsoft.ApiManagement/service/loggers", properties: { loggerType: "applicationInsights", credentials: { identityClientId: "[parameters('identityClientId')]" } } });
    expect(JSON.parse(deployment.parameters_content)).toEqual({
      serviceName: { value: apim.ref("name") },
      applicationInsightsId: { value: insights.ref("id") },
      connectionString: { value: insights.ref("connection_string") },
      identityClientId: { value: "SystemAssigned" },
    });
    expect(gw.service).toBeInstanceOf(ApiManagement);
    expect(gw.apiManagement).toBe(gw.service);
  });

  test("the service's identity may publish telemetry with Entra ID (Monitoring Metrics Publisher on App Insights)", () => {
    const grant = single(stack, "azurerm_role_assignment").config;
    expect(grant).toMatchObject({
      scope: single(stack, "azurerm_application_insights").ref("id"),
      role_definition_name: "Monitoring Metrics Publisher",
      principal_id: apim.ref("identity[0].principal_id"),
      principal_type: "ServicePrincipal",
    });
    expect(gw.metricsPublisherGrant).toBe(gw.service?.appInsightsMetricsPublisherGrant);
  });

  test("the diagnostic sends to the logger's ARM id once the logger and the role exist", () => {
    const diagnostic = single(stack, "azurerm_api_management_diagnostic").config;
    expect(diagnostic.api_management_logger_id).toBe(`${apim.ref("id")}/loggers/appinsights-identity`);
    const address = (ref: string) => ref.slice(2, -4);
    expect(diagnostic.depends_on).toEqual([address(loggerDeployment.ref("id")), address(single(stack, "azurerm_role_assignment").ref("id"))]);
  });

  test("the orders API from the OpenAPI document, HTTPS only, subscription required, with the API policy", () => {
    const api = single(stack, "azurerm_api_management_api");
    expect(api.config).toMatchObject({ name: "orders", path: "api", protocols: ["https"], subscription_required: true, import: { content_format: "openapi+json" } });
    expect(api.config.service_url).toBeUndefined();
    const policy = single(stack, "azurerm_api_management_api_policy").config;
    expect(policy.api_name).toBe(api.ref("name"));
    expect(policy.xml_content).toContain('<set-backend-service backend-id="orders-workflow" />');
  });

  test("the partners product requires a subscription and approval, holds the API and one subscription", () => {
    const product = single(stack, "azurerm_api_management_product");
    expect(product.config).toMatchObject({ product_id: "partners", subscription_required: true, approval_required: true, subscriptions_limit: 1, published: true });
    expect(single(stack, "azurerm_api_management_product_api").config).toMatchObject({ product_id: product.ref("product_id"), api_name: single(stack, "azurerm_api_management_api").ref("name") });
    expect(single(stack, "azurerm_api_management_subscription").config).toMatchObject({ subscription_id: "partners-default", product_id: product.ref("id"), state: "active", allow_tracing: false });
  });

  test("plain named values for the token issuer (the deploying tenant's v2.0 issuer), audience and rate limit", () => {
    const values = Object.fromEntries(Object.values(resources(stack, "azurerm_api_management_named_value")).map((v: Json) => [v.name, v]));
    const workflows = [API_GATEWAY_NAMES.getOrderBackend, API_GATEWAY_NAMES.createOrderBackend];
    const workflowQuery = workflows.flatMap((b) => ["api-version", "sp", "sv", "sig"].map((p) => `${b}-${p}`));
    const plain = ["jwt-audience", "jwt-issuer", "orders-rate-limit-calls", "orders-rate-limit-period"];
    expect(Object.keys(values).sort()).toEqual([...plain, ...workflowQuery].sort());
    expect(values["jwt-issuer"]).toMatchObject({ secret: false, value: "https://login.microsoftonline.com/${data.azurerm_client_config.ClientConfig.tenant_id}/v2.0" });
    expect(values["jwt-audience"].value).toBe("api://orders");
    expect(values["orders-rate-limit-calls"].value).toBe("100");
    expect(values["orders-rate-limit-period"].value).toBe("60");
  });

  test("named values keep API Management tags (a list), not the Azure tag map the environment adds", () => {
    const tagged = withTags();
    for (const value of Object.values(resources(tagged, "azurerm_api_management_named_value")) as Json[]) expect(value.tags).toBeUndefined();
    expect(single(tagged, "azurerm_api_management").config.tags).toEqual({ owner: "integration" });
  });

  test("one backend per workflow at the trigger's invoke URL without its query; the signature is a secret named value", () => {
    const get = named(stack, "azurerm_api_management_backend", API_GATEWAY_NAMES.getOrderBackend).config;
    const create = named(stack, "azurerm_api_management_backend", API_GATEWAY_NAMES.createOrderBackend).config;
    const getTrigger = Object.entries(resources(stack, "azurerm_logic_app_trigger_http_request")).find(([, t]: [string, Json]) => t.logic_app_id === getOrder.ref("id"));
    expect(getTrigger).toBeDefined();
    const callback = `azurerm_logic_app_trigger_http_request.${getTrigger?.[0]}.callback_url`;
    expect(get).toMatchObject({
      protocol: "http",
      url: `\${element(split("?", ${callback}), 0)}`,
      resource_id: `https://management.azure.com${getOrder.ref("id")}`,
    });
    expect(create.url).toMatch(/^\$\{element\(split\("\?", azurerm_logic_app_trigger_http_request\..*CreateOrder.*\.callback_url\), 0\)\}$/);
    expect(create.resource_id).toBe(`https://management.azure.com${createOrder.ref("id")}`);
    const sig = named(stack, "azurerm_api_management_named_value", `${API_GATEWAY_NAMES.getOrderBackend}-sig`).config;
    expect(sig).toMatchObject({ secret: true, value: `\${element(regex("[?&]sig=([^&]+)", ${callback}), 0)}` });
    expect(named(stack, "azurerm_api_management_named_value", `${API_GATEWAY_NAMES.getOrderBackend}-sp`).config).toMatchObject({
      secret: false,
      value: `\${replace(element(regex("[?&]sp=([^&]+)", ${callback}), 0), "/%2[Ff]/", "/")}`,
    });
  });

  test("the API policy waits for the named values and backends it references", () => {
    const dependsOn: string[] = single(stack, "azurerm_api_management_api_policy").config.depends_on;
    const addresses = (type: string) => Object.keys(resources(stack, type)).map((key) => `${type}.${key}`);
    expect(dependsOn).toEqual(expect.arrayContaining([...addresses("azurerm_api_management_named_value"), ...addresses("azurerm_api_management_backend")]));
  });

  test("the workflows accept trigger calls only from the service's public address; run history stays closed", () => {
    const apimAddresses = `\${formatlist("%s/32", ${apim.ref("public_ip_addresses").slice(2, -1)})}`;
    for (const flow of [getOrder, createOrder]) {
      expect(flow.config.access_control).toEqual({
        trigger: { allowed_caller_ip_address_range: apimAddresses },
        action: { allowed_caller_ip_address_range: apimAddresses },
        content: { allowed_caller_ip_address_range: ["0.0.0.0-0.0.0.0"] },
      });
    }
    expect(gw.allowedCallerIpRanges).toHaveLength(1);
  });

  test("the workflows query the database named by parameters, over a managed-identity SQL connection", () => {
    for (const flow of [getOrder, createOrder]) {
      expect(flow.config.parameters.sqlServer).toBe(server.ref("fully_qualified_domain_name"));
      expect(flow.config.parameters.sqlDatabase).toBe(database.ref("name"));
      const connections = JSON.parse(flow.config.parameters.$connections);
      expect(connections.sql).toMatchObject({ connectionProperties: { authentication: { type: "ManagedServiceIdentity" } } });
      expect(flow.config.identity).toEqual({ type: "SystemAssigned" });
    }
    const deployments = Object.values(resources(stack, "azurerm_resource_group_template_deployment")).filter((d: Json) => d.name !== loggerDeployment.config.name) as Json[];
    expect(deployments.map((d) => JSON.parse(d.parameters_content).parameterValueSetName.value)).toEqual(["oauthMI", "oauthMI"]);
    expect(gw.getOrderWorkflow!.connections.get("sql")?.managedIdentity).toBe(true);
    expect(gw.createOrderWorkflow!.connections.get("sql")?.managedIdentity).toBe(true);
  });

  test("an Entra-only SQL database whose firewall admits the region's managed connectors (AzureConnectors), one rule per range", () => {
    expect(server.config).toMatchObject({ public_network_access_enabled: true, azuread_administrator: { login_username: ADMIN.login, object_id: ADMIN.objectId, azuread_authentication_only: true } });
    const data = synth(stack).data;
    const [tagsKey, tags] = Object.entries(data.azurerm_network_service_tags)[0] as [string, Json];
    expect(tags).toEqual({ service: "AzureConnectors", location: "westeurope", location_filter: "westeurope" });
    expect(single(stack, "azurerm_mssql_firewall_rule").config).toEqual({
      for_each: `\${toset(data.azurerm_network_service_tags.${tagsKey}.ipv4_cidrs)}`,
      name: 'AzureConnectors-${replace(each.value, "/", "-")}',
      server_id: server.ref("id"),
      start_ip_address: "${cidrhost(each.value, 0)}",
      end_ip_address: "${cidrhost(each.value, -1)}",
    });
    expect(gw.connectorFirewall?.rule.forEach).toBeDefined();
  });

  test("the grant script names each workflow's identity with the least role it needs", () => {
    expect(gw.grantScript()).toContain("CREATE USER [logic-contoso-get-order] FROM EXTERNAL PROVIDER;");
    expect(gw.grantScript()).toContain("ALTER ROLE db_datareader ADD MEMBER [logic-contoso-get-order];");
    expect(gw.grantScript()).not.toContain("ALTER ROLE db_datawriter ADD MEMBER [logic-contoso-get-order];");
    expect(gw.grantScript()).toContain("ALTER ROLE db_datawriter ADD MEMBER [logic-contoso-create-order];");
    expect(gw.database?.databaseUsers).toEqual([
      { principalName: "logic-contoso-get-order", roles: ["db_datareader"] },
      { principalName: "logic-contoso-create-order", roles: ["db_datareader", "db_datawriter"] },
    ]);
  });

  test("passes the policy pack with no finding at all, and cdktf's validations", () => {
    expect(fixture.pack.report().findings).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

function withTags(): TerraformStack {
  return gateway({ tags: { owner: "integration" } }).stack;
}

describe("ApiGateway in prod with its own network", () => {
  const fixture = gateway({}, { profile: "prod" });
  const { stack, gateway: gw } = fixture;
  const apim = single(stack, "azurerm_api_management");

  test("a Premium service injected in Internal mode into a new subnet with its NSG and a Standard public IP", () => {
    const subnet = named(stack, "azurerm_subnet", "snet-api-management");
    expect(subnet.config).toMatchObject({ address_prefixes: ["10.30.2.0/24"], default_outbound_access_enabled: false });
    expect(subnet.config.delegation).toBeUndefined();
    const pip = named(stack, "azurerm_public_ip", `pip-${apim.config.name}`);
    expect(apim.config).toMatchObject({
      // Zone-redundant: one unit in each zone.
      sku_name: "Premium_3",
      zones: ["1", "2", "3"],
      virtual_network_type: "Internal",
      virtual_network_configuration: { subnet_id: subnet.ref("id") },
      public_ip_address_id: pip.ref("id"),
    });
    expect(pip.config).toMatchObject({ sku: "Standard", allocation_method: "Static", domain_name_label: apim.config.name, name: `pip-${apim.config.name}` });
    // A VNet-injected gateway gets no private endpoint.
    // (The others: the ingress certificate's Key Vault, the encryption-key vault, the Standard app and its host storage.)
    const endpoints = Object.values(resources(stack, "azurerm_private_endpoint")).map((p: Json) => p.private_service_connection.subresource_names);
    expect(endpoints.sort()).toEqual([["blob"], ["file"], ["queue"], ["sites"], ["sqlServer"], ["table"], ["vault"], ["vault"]]);
  });

  test("partners come in through a WAF_v2 Application Gateway to the private VIP; the VNet resolves the service's host names", () => {
    const agw = single(stack, "azurerm_application_gateway").config;
    expect(gw.ingress).toBeDefined();
    expect(agw.sku).toMatchObject({ tier: "WAF_v2" });
    expect(agw.backend_address_pool[0].ip_addresses).toEqual([`\${element(${apim.ref("private_ip_addresses").slice(2, -1)}, 0)}`]);
    expect(agw.backend_http_settings[0].host_name).toBe(`${apim.config.name}.azure-api.net`);
    expect(single(stack, "azurerm_web_application_firewall_policy").config.policy_settings.mode).toBe("Prevention");
    const records = Object.values(resources(stack, "azurerm_private_dns_a_record")) as Json[];
    const hostNames = [apim.config.name, ...[".developer", ".management", ".portal", ".scm"].map((l) => `${apim.config.name}${l}`)];
    expect(records.map((r) => r.name).sort()).toEqual(hostNames.sort());
    expect(gw.partnerUrl).toBe(gw.ingress?.url);
  });

  test("ingress: false leaves the gateway out; ingress without the Internal-mode subnet is refused", () => {
    const without = gateway({ ingress: false }, { profile: "prod" });
    expect(resources(without.stack, "azurerm_application_gateway")).toEqual({});
    expect(without.gateway.partnerUrl).toBe(without.gateway.service?.gatewayUrl);
    expect(messageOf(() => gateway({ ingress: {}, apiManagementVirtualNetwork: false }, { profile: "prod" }))).toMatch(
      /^gw\/Gateway: ingress fronts only the Internal-mode service the pattern injects/,
    );
  });

  test("the NSG carries API Management's required rules and is associated before the service is created", () => {
    const nsg = named(stack, "azurerm_network_security_group", "nsg-contoso-apim");
    // The Application Gateway's NSG has rules of its own (its construct's tests cover them).
    const rules = (Object.values(resources(stack, "azurerm_network_security_rule")) as Json[]).filter(
      (r) => r.network_security_group_name === nsg.ref("name"),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(rules.sort(byName).map((r) => [r.name, r.direction, r.priority, r.source_address_prefix, r.destination_address_prefix, r.destination_port_ranges])).toEqual(
      [...API_MANAGEMENT_NSG_RULES].sort(byName).map((r) => [r.name, r.direction, r.priority, r.source, r.destination, [...r.ports]]),
    );
    expect(rules.find((r) => r.name === "AllowApiManagementControlPlane")).toMatchObject({ direction: "Inbound", access: "Allow", source_address_prefix: "ApiManagement", destination_port_ranges: ["3443"] });
    for (const rule of rules) expect(rule.network_security_group_name).toBe(nsg.ref("name"));
    // The subnet carries this NSG only: the Network adds none of its own to it (and no egress).
    const subnetRef = named(stack, "azurerm_subnet", "snet-api-management").ref("id");
    const nsgAssociations = Object.entries(resources(stack, "azurerm_subnet_network_security_group_association"));
    const onSubnet = nsgAssociations.filter(([, a]) => (a as Json).subnet_id === subnetRef);
    expect(onSubnet.map(([, a]) => (a as Json).network_security_group_id)).toEqual([nsg.ref("id")]);
    expect(Object.values(resources(stack, "azurerm_subnet_nat_gateway_association")).filter((a: Json) => a.subnet_id === subnetRef)).toEqual([]);
    expect(apim.config.depends_on).toContain(`azurerm_subnet_network_security_group_association.${onSubnet[0][0]}`);
    expect(gw.apiManagementSubnet?.rules).toHaveLength(API_MANAGEMENT_NSG_RULES.length);
  });

  test("the workflows run on one VNet-integrated Standard app with a built-in SQL connection by its managed identity", () => {
    expect(gw.workflowHost).toBe("standard");
    expect(gw.getOrderWorkflow).toBeUndefined();
    expect(resources(stack, "azurerm_logic_app_workflow")).toEqual({});
    const app = single(stack, "azurerm_logic_app_standard").config;
    expect(app).toMatchObject({ public_network_access: "Disabled" });
    expect(app.virtual_network_subnet_id).toBeDefined();
    const workflowApp = gw.workflowApp!;
    expect([...workflowApp.workflows.keys()].sort()).toEqual(["create-order", "get-order"]);
    expect(JSON.parse(workflowApp.package.files["connections.json"]).serviceProviderConnections.sql).toEqual({
      displayName: "sql",
      parameterSetName: "ManagedServiceIdentity",
      parameterValues: {
        authProvider: { Type: "ManagedServiceIdentity" },
        serverName: "@appsetting('sql_serverName')",
        databaseName: "@appsetting('sql_databaseName')",
      },
      serviceProvider: { id: "/serviceProviders/sql" },
    });
    const server = single(stack, "azurerm_mssql_server");
    expect(app.app_settings).toMatchObject({
      sql_serverName: server.ref("fully_qualified_domain_name"),
      sql_databaseName: single(stack, "azurerm_mssql_database").ref("name"),
    });
    // One identity for both workflows: the database user gets create-order's roles.
    expect(gw.grantScript()).toContain(`CREATE USER [${workflowApp.sqlPrincipalName}] FROM EXTERNAL PROVIDER;`);
    expect(gw.grantScript()).toContain(`ALTER ROLE db_datawriter ADD MEMBER [${workflowApp.sqlPrincipalName}];`);
    expect(gw.grantScript()).not.toContain("logic-contoso-get-order");
    expect(gw.allowedCallerIpRanges).toEqual([]);
  });

  test("SQL keeps public access off (no connector firewall, no hole) beside its private endpoint; locked, APIM is not", () => {
    const server = single(stack, "azurerm_mssql_server");
    expect(server.config.public_network_access_enabled).toBe(false);
    expect(resources(stack, "azurerm_mssql_firewall_rule")).toEqual({});
    expect(gw.connectorFirewall).toBeUndefined();
    const locks = Object.values(resources(stack, "azurerm_management_lock")) as Json[];
    expect(locks.map((l) => l.scope)).toContain(single(stack, "azurerm_mssql_database").ref("id"));
    expect(locks.map((l) => l.scope)).not.toContain(apim.ref("id"));
  });

  test("API Management calls the Standard triggers at the app's host; the signature is written by the deployer, never synthesized", () => {
    const app = single(stack, "azurerm_logic_app_standard");
    const backends = Object.values(resources(stack, "azurerm_api_management_backend")) as Json[];
    expect(backends.map((b) => b.url).sort()).toEqual([
      `https://${app.ref("default_hostname")}/api/create-order/triggers/manual/invoke`,
      `https://${app.ref("default_hostname")}/api/get-order/triggers/manual/invoke`,
    ]);
    const values = Object.values(resources(stack, "azurerm_api_management_named_value")) as Json[];
    // The sig named values are not Terraform resources: the deployer writes them (secret) during the apply.
    expect(values.map((v) => v.name).filter((n) => n.endsWith("-sig"))).toEqual([]);
    expect(values.find((v) => v.name === "orders-workflow-sp")?.value).toBe("/triggers/manual/run");
    expect(values.find((v) => v.name === "orders-workflow-api-version")?.value).toBe("2022-05-01");
    const writers = Object.entries(resources(stack, "terraform_data")).filter(([k]) => k.includes("TriggerSignature")) as [string, Json][];
    expect(writers).toHaveLength(2);
    const [address, writer] = writers.find(([k]) => k.includes("orders-workflow"))!;
    const exec = writer.provisioner[0]["local-exec"];
    expect(exec.environment).toMatchObject({ APP_ID: app.ref("id"), WORKFLOW: "get-order", TRIGGER: "manual", NAMED_VALUE: "orders-workflow-sig" });
    expect(exec.command).toContain("/hostruntime/runtime/webhooks/workflow/api/management/workflows/$WORKFLOW/triggers/$TRIGGER/listCallbackUrl");
    expect(exec.command).toContain("--secret true");
    // No ${ in the command: Terraform would read it as an interpolation.
    expect(exec.command).not.toContain("${");
    expect(writer.input).toEqual({ deploy_time_operation: expect.stringContaining("orders-workflow-sig"), target: app.ref("id") });
    // The API policy waits for the writer: API Management refuses a policy naming a missing named value.
    const policy = single(stack, "azurerm_api_management_api_policy").config;
    expect(policy.depends_on).toContain(`terraform_data.${address}`);
    // The deployer's roles: named values on the service, listCallbackUrl on the app; the writer waits for them.
    const grants = Object.values(resources(stack, "azurerm_role_assignment")) as Json[];
    expect(grants.filter((g) => g.role_definition_name === "API Management Service Contributor").map((g) => g.scope)).toEqual([apim.ref("id")]);
    expect(grants.filter((g) => g.role_definition_name === "Website Contributor").map((g) => g.scope)).toEqual([app.ref("id")]);
    // The policy's template reads {{...-sig}}; no signature value and no callback URL anywhere.
    const text = JSON.stringify(synth(stack));
    expect(text.match(/[?&]sig=[^{]/g)).toBeNull();
    expect(text.includes("callback_url")).toBe(false);
  });

  test("passes the policy pack: no error, no warning; the flows to the app take its sites private endpoint", () => {
    const report = fixture.pack.report();
    expect(unsuppressedErrors(fixture)).toEqual([]);
    expect(report.findings.filter((f) => !f.suppressed)).toEqual([]);
    // The host storage key is LogicAppStandard's documented azurerm 4.55 limit; nothing of SQL is suppressed.
    expect(report.findings.map((f) => [f.ruleId, f.path])).toEqual([["AIC-ST-001", "gw/Gateway/Workflows/Storage/Resource"]]);
    const flows = report.flows.filter((f) => f.purpose.startsWith("backend "));
    expect(flows.map((f) => f.path)).toEqual(["private endpoint (sites)", "private endpoint (sites)"]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("a Standard app behind a service outside the VNet is unreachable: the pack names the private app (AIC-NET-010)", () => {
    const outside = gateway({ apiManagementVirtualNetwork: false, workflowHost: "standard" }, { profile: "prod" });
    const blocked = outside.pack.report().findings.filter((f) => f.ruleId === "AIC-NET-010" && !f.suppressed);
    expect(blocked.map((f) => f.remediation)).toEqual([
      expect.stringMatching(/^gw\/Gateway\/Gateway → gw\/Gateway\/Workflows\/Resource \(backend orders-workflow\)/),
      expect.stringMatching(/^gw\/Gateway\/Gateway → gw\/Gateway\/Workflows\/Resource \(backend create-order-workflow\)/),
    ]);
    // Left to the default, such a service keeps the Consumption workflows.
    expect(gateway({ apiManagementVirtualNetwork: false }, { profile: "prod" }).gateway.workflowHost).toBe("consumption");
  });

  test("props of the other host are refused", () => {
    expect(messageOf(() => gateway({ allowedCallerIpRanges: ["203.0.113.0/24"] }, { profile: "prod" }))).toBe(
      'gw/Gateway: allowedCallerIpRanges shapes the Consumption workflows\' triggers, but workflowHost is "standard" (the app is reached ' +
        "through its private endpoint); drop it (workflowAppProps.allowedIpRanges shapes the app's access restrictions), or set " +
        'workflowHost: "consumption"',
    );
    expect(messageOf(() => gateway({ workflowAppProps: { sku: "WS2" } }))).toBe(
      'gw/Gateway: workflowAppProps shapes the Standard app, but workflowHost is "consumption"; drop it, or set workflowHost: "standard"',
    );
  });
});

describe("ApiGateway in prod with a hub network", () => {
  const fixture = gateway({}, { profile: "prod", network: "hub" });
  const { stack } = fixture;

  test("no subnet can be added to a hub: the service stays outside the VNet with a private endpoint for its gateway", () => {
    const apim = single(stack, "azurerm_api_management");
    expect(apim.config).toMatchObject({ sku_name: "Premium_3", zones: ["1", "2", "3"], virtual_network_type: "None" });
    const endpoints = Object.values(resources(stack, "azurerm_private_endpoint")) as Json[];
    expect(endpoints.map((p) => p.private_service_connection.subresource_names).sort()).toEqual([["Gateway"], ["sqlServer"], ["vault"]]);
    expect(resources(stack, "azurerm_network_security_group")).toEqual({});
  });

  test("the policy pack then warns that the service is not in Internal mode (AIC-APIM-004) and finds no error", () => {
    expect(unsuppressedErrors(fixture)).toEqual([]);
    expect(fixture.pack.report().findings.filter((f) => f.level === "warning").map((f) => f.ruleId)).toEqual(["AIC-APIM-004"]);
  });
});

describe("ApiGateway props", () => {
  test("rate limit, subscription, API path and issuer are configurable", () => {
    const { stack } = gateway({ rateLimit: { calls: 20, renewalPeriodSeconds: 10 }, subscriptionName: "contoso-retail", apiPath: "sales", jwt: { issuer: "https://login.microsoftonline.com/33333333-3333-3333-3333-333333333333/v2.0", audience: "api://sales" } });
    const values = Object.fromEntries(
      (Object.values(resources(stack, "azurerm_api_management_named_value")) as Json[])
        .filter((v) => !v.name.includes("workflow-"))
        .map((v) => [v.name, v.value]),
    );
    expect(values).toEqual({ "jwt-issuer": "https://login.microsoftonline.com/33333333-3333-3333-3333-333333333333/v2.0", "jwt-audience": "api://sales", "orders-rate-limit-calls": "20", "orders-rate-limit-period": "10" });
    expect(single(stack, "azurerm_api_management_subscription").config.subscription_id).toBe("contoso-retail");
    expect(single(stack, "azurerm_api_management_api").config.path).toBe("sales");
    expect(synth(stack).data.azurerm_client_config).toBeUndefined();
  });

  test("the tier and caller ranges can be chosen; without App Insights no logger or grant is created", () => {
    const { stack, gateway: gw } = gateway({ apiManagementSku: "StandardV2", allowedCallerIpRanges: ["203.0.113.0/28"] }, { withoutMonitoring: true });
    expect(single(stack, "azurerm_api_management").config.sku_name).toBe("StandardV2_1");
    expect(named(stack, "azurerm_logic_app_workflow", "logic-contoso-get-order").config.access_control.trigger.allowed_caller_ip_address_range).toEqual(["203.0.113.0/28"]);
    for (const type of ["azurerm_api_management_diagnostic", "azurerm_role_assignment"]) expect(resources(stack, type)).toEqual({});
    const deployments = Object.values(resources(stack, "azurerm_resource_group_template_deployment")).map((d: Json) => d.name);
    expect(deployments.sort()).toEqual(["deploy-con-contoso-create-order-sql", "deploy-con-contoso-get-order-sql"]);
    expect(gw.metricsPublisherGrant).toBeUndefined();
  });

  test("prod can opt out of VNet injection, or bring its own subnet", () => {
    const outside = gateway({ apiManagementVirtualNetwork: false }, { profile: "prod" }).stack;
    expect(single(outside, "azurerm_api_management").config.virtual_network_type).toBe("None");
    expect(resources(outside, "azurerm_public_ip")).toEqual({});
    const own = gateway({ apiManagementVirtualNetwork: { type: "External", subnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apim" } }, { profile: "prod" }).stack;
    expect(single(own, "azurerm_api_management").config).toMatchObject({ virtual_network_type: "External", virtual_network_configuration: { subnet_id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/apim" } });
    expect(Object.values(resources(own, "azurerm_network_security_group")).map((n: Json) => n.name)).not.toContain("nsg-contoso-apim");
  });

  test("the Internal-mode subnet's range can be chosen", () => {
    const { stack } = gateway({ apiManagementSubnetPrefix: "10.30.8.0/27" }, { profile: "prod" });
    expect(named(stack, "azurerm_subnet", "snet-api-management").config.address_prefixes).toEqual(["10.30.8.0/27"]);
  });

  test("a private SQL endpoint only cuts the managed connectors off: the pack names both workflows and the fixes", () => {
    const fixture = gateway({ sqlDatabaseProps: { publicNetworkAccess: false }, workflowHost: "consumption" }, { profile: "prod" });
    expect(single(fixture.stack, "azurerm_mssql_server").config.public_network_access_enabled).toBe(false);
    expect(resources(fixture.stack, "azurerm_mssql_firewall_rule")).toEqual({});
    const findings = fixture.pack.report().findings;
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([
      ["AIC-NET-010", "gw/Gateway/CreateOrder"],
      ["AIC-NET-010", "gw/Gateway/GetOrder"],
    ]);
    expect(findings[0].remediation).toBe(
      "gw/Gateway/CreateOrder → gw/Gateway/Orders/Server (sql connector): the managed connector runs in Azure's multi-tenant connector service, " +
        "which cannot use private endpoints, and the server has public network access off; fix: run the workflow on Logic Apps Standard with " +
          "VNet integration " +
        "through the server's private endpoint; or turn publicNetworkAccess on with allowedIpRanges (firewall rules) admitting the " +
          "AzureConnectors service tag (its ranges from azurerm_network_service_tags)",
    );
  });

  test("a user who moves the workflows elsewhere suppresses the finding with a reason, which the report keeps", () => {
    const fixture = gateway({ sqlDatabaseProps: { publicNetworkAccess: false }, workflowHost: "consumption" }, { profile: "prod" });
    const reason = "The workflows run on Logic Apps Standard in our hub (VNet integration); these Consumption ones are a fallback.";
    PolicyPack.suppress(fixture.gateway, "AIC-NET-010", reason);
    expect(() => Testing.synth(fixture.stack, true)).not.toThrow();
    expect(fixture.pack.report().findings.filter((f) => !f.suppressed)).toEqual([]);
  });
});

describe("ApiGateway with existing resources", () => {
  test("an existing API Management service gets the API, product, named values and backends; its address is looked up", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform", resourceGroup: RESOURCE_GROUP });
    const gw = new ApiGateway(stack, "Gateway", { jwt: { audience: "api://orders" }, sqlAdministrator: ADMIN, existingApiManagement: shared });
    expect(gw.service).toBeUndefined();
    expect(gw.apiManagement).toBe(shared);
    expect(resources(stack, "azurerm_api_management")).toEqual({});
    const json = synth(stack);
    const lookup = Object.entries(json.data.azurerm_api_management) as [string, Json][];
    expect(lookup.map(([, d]) => d)).toEqual([{ name: "apim-platform", resource_group_name: "rg-test" }]);
    for (const type of ["azurerm_api_management_api", "azurerm_api_management_product", "azurerm_api_management_backend", "azurerm_api_management_named_value"]) {
      for (const child of Object.values(resources(stack, type)) as Json[]) expect(child.api_management_name).toBe("apim-platform");
    }
    expect(named(stack, "azurerm_logic_app_workflow", "logic-test-get-order").config.access_control.trigger.allowed_caller_ip_address_range).toBe(
      `\${formatlist("%s/32", data.azurerm_api_management.${lookup[0][0]}.public_ip_addresses)}`,
    );
  });

  test("an existing database (SqlDatabase.fromId): no server is created, the workflows are pointed at it and the script names it", () => {
    const stack = makeStack();
    const erp = SqlDatabase.fromId(stack, "Erp", ERP_DATABASE_ID);
    const gw = new ApiGateway(stack, "Gateway", { ...REQUIRED, sqlAdministrator: undefined, existingSqlDatabase: erp });
    expect(resources(stack, "azurerm_mssql_server")).toEqual({});
    expect(resources(stack, "azurerm_mssql_firewall_rule")).toEqual({});
    expect(gw.database).toBeUndefined();
    const flow = named(stack, "azurerm_logic_app_workflow", "logic-test-create-order").config;
    expect(flow.parameters).toMatchObject({ sqlServer: "sql-erp.database.windows.net", sqlDatabase: "erp" });
    expect(gw.grantScript()).toBe(
      [
        "-- Database access for Microsoft Entra principals (server sql-erp, database erp).",
        "-- Run connected to the database itself (not master), signed in as the server's Microsoft Entra",
        "-- administrator (the pattern stacks run it during terraform apply when the deployer can reach the server).",
        "",
        "IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'logic-test-get-order')",
        "    CREATE USER [logic-test-get-order] FROM EXTERNAL PROVIDER;",
        "ALTER ROLE db_datareader ADD MEMBER [logic-test-get-order];",
        "",
        "IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'logic-test-create-order')",
        "    CREATE USER [logic-test-create-order] FROM EXTERNAL PROVIDER;",
        "ALTER ROLE db_datareader ADD MEMBER [logic-test-create-order];",
        "ALTER ROLE db_datawriter ADD MEMBER [logic-test-create-order];",
        "",
      ].join("\n"),
    );
    expect(erp.databaseUsers.map((u) => u.principalName)).toEqual(["logic-test-get-order", "logic-test-create-order"]);
  });
});

const ERP_DATABASE_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-erp/providers/Microsoft.Sql/servers/sql-erp/databases/erp`;

describe("ApiGateway validation", () => {
  const errorOf = (props: Json, extra = {}) => messageOf(() => new ApiGateway(makeStack(extra), "Gateway", { ...REQUIRED, ...props }));

  test("an existing service and the props of a new one are exclusive", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform" });
    expect(messageOf(() => new ApiGateway(stack, "Gateway", { ...REQUIRED, existingApiManagement: shared, apiManagementSku: "Premium" }))).toBe(
      "test/Gateway: existingApiManagement cannot be combined with publisherName, publisherEmail, apiManagementSku, which shape a new " +
        "resource; configure the existing resource where it is defined, or drop existingApiManagement to create one from publisherName, " +
        "publisherEmail, apiManagementSku",
    );
  });

  test("an existing service and an existing database conflicting with new props are named in one error", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform" });
    const existingSqlDatabase = SqlDatabase.fromId(stack, "Erp", ERP_DATABASE_ID);
    const props = { ...REQUIRED, existingApiManagement: shared, existingSqlDatabase, sqlDatabaseProps: { sku: "S0" } };
    expect(messageOf(() => new ApiGateway(stack, "Gateway", props))).toBe(
      "test/Gateway: existingApiManagement, existingSqlDatabase cannot be combined with publisherName, publisherEmail (existingApiManagement), " +
        "sqlAdministrator, sqlDatabaseProps (existingSqlDatabase), which shape new resources; configure each existing resource where it is " +
        "defined, or drop its existing* prop to create one from its props",
    );
  });

  test("a new service needs its publisher", () => {
    expect(errorOf({ publisherEmail: undefined })).toBe(
      "test/Gateway: publisherEmail is required for a new API Management service; pass the publisher's name and email (e.g. " +
        "environment.apiPublisher), or existingApiManagement",
    );
  });

  test("an existing database and the props of a new one are exclusive; a new one defaults its administrator to the deployer", () => {
    const existingSqlDatabase = SqlDatabase.fromId(makeStack(), "Erp", ERP_DATABASE_ID);
    expect(errorOf({ existingSqlDatabase, sqlDatabaseProps: { sku: "S0" } })).toBe(
      "test/Gateway: existingSqlDatabase cannot be combined with sqlAdministrator, sqlDatabaseProps, which shape a new resource; " +
        "configure the existing resource where it is defined, or drop existingSqlDatabase to create one from sqlAdministrator, sqlDatabaseProps",
    );
    const stack = makeStack();
    new ApiGateway(stack, "Gateway", { ...REQUIRED, sqlAdministrator: undefined });
    expect(single(stack, "azurerm_mssql_server").config.azuread_administrator).toMatchObject({
      login_username: "deploying-principal",
      object_id: "${data.azurerm_client_config.ClientConfig.object_id}",
    });
  });

  test("an existing database's name must be literal (the grant script names it)", () => {
    const stack = makeStack();
    const id = new TerraformVariable(stack, "db", { type: "string" });
    const existingSqlDatabase = SqlDatabase.fromId(stack, "Erp", id.stringValue);
    expect(messageOf(() => new ApiGateway(stack, "Gateway", { ...REQUIRED, sqlAdministrator: undefined, existingSqlDatabase }))).toBe(
      "test/Gateway: existingSqlDatabase.name is known only at deploy time, but the grant script is written at synth; import the " +
        "database with SqlDatabase.fromId and its literal resource id",
    );
  });

  test("the issuer is an https URL without a trailing '/' (the OpenID configuration is read below it)", () => {
    expect(errorOf({ jwt: { issuer: "https://sts.windows.net/33333333-3333-3333-3333-333333333333/", audience: "api://orders" } })).toBe(
      'test/Gateway: jwt.issuer "https://sts.windows.net/33333333-3333-3333-3333-333333333333/" is not an https issuer without a trailing ' +
        '\'/\' (the policy reads <issuer>/.well-known/openid-configuration); use the v2.0 issuer, e.g. ' +
          'https://login.microsoftonline.com/<tenant id>/v2.0',
    );
    expect(errorOf({ jwt: { audience: " " } })).toBe('test/Gateway: jwt.audience " " is empty; pass the API\'s application ID URI (api://...) or client id');
  });

  test("rate limits are positive whole numbers", () => {
    expect(errorOf({ rateLimit: { calls: 0 } })).toBe("test/Gateway: rateLimit.calls 0 is not a whole number of at least 1; pass a positive whole number");
    expect(errorOf({ rateLimit: { renewalPeriodSeconds: 1.5 } })).toBe("test/Gateway: rateLimit.renewalPeriodSeconds 1.5 is not a whole number of at least 1; pass a positive whole number");
  });

  test("a tier without dedicated public addresses needs the caller ranges", () => {
    expect(errorOf({ apiManagementSku: "Consumption" })).toBe(
      'test/Gateway: allowedCallerIpRanges cannot default to the service\'s addresses: sku "Consumption" has no dedicated public IP ' +
        'addresses; pass the ranges the gateway calls from, or ["0.0.0.0/0"] to rely on the callback URL\'s signature alone',
    );
  });

  test("the subnet range applies only to the Internal-mode subnet created in prod", () => {
    expect(errorOf({ apiManagementSubnetPrefix: "10.0.2.0/24" })).toBe(
      'test/Gateway: apiManagementSubnetPrefix "10.0.2.0/24" is only used for the Internal-mode subnet created in prod (Developer or ' +
        'Premium, a Network in the IntegrationContext, no apiManagementVirtualNetwork); drop it, or pass apiManagementVirtualNetwork with ' +
          'your own subnet instead',
    );
  });

  test("the default subnet needs room for a third /24", () => {
    const stack = makeStack({ profile: "prod" });
    IntegrationContext.set(stack, { network: new Network(stack, "Network", { addressSpace: ["10.40.0.0/23"] }) });
    expect(messageOf(() => new ApiGateway(stack, "Gateway", REQUIRED))).toBe(
      'test/Gateway/ApiManagementSubnet: apiManagementSubnetPrefix "10.40.0.0/23" cannot be derived: the network\'s first address space is ' +
        'not a literal /22 or larger, so it has no third /24; pass apiManagementSubnetPrefix (a free /27 or larger range of the network)',
    );
  });
});
