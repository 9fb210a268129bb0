export { KeyVault } from "./key-vault";
export type { KeyVaultProps } from "./key-vault";
