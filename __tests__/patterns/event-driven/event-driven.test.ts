import "cdktf/lib/testing/adapters/jest";
import { TerraformVariable, Testing } from "cdktf";
import { CosmosDbAccount, StorageAccount } from "../../../index";
import { DEAD_LETTER_CONTAINER, EventDriven } from "../../../patterns/event-driven";
import { Json, SUBSCRIPTION_ID, messageOf, withProvider, makeStack } from "../../helpers";
import { build, grants, one, resources, subscriptionsByName } from "./build";

const APP = "azurerm_function_app_flex_consumption";

describe("EventDriven in dev", () => {
  const { json, pattern } = build("dev");
  const topic = one(json, "azurerm_eventgrid_topic");
  const app = one(json, APP);
  const publisher = one(json, "azurerm_user_assigned_identity", "Publisher");
  const deadLetters = one(json, "azurerm_storage_account", "DeadLetters");
  const subscriptions = subscriptionsByName(json);
  const deadLetterScope = `${deadLetters.ref("id")}/blobServices/default/containers/${DEAD_LETTER_CONTAINER}`;

  test("a CloudEvents 1.0 topic named business-events, keys off", () => {
    expect(topic.config).toMatchObject({ name: "evgt-evt-business-events", input_schema: "CloudEventSchemaV1_0", local_auth_enabled: false, identity: { type: "SystemAssigned" } });
  });

  test("custom applications publish with the Publisher identity; the functions publish with the app's", () => {
    expect(grants(json).filter(([scope]) => scope === topic.ref("id"))).toEqual(
      expect.arrayContaining([
        [topic.ref("id"), "EventGrid Data Sender", publisher.ref("principal_id")],
        [topic.ref("id"), "EventGrid Data Sender", app.ref("identity[0].principal_id")],
      ]),
    );
    expect(grants(json).filter(([scope]) => scope === topic.ref("id"))).toHaveLength(2);
    expect(pattern.publisherGrant).toBe(pattern.topic.node.findAll().find((c) => c === pattern.publisherGrant));
  });

  test("uploads: a storage account with the incoming container and a Microsoft.Storage system topic", () => {
    const uploads = one(json, "azurerm_storage_account", "Uploads");
    expect(one(json, "azurerm_storage_container", "Uploads").config).toMatchObject({ name: "incoming", storage_account_id: uploads.ref("id"), container_access_type: "private" });
    expect(one(json, "azurerm_eventgrid_system_topic").config).toMatchObject({ topic_type: "Microsoft.Storage.StorageAccounts", source_resource_id: uploads.ref("id"), identity: { type: "SystemAssigned" } });
  });

  test("Cosmos DB: the commerce database with orders, leases (/id, as the trigger needs) and uploads", () => {
    const containers = Object.values(resources(json, "azurerm_cosmosdb_sql_container")).map((c: Json) => [c.name, c.partition_key_paths]);
    expect(containers.sort()).toEqual([
      ["leases", ["/id"]],
      ["orders", ["/customerId"]],
      ["uploads", ["/id"]],
    ]);
    expect(one(json, "azurerm_cosmosdb_sql_database").config.name).toBe("commerce");
    // Without a private network the functions reach Cosmos DB from shared addresses; keys stay off.
    expect(one(json, "azurerm_cosmosdb_account").config).toMatchObject({ local_authentication_disabled: true, is_virtual_network_filter_enabled: false, public_network_access_enabled: true });
  });

  test("the functions connect by identity: topic endpoint and Cosmos DB endpoint settings, data roles on the database only", () => {
    const cosmos = one(json, "azurerm_cosmosdb_account");
    expect(app.config.app_settings).toMatchObject({
      EventGridConnection__topicEndpointUri: topic.ref("endpoint"),
      CosmosDbConnection__accountEndpoint: cosmos.ref("endpoint"),
    });
    const roles = Object.values(resources(json, "azurerm_cosmosdb_sql_role_assignment")).map((r: Json) => [r.scope, r.role_definition_id.split("/").pop(), r.principal_id]);
    expect(roles.sort()).toEqual([
      [`${cosmos.ref("id")}/dbs/commerce`, "00000000-0000-0000-0000-000000000001", app.ref("identity[0].principal_id")],
      [`${cosmos.ref("id")}/dbs/commerce`, "00000000-0000-0000-0000-000000000002", app.ref("identity[0].principal_id")],
    ]);
  });

  test("the function app keeps its public endpoint for Event Grid only: AzureEventGrid allowed, everything else denied", () => {
    expect(app.config.public_network_access_enabled).toBe(true);
    expect(app.config.site_config).toMatchObject({
      ip_restriction_default_action: "Deny",
      ip_restriction: [{ name: "allow-event-grid", service_tag: "AzureEventGrid", action: "Allow", priority: 100 }],
    });
  });

  test("five subscriptions, one per handler; no external webhook unless configured", () => {
    expect(Object.keys(subscriptions).sort()).toEqual(["blob-created", "high-value-orders", "order-changed", "upload-received"]);
    expect(pattern.subscriptions.externalWebhook).toBeUndefined();
  });

  test("function subscriptions deliver to <app id>/functions/<name> with type, subject and advanced filters", () => {
    expect(subscriptions["blob-created"]).toMatchObject({
      system_topic: one(json, "azurerm_eventgrid_system_topic").ref("name"),
      azure_function_endpoint: { function_id: `${app.ref("id")}/functions/onBlobCreated` },
      included_event_types: ["Microsoft.Storage.BlobCreated"],
      subject_filter: { subject_begins_with: "/blobServices/default/containers/incoming/", case_sensitive: false },
      advanced_filter: { number_greater_than: [{ key: "data.contentLength", value: 0 }] },
      event_delivery_schema: "EventGridSchema",
    });
    expect(subscriptions["order-changed"]).toMatchObject({
      scope: topic.ref("id"),
      azure_function_endpoint: { function_id: `${app.ref("id")}/functions/onOrderChanged` },
      included_event_types: ["Orders.Changed"],
      subject_filter: { subject_begins_with: "/orders/" },
      advanced_filter: { string_in: [{ key: "data.status", values: ["Created", "Paid", "Shipped", "Cancelled"] }] },
      event_delivery_schema: "CloudEventSchemaV1_0",
    });
    expect(subscriptions["upload-received"]).toMatchObject({
      azure_function_endpoint: { function_id: `${app.ref("id")}/functions/onUploadReceived` },
      included_event_types: ["Uploads.Received"],
      subject_filter: { subject_begins_with: "/uploads/incoming/" },
      advanced_filter: { is_not_null: [{ key: "data.url" }] },
    });
  });

  test("the workflow subscription delivers to the trigger's callback URL as a token, after every action exists", () => {
    const trigger = one(json, "azurerm_logic_app_trigger_http_request");
    const workflow = subscriptions["high-value-orders"];
    expect(workflow).toMatchObject({
      webhook_endpoint: { url: trigger.ref("callback_url") },
      included_event_types: ["Orders.Changed"],
      subject_filter: { subject_begins_with: "/orders/" },
      advanced_filter: { number_greater_than: [{ key: "data.total", value: 1000 }] },
    });
    for (const key of Object.keys(resources(json, "azurerm_logic_app_action_custom"))) expect(workflow.depends_on).toContain(`azurerm_logic_app_action_custom.${key}`);
    // The signed URL never appears as text anywhere in the JSON.
    expect(JSON.stringify(json)).not.toMatch(/sig=/);
  });

  test("the workflow's trigger accepts Event Grid (no fixed addresses) while run history and action endpoints stay closed", () => {
    expect(one(json, "azurerm_logic_app_workflow").config.access_control).toEqual({
      trigger: { allowed_caller_ip_address_range: ["0.0.0.0/0"] },
      action: { allowed_caller_ip_address_range: ["0.0.0.0-0.0.0.0"] },
      content: { allowed_caller_ip_address_range: ["0.0.0.0-0.0.0.0"] },
    });
  });

  test("every subscription: explicit retries, dead-lettering to the dead-letters container with the source's identity", () => {
    for (const subscription of Object.values(subscriptions)) {
      expect(subscription).toMatchObject({
        retry_policy: { max_delivery_attempts: 10, event_time_to_live: 1440 },
        storage_blob_dead_letter_destination: { storage_account_id: deadLetters.ref("id"), storage_blob_container_name: "dead-letters" },
        dead_letter_identity: { type: "SystemAssigned" },
      });
      expect(subscription.depends_on).toContain(`azurerm_storage_container.${Object.keys(resources(json, "azurerm_storage_container")).find((k) => k.includes("dead-letters"))}`);
    }
  });

  test("the topic's and the system topic's identities may write dead letters, on the container only, once it exists", () => {
    const onContainer = Object.values(resources(json, "azurerm_role_assignment")).filter((g: Json) => g.scope === deadLetterScope);
    expect(onContainer.map((g: Json) => [g.role_definition_name, g.principal_id]).sort()).toEqual([
      ["Storage Blob Data Contributor", one(json, "azurerm_eventgrid_system_topic").ref("identity[0].principal_id")],
      ["Storage Blob Data Contributor", topic.ref("identity[0].principal_id")],
    ]);
    for (const grant of onContainer) expect(grant.depends_on).toEqual([expect.stringContaining("azurerm_storage_container.")]);
  });

  test("the dead-letter account keeps a public endpoint behind a deny-by-default firewall with the trusted-services bypass", () => {
    expect(deadLetters.config).toMatchObject({ public_network_access_enabled: true, network_rules: { default_action: "Deny", bypass: ["AzureServices"] }, shared_access_key_enabled: false });
  });

  test("exposes what it creates", () => {
    expect(pattern.handlers.registeredFunctions.map((f) => f.name).sort()).toEqual(["onBlobCreated", "onOrderChanged", "onUploadReceived", "publishOrderChanges"]);
    expect(pattern.retryPolicy).toEqual({ maxDeliveryAttempts: 10, eventTimeToLive: 1440 });
    expect(pattern.deadLetter.containerName).toBe("dead-letters");
    expect(pattern.highValueThreshold).toBe(1000);
    expect([pattern.ordersContainer.name, pattern.leasesContainer.name, pattern.uploadRecordsContainer.name].every((n) => typeof n === "string")).toBe(true);
  });
});

describe("EventDriven in prod", () => {
  const { json, pack, stack } = build("prod");
  const app = one(json, "azurerm_linux_function_app");

  test("passes the policy pack with no unsuppressed finding and synthesizes with validations", () => {
    expect(pack.report().findings.filter((f) => !f.suppressed).map((f) => `${f.level} ${f.ruleId} ${f.path}`)).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("two suppressions, each naming the Azure limit behind it", () => {
    const suppressed = pack.report().findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => [f.ruleId, f.path]).sort()).toEqual([
      ["AIC-FN-023", "events-prod/Events/EventHandlers/Resource"],
      ["AIC-ST-023", "events-prod/Events/DeadLetters/Resource"],
    ]);
    for (const f of suppressed) expect(f.suppressed?.reason).toMatch(/Azure Event Grid .* private endpoints/);
  });

  test("the topic and Cosmos DB are private; the function app is VNet-integrated and keeps its public endpoint for Event Grid", () => {
    expect(one(json, "azurerm_eventgrid_topic").config.public_network_access_enabled).toBe(false);
    expect(one(json, "azurerm_cosmosdb_account").config.public_network_access_enabled).toBe(false);
    // The integration subnet's id is read from its NAT gateway association: the app waits for its egress.
    const natSubnetId = /^\$\{azurerm_subnet_nat_gateway_association\.Network_\w+\.subnet_id\}$/;
    expect(app.config).toMatchObject({ public_network_access_enabled: true, virtual_network_subnet_id: expect.stringMatching(natSubnetId) });
    expect(app.config.site_config.ip_restriction).toEqual([{ name: "allow-event-grid", service_tag: "AzureEventGrid", action: "Allow", priority: 100 }]);
    const endpoints = Object.values(resources(json, "azurerm_private_endpoint")).map((p: Json) => p.private_service_connection.subresource_names[0]);
    expect(endpoints.sort()).toEqual(["Sql", "blob", "blob", "blob", "queue", "sites", "table", "topic", "vault"]); // + the encryption-key vault
  });

  test("function subscriptions target the Elastic Premium app", () => {
    expect(subscriptionsByName(json)["order-changed"].azure_function_endpoint.function_id).toBe(`${app.ref("id")}/functions/onOrderChanged`);
  });
});

describe("EventDriven options", () => {
  test("externalWebhook: a subscription with the partner defaults, retries and dead-lettering", () => {
    const { json, pattern } = build("dev", { externalWebhook: { url: "https://partner.example/events", maxEventsPerBatch: 10 } });
    expect(pattern.subscriptions.externalWebhook).toBeDefined();
    expect(subscriptionsByName(json)["external-webhook"]).toMatchObject({
      webhook_endpoint: { url: "https://partner.example/events", max_events_per_batch: 10 },
      included_event_types: ["Orders.Changed"],
      subject_filter: { subject_begins_with: "/orders/" },
      advanced_filter: { string_in: [{ key: "data.status", values: ["Shipped", "Cancelled"] }] },
      retry_policy: { max_delivery_attempts: 10, event_time_to_live: 1440 },
      storage_blob_dead_letter_destination: { storage_blob_container_name: "dead-letters" },
    });
  });

  test("externalWebhook: name, filters and Entra ID protection can be set; a secret-bearing URL as a token is fine", () => {
    const { json } = build("dev", (stack) => ({
      externalWebhook: {
        url: new TerraformVariable(stack, "partner_url", { type: "string", sensitive: true }).stringValue,
        subscriptionName: "crm",
        includedEventTypes: ["Uploads.Received"],
        subjectBeginsWith: "/uploads/",
        advancedFilters: [],
        activeDirectoryTenantId: "11111111-1111-1111-1111-111111111111",
        activeDirectoryAppIdOrUri: "api://partner",
      },
    }));
    expect(subscriptionsByName(json).crm).toMatchObject({
      webhook_endpoint: { url: "${var.partner_url}", active_directory_tenant_id: "11111111-1111-1111-1111-111111111111", active_directory_app_id_or_uri: "api://partner" },
      included_event_types: ["Uploads.Received"],
    });
    expect(subscriptionsByName(json).crm.advanced_filter).toBeUndefined();
  });

  test("externalWebhook.url must be https", () => {
    expect(messageOf(() => build("dev", { externalWebhook: { url: "http://partner.example/events" } }))).toBe(
      "events-dev/Events: externalWebhook.url is not an https:// URL; use the partner's HTTPS endpoint; Event Grid delivers to webhooks over HTTPS only",
    );
  });

  test("externalWebhook.url may not be a literal carrying a secret, and the message does not repeat it", () => {
    const message = messageOf(() => build("dev", { externalWebhook: { url: "https://partner.example/events?code=s3cret" } }));
    expect(message).toContain('credential in its "code" query parameter');
    expect(message).not.toContain("s3cret");
  });

  test("highValueThreshold and retryPolicy reach every subscription", () => {
    const { json } = build("dev", { highValueThreshold: 5000, retryPolicy: { maxDeliveryAttempts: 3, eventTimeToLive: 60 } });
    const subscriptions = subscriptionsByName(json);
    expect(subscriptions["high-value-orders"].advanced_filter.number_greater_than).toEqual([{ key: "data.total", value: 5000 }]);
    for (const s of Object.values(subscriptions)) expect(s.retry_policy).toEqual({ max_delivery_attempts: 3, event_time_to_live: 60 });
  });

  test("retryPolicy out of Event Grid's range is refused by the subscription", () => {
    expect(messageOf(() => build("dev", { retryPolicy: { maxDeliveryAttempts: 31 } }))).toContain("maxDeliveryAttempts 31 is not a whole number from 1 to 30");
  });

  test("functionSubscriptionsDependOn: every function subscription waits for it", () => {
    const { json } = build("dev", (stack) => ({ functionSubscriptionsDependOn: [new StorageAccount(stack, "CodeDrop").resource] }));
    const subscriptions = subscriptionsByName(json);
    for (const name of ["blob-created", "order-changed", "upload-received"]) expect(subscriptions[name].depends_on).toEqual(expect.arrayContaining([expect.stringContaining("azurerm_storage_account.CodeDrop")]));
    expect(subscriptions["high-value-orders"].depends_on.join()).not.toContain("CodeDrop");
  });

  test("functionAppProps: allowedIpRanges are kept, Event Grid's tag joins them (no override)", () => {
    const { json } = build("dev", { functionAppProps: { allowedIpRanges: ["203.0.113.0/24"] } });
    expect(one(json, APP).config.site_config.ip_restriction).toEqual([
      expect.objectContaining({ ip_address: "203.0.113.0/24", action: "Allow" }),
      expect.objectContaining({ service_tag: "AzureEventGrid", action: "Allow" }),
    ]);
  });

  test("workflowProps reach the workflow; its definition and threshold stay the pattern's", () => {
    const { json } = build("dev", { workflowProps: { allowedCallerIpRanges: ["198.51.100.0/24"], parameterValues: { reviewTeam: "finance" } } });
    const workflow = one(json, "azurerm_logic_app_workflow").config;
    expect(workflow.access_control.trigger).toEqual({ allowed_caller_ip_address_range: ["198.51.100.0/24"] });
    expect(workflow.parameters).toEqual({ highValueThreshold: "1000", reviewTeam: "finance" });
  });

  test("topicProps and uploadsAccountProps shape the new resources; the topic stays CloudEvents", () => {
    const { json } = build("dev", { topicProps: { name: "evgt-orders" }, uploadsAccountProps: { blobSoftDeleteDays: 30 } });
    expect(one(json, "azurerm_eventgrid_topic").config).toMatchObject({ name: "evgt-orders", input_schema: "CloudEventSchemaV1_0" });
    expect(one(json, "azurerm_storage_account", "Uploads").config.blob_properties.delete_retention_policy).toEqual({ days: 30 });
  });
});

describe("existing resources instead of new ones", () => {
  test("an existing uploads account gets the incoming container (reused when present) and the system topic", () => {
    const { json, pattern } = build("dev", (stack) => ({ existingUploadsAccount: new StorageAccount(stack, "Landing", { containers: ["incoming", "archive"] }) }));
    expect(Object.keys(resources(json, "azurerm_storage_account")).filter((k) => k.includes("Uploads"))).toEqual([]);
    expect(Object.values(resources(json, "azurerm_storage_container")).filter((c: Json) => c.name === "incoming")).toHaveLength(1);
    const landing = one(json, "azurerm_storage_account", "Landing");
    expect(one(json, "azurerm_eventgrid_system_topic").config.source_resource_id).toBe(landing.ref("id"));
    expect(pattern.uploads.node.id).toBe("Landing");
  });

  test("an existing Cosmos DB account gets the commerce database; containers it already has are reused", () => {
    const { json } = build("dev", (stack) => {
      const cosmos = new CosmosDbAccount(stack, "Shared");
      cosmos.addDatabase("commerce").addContainer("orders", { partitionKeyPaths: ["/tenantId"] });
      return { existingCosmosDb: cosmos };
    });
    expect(Object.keys(resources(json, "azurerm_cosmosdb_account"))).toEqual([expect.stringContaining("Shared")]);
    const containers = Object.values(resources(json, "azurerm_cosmosdb_sql_container")).map((c: Json) => [c.name, c.partition_key_paths]);
    expect(containers.sort()).toEqual([
      ["leases", ["/id"]],
      ["orders", ["/tenantId"]],
      ["uploads", ["/id"]],
    ]);
  });

  test("an existing dead-letter account gets the container, and no suppression is added for it", () => {
    const { json, pack } = build("prod", (stack) => ({ existingDeadLetterAccount: new StorageAccount(stack, "Quarantine", { publicNetworkAccess: true }) }));
    const account = one(json, "azurerm_storage_account", "Quarantine");
    expect(Object.values(subscriptionsByName(json)).every((s) => s.storage_blob_dead_letter_destination.storage_account_id === account.ref("id"))).toBe(true);
    expect(pack.report().findings.filter((f) => f.ruleId === "AIC-ST-023").map((f) => [f.path, !!f.suppressed])).toEqual([["events-prod/Quarantine/Resource", false]]);
  });

  test("imported accounts (fromId) get the containers, the system topic, the database and the dead letters by id", () => {
    const group = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers`;
    const ids = {
      uploads: `${group}/Microsoft.Storage/storageAccounts/stlanding`,
      deadLetters: `${group}/Microsoft.Storage/storageAccounts/stquarantine`,
      cosmos: `${group}/Microsoft.DocumentDB/databaseAccounts/cosmos-shared`,
    };
    const { json, pattern } = build("prod", (stack) => ({
      existingUploadsAccount: StorageAccount.fromId(stack, "Landing", ids.uploads),
      existingDeadLetterAccount: StorageAccount.fromId(stack, "Quarantine", ids.deadLetters),
      existingCosmosDb: CosmosDbAccount.fromId(stack, "Shared", ids.cosmos),
    }));
    expect(Object.keys(resources(json, "azurerm_storage_account")).filter((k) => /Uploads|DeadLetters/.test(k))).toEqual([]);
    expect(Object.keys(resources(json, "azurerm_cosmosdb_account"))).toEqual([]);
    const containers = Object.values(resources(json, "azurerm_storage_container")).map((c: Json) => [c.name, c.storage_account_id]);
    expect(containers).toEqual(expect.arrayContaining([["incoming", ids.uploads], [DEAD_LETTER_CONTAINER, ids.deadLetters]]));
    expect(one(json, "azurerm_eventgrid_system_topic").config.source_resource_id).toBe(ids.uploads);
    const deadLetterAccounts = Object.values(subscriptionsByName(json)).map((s) => s.storage_blob_dead_letter_destination.storage_account_id);
    expect(new Set(deadLetterAccounts)).toEqual(new Set([ids.deadLetters]));
    const databases = Object.values(resources(json, "azurerm_cosmosdb_sql_database")).map((d: Json) => [d.name, d.account_name]);
    expect(databases).toEqual([["commerce", "cosmos-shared"]]);
    expect(pattern.cosmosDb.endpoint).toBe("https://cosmos-shared.documents.azure.com:443/");
  });

  test.each([
    ["existingUploadsAccount", "uploadsAccountProps"],
    ["existingCosmosDb", "cosmosDbProps"],
    ["existingDeadLetterAccount", "deadLetterAccountProps"],
  ])("%s together with %s is an error", (existing, fresh) => {
    const stack = withProvider(makeStack());
    const resource = existing === "existingCosmosDb" ? new CosmosDbAccount(stack, "Mine") : new StorageAccount(stack, "Mine");
    expect(messageOf(() => new EventDriven(stack, "Events", { [existing]: resource, [fresh]: {} }))).toBe(
      `test/Events: ${existing} cannot be combined with ${fresh}, which shapes a new resource; configure the existing resource where it is defined, or drop ${existing} to create one from ${fresh}`,
    );
  });

  test("every existing-xor-props conflict is named in one error", () => {
    const stack = withProvider(makeStack());
    const props = { existingCosmosDb: new CosmosDbAccount(stack, "Mine"), cosmosDbProps: {}, existingUploadsAccount: new StorageAccount(stack, "Up"), uploadsAccountProps: {} };
    expect(messageOf(() => new EventDriven(stack, "Events", props))).toBe(
      "test/Events: existingUploadsAccount, existingCosmosDb cannot be combined with uploadsAccountProps (existingUploadsAccount), cosmosDbProps (existingCosmosDb), " +
        "which shape new resources; configure each existing resource where it is defined, or drop its existing* prop to create one from its props",
    );
  });
});

describe("EventDriven validation", () => {
  const error = (props: ConstructorParameters<typeof EventDriven>[2]) => messageOf(() => new EventDriven(withProvider(makeStack()), "Events", props));

  test.each([1000.5, -1])("highValueThreshold %p is refused", (threshold) => {
    expect(error({ highValueThreshold: threshold })).toBe(
      `test/Events: highValueThreshold ${threshold} is not a whole number of 0 or more (the workflow's highValueThreshold parameter is an Int); pass a whole amount, e.g. 1000`,
    );
  });

  test("a function app without a public endpoint cannot receive Event Grid pushes", () => {
    expect(error({ functionAppProps: { publicNetworkAccess: false } })).toContain("functionAppProps.publicNetworkAccess false would cut the functions off from Event Grid");
  });

  test("a dead-letter account without a public endpoint cannot receive dead letters", () => {
    expect(error({ deadLetterAccountProps: { publicNetworkAccess: false } })).toContain("deadLetterAccountProps.publicNetworkAccess false would stop dead-lettering");
  });

  test("a workflow trigger closed to every address cannot receive high-value orders", () => {
    expect(error({ workflowProps: { allowedCallerIpRanges: [] } })).toContain('workflowProps.allowedCallerIpRanges [] admits only other Logic Apps');
  });

  test("with dead-letter or function public access set explicitly, the pattern adds no suppression of its own", () => {
    const { pack } = build("prod", { functionAppProps: { publicNetworkAccess: true }, deadLetterAccountProps: { publicNetworkAccess: true } });
    expect(pack.report().findings.filter((f) => f.suppressed)).toEqual([]);
    expect(pack.report().findings.filter((f) => f.level === "error").map((f) => f.ruleId).sort()).toEqual(["AIC-FN-023", "AIC-ST-023"]);
  });
});
