export * from "./storage-account";
