export { ResourceGroup } from "./resource-group";
export type { ResourceGroupProps } from "./resource-group";
