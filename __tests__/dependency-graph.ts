import { TerraformGraph } from "../constructs/core/terraform-graph";
import { Json } from "./helpers";

/** Addresses `address` waits for in Terraform's graph (`depends_on` and references), directly or not. */
export function waitsFor(json: Json, address: string): Set<string> {
  const graph = TerraformGraph.of(json);
  if (!graph.has(address)) throw new Error(`no resource ${address} in the stack`);
  return graph.dependenciesOf(address);
}

/** The addresses of the resources of `type`, optionally only those whose config matches `where`. */
export function addressesOf(json: Json, type: string, where: (config: Json) => boolean = () => true): string[] {
  return Object.entries<Json>(json.resource?.[type] ?? {})
    .filter(([, config]) => where(config))
    .map(([name]) => `${type}.${name}`);
}
