// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/key-vault/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { KeyVault, UserAssignedIdentity } from "azure-integration-cdktf";

const vault = new KeyVault(stack, "Vault");
const app = new UserAssignedIdentity(stack, "App");
vault.grantSecretsRead(app);                                   // Key Vault Secrets User on this vault
vault.grantCryptoUse(new UserAssignedIdentity(stack, "Cmk")); // Key Vault Crypto Service Encryption User
