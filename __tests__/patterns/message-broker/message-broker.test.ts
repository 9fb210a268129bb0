import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ApiManagement } from "../../../constructs/api-management";
import { CosmosDbAccount } from "../../../constructs/cosmos-db";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { HOST_STORAGE_KEY_REASON } from "../../../constructs/logic-app-standard";
import { HOST_STORAGE_OPEN_REASON } from "../../../constructs/function-app/function-app";
import { StorageAccount } from "../../../constructs/storage";
import { BuiltInRole, UserAssignedIdentity } from "../../../constructs/core";
import { MESSAGE_BROKER_NAMES as NAMES, MessageBroker, REACHABILITY_REASONS } from "../../../patterns/message-broker";
import { DEV_LAKE_OPEN_REASON } from "../../../patterns/message-broker/message-broker";
import { Json, messageOf, resolved } from "../../helpers";
import { all, broker, brokerStack, devStack, one, PUBLISHER } from "./fixtures";

/** The Terraform address (`type.logical_id`) of the one resource of `type` whose logical id contains `part`. */
function address(json: Json, type: string, part: string): string {
  const keys = Object.keys(json.resource[type] ?? {}).filter((k) => k.includes(part));
  if (keys.length !== 1) throw new Error(`expected one ${type} with ${part}, found ${keys.length}`);
  return `${type}.${keys[0]}`;
}

describe.each(["dev", "prod"] as const)("MessageBroker in the %s stack", (env) => {
  const { stack, json } = brokerStack(env);
  const b = stack.broker;
  const ref = (value: unknown) => resolved(stack, value) as string;
  const grant = (role: string, scope: unknown, principal: unknown) =>
    all(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === role && r.scope === ref(scope) && r.principal_id === ref(principal));

  test("Service Bus: Standard in dev, Premium behind a private endpoint in prod", () => {
    const namespace = one(json, "azurerm_servicebus_namespace");
    expect(namespace).toMatchObject({ sku: env === "prod" ? "Premium" : "Standard", local_auth_enabled: false, minimum_tls_version: "1.2" });
    expect(all(json, "azurerm_private_endpoint").filter((p) => p.private_service_connection.subresource_names[0] === "namespace")).toHaveLength(env === "prod" ? 1 : 0);
  });

  test("the orders queue: sessions, duplicate detection, dead-lettering, bounded deliveries", () => {
    expect(one(json, "azurerm_servicebus_queue")).toMatchObject({
      name: "orders",
      requires_session: true,
      requires_duplicate_detection: true,
      duplicate_detection_history_time_window: "PT10M",
      dead_lettering_on_message_expiration: true,
      max_delivery_count: 10,
      lock_duration: "PT2M",
    });
  });

  test("the order-events topic drops duplicate publishes; billing has a SQL filter, shipping a correlation filter", () => {
    expect(one(json, "azurerm_servicebus_topic")).toMatchObject({ name: "order-events", requires_duplicate_detection: true });
    const subscriptions = Object.fromEntries(all(json, "azurerm_servicebus_subscription").map((s) => [s.name, s]));
    expect(Object.keys(subscriptions).sort()).toEqual(["billing", "shipping"]);
    for (const s of Object.values(subscriptions)) expect(s).toMatchObject({ dead_lettering_on_filter_evaluation_error: true, dead_lettering_on_message_expiration: true, topic_id: ref(b.orderEventsTopic.id) });
    const rules = Object.fromEntries(all(json, "azurerm_servicebus_subscription_rule").map((r) => [r.name, r]));
    expect(rules["billable-events"]).toMatchObject({ filter_type: "SqlFilter", sql_filter: "eventType IN ('OrderAccepted', 'OrderCancelled')", subscription_id: ref(b.billingSubscription.id) });
    expect(rules["shippable-orders"]).toMatchObject({
      filter_type: "CorrelationFilter",
      correlation_filter: { label: "order-accepted", properties: { shippable: "true" } },
      subscription_id: ref(b.shippingSubscription.id),
    });
  });

  test("API Management: the environment's publisher, the orders-intake API with its policy and named values", () => {
    expect(one(json, "azurerm_api_management")).toMatchObject({
      publisher_name: stack.environment.apiPublisher.name,
      publisher_email: stack.environment.apiPublisher.email,
      sku_name: env === "prod" ? "Premium_3" : "Developer_1",
      ...(env === "prod" ? { zones: ["1", "2", "3"] } : {}),
    });
    expect(one(json, "azurerm_api_management_api")).toMatchObject({ name: "orders-intake", path: "orders", protocols: ["https"], subscription_required: true, import: { content_format: "openapi+json" } });
    const namedValues = Object.fromEntries(all(json, "azurerm_api_management_named_value").map((v) => [v.name, v]));
    expect(namedValues["servicebus-endpoint"]).toMatchObject({ value: ref(b.serviceBus.endpoint), secret: false });
    expect(namedValues["orders-queue"]).toMatchObject({ value: "orders", secret: false });
    const policy = one(json, "azurerm_api_management_api_policy");
    expect(policy.xml_content).toContain("{{servicebus-endpoint}}{{orders-queue}}/messages");
    // The policy is saved only after the named values it reads exist.
    expect(policy.depends_on.filter((d: string) => d.startsWith("azurerm_api_management_named_value."))).toHaveLength(2);
  });

  test("API Management's identity may send to the orders queue, and nothing more", () => {
    const apim = b.apiManagement.principal.principalId;
    expect(grant(BuiltInRole.serviceBusDataSender, b.ordersQueue.id, apim)).toEqual([expect.objectContaining({ principal_type: "ServicePrincipal" })]);
    expect(all(json, "azurerm_role_assignment").filter((r) => r.principal_id === ref(apim))).toHaveLength(1);
  });

  // dev: two Consumption workflows with managed API connections; prod: one Standard app (below).
  if (env === "dev") {
  test("process-order: receive on the queue, send on the topic, write on the orders container", () => {
    const principal = b.processOrderWorkflow!.principal.principalId;
    expect(grant(BuiltInRole.serviceBusDataReceiver, b.ordersQueue.id, principal)).toHaveLength(1);
    expect(grant(BuiltInRole.serviceBusDataSender, b.orderEventsTopic.id, principal)).toHaveLength(1);
    expect(one(json, "azurerm_cosmosdb_sql_role_assignment")).toMatchObject({
      principal_id: ref(principal),
      role_definition_id: `${ref(b.cosmosDb.id)}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
      scope: `${ref(b.cosmosDb.id)}/dbs/${ref(b.ordersDatabase.name)}/colls/orders`,
    });
  });

  test("notify-shipping: receive on the shipping subscription only", () => {
    const principal = b.notifyShippingWorkflow!.principal.principalId;
    expect(grant(BuiltInRole.serviceBusDataReceiver, b.shippingSubscription.id, principal)).toHaveLength(1);
    expect(all(json, "azurerm_role_assignment").filter((r) => r.principal_id === ref(principal))).toHaveLength(1);
  });

  test("both workflows connect with their managed identity; no connection holds a key", () => {
    const deployments = all(json, "azurerm_resource_group_template_deployment").map((d) => JSON.parse(d.parameters_content));
    const byName = Object.fromEntries(deployments.map((p) => [p.connectionName.value, p]));
    const prefix = `con-aic-${env}`;
    expect(Object.keys(byName).sort()).toEqual([`${prefix}-notify-shipping-servicebus`, `${prefix}-process-order-documentdb`, `${prefix}-process-order-servicebus`]);
    for (const name of [`${prefix}-notify-shipping-servicebus`, `${prefix}-process-order-servicebus`]) {
      expect(byName[name].parameterValueSetName.value).toBe("managedIdentityAuth");
      expect(byName[name].parameterValueSetValues.value).toEqual({ namespaceEndpoint: { value: `sb://${ref(b.serviceBus.name)}.servicebus.windows.net/` } });
    }
    expect(byName[`${prefix}-process-order-documentdb`]).toMatchObject({ parameterValueSetName: { value: "managedIdentityAuth" }, parameterValueSetValues: { value: {} } });
    expect(all(json, "azurerm_api_connection")).toEqual([]);
    for (const workflow of all(json, "azurerm_logic_app_workflow")) {
      const connections = JSON.parse(workflow.parameters.$connections);
      for (const c of Object.values(connections) as Json[]) expect(c.connectionProperties).toEqual({ authentication: { type: "ManagedServiceIdentity" } });
    }
  });

  test("the workflows get the resources' names as parameters, the webhook URL from the deploy-time variable", () => {
    const process = one(json, "azurerm_logic_app_workflow", (w) => w.name === `logic-aic-${env}-process-order`);
    expect(process.parameters).toMatchObject({ ordersQueue: "orders", orderEventsTopic: "order-events", cosmosAccountName: ref(b.cosmosDb.name), cosmosDatabase: "orders", cosmosContainer: "orders" });
    const notify = one(json, "azurerm_logic_app_workflow", (w) => w.name === `logic-aic-${env}-notify-shipping`);
    expect(notify.parameters).toMatchObject({ orderEventsTopic: "order-events", shippingSubscription: "shipping", shippingWebhookUrl: "${var.shipping_webhook_url}" });
    expect(JSON.parse(notify.workflow_parameters.shippingWebhookUrl)).toEqual({ type: "SecureString", defaultValue: "" });
    expect(json.variable.shipping_webhook_url).toMatchObject({ type: "string", sensitive: true, nullable: false });
  });

  test("the workflows' trigger and action endpoints admit no caller; run history is closed", () => {
    for (const workflow of all(json, "azurerm_logic_app_workflow")) {
      expect(workflow.access_control).toEqual({
        trigger: { allowed_caller_ip_address_range: [] },
        action: { allowed_caller_ip_address_range: [] },
        content: { allowed_caller_ip_address_range: ["0.0.0.0-0.0.0.0"] },
      });
    }
    expect(all(json, "azurerm_logic_app_trigger_custom").map((t) => t.name).sort()).toEqual(["When_an_order_is_queued", "When_an_order_needs_shipping"]);
  });
  }

  if (env === "prod") {
    test("one VNet-integrated Standard app runs both workflows, private, with built-in connections and no managed API connection", () => {
      const app = b.workflowApp!;
      expect([b.workflowHost, b.processOrderWorkflow, b.notifyShippingWorkflow]).toEqual(["standard", undefined, undefined]);
      expect(all(json, "azurerm_logic_app_workflow")).toEqual([]);
      expect(all(json, "azurerm_resource_group_template_deployment").filter((d) => String(d.name).startsWith("con-"))).toEqual([]);
      expect(one(json, "azurerm_logic_app_standard")).toMatchObject({
        virtual_network_subnet_id: ref(stack.network!.integrationSubnetId),
        public_network_access: "Disabled",
      });
      expect([...app.workflows.keys()]).toEqual(["process-order", "notify-shipping"]);
      const connections = JSON.parse(app.package.files["connections.json"]);
      expect(connections.managedApiConnections).toEqual({});
      expect(Object.fromEntries(Object.entries(connections.serviceProviderConnections as Record<string, Json>).map(([k, c]) => [k, [c.serviceProvider.id, c.parameterSetName]])))
        .toEqual({ cosmosDb: ["/serviceProviders/AzureCosmosDB", "ManagedServiceIdentity"], serviceBus: ["/serviceProviders/serviceBus", "ManagedServiceIdentity"] });
      expect(app.appSettings).toMatchObject({
        serviceBus_fullyQualifiedNamespace: b.serviceBus.fullyQualifiedNamespace,
        cosmosDb_accountURI: b.cosmosDb.endpoint,
      });
      // The secure parameter reaches the app as an app setting read from the sensitive variable, never a literal.
      expect(ref(app.appSettings.WorkflowParameter_shippingWebhookUrl)).toBe("${var.shipping_webhook_url}");
      expect(JSON.parse(app.package.files["parameters.json"])).toEqual({
        cosmosContainer: { type: "String", value: "orders" },
        cosmosDatabase: { type: "String", value: "orders" },
        orderEventsTopic: { type: "String", value: "order-events" },
        ordersQueue: { type: "String", value: "orders" },
        shippingSubscription: { type: "String", value: "shipping" },
        shippingWebhookUrl: { type: "SecureString", value: "@appsetting('WorkflowParameter_shippingWebhookUrl')" },
      });
    });

    test("the app's identity receives on the queue and the shipping subscription, sends on the topic, writes the container: nothing wider", () => {
      const principal = b.workflowApp!.principal.principalId;
      expect(grant(BuiltInRole.serviceBusDataReceiver, b.ordersQueue.id, principal)).toHaveLength(1);
      expect(grant(BuiltInRole.serviceBusDataReceiver, b.shippingSubscription.id, principal)).toHaveLength(1);
      expect(grant(BuiltInRole.serviceBusDataSender, b.orderEventsTopic.id, principal)).toHaveLength(1);
      const toBus = all(json, "azurerm_role_assignment").filter((r) => r.principal_id === ref(principal) && /Service Bus/.test(r.role_definition_name));
      expect(toBus).toHaveLength(3);
      expect(one(json, "azurerm_cosmosdb_sql_role_assignment")).toMatchObject({
        principal_id: ref(principal),
        role_definition_id: `${ref(b.cosmosDb.id)}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
        scope: `${ref(b.cosmosDb.id)}/dbs/${ref(b.ordersDatabase.name)}/colls/orders`,
      });
    });

    test("every ServiceProvider operation of the Standard files names a connection the app has, of the same connector", () => {
      const used = new Set<string>();
      for (const w of b.workflowApp!.workflows.values()) for (const r of w.serviceProviders) used.add(`${r.connectionName} ${r.serviceProviderId}`);
      expect([...used].sort()).toEqual(["cosmosDb /serviceProviders/AzureCosmosDB", "serviceBus /serviceProviders/serviceBus"]);
    });
  }

  test("API Management: Internal behind a WAF_v2 gateway with the VNet's DNS records in prod; outside the VNet in dev", () => {
    const agws = all(json, "azurerm_application_gateway");
    const records = all(json, "azurerm_private_dns_a_record").map((r) => r.name);
    if (env === "prod") {
      const apim = one(json, "azurerm_api_management");
      expect(apim).toMatchObject({ virtual_network_type: "Internal" });
      expect(agws).toHaveLength(1);
      const backend = expect.objectContaining({ host_name: `${apim.name}.azure-api.net` });
      expect(agws[0]).toMatchObject({ sku: { tier: "WAF_v2" }, backend_http_settings: [backend] });
      expect(records.sort()).toEqual([apim.name, ...[".developer", ".management", ".portal", ".scm"].map((l) => `${apim.name}${l}`)].sort());
      // No private endpoint for an injected gateway (Azure does not support one there).
      expect(all(json, "azurerm_private_endpoint").filter((p) => p.private_service_connection.subresource_names[0] === "Gateway")).toEqual([]);
    } else {
      expect(agws).toEqual([]);
      expect(records).toEqual([]);
    }
  });

  test("Cosmos DB: the orders container partitioned by customer", () => {
    expect(one(json, "azurerm_cosmosdb_sql_database")).toMatchObject({ name: "orders" });
    expect(one(json, "azurerm_cosmosdb_sql_container")).toMatchObject({ name: "orders", database_name: ref(b.ordersDatabase.name), partition_key_paths: ["/customerId"] });
  });

  test("dev: the managed connectors pass the Service Bus and Cosmos DB firewalls, API Management by its IPs; prod: both private", () => {
    const namespace = one(json, "azurerm_servicebus_namespace");
    const cosmos = one(json, "azurerm_cosmosdb_account");
    expect((b.apiManagement as ApiManagement).resource.virtualNetworkTypeInput).toBe(env === "prod" ? "Internal" : "None");
    if (env === "prod") {
      // Nothing multi-tenant calls them: the Standard app and the Internal service use the private endpoints.
      expect(json.data?.azurerm_network_service_tags).toBeUndefined();
      expect(b.managedConnectorRanges).toBeUndefined();
      expect(namespace.public_network_access_enabled).toBe(false);
      expect(cosmos.public_network_access_enabled).toBe(false);
      return;
    }
    const tags = Object.values(json.data.azurerm_network_service_tags) as Json[];
    expect(tags).toEqual([expect.objectContaining({ service: "AzureConnectors", location: ref(stack.resourceGroup.location), location_filter: ref(stack.resourceGroup.location) })]);
    const connectors = `data.azurerm_network_service_tags.${Object.keys(json.data.azurerm_network_service_tags)[0]}.ipv4_cidrs`;
    expect(namespace.public_network_access_enabled).toBe(true);
    const apimIps = `${ref((b.apiManagement as ApiManagement).resource.publicIpAddresses).slice(2, -1)}`;
    expect(namespace.network_rule_set).toMatchObject({ default_action: "Deny", public_network_access_enabled: true, ip_rules: `\${concat([], ${connectors}, ${apimIps})}` });
    expect(cosmos).toMatchObject({ public_network_access_enabled: true, is_virtual_network_filter_enabled: true, ip_range_filter: `\${concat([], ${connectors})}`, local_authentication_disabled: true });
  });

  test("telemetry: a CloudEvents topic delivering to the function, retried, dead-lettered to the lake", () => {
    expect(one(json, "azurerm_eventgrid_topic")).toMatchObject({ name: `evgt-aic-${env}-device-events`, input_schema: "CloudEventSchemaV1_0", local_auth_enabled: false });
    const subscription = one(json, "azurerm_eventgrid_event_subscription");
    expect(subscription).toMatchObject({
      name: "telemetry-ingest",
      scope: ref(b.deviceTopic.id),
      azure_function_endpoint: { function_id: `${ref(b.telemetryFunction.id)}/functions/ingestTelemetry` },
      included_event_types: ["Devices.TelemetryReported"],
      event_delivery_schema: "CloudEventSchemaV1_0",
      retry_policy: { max_delivery_attempts: 10, event_time_to_live: 1440 },
      storage_blob_dead_letter_destination: { storage_account_id: ref(b.deadLetterAccount.id), storage_blob_container_name: "dead-letters" },
      dead_letter_identity: { type: "SystemAssigned" },
    });
    // The function's code and the dead-letter container exist before Event Grid validates the subscription.
    const code =
      env === "prod" ? address(json, "time_sleep", "TelemetryIngest_TriggerSync") : address(json, "terraform_data", "TelemetryIngest_CodeDeployment");
    const deadLetters = address(json, "azurerm_storage_container", env === "prod" ? "DeadLetters_Container-dead-letters" : "DataLake_Container-dead-letters");
    expect(subscription.depends_on).toEqual(expect.arrayContaining([code, deadLetters]));
  });

  test("the topic's identity writes dead letters to the dead-letters container only, after it exists", () => {
    const topicPrincipal = b.deviceTopic.principal!.principalId;
    const [assignment] = grant(BuiltInRole.storageBlobDataContributor, `${b.deadLetterAccount.id}/blobServices/default/containers/dead-letters`, topicPrincipal);
    expect(assignment).toBeDefined();
    const container = env === "prod" ? "DeadLetters_Container-dead-letters" : "DataLake_Container-dead-letters";
    expect(assignment.depends_on).toEqual([address(json, "azurerm_storage_container", container)]);
  });

  test("the Data Lake: hierarchical namespace; private in prod with dead letters in their own account, public (Entra ID only) in dev", () => {
    const lake = one(json, "azurerm_storage_account", (s) => s.is_hns_enabled === true);
    expect(lake).toMatchObject({ shared_access_key_enabled: false, public_network_access_enabled: env === "dev", network_rules: { default_action: env === "prod" ? "Deny" : "Allow" } });
    const containers = all(json, "azurerm_storage_container").filter((c) => c.storage_account_id === ref(b.dataLake.id)).map((c) => c.name);
    expect(containers.sort()).toEqual(env === "prod" ? ["telemetry"] : ["dead-letters", "telemetry"]);
    if (env === "prod") {
      // Event Grid writes dead letters only over a public endpoint, as a trusted service: a dedicated account takes that hole.
      expect(b.deadLetterAccount).not.toBe(b.dataLake);
      const account = one(json, "azurerm_storage_account", (s) => s.name === (b.deadLetterAccount as StorageAccount).resource.nameInput);
      expect(account).toMatchObject({ is_hns_enabled: false, public_network_access_enabled: true, network_rules: { bypass: ["AzureServices"], default_action: "Deny" } });
      expect(all(json, "azurerm_storage_container").filter((c) => c.storage_account_id === ref(b.deadLetterAccount.id)).map((c) => c.name)).toEqual(["dead-letters"]);
    } else {
      expect(b.deadLetterAccount).toBe(b.dataLake);
    }
    expect(all(json, "azurerm_private_endpoint").filter((p) => p.private_service_connection.private_connection_resource_id === ref(b.dataLake.id)).map((p) => p.private_service_connection.subresource_names[0]).sort()).toEqual(
      env === "prod" ? ["blob", "dfs"] : [],
    );
  });

  test("the function's bindings match its app settings: the Event Grid trigger and the DataLakeConnection blob output", () => {
    expect(b.telemetryFunction.registeredFunctions).toEqual([
      {
        name: NAMES.telemetryFunction,
        trigger: "eventGridTrigger",
        bindings: [
          expect.objectContaining({ type: "eventGridTrigger", direction: "in", connections: [] }),
          expect.objectContaining({ type: "blob", direction: "out", connections: [NAMES.dataLakeConnection] }),
        ],
      },
    ]);
    const settings = b.telemetryFunction.appSettings;
    expect(settings[`${NAMES.dataLakeConnection}__blobServiceUri`]).toBe(b.dataLake.primaryBlobEndpoint);
    expect(Object.keys(settings).filter((k) => /key|connectionstring|password/i.test(k))).toEqual([]);
    // The construct's connection check runs with the validations: it passes.
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("the function may write blobs to the lake's telemetry container only, the one its output binding names", () => {
    const principal = ref(b.telemetryFunction.principal.principalId);
    const toFunction = all(json, "azurerm_role_assignment").filter((r) => r.principal_id === principal && String(r.scope).startsWith(ref(b.dataLake.id)));
    expect(toFunction.map((r) => [r.role_definition_name, r.scope])).toEqual([
      [BuiltInRole.storageBlobDataContributor, `${ref(b.dataLake.id)}/blobServices/default/containers/telemetry`],
    ]);
  });

  test("the function admits only Event Grid, on its public endpoint", () => {
    const app = one(json, env === "prod" ? "azurerm_linux_function_app" : "azurerm_function_app_flex_consumption");
    expect(app.public_network_access_enabled).toBe(true);
    expect(app.site_config.ip_restriction_default_action).toBe("Deny");
    expect(app.site_config.ip_restriction).toEqual([{ name: "allow-event-grid", service_tag: "AzureEventGrid", action: "Allow", priority: 100 }]);
    if (env === "prod") expect(app.virtual_network_subnet_id).toBeDefined();
  });

  test("passes the policy pack; prod suppressions name the Azure limit, one per multi-tenant path", () => {
    const report = stack.policy.report();
    expect(report.summary.errors).toBe(0);
    const suppressed = report.findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppressed?.reason]);
    expect(suppressed.sort()).toEqual(
      env === "prod"
        ? [
            ["AIC-FN-023", REACHABILITY_REASONS.functionApp],
            ["AIC-ST-001", HOST_STORAGE_KEY_REASON],
            ["AIC-ST-023", REACHABILITY_REASONS.deadLetters],
          ]
        : [
            ["AIC-ST-005", DEV_LAKE_OPEN_REASON],
            ["AIC-ST-005", HOST_STORAGE_OPEN_REASON],
          ],
    );
    for (const [rule, reason] of suppressed) if (rule !== "AIC-ST-001" && rule !== "AIC-ST-005") expect(reason).toMatch(/^Azure limit: /);
    const warnings = report.findings.filter((f) => f.level === "warning" && !f.suppressed).map((f) => `${f.ruleId} ${f.path.split("/").slice(1).join("/")}`);
    expect(warnings).toEqual(
      env === "prod"
        ? []
        : [],
    );
  });
});

describe("MessageBroker props", () => {
  test("refuses an existing resource together with props for a new one", () => {
    const { stack, webhookUrl } = devStack();
    const bus = new ServiceBusNamespace(stack, "Bus");
    expect(messageOf(() => new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, existingServiceBus: bus, serviceBusProps: {} }))).toBe(
      "mb/Broker: existingServiceBus cannot be combined with serviceBusProps, which shapes a new resource; configure the existing resource " +
        "where it is defined, or drop existingServiceBus to create one from serviceBusProps",
    );
  });

  test.each([
    ["existingApiManagement", "apiPublisher"],
    ["existingApiManagement", "apiManagementProps"],
    ["existingApiManagement", "apiManagementSubnetPrefix"],
    ["existingApiManagement", "ingress"],
    ["existingCosmosDb", "cosmosDbProps"],
    ["existingDataLake", "dataLakeProps"],
  ])("refuses %s with %s", (existingField, propsField) => {
    const { stack, webhookUrl } = devStack();
    const existing: Record<string, unknown> = {
      existingApiManagement: new ApiManagement(stack, "Apim", { publisherName: "X", publisherEmail: "x@contoso.example" }),
      existingCosmosDb: new CosmosDbAccount(stack, "Cosmos"),
      existingDataLake: new StorageAccount(stack, "Lake", { dataLake: true }),
    };
    const props: Record<string, unknown> = {
      apiPublisher: PUBLISHER,
      apiManagementProps: { sku: "Developer" },
      apiManagementSubnetPrefix: "10.0.2.0/24",
      ingress: {},
      cosmosDbProps: {},
      dataLakeProps: {},
    };
    const base = existingField === "existingApiManagement" ? {} : { apiPublisher: PUBLISHER };
    expect(messageOf(() => new MessageBroker(stack, "Broker", { ...base, shippingWebhookUrl: webhookUrl, [existingField]: existing[existingField], [propsField]: props[propsField] }))).toBe(
      `mb/Broker: ${existingField} cannot be combined with ${propsField}, which shapes a new resource; configure the existing resource where it is defined, or drop ${existingField} to create one from ${propsField}`,
    );
  });

  test("a new API Management service needs a publisher", () => {
    expect(messageOf(() => broker({ apiPublisher: undefined }))).toBe(
      "mb/Broker: apiPublisher is missing, and a new API Management service needs a publisher name and email; pass apiPublisher (e.g. the " +
        "environment's apiPublisher), or existingApiManagement",
    );
  });

  test("the publisher can come from apiManagementProps, with its other settings", () => {
    const { stack } = broker({ apiPublisher: undefined, apiManagementProps: { publisherName: "Fabrikam", publisherEmail: "api@fabrikam.example", sku: "Premium" } });
    expect(one(JSON.parse(Testing.synth(stack)), "azurerm_api_management")).toMatchObject({ publisher_name: "Fabrikam", sku_name: "Premium_1" });
  });

  test.each(["Consumption", "StandardV2"] as const)("refuses API Management tier %s: no dedicated outbound IPs for the Service Bus firewall", (sku) => {
    expect(messageOf(() => broker({ apiManagementProps: { sku } }))).toBe(
      `mb/Broker: apiManagementProps.sku "${sku}" has no dedicated outbound IP addresses, so the Service Bus firewall cannot admit its send-request calls; use a classic tier ("Developer", "Basic", "Standard" or "Premium")`,
    );
  });

  test("an existing lake must be a Data Lake (hierarchical namespace)", () => {
    const { stack, webhookUrl } = devStack();
    const lake = new StorageAccount(stack, "Plain");
    expect(messageOf(() => new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, existingDataLake: lake }))).toBe(
      'mb/Broker: existingDataLake "mb/Plain" has no hierarchical namespace (dataLake: false), and telemetry belongs in a Data Lake Gen2 ' +
        'filesystem; pass a StorageAccount created with dataLake: true, or leave existingDataLake out to get one',
    );
  });

  test("a literal webhook URL is refused: it would sit in the configuration and state", () => {
    expect(messageOf(() => broker({ shippingWebhookUrl: "https://hooks.contoso.example/shipping?sig=abc" }))).toBe(
      'mb/Broker/NotifyShipping: parameterValues.shippingWebhookUrl is a literal SecureString, which would sit in the Terraform ' +
        'configuration and state; pass a value resolved at deploy time (e.g. a Key Vault secret reference), or read the secret at run time ' +
          'with the Key Vault connector',
    );
  });

  test("existing resources that do not admit the callers fail synthesis, naming each flow and its fix", () => {
    const { stack, webhookUrl } = devStack();
    const apim = new ApiManagement(stack, "Apim", { publisherName: "Shared", publisherEmail: "api@contoso.example" });
    const cosmos = new CosmosDbAccount(stack, "Cosmos");
    const lake = new StorageAccount(stack, "Lake", { dataLake: true });
    const existing = { existingApiManagement: apim, existingCosmosDb: cosmos, existingDataLake: lake };
    new MessageBroker(stack, "Broker", { shippingWebhookUrl: webhookUrl, ...existing });
    const message = messageOf(() => Testing.synth(stack, true));
    expect(message).toContain(
      "mb/Broker/ProcessOrder → mb/Cosmos/Resource (documentdb connector): the managed connector runs in Azure's multi-tenant connector service, " +
        "which cannot use private endpoints, and the account denies it: its firewall admits neither the caller's addresses nor the " +
          "AzureConnectors service tag; " +
        "fix: run the workflow on Logic Apps Standard with VNet integration and a private endpoint for Sql on the account (privateEndpoint); " +
        "or admit the AzureConnectors service tag (its ranges from azurerm_network_service_tags) in allowedIpRanges",
    );
    expect(message).toContain("mb/Broker/TelemetryIngest → mb/Lake/Resource (connection DataLakeConnection): the app has no VNet integration");
    // Event Grid's dead letters get through the lake's firewall as a trusted service (system identity).
    expect(message).not.toContain("dead-lettering");
  });

  test("uses existing resources instead of creating them, and adds its entities to them", () => {
    const { stack, webhookUrl } = devStack();
    const apim = new ApiManagement(stack, "Apim", { publisherName: "Shared", publisherEmail: "api@contoso.example" });
    const bus = new ServiceBusNamespace(stack, "Bus");
    // Existing resources keep their own network settings; these admit the callers (dev: all networks, Entra ID only).
    const cosmos = new CosmosDbAccount(stack, "Cosmos", { firewallDefaultAction: "Allow" });
    cosmos.addDatabase("orders");
    const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["telemetry"], firewallDefaultAction: "Allow" });
    const b = new MessageBroker(stack, "Broker", { shippingWebhookUrl: webhookUrl, existingApiManagement: apim, existingServiceBus: bus, existingCosmosDb: cosmos, existingDataLake: lake });
    expect([b.apiManagement, b.serviceBus, b.cosmosDb, b.dataLake]).toEqual([apim, bus, cosmos, lake]);
    expect(b.ordersDatabase).toBe(cosmos.databases.get("orders"));
    expect([...bus.queues.keys()]).toEqual(["orders"]);
    expect([...lake.containers.keys()]).toEqual(["telemetry", "dead-letters"]);
    const json = JSON.parse(Testing.synth(stack, true));
    for (const type of ["azurerm_api_management", "azurerm_servicebus_namespace", "azurerm_cosmosdb_account", "azurerm_cosmosdb_sql_database"]) expect(all(json, type)).toHaveLength(1);
    // Existing namespaces and accounts keep their own network settings: the pattern only documents what they must admit.
    expect(one(json, "azurerm_servicebus_namespace").network_rule_set).toBeUndefined();
    expect(all(json, "azurerm_storage_account").filter((s) => s.is_hns_enabled)).toHaveLength(1);
  });

  test("an imported Cosmos DB account (fromId) gets the orders database and container; the workflow is granted on it", () => {
    const { stack, webhookUrl } = devStack();
    const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.DocumentDB/databaseAccounts/cosmos";
    const cosmos = CosmosDbAccount.fromId(stack, "SharedCosmos", id);
    const database = expect.objectContaining({ account_name: "cosmos", resource_group_name: "rg-shared" });
    const b = new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, existingCosmosDb: cosmos });
    expect(b.cosmosDb).toBe(cosmos);
    expect(b.ordersDatabase).toBe(cosmos.databases.get(NAMES.cosmosDatabase));
    const json = JSON.parse(Testing.synth(stack));
    expect(all(json, "azurerm_cosmosdb_account")).toEqual([]);
    expect(all(json, "azurerm_cosmosdb_sql_database")).toEqual([database]);
    // The database's name attribute in the scope orders the grant after the database.
    const scopes = all(json, "azurerm_cosmosdb_sql_role_assignment").map((a) => a.scope);
    const databaseName = "\\$\\{azurerm_cosmosdb_sql_database\\.SharedCosmos_Database-orders_\\w+\\.name\\}";
    expect(scopes).toEqual([expect.stringMatching(new RegExp(`^${id}/dbs/${databaseName}/colls/orders$`))]);
  });

  test("an imported lake (fromId) gets telemetry and dead-letters; the function is connected and granted on it by id", () => {
    const { stack, webhookUrl } = devStack();
    const lakeId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stlake";
    const lake = StorageAccount.fromId(stack, "SharedLake", lakeId);
    const b = new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, existingDataLake: lake });
    expect([b.dataLake, b.deadLetterAccount]).toEqual([lake, lake]);
    const json = JSON.parse(Testing.synth(stack));
    expect(all(json, "azurerm_storage_account").filter((s) => s.is_hns_enabled)).toEqual([]);
    const containers = all(json, "azurerm_storage_container").filter((c) => c.storage_account_id === lakeId);
    expect(containers.map((c) => c.name).sort()).toEqual(["dead-letters", "telemetry"]);
    const grants = all(json, "azurerm_role_assignment").filter((g) => String(g.scope).startsWith(lakeId));
    expect(grants.map((g) => g.role_definition_name)).toContain(BuiltInRole.storageBlobDataContributor);
    const settings = one(json, "azurerm_function_app_flex_consumption").app_settings as Record<string, string>;
    expect(settings[`${NAMES.dataLakeConnection}__blobServiceUri`]).toBe("https://stlake.blob.core.windows.net/");
    expect(one(json, "azurerm_eventgrid_event_subscription").storage_blob_dead_letter_destination).toEqual(
      expect.objectContaining({ storage_account_id: lakeId, storage_blob_container_name: NAMES.deadLetterContainer }),
    );
  });

  test("an imported namespace (fromId with its sku) gets the queue, topic and subscriptions by id; API Management sends to its endpoint", () => {
    const { stack, webhookUrl } = devStack();
    const busId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.ServiceBus/namespaces/sbns-shared";
    const bus = ServiceBusNamespace.fromId(stack, "SharedBus", busId, { sku: "Standard" });
    const cosmos = CosmosDbAccount.fromName(stack, "SharedCosmos", "cosmos-shared");
    const lake = StorageAccount.fromName(stack, "SharedLake", "stsharedlake");
    const b = new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, existingServiceBus: bus, existingCosmosDb: cosmos, existingDataLake: lake });
    expect([b.serviceBus, b.cosmosDb, b.dataLake]).toEqual([bus, cosmos, lake]);
    expect([...bus.queues.keys(), ...bus.topics.keys()]).toEqual([NAMES.ordersQueue, NAMES.orderEventsTopic]);
    const json = JSON.parse(Testing.synth(stack));
    expect([all(json, "azurerm_servicebus_namespace"), all(json, "azurerm_cosmosdb_account")]).toEqual([[], []]);
    expect(all(json, "azurerm_storage_account").filter((a) => a.is_hns_enabled)).toEqual([]);
    expect(all(json, "azurerm_servicebus_queue").map((q) => [q.name, q.namespace_id])).toEqual([[NAMES.ordersQueue, busId]]);
    expect(all(json, "azurerm_servicebus_topic").map((t) => [t.name, t.namespace_id])).toEqual([[NAMES.orderEventsTopic, busId]]);
    expect(all(json, "azurerm_servicebus_subscription")).toHaveLength(2);
    const namedValues = Object.fromEntries(all(json, "azurerm_api_management_named_value").map((v) => [v.name, v.value]));
    expect(namedValues["servicebus-endpoint"]).toBe("https://sbns-shared.servicebus.windows.net:443/");
    const senders = all(json, "azurerm_role_assignment").filter((g) => g.role_definition_name === BuiltInRole.serviceBusDataSender);
    expect(senders.map((g) => g.scope)).toContainEqual(expect.stringMatching(/^\$\{azurerm_servicebus_queue\.SharedBus_Queue-orders_\w+\.id\}$/));
  });

  test("every existing* prop as an import: API Management (fromName) is granted send with its principalId, nothing is looked up", () => {
    const { stack, webhookUrl } = devStack();
    const group = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers";
    const apim = ApiManagement.fromName(stack, "SharedApim", { name: "apim-shared", sku: "Premium", principalId: "33333333-3333-3333-3333-333333333333" });
    const existing = {
      existingApiManagement: apim,
      existingServiceBus: ServiceBusNamespace.fromId(stack, "SharedBus", `${group}/Microsoft.ServiceBus/namespaces/sbns-shared`, { sku: "Premium" }),
      existingCosmosDb: CosmosDbAccount.fromId(stack, "SharedCosmos", `${group}/Microsoft.DocumentDB/databaseAccounts/cosmos-shared`),
      existingDataLake: StorageAccount.fromId(stack, "SharedLake", `${group}/Microsoft.Storage/storageAccounts/stsharedlake`),
    };
    const b = new MessageBroker(stack, "Broker", { shippingWebhookUrl: webhookUrl, ...existing });
    expect(b.apiManagement).toBe(apim);
    const json = JSON.parse(Testing.synth(stack));
    expect([all(json, "azurerm_api_management"), json.data?.azurerm_api_management]).toEqual([[], undefined]);
    const senders = all(json, "azurerm_role_assignment").filter((g) => g.role_definition_name === BuiltInRole.serviceBusDataSender);
    expect(senders.map((g) => g.principal_id)).toContain("33333333-3333-3333-3333-333333333333");
    expect(all(json, "azurerm_api_management_api").map((a) => [a.name, a.api_management_name])).toEqual([[NAMES.api, "apim-shared"]]);
  });

  test("an imported API Management: its addresses are looked up for a new namespace's firewall; a tier without them is refused", () => {
    const { stack, webhookUrl } = devStack();
    const apim = ApiManagement.fromName(stack, "SharedApim", { name: "apim-shared", principalId: "33333333-3333-3333-3333-333333333333" });
    new MessageBroker(stack, "Broker", { shippingWebhookUrl: webhookUrl, existingApiManagement: apim });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.data.azurerm_api_management as Record<string, Json>)).toEqual([expect.objectContaining({ name: "apim-shared" })]);
    expect(JSON.stringify(one(json, "azurerm_servicebus_namespace").network_rule_set)).toContain("data.azurerm_api_management.SharedApim_Lookup");
    const consumption = ApiManagement.fromName(devStack().stack, "Apim", { name: "apim-c", sku: "Consumption", principalId: "33333333-3333-3333-3333-333333333333" });
    expect(messageOf(() => new MessageBroker(consumption.node.scope as Construct, "Broker", { shippingWebhookUrl: webhookUrl, existingApiManagement: consumption }))).toContain(
      'existingApiManagement sku "Consumption" has no dedicated outbound IP addresses',
    );
    const anonymous = ApiManagement.fromName(devStack().stack, "Apim", { name: "apim-x" });
    expect(messageOf(() => anonymous.principal)).toBe(
      "mb/Apim: principal of the existing service is not known: neither principalId nor userAssignedIdentities is given; " +
        "pass principalId (its system-assigned identity's object id) or userAssignedIdentities to ApiManagement.fromName (or fromId)",
    );
  });

  test("publishers are granted EventGrid Data Sender on the device topic; event types are configurable", () => {
    const { stack, webhookUrl } = devStack();
    const device = new UserAssignedIdentity(stack, "Gateway");
    const b = new MessageBroker(stack, "Broker", { apiPublisher: PUBLISHER, shippingWebhookUrl: webhookUrl, devicePublishers: [device], telemetryEventTypes: ["Plant.Reading"] });
    const json = JSON.parse(Testing.synth(stack));
    const sender = all(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === BuiltInRole.eventGridDataSender);
    expect(sender).toEqual([expect.objectContaining({ scope: resolved(stack, b.deviceTopic.id), principal_id: resolved(stack, device.principalId) })]);
    expect(one(json, "azurerm_eventgrid_event_subscription").included_event_types).toEqual(["Plant.Reading"]);
  });

  test("queue, topic and resource props override the pattern's defaults", () => {
    const { stack } = broker({
      ordersQueueOptions: { lockDuration: "PT5M", maxDeliveryCount: 5 },
      orderEventsTopicOptions: { requiresDuplicateDetection: false },
      serviceBusProps: { sku: "Premium", allowedIpRanges: ["203.0.113.0/24"] },
      telemetryFunctionProps: { allowedIpRanges: ["198.51.100.7/32"] },
    });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(one(json, "azurerm_servicebus_queue")).toMatchObject({ lock_duration: "PT5M", max_delivery_count: 5, requires_session: true, requires_duplicate_detection: true });
    expect(one(json, "azurerm_servicebus_topic").requires_duplicate_detection).toBe(false);
    const namespace = one(json, "azurerm_servicebus_namespace");
    expect(namespace.sku).toBe("Premium");
    expect(namespace.network_rule_set.ip_rules).toMatch(/^\$\{concat\(\["203\.0\.113\.0\/24"\], data\.azurerm_network_service_tags\./);
    // With ranges of its own the app gets the construct's rules, Event Grid's tag among them.
    const app = one(json, "azurerm_function_app_flex_consumption");
    expect(app.site_config.ip_restriction.map((r: Json) => r.ip_address ?? r.service_tag)).toEqual(["198.51.100.7/32", "AzureEventGrid"]);
  });

  test("every created construct is a public property", () => {
    const { broker: b } = broker();
    for (const key of [
      "apiManagement",
      "ordersIntakeApi",
      "serviceBus",
      "ordersQueue",
      "orderEventsTopic",
      "billingSubscription",
      "shippingSubscription",
      "cosmosDb",
      "ordersDatabase",
      "ordersContainer",
      "processOrderWorkflow",
      "notifyShippingWorkflow",
      "workflowHost",
      "deviceTopic",
      "telemetryFunction",
      "dataLake",
      "deadLetterAccount",
      "telemetrySubscription",
      "managedConnectorRanges",
    ] as const) {
      expect(b[key]).toBeDefined();
    }
  });
});
