export * from "./key-vault";
