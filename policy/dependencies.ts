import { referencesIn } from "../constructs/core/terraform-graph";
import { CheckedResource } from "./types";

/**
 * What `resource` waits for in Terraform's graph: the resources its `depends_on` names and its
 * expressions reference, and what those wait for, by address. A minimal graph over synthesized
 * JSON for the rules that need ordering (AIC-DEP-001); data sources, variables and locals are
 * left out.
 */
export function dependenciesOf(resource: CheckedResource, resources: readonly CheckedResource[]): Set<string> {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const seen = new Set<string>();
  const pending = directDependencies(resource);
  while (pending.length > 0) {
    const address = pending.pop() as string;
    if (seen.has(address)) continue;
    seen.add(address);
    const next = byAddress.get(address);
    if (next) pending.push(...directDependencies(next));
  }
  return seen;
}

/** `depends_on` entries and referenced resources of one resource. */
function directDependencies(resource: CheckedResource): string[] {
  const dependsOn = Array.isArray(resource.config.depends_on) ? (resource.config.depends_on as unknown[]) : [];
  const named = dependsOn.filter((d): d is string => typeof d === "string");
  return [...named, ...referencesIn(resource.config)].filter((address) => !/^(data|var|local|module)\./.test(address));
}
