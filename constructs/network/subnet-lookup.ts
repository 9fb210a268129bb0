import { IConstruct } from "constructs";
import { TerraformResource, TerraformStack } from "cdktf";
import { synthesizedBody } from "../core/stack-json";
import { Network } from "./network";

/**
 * The services a subnet of this stack is delegated to, as it will be synthesized (escape hatches
 * included), found from an id a {@link Network} handed out or a subnet L1's own id; undefined when
 * the id is a literal or names a subnet outside the stack (not checked).
 */
export function subnetDelegations(scope: IConstruct, subnetId: string): string[] | undefined {
  for (const c of TerraformStack.of(scope).node.findAll()) {
    // A type guard, not `instanceof`, for the L1: a subnet of a second framework copy is found too.
    const isSubnet = TerraformResource.isTerraformResource(c) && c.terraformResourceType === "azurerm_subnet" &&
      c.getStringAttribute("id") === subnetId;
    const subnet = c instanceof Network ? c.subnetFor(subnetId) : isSubnet ? c : undefined;
    if (!subnet) continue;
    const body = synthesizedBody(subnet);
    const delegations = Array.isArray(body.delegation) ? (body.delegation as { service_delegation?: unknown }[]) : [];
    return delegations
      .flatMap((d) => [d.service_delegation].flat())
      .map((sd) => (typeof sd === "object" && sd !== null ? (sd as { name?: unknown }).name : undefined))
      .filter((name): name is string => typeof name === "string");
  }
  return undefined;
}
