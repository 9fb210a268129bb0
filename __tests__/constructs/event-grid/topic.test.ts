import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { AdvancedFilter, EventDestination, EventGridTopic, EventGridTopicProps } from "../../../constructs/event-grid";
import { makeStack, messageOf, PROD_CONTEXT as PROD, resolved, resourcesOfType as resources, single, SUBSCRIPTION_ID } from "../../helpers";
import { APP_OBJECT_ID, FUNCTION_APP_ID, QUEUE_ID, STORAGE_ID, TOPIC } from "./resource-ids";

Testing.setupJest();

const topicIn = (props: EventGridTopicProps = {}, extra = {}) => {
  const stack = makeStack(extra);
  return { stack, topic: new EventGridTopic(stack, "Orders", props) };
};

describe("EventGridTopic defaults (dev)", () => {
  const { stack, topic } = topicIn();
  const synth = Testing.synth(stack);

  test("is hardened: Entra ID only, Event Grid schema, system-assigned identity", () => {
    expect(synth).toHaveResourceWithProperties(EventgridTopic, {
      name: "evgt-test-orders",
      resource_group_name: "rg-test",
      location: "westeurope",
      input_schema: "EventGridSchema",
      local_auth_enabled: false,
      public_network_access_enabled: true,
      inbound_ip_rule: [],
      identity: { type: "SystemAssigned" },
    });
    expect(topic.inputSchema).toBe("EventGridSchema");
  });

  test("dev has no private endpoint, diagnostics or lock", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
    expect(topic.privateEndpoint).toBeUndefined();
    expect(topic.diagnostics).toBeUndefined();
    expect(topic.lock).toBeUndefined();
  });

  test("exposes the L1, its attributes and the system-assigned principal", () => {
    expect(topic.resource).toBeInstanceOf(EventgridTopic);
    expect(topic.resource.node.id).toBe("Resource");
    const { stack: outputs, topic: other } = topicIn();
    for (const [key, value] of Object.entries({ id: other.id, name: other.name, endpoint: other.endpoint })) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(TOPIC.id);
    expect(output.name.value).toBe("${azurerm_eventgrid_topic.Orders_A9B65338.name}");
    expect(output.endpoint.value).toBe("${azurerm_eventgrid_topic.Orders_A9B65338.endpoint}");
    expect(resolved(stack, topic.principal?.principalId)).toBe(TOPIC.principalId);
    expect(topic.principal?.grantKey).toBe("test/Orders");
  });

  test("no output carries a key", () => {
    expect(JSON.parse(synth)).not.toHaveProperty("output");
    expect(synth).not.toMatch(/access_key/);
  });
});

describe("EventGridTopic in prod", () => {
  const { stack } = topicIn({}, PROD);
  const synth = Testing.synth(stack);

  test("has a topic private endpoint in privatelink.eventgrid.azure.net and public access off", () => {
    expect(synth).toHaveResourceWithProperties(EventgridTopic, { public_network_access_enabled: false, local_auth_enabled: false });
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-evgt-test-orders-topic",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: TOPIC.id, subresource_names: ["topic"], is_manual_connection: false }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.eventgrid.azure.net"] }),
    });
  });

  test("sends all logs and metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: TOPIC.id,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("is not locked even in prod: a topic holds no data at rest", () => {
    expect(synth).not.toHaveResource(ManagementLock);
  });
});

describe("EventGridTopic overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack } = topicIn(
      {
        name: "evgt-custom",
        location: "northeurope",
        inputSchema: "CloudEventSchemaV1_0",
        localAuthEnabled: true,
        publicNetworkAccess: true,
        allowedIpRanges: ["203.0.113.7", "198.51.100.0/24"],
        identity: { systemAssigned: false },
        tags: { owner: "team" },
        diagnostics: false,
        privateEndpoint: false,
      },
      { ...PROD, allowedIpRanges: ["192.0.2.0/24"] },
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(EventgridTopic, {
      name: "evgt-custom",
      location: "northeurope",
      input_schema: "CloudEventSchemaV1_0",
      local_auth_enabled: true,
      public_network_access_enabled: true,
      inbound_ip_rule: [
        { ip_mask: "203.0.113.7", action: "Allow" },
        { ip_mask: "198.51.100.0/24", action: "Allow" },
      ],
      tags: { owner: "team" },
    });
    const [topic] = resources(stack, "azurerm_eventgrid_topic");
    expect(topic).not.toHaveProperty("identity");
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
  });

  test("context allowedIpRanges become inbound IP rules; publicNetworkAccess false without an endpoint survives", () => {
    const { stack } = topicIn({ publicNetworkAccess: false }, { allowedIpRanges: ["198.51.100.0/24"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(EventgridTopic, {
      public_network_access_enabled: false,
      inbound_ip_rule: [{ ip_mask: "198.51.100.0/24", action: "Allow" }],
    });
  });

  test("an explicit subnet gives a dev topic an endpoint without DNS; privateDnsZoneIds [] leaves DNS to a hub", () => {
    const { stack: dev } = topicIn({ privateEndpoint: { subnetId: "/subnets/own" } });
    const [pe] = resources(dev, "azurerm_private_endpoint");
    expect(pe.subnet_id).toBe("/subnets/own");
    expect(pe).not.toHaveProperty("private_dns_zone_group");
    expect(resources(dev, "azurerm_eventgrid_topic")[0].public_network_access_enabled).toBe(false);
    const { stack: prod } = topicIn({ privateEndpoint: { privateDnsZoneIds: [] } }, PROD);
    expect(resources(prod, "azurerm_private_endpoint")[0]).not.toHaveProperty("private_dns_zone_group");
  });

  test("a lock on request, and a diagnostics destination of its own", () => {
    const { stack } = topicIn({ lock: true, diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" } } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-evgt-test-orders", scope: TOPIC.id, lock_level: "CanNotDelete" });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: "/other" });
    const { stack: options } = topicIn({ lock: { level: "ReadOnly", notes: "frozen" } });
    expect(Testing.synth(options)).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "frozen" });
  });

  test("user-assigned identities replace the system-assigned one", () => {
    const stack = makeStack();
    const first = new UserAssignedIdentity(stack, "First");
    const second = new UserAssignedIdentity(stack, "Second");
    const topic = new EventGridTopic(stack, "Orders", { identity: { userAssigned: [first, second] } });
    expect(resources(stack, "azurerm_eventgrid_topic")[0].identity).toEqual({
      type: "UserAssigned",
      identity_ids: [resolved(stack, first.id), resolved(stack, second.id)],
    });
    expect(topic.principal).toBe(first);
  });
});

describe("EventGridTopic validation", () => {
  test("an unsupported input schema", () => {
    const inputSchema = "CustomEventSchema" as EventGridTopicProps["inputSchema"];
    expect(messageOf(() => topicIn({ inputSchema }))).toBe(
      'test/Orders: inputSchema "CustomEventSchema" is not a supported schema; use "EventGridSchema" or "CloudEventSchemaV1_0"',
    );
  });

  test("system-assigned and user-assigned identities together", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    expect(messageOf(() => new EventGridTopic(stack, "Orders", { identity: { systemAssigned: true, userAssigned: [identity] } }))).toBe(
      'test/Orders: identity "SystemAssigned, UserAssigned" is not supported: Event Grid topics and domains take either a system-assigned identity or user-assigned ones, not both; set identity.systemAssigned: false to use the user-assigned identities',
    );
  });

  test("more than two user-assigned identities", () => {
    const stack = makeStack();
    const userAssigned = ["A", "B", "C"].map((id) => new UserAssignedIdentity(stack, id));
    expect(messageOf(() => new EventGridTopic(stack, "Orders", { identity: { userAssigned } }))).toBe(
      "test/Orders: identity.userAssigned has 3 identities; a topic or domain takes at most 2; assign one or two user-assigned identities",
    );
  });

  test.each(["10.0.0.300", "example.com", "10.0.0.0/33"])("IP range %p", (range) => {
    expect(messageOf(() => topicIn({ allowedIpRanges: [range] }))).toBe(
      `test/Orders: allowedIpRanges "${range}" is not an IPv4 address or CIDR range; write addresses as "203.0.113.7" or ranges as "198.51.100.0/24"`,
    );
  });

  test("more than 128 IP rules", () => {
    const ranges = Array.from({ length: 129 }, (_, i) => `10.0.${i}.0/24`);
    expect(() => topicIn({ allowedIpRanges: ranges.slice(0, 128) })).not.toThrow();
    expect(messageOf(() => topicIn({ allowedIpRanges: ranges }))).toBe(
      "test/Orders: allowedIpRanges has 129 entries; Event Grid takes at most 128 IP rules; merge ranges into wider CIDR blocks",
    );
  });

  test("an IP range known only at deploy time passes unchecked", () => {
    const stack = makeStack();
    const range = new TerraformVariable(stack, "office", { type: "string" }).stringValue;
    new EventGridTopic(stack, "Orders", { allowedIpRanges: [range] });
    expect(single(stack, "azurerm_eventgrid_topic").config.inbound_ip_rule).toEqual([{ ip_mask: "${var.office}", action: "Allow" }]);
  });

  test("a bad explicit name names the rule and the fix", () => {
    expect(messageOf(() => topicIn({ name: "evgt_orders" }))).toBe(
      'test/Orders: name "evgt_orders" breaks the eventGridTopic naming rule; use letters, digits and hyphens',
    );
  });

  test("a generated name follows the rule", () => {
    const { stack } = topicIn();
    expect(resources(stack, "azurerm_eventgrid_topic")[0].name).toMatch(NAMING_RULES.eventGridTopic.pattern);
  });
});

describe("EventGridTopic grants", () => {
  test("grantPublish grants EventGrid Data Sender on the topic", () => {
    const { stack, topic } = topicIn();
    const assignment = topic.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "ServicePrincipal"));
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: TOPIC.id,
      role_definition_name: "EventGrid Data Sender",
      principal_id: APP_OBJECT_ID,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  test("granting twice yields one assignment; a group keeps its principal type", () => {
    const { stack, topic } = topicIn();
    const first = topic.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "Group"));
    expect(topic.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "Group"))).toBe(first);
    const [assignment] = resources(stack, "azurerm_role_assignment");
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
    expect(assignment.principal_type).toBe("Group");
    expect(assignment).not.toHaveProperty("skip_service_principal_aad_check");
  });

  test("a function's user-assigned identity can publish", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Publisher");
    new EventGridTopic(stack, "Orders").grantPublish(identity);
    expect(resources(stack, "azurerm_role_assignment")[0].principal_id).toBe(resolved(stack, identity.principalId));
  });
});

describe("EventGridTopic.fromId", () => {
  const TOPIC_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventGrid/topics/evgt-shared`;

  test("subscribes to and grants publishing on an existing topic, with no default delivery identity", () => {
    const stack = makeStack();
    const topic = EventGridTopic.fromId(stack, "Shared", TOPIC_ID);
    topic.addSubscription("orders", { destination: EventDestination.serviceBusQueue(QUEUE_ID) });
    topic.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "ServicePrincipal"));
    const { config } = single(stack, "azurerm_eventgrid_event_subscription");
    expect(config).toMatchObject({ scope: TOPIC_ID, name: "orders", retry_policy: { max_delivery_attempts: 30, event_time_to_live: 1440 } });
    expect(config).not.toHaveProperty("delivery_identity");
    expect(config).not.toHaveProperty("event_delivery_schema");
    expect(resources(stack, "azurerm_role_assignment")).toEqual([expect.objectContaining({ scope: TOPIC_ID, role_definition_name: "EventGrid Data Sender" })]);
    expect(resources(stack, "azurerm_eventgrid_topic")).toHaveLength(0);
  });

  test("a user-assigned identity named explicitly on an import is used and granted", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    EventGridTopic.fromId(stack, "Shared", TOPIC_ID).addSubscription("orders", { destination: EventDestination.serviceBusQueue(QUEUE_ID), deliveryIdentity: identity });
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.delivery_identity).toEqual({ type: "UserAssigned", user_assigned_identity: resolved(stack, identity.id) });
    expect(resources(stack, "azurerm_role_assignment")[0]).toMatchObject({ scope: QUEUE_ID, principal_id: resolved(stack, identity.principalId) });
  });

  test("an id known only at deploy time is accepted", () => {
    const stack = makeStack();
    const id = new TerraformVariable(stack, "topic_id", { type: "string" }).stringValue;
    EventGridTopic.fromId(stack, "Shared", id).addSubscription("orders", { destination: EventDestination.serviceBusQueue(QUEUE_ID) });
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.scope).toBe("${var.topic_id}");
  });

  test("a literal id of something else", () => {
    const domainId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventGrid/domains/evgd-shared`;
    expect(messageOf(() => EventGridTopic.fromId(makeStack(), "Shared", domainId))).toBe(
      `test/Shared: resourceId "${domainId}" is not the id of a Microsoft.EventGrid/topics resource; use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventGrid/topics/<name>`,
    );
  });
});

test("fully-featured EventGridTopic snapshot", () => {
  const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const topic = new EventGridTopic(stack, "Orders", { inputSchema: "CloudEventSchemaV1_0", tags: { owner: "team" }, lock: true });
  topic.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "ServicePrincipal"));
  topic.addSubscription("orders-to-queue", {
    destination: EventDestination.serviceBusQueue(QUEUE_ID),
    includedEventTypes: ["Contoso.Orders.Created"],
    advancedFilters: [AdvancedFilter.numberGreaterThan("data.amount", 100)],
    deadLetter: { storageAccountId: STORAGE_ID, containerName: "dead-letters" },
  });
  topic.addSubscription("orders-to-function", {
    destination: EventDestination.azureFunction(FUNCTION_APP_ID, "OnOrder", { maxEventsPerBatch: 10 }),
    subjectBeginsWith: "/orders/",
  });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
