import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, copyGrants, grantRole, Principal } from "../../../constructs/core/grants";
import { fixture, resourcesOfType } from "../../helpers";

Testing.setupJest();

const QUEUE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ServiceBus/namespaces/sbns/queues/orders";
const TOPIC_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ServiceBus/namespaces/sbns/topics/events";
const USER = "11111111-1111-1111-1111-111111111111";
const GROUP = "22222222-2222-2222-2222-222222222222";
const APP = "33333333-3333-3333-3333-333333333333";

describe("grantRole", () => {
  test("creates a role assignment with scope, role, principal and principal type", () => {
    const { stack } = fixture();
    grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataSender, Principal.fromObjectId(APP, "ServicePrincipal"));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: QUEUE_ID,
      role_definition_name: "Azure Service Bus Data Sender",
      principal_id: APP,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  test.each(["User", "Group"] as const)("does not skip the AAD check for a %s", (principalType) => {
    const { stack } = fixture();
    grantRole(stack, QUEUE_ID, BuiltInRole.reader, Principal.fromObjectId(USER, principalType));
    const [assignment] = resourcesOfType(stack, "azurerm_role_assignment");
    expect(assignment).toEqual({ scope: QUEUE_ID, role_definition_name: "Reader", principal_id: USER, principal_type: principalType });
  });

  test("returns the created resource", () => {
    const { stack } = fixture();
    const assignment = grantRole(stack, QUEUE_ID, BuiltInRole.reader, Principal.fromObjectId(USER, "User"));
    expect(assignment).toBeInstanceOf(RoleAssignment);
    expect(assignment.node.scope).toBe(stack);
  });

  test("the same role to the same principal twice gives one assignment", () => {
    const { stack } = fixture();
    const principal = Principal.fromObjectId(USER, "User");
    const first = grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, principal);
    const second = grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, Principal.fromObjectId(USER, "User"));
    expect(second).toBe(first);
    expect(resourcesOfType(stack, "azurerm_role_assignment")).toHaveLength(1);
  });

  test("different principals get one assignment each", () => {
    const { stack } = fixture();
    grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, Principal.fromObjectId(USER, "User"));
    grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, Principal.fromObjectId(GROUP, "Group"));
    const assignments = resourcesOfType(stack, "azurerm_role_assignment");
    expect(assignments.map((a) => a.principal_id).sort()).toEqual([USER, GROUP]);
  });

  test("different roles to the same principal get one assignment each", () => {
    const { stack } = fixture();
    const principal = Principal.fromObjectId(USER, "User");
    grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataSender, principal);
    grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, principal);
    const roles = resourcesOfType(stack, "azurerm_role_assignment").map((a) => a.role_definition_name);
    expect(roles.sort()).toEqual(["Azure Service Bus Data Receiver", "Azure Service Bus Data Sender"]);
  });

  test("the same role and principal on another resource under the same scope is an error, not a silent no-op", () => {
    const { stack } = fixture();
    const principal = Principal.fromObjectId(USER, "User");
    grantRole(stack, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, principal);
    expect(() => grantRole(stack, TOPIC_ID, BuiltInRole.serviceBusDataReceiver, principal)).toThrow(
      /^test: .*"Azure Service Bus Data Receiver".* already granted to this principal on another scope/,
    );
    expect(resourcesOfType(stack, "azurerm_role_assignment").map((a) => a.scope)).toEqual([QUEUE_ID]);
  });

  test("grants on two resources work from two scopes", () => {
    const { stack } = fixture();
    const principal = Principal.fromObjectId(USER, "User");
    grantRole(new Construct(stack, "Queue"), QUEUE_ID, BuiltInRole.serviceBusDataReceiver, principal);
    grantRole(new Construct(stack, "Topic"), TOPIC_ID, BuiltInRole.serviceBusDataReceiver, principal);
    const scopes = resourcesOfType(stack, "azurerm_role_assignment").map((a) => a.scope);
    expect(scopes.sort()).toEqual([QUEUE_ID, TOPIC_ID].sort());
  });

  test("the assignment's construct id is stable: derived from role and principal key", () => {
    const a = fixture();
    const b = fixture();
    const ids = [a, b].map(({ stack }) => grantRole(stack, QUEUE_ID, BuiltInRole.reader, Principal.fromObjectId(USER, "User")).node.id);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toMatch(/^GrantReader[0-9a-f]{8}$/);
  });

  test("accepts a custom role name", () => {
    const { stack } = fixture();
    grantRole(stack, QUEUE_ID, "Contoso Queue Peeker (custom)", Principal.fromObjectId(USER, "User"));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: "Contoso Queue Peeker (custom)" });
  });
});

describe("Principal", () => {
  test("fromObjectId keeps the object id, type, and uses the id as grant key", () => {
    expect(Principal.fromObjectId(GROUP, "Group")).toEqual({ principalId: GROUP, principalType: "Group", grantKey: GROUP });
  });

  test("ofConstruct is a service principal keyed by the owner's path", () => {
    const { stack } = fixture();
    const owner = new Construct(new Construct(stack, "Orders"), "Function");
    expect(Principal.ofConstruct(owner, "${azurerm_linux_function_app.x.identity.0.principal_id}")).toEqual({
      principalId: "${azurerm_linux_function_app.x.identity.0.principal_id}",
      principalType: "ServicePrincipal",
      grantKey: "test/Orders/Function",
    });
  });

  test("two constructs' identities get separate assignments; the same construct's is deduplicated", () => {
    const { stack } = fixture();
    const a = new Construct(stack, "A");
    const b = new Construct(stack, "B");
    grantRole(stack, QUEUE_ID, BuiltInRole.reader, Principal.ofConstruct(a, "pid-a"));
    grantRole(stack, QUEUE_ID, BuiltInRole.reader, Principal.ofConstruct(b, "pid-b"));
    grantRole(stack, QUEUE_ID, BuiltInRole.reader, Principal.ofConstruct(a, "pid-a"));
    const assignments = resourcesOfType(stack, "azurerm_role_assignment");
    expect(assignments.map((x) => x.principal_id).sort()).toEqual(["pid-a", "pid-b"]);
    for (const assignment of assignments) expect(assignment.skip_service_principal_aad_check).toBe(true);
  });
});

describe("BuiltInRole", () => {
  test("names the least-privilege data-plane roles exactly as Azure does", () => {
    expect(BuiltInRole).toMatchObject({
      storageBlobDataReader: "Storage Blob Data Reader",
      storageQueueDataMessageSender: "Storage Queue Data Message Sender",
      keyVaultSecretsUser: "Key Vault Secrets User",
      keyVaultCryptoUser: "Key Vault Crypto Service Encryption User",
      serviceBusDataSender: "Azure Service Bus Data Sender",
      serviceBusDataReceiver: "Azure Service Bus Data Receiver",
      eventHubsDataSender: "Azure Event Hubs Data Sender",
      eventGridDataSender: "EventGrid Data Sender",
    });
  });
});

describe("copyGrants", () => {
  test("repeats each grant of a construct on another scope, same role and principal, ids prefixed, after dependsOn", () => {
    const { stack } = fixture();
    const queue = new Construct(stack, "Queue");
    grantRole(queue, QUEUE_ID, BuiltInRole.serviceBusDataSender, Principal.fromObjectId(APP, "ServicePrincipal"));
    grantRole(queue, QUEUE_ID, BuiltInRole.serviceBusDataReceiver, Principal.fromObjectId(USER, "User"));
    const pairing = new Construct(stack, "Pairing");
    const after = grantRole(pairing, TOPIC_ID, BuiltInRole.reader, Principal.fromObjectId(GROUP, "Group"));
    const copies = copyGrants(queue, new Construct(stack, "Secondary"), "queues-orders", "/secondary/queues/orders", [after]);
    expect(copies.map((c) => c.node.id)).toEqual(queue.node.children.map((c) => `queues-orders-${c.node.id}`));
    const json = JSON.parse(Testing.synth(stack));
    const copied = Object.entries(json.resource.azurerm_role_assignment as Record<string, Record<string, unknown>>)
      .filter(([, r]) => r.scope === "/secondary/queues/orders")
      .map(([, r]) => [r.role_definition_name, r.principal_id, r.principal_type, (r.depends_on as string[]).length]);
    expect(copied.sort()).toEqual([
      ["Azure Service Bus Data Receiver", USER, "User", 1],
      ["Azure Service Bus Data Sender", APP, "ServicePrincipal", 1],
    ]);
  });
});
