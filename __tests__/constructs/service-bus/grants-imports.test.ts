import { TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { IServiceBusGrantable, IServiceBusNamespace, ImportedServiceBusNamespace, ServiceBusNamespace } from "../../../constructs/service-bus";
import { SUBSCRIPTION_ID, makeStack, messageOf, resolved, resources } from "../../helpers";

const APP = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "ServicePrincipal");
const EXISTING = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.ServiceBus/namespaces/sbns-shared`;

type Target = "namespace" | "queue" | "topic" | "import";

function targetOf(stack: TerraformStack, kind: Target): IServiceBusGrantable {
  if (kind === "import") return ServiceBusNamespace.fromId(stack, "Shared", EXISTING);
  const bus = new ServiceBusNamespace(stack, "Bus");
  return kind === "namespace" ? bus : kind === "queue" ? bus.addQueue("orders") : bus.addTopic("events");
}

describe("Service Bus grants: one implementation, Grantee in, assignment out", () => {
  // The Terraform addresses the grants had when they took an IPrincipal only (they must not move).
  const ADDRESSES: Record<Target, string[]> = {
    namespace: [
      "Bus_GrantAzureServiceBusDataOwnerba661b0a_47E28F00",
      "Bus_GrantAzureServiceBusDataReceiver05d17100_F6DBEFC6",
      "Bus_GrantAzureServiceBusDataSenderba661b0a_F5353969",
    ],
    queue: [
      "Bus_Queue-orders_GrantAzureServiceBusDataOwnerba661b0a_2EA10DD0",
      "Bus_Queue-orders_GrantAzureServiceBusDataReceiver05d17100_3F38B176",
      "Bus_Queue-orders_GrantAzureServiceBusDataSenderba661b0a_A7ACAE6C",
    ],
    topic: [
      "Bus_Topic-events_GrantAzureServiceBusDataOwnerba661b0a_1CC03595",
      "Bus_Topic-events_GrantAzureServiceBusDataReceiver05d17100_9386BA30",
      "Bus_Topic-events_GrantAzureServiceBusDataSenderba661b0a_DC4B5863",
    ],
    import: [
      "Shared_GrantAzureServiceBusDataOwnerba661b0a_E809BBE3",
      "Shared_GrantAzureServiceBusDataReceiver05d17100_A5DEB3B6",
      "Shared_GrantAzureServiceBusDataSenderba661b0a_D28A74A3",
    ],
  };

  test.each(["namespace", "queue", "topic", "import"] as const)("%s: a construct with a principal and its principal get one assignment", (kind) => {
    const stack = makeStack();
    const target = targetOf(stack, kind);
    const app = new UserAssignedIdentity(stack, "App");
    const holder = { principal: app };
    const send = target.grantSend(holder);
    expect(send).toBeInstanceOf(RoleAssignment);
    expect(target.grantSend(app)).toBe(send);
    const receive = target.grantReceive(APP);
    const manage = target.grantManage(holder);
    expect(target.grant(APP, "Azure Service Bus Data Receiver")).toBe(receive);
    const assignments = resources(stack, "azurerm_role_assignment");
    expect(Object.keys(assignments).sort()).toEqual(ADDRESSES[kind]);
    expect(Object.values(assignments).map((a) => a.role_definition_name).sort()).toEqual([
      "Azure Service Bus Data Owner",
      "Azure Service Bus Data Receiver",
      "Azure Service Bus Data Sender",
    ]);
    expect(manage.node.scope).toBe(target);
  });
});

describe("ServiceBusNamespace.principal: system-assigned, else the first user-assigned, else an error", () => {
  test("system-assigned (the default) is keyed by the namespace's path", () => {
    const stack = makeStack();
    const bus = new ServiceBusNamespace(stack, "Bus");
    expect(bus.principal.grantKey).toBe(bus.node.path);
    expect(resolved(stack, bus.principal.principalId)).toBe("${azurerm_servicebus_namespace.Bus_EA82B648.identity[0].principal_id}");
  });

  test("without it, the first user-assigned identity", () => {
    const stack = makeStack();
    const first = new UserAssignedIdentity(stack, "First");
    const bus = new ServiceBusNamespace(stack, "Bus", { identity: { systemAssigned: false, userAssigned: [first, new UserAssignedIdentity(stack, "Second")] } });
    expect(bus.principal).toBe(first);
  });

  test("no identity is an error naming the namespace", () => {
    const bus = new ServiceBusNamespace(makeStack(), "Bus", { identity: { systemAssigned: false } });
    expect(messageOf(() => bus.principal)).toBe(
      "test/Bus: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned is given); " +
        "keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
  });
});

describe("Service Bus namespace imports on parseResourceId", () => {
  test("a literal id: name and resource group from the id", () => {
    const shared: IServiceBusNamespace = ServiceBusNamespace.fromId(makeStack(), "Shared", EXISTING);
    expect(shared).toBeInstanceOf(ImportedServiceBusNamespace);
    expect([shared.name, shared.resourceGroupName, shared.fullyQualifiedNamespace]).toEqual(["sbns-shared", "rg-shared", "sbns-shared.servicebus.windows.net"]);
  });

  test("a token id is split at deploy time", () => {
    const stack = makeStack();
    const owner = new ServiceBusNamespace(stack, "Owner");
    const shared = ServiceBusNamespace.fromId(stack, "Shared", owner.id);
    expect(resolved(stack, shared.resourceGroupName)).toBe('${element(split("/", azurerm_servicebus_namespace.Owner_3BA7C727.id), 4)}');
  });

  test("an id of another type is refused with the expected form", () => {
    const id = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventHub/namespaces/evhns-shared`;
    expect(messageOf(() => ServiceBusNamespace.fromId(makeStack(), "Shared", id))).toBe(
      `test/Shared: namespaceId "${id}" is not the id of a Microsoft.ServiceBus/namespaces resource; ` +
        "use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<name>",
    );
  });

  test("an import told its sku gets queues and topics in the existing namespace by id, checked against that tier", () => {
    const stack = makeStack();
    const shared = ServiceBusNamespace.fromId(stack, "Shared", EXISTING, { sku: "Standard" });
    const queue = shared.addQueue("orders", { requiresDuplicateDetection: true });
    shared.addTopic("events");
    expect([[...shared.queues.keys()], [...shared.topics.keys()], shared.queues.get("orders")]).toEqual([["orders"], ["events"], queue]);
    expect(Object.values(resources(stack, "azurerm_servicebus_queue"))).toEqual([expect.objectContaining({ name: "orders", namespace_id: EXISTING })]);
    expect(Object.values(resources(stack, "azurerm_servicebus_topic"))).toEqual([expect.objectContaining({ name: "events", namespace_id: EXISTING })]);
    expect(shared.endpoint).toBe("https://sbns-shared.servicebus.windows.net:443/");
    expect(messageOf(() => shared.addQueue("ORDERS"))).toBe('test/Shared: queue name "ORDERS" is already used by a queue of this namespace; give each queue and topic its own name');
    const basic = ServiceBusNamespace.fromName(stack, "Basic", "sbns-basic", undefined, { sku: "Basic" });
    expect(messageOf(() => basic.addTopic("events"))).toContain('topic "events"');
  });

  test("an import without its sku refuses entities, naming the option to pass", () => {
    const shared = ServiceBusNamespace.fromId(makeStack(), "Shared", EXISTING);
    expect(messageOf(() => shared.addQueue("orders"))).toBe(
      "test/Shared: sku of the existing namespace is not known, and the queue and topic options allowed depend on it; " +
        'pass { sku } (e.g. "Premium") to ServiceBusNamespace.fromId or fromName',
    );
  });

  test("fromName keeps the literal name and the group's name", () => {
    const shared = ServiceBusNamespace.fromName(makeStack(), "Shared", "sbns-shared");
    expect([shared.name, shared.resourceGroupName]).toEqual(["sbns-shared", "rg-test"]);
  });
});
