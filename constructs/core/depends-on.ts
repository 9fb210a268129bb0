import { ITerraformDependable, TerraformResource, dependable } from "cdktf";

const WIRED = new WeakMap<TerraformResource, Set<ITerraformDependable>>();

/**
 * Makes `resource` wait for `targets` after construction (e.g. a role assignment its scope string
 * does not reference). Renders plain addresses (`azurerm_x.y`) as Terraform wants in `depends_on`;
 * adding the same target twice is a no-op.
 */
export function addDependency(resource: TerraformResource, ...targets: ITerraformDependable[]): void {
  const wired = WIRED.get(resource) ?? new Set<ITerraformDependable>();
  WIRED.set(resource, wired);
  for (const target of targets) {
    if (wired.has(target)) continue;
    wired.add(target);
    resource.dependsOn = [...(resource.dependsOn ?? []), dependable(target)];
  }
}
