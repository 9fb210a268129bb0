import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, Token } from "cdktf";
import { UserAssignedIdentity as UserAssignedIdentityResource } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "../../../constructs/core/errors";
import { BuiltInRole, grantRole } from "../../../constructs/core/grants";
import { identityBlock, identityPrincipal, UserAssignedIdentity } from "../../../constructs/core/identity";
import { ResourceGroup } from "../../../constructs/resource-group";
import { fixture, resolved, SUBSCRIPTION_ID, synth } from "../../helpers";

Testing.setupJest();

describe("identityBlock", () => {
  test("defaults to a system-assigned identity", () => {
    expect(identityBlock(undefined)).toEqual({ type: "SystemAssigned" });
    expect(identityBlock({})).toEqual({ type: "SystemAssigned" });
  });

  test("user-assigned only", () => {
    const { stack } = fixture();
    const uai = new UserAssignedIdentity(stack, "Worker");
    expect(identityBlock({ systemAssigned: false, userAssigned: [uai] })).toEqual({ type: "UserAssigned", identityIds: [uai.id] });
  });

  test("both: `SystemAssigned, UserAssigned` with every identity id", () => {
    const { stack } = fixture();
    const a = new UserAssignedIdentity(stack, "A");
    const b = new UserAssignedIdentity(stack, "B");
    expect(identityBlock({ userAssigned: [a, b] })).toEqual({ type: "SystemAssigned, UserAssigned", identityIds: [a.id, b.id] });
  });

  test("none: systemAssigned false and no user-assigned identity gives no block", () => {
    expect(identityBlock({ systemAssigned: false })).toBeUndefined();
    expect(identityBlock({ systemAssigned: false, userAssigned: [] })).toBeUndefined();
  });

  test("an empty user-assigned list keeps the system-assigned default", () => {
    expect(identityBlock({ userAssigned: [] })).toEqual({ type: "SystemAssigned" });
  });

  test("identity ids resolve to the identities' ids in Terraform", () => {
    const { stack } = fixture();
    const uai = new UserAssignedIdentity(stack, "Worker");
    const block = identityBlock({ systemAssigned: false, userAssigned: [uai] });
    expect(resolved(stack, block?.identityIds)).toEqual(["${azurerm_user_assigned_identity.Worker_11F36D0F.id}"]);
  });
});

describe("UserAssignedIdentity", () => {
  test("defaults: generated name in the context's resource group and location", () => {
    const { stack } = fixture();
    new UserAssignedIdentity(stack, "OrderWorker");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(UserAssignedIdentityResource, {
      name: "id-contoso-dev-order-worker",
      resource_group_name: "rg-test",
      location: "westeurope",
    });
    const [identity] = Object.values(synth(stack).resource.azurerm_user_assigned_identity) as Record<string, unknown>[];
    expect(identity).not.toHaveProperty("tags");
  });

  test("overrides: name, resource group, location and tags", () => {
    const { stack } = fixture();
    const rg = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-shared", "northeurope");
    new UserAssignedIdentity(stack, "Worker", { name: "id-shared-worker", resourceGroup: rg, location: "swedencentral", tags: { owner: "team-a" } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(UserAssignedIdentityResource, {
      name: "id-shared-worker",
      resource_group_name: "rg-shared",
      location: "swedencentral",
      tags: { owner: "team-a" },
    });
  });

  test("location defaults to the given resource group's location", () => {
    const { stack } = fixture();
    const rg = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-shared", "northeurope");
    const uai = new UserAssignedIdentity(stack, "Worker", { resourceGroup: rg });
    expect(uai.location).toBe("northeurope");
    expect(uai.resourceGroup).toBe(rg);
  });

  test("the primary L1 child is `Resource` and is exposed", () => {
    const { stack } = fixture();
    const uai = new UserAssignedIdentity(stack, "Worker");
    expect(uai.resource).toBeInstanceOf(UserAssignedIdentityResource);
    expect(uai.node.findChild("Resource")).toBe(uai.resource);
  });

  test("exposes id, name, principalId and clientId as tokens of the resource", () => {
    const { stack } = fixture();
    const uai = new UserAssignedIdentity(stack, "Worker");
    for (const value of [uai.id, uai.name, uai.principalId, uai.clientId]) expect(Token.isUnresolved(value)).toBe(true);
    expect(resolved(stack, [uai.id, uai.name, uai.principalId, uai.clientId])).toEqual([
      "${azurerm_user_assigned_identity.Worker_11F36D0F.id}",
      "${azurerm_user_assigned_identity.Worker_11F36D0F.name}",
      "${azurerm_user_assigned_identity.Worker_11F36D0F.principal_id}",
      "${azurerm_user_assigned_identity.Worker_11F36D0F.client_id}",
    ]);
  });

  test("is a service principal keyed by its construct path", () => {
    const { stack } = fixture();
    const uai = new UserAssignedIdentity(stack, "Worker");
    expect(uai.principalType).toBe("ServicePrincipal");
    expect(uai.grantKey).toBe("test/Worker");
  });

  test("works as a grant principal", () => {
    const { stack } = fixture();
    const uai = new UserAssignedIdentity(stack, "Worker");
    grantRole(stack, "/subscriptions/x/queues/orders", BuiltInRole.serviceBusDataReceiver, uai);
    grantRole(stack, "/subscriptions/x/queues/orders", BuiltInRole.serviceBusDataReceiver, uai);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "/subscriptions/x/queues/orders",
      role_definition_name: "Azure Service Bus Data Receiver",
      principal_id: "${azurerm_user_assigned_identity.Worker_11F36D0F.principal_id}",
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
    expect(Object.keys(synth(stack).resource.azurerm_role_assignment)).toHaveLength(1);
  });

  test("without a resource group in props or context: a clear error at its path", () => {
    const stack = new TerraformStack(Testing.app(), "bare");
    expect(() => new UserAssignedIdentity(stack, "Worker")).toThrow(
      "bare/Worker: resourceGroup is not set and no IntegrationContext above this construct provides one; pass resourceGroup in props or call IntegrationContext.set(stack, { resourceGroup })",
    );
  });

  test("an invalid explicit name is a ValidationError at its path", () => {
    const { stack } = fixture();
    expect(() => new UserAssignedIdentity(stack, "Worker", { name: "-worker" })).toThrow(ValidationError);
    expect(() => new UserAssignedIdentity(stack, "Worker2", { name: "-worker" })).toThrow(
      /^test\/Worker2: name "-worker" breaks the userAssignedIdentity naming rule; /,
    );
  });
});

describe("identityPrincipal (the one principal rule)", () => {
  test("the system-assigned identity by default, keyed by the owner's path", () => {
    const { stack } = fixture();
    const principal = identityPrincipal(stack, undefined, () => "system-id");
    expect(principal).toEqual({ principalId: "system-id", principalType: "ServicePrincipal", grantKey: "test" });
  });

  test("else the first user-assigned identity", () => {
    const { stack } = fixture();
    const first = new UserAssignedIdentity(stack, "First");
    const second = new UserAssignedIdentity(stack, "Second");
    const read = jest.fn(() => "system-id");
    expect(identityPrincipal(stack, { systemAssigned: false, userAssigned: [first, second] }, read)).toBe(first);
    expect(read).not.toHaveBeenCalled();
  });

  test("else an error at the owner that says how to give it an identity", () => {
    const { stack } = fixture();
    expect(() => identityPrincipal(stack, { systemAssigned: false }, () => "x")).toThrow(
      "test: principal is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned is given); " +
        "keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
  });
});

describe("grants take a principal or a construct that has one", () => {
  test("grantRole and the generic grant() on a construct give the same assignment", () => {
    const { stack } = fixture();
    const worker = new UserAssignedIdentity(stack, "Worker");
    const target = new UserAssignedIdentity(stack, "Target");
    const holder = { principal: worker };
    const byConstruct = target.grant(holder, BuiltInRole.reader);
    expect(target.grant(worker, "Reader")).toBe(byConstruct);
    expect(grantRole(target, target.id, BuiltInRole.reader, worker)).toBe(byConstruct);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, { scope: resolved(stack, target.id), role_definition_name: "Reader" });
  });
});
