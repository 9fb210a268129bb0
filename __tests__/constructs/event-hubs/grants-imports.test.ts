import { TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { IMessagingGrants } from "../../../constructs/core/data-grants";
import { EventHubNamespace } from "../../../constructs/event-hubs";
import { SUBSCRIPTION_ID, makeStack, messageOf, resolved, resources } from "../../helpers";

const APP = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "ServicePrincipal");
const EXISTING = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.EventHub/namespaces/evhns-shared`;

type Target = "namespace" | "eventHub" | "import";

function targetOf(stack: TerraformStack, kind: Target): IMessagingGrants & { grant: EventHubNamespace["grant"] } {
  if (kind === "import") return EventHubNamespace.fromId(stack, "Shared", EXISTING);
  const ns = new EventHubNamespace(stack, "Telemetry");
  return kind === "namespace" ? ns : ns.addEventHub("readings");
}

describe("Event Hubs grants: one implementation, Grantee in, assignment out", () => {
  // The Terraform addresses the grants had when they took an IPrincipal only (they must not move).
  const ADDRESSES: Record<Target, string[]> = {
    namespace: [
      "Telemetry_GrantAzureEventHubsDataOwnerba661b0a_F4D2F301",
      "Telemetry_GrantAzureEventHubsDataReceiver05d17100_E61453C6",
      "Telemetry_GrantAzureEventHubsDataSenderba661b0a_900ADB69",
    ],
    eventHub: [
      "Telemetry_EventHub-readings_GrantAzureEventHubsDataOwnerba661b0a_AA42F106",
      "Telemetry_EventHub-readings_GrantAzureEventHubsDataReceiver05d17100_6ED0C5BD",
      "Telemetry_EventHub-readings_GrantAzureEventHubsDataSenderba661b0a_CE895139",
    ],
    import: [
      "Shared_GrantAzureEventHubsDataOwnerba661b0a_663490BF",
      "Shared_GrantAzureEventHubsDataReceiver05d17100_D8D86AEC",
      "Shared_GrantAzureEventHubsDataSenderba661b0a_F8588012",
    ],
  };

  test.each(["namespace", "eventHub", "import"] as const)("%s: a construct with a principal and its principal get one assignment", (kind) => {
    const stack = makeStack();
    const target = targetOf(stack, kind);
    const app = new UserAssignedIdentity(stack, "App");
    const send = target.grantSend({ principal: app });
    expect(send).toBeInstanceOf(RoleAssignment);
    expect(target.grantSend(app)).toBe(send);
    const receive = target.grantReceive(APP);
    target.grantManage({ principal: app });
    expect(target.grant(APP, "Azure Event Hubs Data Receiver")).toBe(receive);
    expect(Object.keys(resources(stack, "azurerm_role_assignment")).sort()).toEqual(ADDRESSES[kind]);
  });
});

describe("Event Hubs namespace imports on parseResourceId", () => {
  test("a literal id: name and resource group from the id", () => {
    const shared = EventHubNamespace.fromId(makeStack(), "Shared", EXISTING);
    expect([shared.name, shared.resourceGroupName, shared.fullyQualifiedNamespace]).toEqual(["evhns-shared", "rg-shared", "evhns-shared.servicebus.windows.net"]);
  });

  test("a token id is split at deploy time", () => {
    const stack = makeStack();
    const shared = EventHubNamespace.fromId(stack, "Shared", new EventHubNamespace(stack, "Owner").id);
    expect(resolved(stack, shared.name)).toBe('${element(split("/", azurerm_eventhub_namespace.Owner_3BA7C727.id), 8)}');
  });

  test("an id with a trailing segment is refused", () => {
    expect(messageOf(() => EventHubNamespace.fromId(makeStack(), "Shared", `${EXISTING}/eventhubs/readings`))).toContain(
      "is not the id of a Microsoft.EventHub/namespaces resource",
    );
  });
});
