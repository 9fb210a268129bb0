import { Testing, TerraformVariable } from "cdktf";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { KeyVault } from "../../../constructs/key-vault";
import { ApiManagement, ApiManagementProps, NamedValueOptions } from "../../../constructs/api-management";
import { makeStack, messageOf, resourcesOfType, single } from "../../helpers";

const REQUIRED = { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" } as const;
const SERVICE_NAME = "${azurerm_api_management.Apim_95332D08.name}";
const PRINCIPAL = "${azurerm_api_management.Apim_95332D08.identity[0].principal_id}";
const SECRET_ID = "https://kv-x.vault.azure.net/secrets/backend-key";

function service(props: Partial<ApiManagementProps> = {}) {
  const stack = makeStack();
  return { stack, apim: new ApiManagement(stack, "Apim", { ...REQUIRED, ...props }) };
}

const namedValueError = (options: NamedValueOptions, name = "backend-key") => messageOf(() => service().apim.addNamedValue(name, options));

describe("addNamedValue", () => {
  test("a plain value", () => {
    const { stack, apim } = service();
    const namedValue = apim.addNamedValue("rate-limit", { value: "100", tags: ["limits"] });
    expect(single(stack, "azurerm_api_management_named_value").config).toEqual({
      name: "rate-limit",
      display_name: "rate-limit",
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
      value: "100",
      secret: false,
      tags: ["limits"],
    });
    expect(apim.namedValues.get("rate-limit")).toBe(namedValue);
  });

  test("a secret value from a sensitive variable is a reference in the JSON", () => {
    const { stack, apim } = service();
    const token = new TerraformVariable(stack, "token", { type: "string", sensitive: true });
    apim.addNamedValue("partner-token", { secretValue: token.stringValue });
    expect(single(stack, "azurerm_api_management_named_value").config).toMatchObject({ value: "${var.token}", secret: true });
  });

  test("a literal secret is refused without echoing it", () => {
    const message = namedValueError({ secretValue: "hunter2-super-secret" });
    expect(message).toBe(
      'test/Apim: secretValue of named value "backend-key" is a literal string, which would be written in plain text into the synthesized Terraform JSON; store the secret in Key Vault and pass keyVaultSecretId (with keyVault), or pass a token such as a sensitive TerraformVariable',
    );
    expect(message).not.toContain("hunter2");
  });

  test.each([
    [{}, 0],
    [{ value: "a", keyVaultSecretId: SECRET_ID }, 2],
  ] as const)("%p sets the wrong number of sources", (options, count) => {
    expect(namedValueError(options)).toBe(
      `test/Apim: named value "backend-key" sets ${count} of value, secretValue and keyVaultSecretId; set exactly one: value (plain), secretValue (a token) or keyVaultSecretId (recommended for secrets)`,
    );
  });

  test("names are valid and unique", () => {
    expect(namedValueError({ value: "a" }, "backend key")).toBe(
      `test/Apim: named value name "backend key" breaks the API Management naming rule; use 1-80 letters, digits, '-' and '_', starting and ending with a letter or digit`,
    );
    const { apim } = service();
    apim.addNamedValue("a", { value: "1" });
    expect(() => apim.addNamedValue("a", { value: "2" })).toThrow('test/Apim: named value name "a" is already defined on this service; add each named value once');
  });
});

describe("Key Vault–backed named values", () => {
  test("the system identity is granted Key Vault Secrets User and the named value waits for the grant", () => {
    const { stack, apim } = service();
    const vault = new KeyVault(stack, "Vault");
    apim.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, keyVault: vault });
    const assignment = single(stack, "azurerm_role_assignment");
    expect(assignment.config).toMatchObject({
      scope: "${azurerm_key_vault.Vault_23237E5B.id}",
      role_definition_name: "Key Vault Secrets User",
      principal_id: PRINCIPAL,
      principal_type: "ServicePrincipal",
    });
    const namedValue = single(stack, "azurerm_api_management_named_value").config;
    expect(namedValue).toMatchObject({ secret: true, value_from_key_vault: { secret_id: SECRET_ID } });
    expect(namedValue).not.toHaveProperty("value");
    expect(namedValue.depends_on).toEqual([assignment.ref("id").replace(/^\$\{|\.id\}$/g, "")]);
  });

  test("without a vault construct nothing is granted (the identity must already hold a role)", () => {
    const { stack, apim } = service();
    apim.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID });
    expect(resourcesOfType(stack, "azurerm_role_assignment")).toHaveLength(0);
    expect(single(stack, "azurerm_api_management_named_value").config).not.toHaveProperty("depends_on");
  });

  test("two secrets of one vault share one grant", () => {
    const { stack, apim } = service();
    const vault = new KeyVault(stack, "Vault");
    apim.addNamedValue("a", { keyVaultSecretId: `${SECRET_ID}-a`, keyVault: vault });
    apim.addNamedValue("b", { keyVaultSecretId: `${SECRET_ID}-b`, keyVault: vault });
    expect(resourcesOfType(stack, "azurerm_role_assignment")).toHaveLength(1);
  });

  test("a user-assigned identity of the service reads the secret", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "Reader");
    const apim = new ApiManagement(stack, "Apim", { ...REQUIRED, identity: { userAssigned: [identity] } });
    const vault = new KeyVault(stack, "Vault");
    apim.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, keyVault: vault, identity });
    expect(single(stack, "azurerm_role_assignment").config.principal_id).toBe("${azurerm_user_assigned_identity.Reader_F7BF189D.principal_id}");
    expect(single(stack, "azurerm_api_management_named_value").config.value_from_key_vault).toEqual({
      secret_id: SECRET_ID,
      identity_client_id: "${azurerm_user_assigned_identity.Reader_F7BF189D.client_id}",
    });
    expect(Testing.synth(stack)).toContain('"type": "SystemAssigned, UserAssigned"');
  });

  test("an identity not attached to the service is refused", () => {
    const { stack, apim } = service();
    const stranger = new UserAssignedIdentity(stack, "Stranger");
    expect(() => apim.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID, identity: stranger })).toThrow(
      'test/Apim: identity of named value "backend-key" "test/Stranger" is not assigned to this service; list it in identity.userAssigned of the service',
    );
  });

  test("without a system identity an identity must be named", () => {
    const { apim } = service({ identity: { systemAssigned: false } });
    expect(() => apim.addNamedValue("backend-key", { keyVaultSecretId: SECRET_ID })).toThrow(
      'test/Apim: named value "backend-key" reads Key Vault with the system identity, which is off; pass identity (a user-assigned identity of this service)',
    );
  });

  test("a malformed secret id and Key Vault options without a secret id are refused", () => {
    expect(namedValueError({ keyVaultSecretId: "backend-key" })).toBe(
      'test/Apim: keyVaultSecretId of named value "backend-key" "backend-key" is not a Key Vault secret id; use the secret\'s versionless id, e.g. "https://kv-x.vault.azure.net/secrets/backend-key"',
    );
    const { stack, apim } = service();
    expect(() => apim.addNamedValue("backend-key", { value: "x", keyVault: new KeyVault(stack, "Vault") })).toThrow(
      'test/Apim: named value "backend-key" sets keyVault or identity without keyVaultSecretId; add keyVaultSecretId or drop keyVault and identity',
    );
  });

  test.each([SECRET_ID, `${SECRET_ID}/0123456789abcdef0123456789abcdef`, "https://kv.vault.azure.cn/secrets/x/"])("secret id %p is accepted", (id) => {
    expect(() => service().apim.addNamedValue("k", { keyVaultSecretId: id })).not.toThrow();
  });
});
