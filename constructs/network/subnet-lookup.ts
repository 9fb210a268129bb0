import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Network } from "./network";

/**
 * The services a subnet of this stack is delegated to, as it will be synthesized (escape hatches
 * included), found from an id a {@link Network} handed out or a subnet L1's own id; undefined when
 * the id is a literal or names a subnet outside the stack (not checked).
 */
export function subnetDelegations(scope: IConstruct, subnetId: string): string[] | undefined {
  for (const c of TerraformStack.of(scope).node.findAll()) {
    const subnet = c instanceof Network ? c.subnetFor(subnetId) : c instanceof Subnet && c.id === subnetId ? c : undefined;
    if (!subnet) continue;
    const body = (subnet.toTerraform() as { resource: Record<string, Record<string, { delegation?: unknown }>> }).resource[subnet.terraformResourceType][
      subnet.friendlyUniqueId
    ];
    const delegations = Array.isArray(body.delegation) ? (body.delegation as { service_delegation?: unknown }[]) : [];
    return delegations
      .flatMap((d) => [d.service_delegation].flat())
      .map((sd) => (typeof sd === "object" && sd !== null ? (sd as { name?: unknown }).name : undefined))
      .filter((name): name is string => typeof name === "string");
  }
  return undefined;
}
