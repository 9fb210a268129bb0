import { dependenciesOf } from "../policy/dependencies";
import { CheckedResource } from "../policy/types";
import { Json } from "./helpers";

/**
 * Walks a stack's synthesized JSON: what each resource waits for in Terraform's graph
 * (`depends_on` and references, transitively), by address. The test-side view of
 * policy/dependencies.ts, which AIC-DEP-001 uses.
 */
export function checkedResources(json: Json): CheckedResource[] {
  const all: CheckedResource[] = [];
  for (const [type, byName] of Object.entries<Record<string, Json>>(json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName))
      all.push({ type, address: `${type}.${name}`, path: config["//"]?.metadata?.path ?? name, config, profile: "dev" });
  }
  return all;
}

/** Addresses `address` waits for, directly or not. */
export function waitsFor(json: Json, address: string): Set<string> {
  const all = checkedResources(json);
  const resource = all.find((r) => r.address === address);
  if (!resource) throw new Error(`no resource ${address} in the stack`);
  return dependenciesOf(resource, all);
}

/** The addresses of the resources of `type`, optionally only those whose config matches `where`. */
export function addressesOf(json: Json, type: string, where: (config: Json) => boolean = () => true): string[] {
  return Object.entries<Json>(json.resource?.[type] ?? {})
    .filter(([, config]) => where(config))
    .map(([name]) => `${type}.${name}`);
}
