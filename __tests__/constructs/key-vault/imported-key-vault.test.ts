import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { KeyVault as KeyVaultResource } from "@cdktf/provider-azurerm/lib/key-vault";
import { Principal } from "../../../constructs/core/grants";
import { ResourceGroup } from "../../../constructs/resource-group";
import { StorageAccount } from "../../../constructs/storage";
import { KeyVault } from "../../../constructs/key-vault";
import { SUBSCRIPTION_ID, makeStack, messageOf, resolved, resourcesOfType as resources } from "../../helpers";

Testing.setupJest();

const APP = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "ServicePrincipal");
const ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-shared`;

describe("KeyVault.fromId / fromName", () => {
  test("a literal id gives the names and the public-cloud URI; the grants are the construct's, on the id", () => {
    const stack = makeStack();
    const vault = KeyVault.fromId(stack, "Shared", ID);
    expect([vault.id, vault.name, vault.resourceGroupName]).toEqual([ID, "kv-shared", "rg-sec"]);
    expect(vault.vaultUri).toBe("https://kv-shared.vault.azure.net/");
    const read = vault.grantSecretsRead(APP);
    expect(vault.grantSecretsRead(APP)).toBe(read);
    vault.grantSecretsManage(APP);
    vault.grantCryptoUse(APP);
    vault.grantCertificatesRead(APP);
    vault.grant(APP, "Key Vault Reader");
    expect(Testing.synth(stack)).not.toHaveResource(KeyVaultResource);
    expect(resources(stack, "azurerm_role_assignment").map((g) => [g.role_definition_name, g.scope]).sort()).toEqual([
      ["Key Vault Certificate User", ID],
      ["Key Vault Crypto Service Encryption User", ID],
      ["Key Vault Reader", ID],
      ["Key Vault Secrets Officer", ID],
      ["Key Vault Secrets User", ID],
    ]);
  });

  test("an id known only at deploy time is split by Terraform", () => {
    const stack = makeStack();
    const vault = KeyVault.fromId(stack, "Shared", new TerraformVariable(stack, "vaultId", { type: "string" }).stringValue);
    new TerraformOutput(stack, "uri", { value: vault.vaultUri });
    expect(JSON.parse(Testing.synth(stack)).output.uri.value).toBe('https://${element(split("/", var.vaultId), 8)}.vault.azure.net/');
  });

  test("a wrong id, and a bad name, stop synthesis with the rule and the fix", () => {
    const wrong = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-shared/secrets/x`;
    expect(messageOf(() => KeyVault.fromId(makeStack(), "Shared", wrong))).toBe(
      `test/Shared: vaultId "${wrong}" is not the id of a Microsoft.KeyVault/vaults resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>",
    );
    expect(messageOf(() => KeyVault.fromName(makeStack(), "Bad", "kv_shared"))).toMatch(/^test\/Bad: name "kv_shared" /);
  });

  test("fromName takes the context's resource group or the one given", () => {
    const stack = makeStack();
    expect(KeyVault.fromName(stack, "InContext", "kv-shared").resourceGroupName).toBe("rg-test");
    expect(KeyVault.fromName(stack, "Elsewhere", "kv-shared", ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-sec", "westeurope")).id).toBe(ID);
  });

  test("grants take a construct with a principal", () => {
    const stack = makeStack();
    const vault = new KeyVault(stack, "Vault");
    const account = new StorageAccount(stack, "Data");
    const grant = vault.grantCryptoUse(account);
    expect(vault.grantCryptoUse(account.principal)).toBe(grant);
    expect(resolved(stack, grant.principalIdInput)).toBe("${azurerm_storage_account.Data_666C94C7.identity[0].principal_id}");
  });
});
