export { StorageAccount } from "./storage-account";
export type { StorageAccountProps, StorageEndpointSubresource, StorageReplication } from "./storage-account";
