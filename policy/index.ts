export * from "./checks";
export * from "./graph";
export * from "./policy-pack";
export * from "./report";
export * from "./rules";
export * from "./types";
