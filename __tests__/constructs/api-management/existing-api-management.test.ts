import * as path from "path";
import { Testing } from "cdktf";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { KeyVault } from "../../../constructs/key-vault";
import { ApiManagement } from "../../../constructs/api-management";
import { makeStack, messageOf, resolved, resourcesOfType, RESOURCE_GROUP, single } from "../../helpers";

const F = (file: string) => path.resolve(__dirname, "fixtures", file);
const SECRET_ID = "https://kv-x.vault.azure.net/secrets/backend-key";
const PRINCIPAL_ID = "33333333-3333-3333-3333-333333333333";

describe("ApiManagement.fromName", () => {
  test("adds children to an existing service without creating it", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform", resourceGroup: RESOURCE_GROUP });
    const api = shared.addApi("orders", { path: "orders", operations: [{ id: "get", method: "GET", urlTemplate: "/" }] });
    shared.addProduct("gold", { displayName: "Gold", apis: [api] }).addSubscription("partner-a");
    shared.addBackend("orders", { url: "https://orders.contoso.com" });
    shared.addNamedValue("limit", { value: "10" });
    expect(resourcesOfType(stack, "azurerm_api_management")).toHaveLength(0);
    for (const type of ["api", "api_operation", "product", "product_api", "subscription", "backend", "named_value"]) {
      const [config] = resourcesOfType(stack, `azurerm_api_management_${type}`);
      expect(config.api_management_name).toBe("apim-platform");
      expect(config.resource_group_name).toBe("rg-test");
    }
    expect(shared.id).toBe("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ApiManagement/service/apim-platform");
    expect(shared.serviceName).toBe("apim-platform");
  });

  test("the resource group defaults to the context's", () => {
    const stack = makeStack();
    expect(ApiManagement.fromName(stack, "Shared", { name: "apim-platform" }).resourceGroupName).toBe("rg-test");
  });

  test("policies are checked like on a new service", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform" });
    expect(() => shared.addApi("orders", { path: "orders", policyFile: F("duplicate-section.xml") })).toThrow(
      `test/Shared: policy file "${F("duplicate-section.xml")}" has more than one <inbound> section; merge them into one <inbound> section`,
    );
  });

  test("Key Vault named values are read by the given system identity", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform", principalId: PRINCIPAL_ID });
    shared.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, keyVault: new KeyVault(stack, "Vault") });
    expect(single(stack, "azurerm_role_assignment").config).toMatchObject({ principal_id: PRINCIPAL_ID, role_definition_name: "Key Vault Secrets User" });
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  test("or by a listed user-assigned identity", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Reader");
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform", userAssignedIdentities: [identity] });
    shared.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, identity });
    expect(single(stack, "azurerm_api_management_named_value").config.value_from_key_vault.identity_client_id).toBe(
      "${azurerm_user_assigned_identity.Reader_F7BF189D.client_id}",
    );
  });

  test("without a principal id or a listed identity, Key Vault named values are refused", () => {
    const stack = makeStack();
    const stranger = new UserAssignedIdentity(stack, "Stranger");
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform" });
    expect(() => shared.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID })).toThrow(
      'test/Shared: named value "backend-key" reads Key Vault with the existing service\'s system identity, whose principalId is not given; pass principalId to ApiManagement.fromName (or fromId), or identity on the named value',
    );
    expect(() => shared.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, identity: stranger })).toThrow(
      'test/Shared: identity of named value "backend-key" "test/Stranger" is not listed in userAssignedIdentities of the existing service; list it there once it is attached to the service',
    );
  });

  test("existing named values must be valid names and cannot be added again", () => {
    const stack = makeStack();
    expect(() => ApiManagement.fromName(stack, "Bad", { name: "apim-platform", namedValues: ["a b"] })).toThrow(/^test\/Bad: named value name "a b" breaks the API Management naming rule/);
    const shared = ApiManagement.fromName(stack, "Shared", { name: "apim-platform", namedValues: ["limit"] });
    expect(() => shared.addNamedValue("limit", { value: "1" })).toThrow('test/Shared: named value name "limit" is already defined on this service; add each named value once');
  });
});

describe("ApiManagement.fromId", () => {
  const ID = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-platform/providers/Microsoft.ApiManagement/service/apim-platform";

  test("a literal id: children go to its service and resource group", () => {
    const stack = makeStack();
    const shared = ApiManagement.fromId(stack, "Shared", ID, { namedValues: ["limit"] });
    expect([shared.id, shared.name, shared.serviceName, shared.resourceGroupName]).toEqual([ID, "apim-platform", "apim-platform", "rg-platform"]);
    shared.addBackend("orders", { url: "https://orders.contoso.com" });
    const { config } = single(stack, "azurerm_api_management_backend");
    expect([config.api_management_name, config.resource_group_name]).toEqual(["apim-platform", "rg-platform"]);
    expect(resourcesOfType(stack, "azurerm_api_management")).toHaveLength(0);
  });

  test("a token id is split at deploy time", () => {
    const stack = makeStack();
    const owner = new ApiManagement(stack, "Owner", { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" });
    const shared = ApiManagement.fromId(stack, "Shared", owner.id);
    expect(resolved(stack, shared.resourceGroupName)).toBe('${element(split("/", azurerm_api_management.Owner_3BA7C727.id), 4)}');
  });

  test("a wrong id is refused with the expected form", () => {
    const id = "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Web/sites/app";
    expect(messageOf(() => ApiManagement.fromId(makeStack(), "Shared", id))).toBe(
      `test: resourceId "${id}" is not the id of a Microsoft.ApiManagement/service resource; ` +
        "use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ApiManagement/service/<name>",
    );
  });

  test("Key Vault named values read with the given principalId", () => {
    const stack = makeStack();
    const vault = new KeyVault(stack, "Vault");
    const shared = ApiManagement.fromId(stack, "Shared", ID, { principalId: PRINCIPAL_ID });
    shared.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, keyVault: vault });
    expect(resourcesOfType(stack, "azurerm_role_assignment").map((a) => a.principal_id)).toContain(PRINCIPAL_ID);
  });
});
