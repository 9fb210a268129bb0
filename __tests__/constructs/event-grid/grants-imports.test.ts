import { TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { EventGridDomain, EventGridSystemTopic, EventGridTopic, IEventGridPublisher } from "../../../constructs/event-grid";
import { SUBSCRIPTION_ID, makeStack, messageOf, resolved, resources } from "../../helpers";

const APP = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "ServicePrincipal");
const TOPIC_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventGrid/topics/evgt-shared`;
const STORAGE_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdata`;

type Target = "topic" | "domain" | "domainTopic" | "import";

function publisherOf(stack: TerraformStack, kind: Target): IEventGridPublisher {
  if (kind === "import") return EventGridTopic.fromId(stack, "Shared", TOPIC_ID);
  if (kind === "topic") return new EventGridTopic(stack, "Orders");
  const domain = new EventGridDomain(stack, "Tenants");
  return kind === "domain" ? domain : domain.addTopic("contoso");
}

describe("Event Grid grantPublish: one implementation, Grantee in, assignment out", () => {
  // The Terraform addresses the grants had when they took an IPrincipal only (they must not move).
  const ADDRESSES: Record<Target, string[]> = {
    topic: ["Orders_GrantEventGridDataSender05d17100_C1FDB761", "Orders_GrantEventGridDataSenderba661b0a_F8C60A86"],
    domain: ["Tenants_GrantEventGridDataSender05d17100_C38A1D9D", "Tenants_GrantEventGridDataSenderba661b0a_94684D70"],
    domainTopic: ["Tenants_Topic-contoso_GrantEventGridDataSender05d17100_691356B8", "Tenants_Topic-contoso_GrantEventGridDataSenderba661b0a_536B851E"],
    import: ["Shared_GrantEventGridDataSender05d17100_27421167", "Shared_GrantEventGridDataSenderba661b0a_3B8F6294"],
  };

  test.each(["topic", "domain", "domainTopic", "import"] as const)("%s: a construct with a principal and its principal get one assignment", (kind) => {
    const stack = makeStack();
    const publisher = publisherOf(stack, kind);
    const app = new UserAssignedIdentity(stack, "App");
    const assignment = publisher.grantPublish({ principal: app });
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(publisher.grantPublish(app)).toBe(assignment);
    expect(publisher.grant(app, "EventGrid Data Sender")).toBe(assignment);
    publisher.grantPublish(APP);
    expect(Object.keys(resources(stack, "azurerm_role_assignment")).sort()).toEqual(ADDRESSES[kind]);
  });
});

describe("Event Grid principal: system-assigned, else the first user-assigned, else an error", () => {
  test("topic and domain: system-assigned by default, the first user-assigned one when given", () => {
    const stack = makeStack();
    const topic = new EventGridTopic(stack, "Orders");
    expect(resolved(stack, topic.principal.principalId)).toBe("${azurerm_eventgrid_topic.Orders_A9B65338.identity[0].principal_id}");
    const first = new UserAssignedIdentity(stack, "First");
    expect(new EventGridDomain(stack, "Tenants", { identity: { userAssigned: [first] } }).principal).toBe(first);
  });

  test("system topic: the first user-assigned one without the system identity; none is an error", () => {
    const stack = makeStack();
    const first = new UserAssignedIdentity(stack, "First");
    const withUser = new EventGridSystemTopic(stack, "Blobs", {
      sourceResourceId: STORAGE_ID,
      topicType: "Microsoft.Storage.StorageAccounts",
      identity: { systemAssigned: false, userAssigned: [first] },
    });
    expect(withUser.principal).toBe(first);
    const none = new EventGridSystemTopic(makeStack(), "Blobs", {
      sourceResourceId: STORAGE_ID,
      topicType: "Microsoft.Storage.StorageAccounts",
      identity: { systemAssigned: false },
    });
    expect(messageOf(() => none.principal)).toBe(
      "test/Blobs: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned is given); " +
        "keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
  });
});

describe("Event Grid imports on parseResourceId", () => {
  test("a literal id: name and resource group from the id", () => {
    const shared = EventGridTopic.fromId(makeStack(), "Shared", TOPIC_ID);
    expect([shared.name, shared.resourceGroupName]).toEqual(["evgt-shared", "rg-shared"]);
  });

  test("a token topic id is split at deploy time", () => {
    const stack = makeStack();
    const shared = EventGridTopic.fromId(stack, "Shared", new EventGridTopic(stack, "Orders").id);
    expect(resolved(stack, shared.name)).toBe('${element(split("/", azurerm_eventgrid_topic.Orders_A9B65338.id), 8)}');
  });

  test("fromName builds the id in the context's resource group", () => {
    const shared = EventGridDomain.fromName(makeStack(), "Shared", "evgd-shared");
    expect(shared.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers/Microsoft.EventGrid/domains/evgd-shared`);
    expect(shared.name).toBe("evgd-shared");
  });

  test("a wrong id names the expected type", () => {
    expect(messageOf(() => EventGridDomain.fromId(makeStack(), "Shared", TOPIC_ID))).toContain("is not the id of a Microsoft.EventGrid/domains resource");
  });
});
