export type { IStorageAccount } from "./account-ref";
export { isStorageAccount, storageFlowTarget } from "./account-ref";
export { StorageAccount } from "./storage-account";
export type { StorageAccountProps, StorageEndpointSubresource, StorageReplication } from "./storage-account";
