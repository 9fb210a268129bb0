export { KeyVault } from "./key-vault";
export type { KeyVaultProps } from "./key-vault";
export type { IKeyVault } from "./vault-ref";
export { EncryptionKey, ENCRYPTION_KEY_ROTATION, ENCRYPTION_KEY_SIZE, stackEncryptionKey } from "./encryption-key";
export type { EncryptionKeyProps } from "./encryption-key";
