export * from "./judge";
export * from "./report";
export * from "./targets";
