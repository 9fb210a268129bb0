import "cdktf/lib/testing/adapters/jest";
import { Aspects, Testing } from "cdktf";
import { ResourceGroup as ResourceGroupResource } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { grantRole, Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { TagDefaults } from "../../../constructs/core/tags";
import { ApiManagementNamedValue } from "@cdktf/provider-azurerm/lib/api-management-named-value";
import { Application } from "@cdktf/provider-azuread/lib/application";
import { ServicePrincipal } from "@cdktf/provider-azuread/lib/service-principal";
import { fixture, resourcesOfType, synth } from "../../helpers";

Testing.setupJest();

const ENV_TAGS = { environment: "dev", costCenter: "1234" };

describe("TagDefaults", () => {
  test("adds the environment's tags to a taggable resource that has none", () => {
    const { stack } = fixture();
    new ResourceGroupResource(stack, "Group", { name: "rg-x", location: "westeurope" });
    TagDefaults.apply(stack, ENV_TAGS);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ResourceGroupResource, { name: "rg-x", tags: ENV_TAGS });
  });

  test("merges with a resource's own tags; the resource's tag wins on conflict", () => {
    const { stack } = fixture();
    new UserAssignedIdentity(stack, "Worker", { tags: { environment: "sandbox", owner: "team-a" } });
    TagDefaults.apply(stack, ENV_TAGS);
    const [identity] = resourcesOfType(stack, "azurerm_user_assigned_identity");
    expect(identity.tags).toEqual({ environment: "sandbox", costCenter: "1234", owner: "team-a" });
  });

  test("applied at two levels, the nearer scope's tags win and the resource's own tags win over both", () => {
    const { stack } = fixture();
    const team = new UserAssignedIdentity(stack, "Team", { tags: { owner: "team-a" } });
    const inner = new UserAssignedIdentity(team, "Inner");
    TagDefaults.apply(stack, { environment: "outer", costCenter: "1234", owner: "platform" });
    TagDefaults.apply(team, { environment: "inner", owner: "team-b" });
    const tagsOf = (id: UserAssignedIdentity) => resourcesOfType(stack, "azurerm_user_assigned_identity").find((r: { name: string }) => r.name === id.resource.nameInput)?.tags;
    expect(tagsOf(team)).toEqual({ environment: "inner", costCenter: "1234", owner: "team-a" });
    expect(tagsOf(inner)).toEqual({ environment: "inner", costCenter: "1234", owner: "team-b" });
  });

  test("reaches resources nested deep below the scope", () => {
    const { stack } = fixture();
    const outer = new UserAssignedIdentity(stack, "Outer");
    new UserAssignedIdentity(outer, "Inner");
    TagDefaults.apply(stack, ENV_TAGS);
    const identities = resourcesOfType(stack, "azurerm_user_assigned_identity");
    expect(identities).toHaveLength(2);
    for (const identity of identities) expect(identity.tags).toEqual(ENV_TAGS);
  });

  test("leaves resources without tags (role assignments) and data sources untouched", () => {
    const { stack } = fixture();
    grantRole(stack, "/subscriptions/x", "Reader", Principal.fromObjectId("11111111-1111-1111-1111-111111111111", "User"));
    new DataAzurermClientConfig(stack, "Client", {});
    TagDefaults.apply(stack, ENV_TAGS);
    const out = synth(stack);
    const [assignment] = Object.values(out.resource.azurerm_role_assignment) as Record<string, unknown>[];
    expect(assignment).not.toHaveProperty("tags");
    const [client] = Object.values(out.data.azurerm_client_config) as Record<string, unknown>[];
    expect(client).not.toHaveProperty("tags");
    expect(Testing.synth(stack)).toHaveResource(RoleAssignment);
  });

  test("only resources below the scope get the tags", () => {
    const a = fixture();
    const b = fixture({}, "other");
    TagDefaults.apply(a.stack, ENV_TAGS);
    new UserAssignedIdentity(a.stack, "Tagged");
    new UserAssignedIdentity(b.stack, "Untagged");
    expect(resourcesOfType(a.stack, "azurerm_user_assigned_identity")[0].tags).toEqual(ENV_TAGS);
    expect(resourcesOfType(b.stack, "azurerm_user_assigned_identity")[0]).not.toHaveProperty("tags");
  });

  test("with no tags, adds no aspect and changes nothing", () => {
    const { stack } = fixture();
    new UserAssignedIdentity(stack, "Worker");
    TagDefaults.apply(stack, {});
    expect(Aspects.of(stack).all).toHaveLength(0);
    expect(resourcesOfType(stack, "azurerm_user_assigned_identity")[0]).not.toHaveProperty("tags");
  });

  test("adds one aspect per call with tags", () => {
    const { stack } = fixture();
    TagDefaults.apply(stack, ENV_TAGS);
    expect(Aspects.of(stack).all).toHaveLength(1);
    expect(Aspects.of(stack).all[0]).toBeInstanceOf(TagDefaults);
  });
});

test("resources whose tags are a list of strings (API Management named values) get no environment tags", () => {
  const { stack } = fixture();
  new ApiManagementNamedValue(stack, "Value", { name: "v", apiManagementName: "apim", resourceGroupName: "rg", displayName: "v", value: "x", tags: ["team-a"] });
  TagDefaults.apply(stack, { environment: "dev" });
  expect(resourcesOfType(stack, "azurerm_api_management_named_value")[0].tags).toEqual(["team-a"]);
});

test("Entra objects (azuread, whose tags are a set of strings) get no environment tags", () => {
  const { stack } = fixture();
  new Application(stack, "App", { displayName: "orders-api", tags: ["team-a"] });
  new ServicePrincipal(stack, "Sp", { clientId: "00000000-0000-0000-0000-000000000001" });
  TagDefaults.apply(stack, { environment: "dev" });
  expect(resourcesOfType(stack, "azuread_application")[0].tags).toEqual(["team-a"]);
  expect(resourcesOfType(stack, "azuread_service_principal")[0].tags).toBeUndefined();
});
