import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { EventgridDomain } from "@cdktf/provider-azurerm/lib/eventgrid-domain";
import { EventgridDomainTopic } from "@cdktf/provider-azurerm/lib/eventgrid-domain-topic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { EventDestination, EventGridDomain, EventGridDomainProps, EventGridDomainTopic } from "../../../constructs/event-grid";
import { makeStack, messageOf, PROD_CONTEXT as PROD, resolved, resourcesOfType as resources, single, SUBSCRIPTION_ID } from "../../helpers";
import { APP_OBJECT_ID, EVENT_HUB_ID, QUEUE_ID, STORAGE_ID } from "./resource-ids";

Testing.setupJest();

const DOMAIN = "${azurerm_eventgrid_domain.Tenants_A9C48FD3.id}";
const DOMAIN_PRINCIPAL = "${azurerm_eventgrid_domain.Tenants_A9C48FD3.identity[0].principal_id}";

const domainIn = (props: EventGridDomainProps = {}, extra = {}) => {
  const stack = makeStack(extra);
  return { stack, domain: new EventGridDomain(stack, "Tenants", props) };
};

describe("EventGridDomain defaults (dev)", () => {
  const { stack, domain } = domainIn();
  const synth = Testing.synth(stack);

  test("is hardened, and creates no topics behind Terraform's back", () => {
    expect(synth).toHaveResourceWithProperties(EventgridDomain, {
      name: "evgd-test-tenants",
      resource_group_name: "rg-test",
      location: "westeurope",
      input_schema: "EventGridSchema",
      local_auth_enabled: false,
      public_network_access_enabled: true,
      inbound_ip_rule: [],
      identity: { type: "SystemAssigned" },
      auto_create_topic_with_first_subscription: false,
      auto_delete_topic_with_last_subscription: false,
    });
    expect(synth).not.toHaveResource(EventgridDomainTopic);
    expect(domain.topics.size).toBe(0);
  });

  test("dev has no private endpoint, diagnostics or lock", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
    expect([domain.privateEndpoint, domain.diagnostics, domain.lock]).toEqual([undefined, undefined, undefined]);
  });

  test("exposes the L1, its attributes and the system-assigned principal", () => {
    expect(domain.resource).toBeInstanceOf(EventgridDomain);
    expect(domain.resource.node.id).toBe("Resource");
    const { stack: outputs, domain: other } = domainIn();
    for (const [key, value] of Object.entries({ id: other.id, name: other.name, endpoint: other.endpoint })) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(DOMAIN);
    expect(output.name.value).toBe("${azurerm_eventgrid_domain.Tenants_A9C48FD3.name}");
    expect(output.endpoint.value).toBe("${azurerm_eventgrid_domain.Tenants_A9C48FD3.endpoint}");
    expect(resolved(stack, domain.principal?.principalId)).toBe(DOMAIN_PRINCIPAL);
  });
});

describe("EventGridDomain in prod", () => {
  const { stack } = domainIn({}, PROD);
  const synth = Testing.synth(stack);

  test("has a domain private endpoint in privatelink.eventgrid.azure.net and public access off", () => {
    expect(synth).toHaveResourceWithProperties(EventgridDomain, { public_network_access_enabled: false });
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-evgd-test-tenants-domain",
      private_service_connection: expect.objectContaining({ private_connection_resource_id: DOMAIN, subresource_names: ["domain"] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.eventgrid.azure.net"] }),
    });
  });

  test("sends all logs and metrics to Log Analytics, and is not locked", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: DOMAIN,
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
    expect(synth).not.toHaveResource(ManagementLock);
  });
});

describe("EventGridDomain overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack } = domainIn(
      {
        name: "evgd-custom",
        inputSchema: "CloudEventSchemaV1_0",
        localAuthEnabled: true,
        autoCreateTopicWithFirstSubscription: true,
        autoDeleteTopicWithLastSubscription: true,
        publicNetworkAccess: true,
        allowedIpRanges: ["203.0.113.7"],
        identity: { systemAssigned: false },
        diagnostics: false,
        privateEndpoint: false,
        lock: { level: "CanNotDelete" },
        tags: { owner: "team" },
      },
      PROD,
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(EventgridDomain, {
      name: "evgd-custom",
      input_schema: "CloudEventSchemaV1_0",
      local_auth_enabled: true,
      auto_create_topic_with_first_subscription: true,
      auto_delete_topic_with_last_subscription: true,
      public_network_access_enabled: true,
      inbound_ip_rule: [{ ip_mask: "203.0.113.7", action: "Allow" }],
      tags: { owner: "team" },
    });
    expect(resources(stack, "azurerm_eventgrid_domain")[0]).not.toHaveProperty("identity");
    expect(synth).not.toHaveResource(PrivateEndpoint);
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { scope: "${azurerm_eventgrid_domain.Tenants_A9C48FD3.id}", lock_level: "CanNotDelete" });
  });

  test("the same identity rules as topics", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Delivery");
    expect(messageOf(() => new EventGridDomain(stack, "Tenants", { identity: { systemAssigned: true, userAssigned: [identity] } }))).toContain(
      'test/Tenants: identity "SystemAssigned, UserAssigned" is not supported',
    );
  });
});

describe("EventGridDomain topics", () => {
  test("topics from props and addTopic become domain topics of this domain", () => {
    const { stack, domain } = domainIn({ topics: ["tenant-a"] });
    const added = domain.addTopic("tenant-b");
    expect(added).toBeInstanceOf(EventGridDomainTopic);
    expect(added.node.id).toBe("Topic-tenant-b");
    expect(added.resource.node.id).toBe("Resource");
    expect([...domain.topics.keys()]).toEqual(["tenant-a", "tenant-b"]);
    expect(resources(stack, "azurerm_eventgrid_domain_topic")).toEqual([
      { name: "tenant-a", domain_name: "${azurerm_eventgrid_domain.Tenants_A9C48FD3.name}", resource_group_name: "rg-test" },
      { name: "tenant-b", domain_name: "${azurerm_eventgrid_domain.Tenants_A9C48FD3.name}", resource_group_name: "rg-test" },
    ]);
    expect(resolved(stack, added.id)).toBe("${azurerm_eventgrid_domain_topic.Tenants_Topic-tenant-b_5A4854A0.id}");
  });

  test("a name that breaks the rule", () => {
    const { domain } = domainIn();
    for (const name of ["t1", "a".repeat(129)]) {
      expect(messageOf(() => domain.addTopic(name))).toBe(`test/Tenants: topic name "${name}" is ${name.length} characters; a domain topic name must be 3-128; choose a name of 3 to 128 characters`);
    }
    expect(messageOf(() => domain.addTopic("tenant_a"))).toBe('test/Tenants: topic name "tenant_a" breaks the domain topic naming rule; use letters, digits and hyphens');
    expect(() => domain.addTopic("a".repeat(128))).not.toThrow();
  });

  test("a duplicate name", () => {
    const { domain } = domainIn({ topics: ["tenant-a"] });
    expect(messageOf(() => domain.addTopic("tenant-a"))).toBe('test/Tenants: topic name "tenant-a" is already defined on this domain; add each domain topic once');
  });

  test("a name known only at deploy time", () => {
    const { stack, domain } = domainIn();
    const name = new TerraformVariable(stack, "tenant", { type: "string" }).stringValue;
    expect(messageOf(() => domain.addTopic(name))).toBe(
      "test/Tenants: topic name is a value known only at deploy time, but it names a construct (its Terraform address); pass a literal name",
    );
  });
});

describe("EventGridDomain subscriptions", () => {
  test("a domain-wide subscription is scoped to the domain and delivers with its identity", () => {
    const { stack, domain } = domainIn();
    domain.addSubscription("audit", { destination: EventDestination.eventHub(EVENT_HUB_ID) });
    const { config } = single(stack, "azurerm_eventgrid_event_subscription");
    expect(config).toMatchObject({ name: "audit", scope: DOMAIN, eventhub_endpoint_id: EVENT_HUB_ID, delivery_identity: { type: "SystemAssigned" } });
    expect(resources(stack, "azurerm_role_assignment")[0]).toMatchObject({ scope: EVENT_HUB_ID, role_definition_name: "Azure Event Hubs Data Sender", principal_id: DOMAIN_PRINCIPAL });
  });

  test("a domain topic subscription is scoped to the topic and inherits the domain's schema and identity", () => {
    const { stack, domain } = domainIn({ inputSchema: "CloudEventSchemaV1_0", topics: ["tenant-a"] });
    const subscription = domain.topics.get("tenant-a")?.addSubscription("tenant-a-orders", {
      destination: EventDestination.serviceBusQueue(QUEUE_ID),
      deadLetter: { storageAccountId: STORAGE_ID, containerName: "dead-letters" },
    });
    expect(subscription?.node.path).toBe("test/Tenants/Topic-tenant-a/Subscription-tenant-a-orders");
    const { config } = single(stack, "azurerm_eventgrid_event_subscription");
    expect(config).toMatchObject({
      scope: "${azurerm_eventgrid_domain_topic.Tenants_Topic-tenant-a_320F5428.id}",
      event_delivery_schema: "CloudEventSchemaV1_0",
      delivery_identity: { type: "SystemAssigned" },
      dead_letter_identity: { type: "SystemAssigned" },
    });
    expect(resources(stack, "azurerm_role_assignment").map((g) => g.principal_id)).toEqual([DOMAIN_PRINCIPAL, DOMAIN_PRINCIPAL]);
  });

  test("the domain and its topics share grants to one destination (same identity)", () => {
    const { stack, domain } = domainIn({ topics: ["tenant-a", "tenant-b"] });
    domain.topics.get("tenant-a")?.addSubscription("orders-a", { destination: EventDestination.serviceBusQueue(QUEUE_ID) });
    domain.topics.get("tenant-b")?.addSubscription("orders-b", { destination: EventDestination.serviceBusQueue(QUEUE_ID) });
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
  });
});

describe("EventGridDomain grants", () => {
  const principal = Principal.fromObjectId(APP_OBJECT_ID, "ServicePrincipal");

  test("grantPublish on the domain grants EventGrid Data Sender on every topic", () => {
    const { stack, domain } = domainIn();
    expect(domain.grantPublish(principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: DOMAIN,
      role_definition_name: "EventGrid Data Sender",
      principal_id: APP_OBJECT_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("grantPublish on a domain topic is scoped to that topic, separate from a domain-wide grant", () => {
    const { stack, domain } = domainIn({ topics: ["tenant-a"] });
    domain.grantPublish(principal);
    domain.topics.get("tenant-a")?.grantPublish(principal);
    expect(resources(stack, "azurerm_role_assignment").map((g) => g.scope)).toEqual([DOMAIN, "${azurerm_eventgrid_domain_topic.Tenants_Topic-tenant-a_320F5428.id}"]);
  });
});

describe("EventGridDomain.fromId", () => {
  const DOMAIN_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventGrid/domains/evgd-shared`;

  test("subscribes to and grants publishing on an existing domain", () => {
    const stack = makeStack();
    const domain = EventGridDomain.fromId(stack, "Shared", DOMAIN_ID);
    domain.addSubscription("audit", { destination: EventDestination.eventHub(EVENT_HUB_ID) });
    domain.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "ServicePrincipal"));
    expect(single(stack, "azurerm_eventgrid_event_subscription").config.scope).toBe(DOMAIN_ID);
    expect(resources(stack, "azurerm_role_assignment")[0]).toMatchObject({ scope: DOMAIN_ID, role_definition_name: "EventGrid Data Sender" });
  });

  test("a literal id of something else", () => {
    const topicId = DOMAIN_ID.replace("/domains/", "/topics/");
    expect(messageOf(() => EventGridDomain.fromId(makeStack(), "Shared", topicId))).toBe(
      `test/Shared: resourceId "${topicId}" is not the id of a Microsoft.EventGrid/domains resource; use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventGrid/domains/<name>`,
    );
  });
});

test("fully-featured EventGridDomain snapshot", () => {
  const stack = makeStack(PROD);
  const domain = new EventGridDomain(stack, "Tenants", { topics: ["tenant-a", "tenant-b"], tags: { owner: "team" } });
  domain.grantPublish(Principal.fromObjectId(APP_OBJECT_ID, "ServicePrincipal"));
  domain.topics.get("tenant-a")?.addSubscription("tenant-a-orders", {
    destination: EventDestination.serviceBusQueue(QUEUE_ID),
    deadLetter: { storageAccountId: STORAGE_ID, containerName: "dead-letters" },
  });
  domain.addSubscription("audit", { destination: EventDestination.eventHub(EVENT_HUB_ID) });
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
