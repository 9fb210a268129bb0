import { IConstruct } from "constructs";
import { Fn, Token } from "cdktf";
import { invalid, isUnresolved } from "./errors";

/** The parts of an Azure resource id that imports need. */
export interface ParsedResourceId {
  /** The id as given. */
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  /** Names of the resource and its parents, outermost first, e.g. `[server, database]` for a database. */
  readonly names: readonly string[];
  /** The resource's own name (the last of `names`). */
  readonly name: string;
}

/**
 * Splits `resourceId` of `type` (`Microsoft.Sql/servers/databases`: the provider namespace, then one
 * type segment per level). A literal id is checked now and a wrong one fails synthesis naming
 * `field`; an id known only at deploy time (a token) is split by Terraform (`element(split(...))`),
 * unless `literalRequired`, when names are needed at synth (e.g. to name child resources).
 */
export function parseResourceId(
  scope: IConstruct,
  resourceId: string,
  type: string,
  options: { readonly field?: string; readonly literalRequired?: boolean } = {},
): ParsedResourceId {
  const [namespace, ...types] = type.split("/");
  const field = options.field ?? "resourceId";
  const example = `/subscriptions/<id>/resourceGroups/<group>/providers/${namespace}/${types.map((t) => `${t}/<name>`).join("/")}`;
  if (isUnresolved(resourceId)) {
    if (options.literalRequired) {
      invalid(scope, {
        field,
        rule: "is a value known only at deploy time, but its names are needed at synth",
        fix: `pass the literal id (${example})`,
      });
    }
    const part = (index: number) => Token.asString(Fn.element(Fn.split("/", resourceId), index));
    const names = types.map((_, level) => part(8 + 2 * level));
    return { id: resourceId, subscriptionId: part(2), resourceGroupName: part(4), names, name: names[names.length - 1] };
  }
  const segments = resourceId.split("/");
  const typeMatches = types.every((t, level) => segments[7 + 2 * level]?.toLowerCase() === t.toLowerCase());
  const wellFormed =
    segments.length === 7 + 2 * types.length &&
    segments[0] === "" &&
    segments[1].toLowerCase() === "subscriptions" &&
    segments[3].toLowerCase() === "resourcegroups" &&
    segments[5].toLowerCase() === "providers" &&
    segments[6].toLowerCase() === namespace.toLowerCase() &&
    typeMatches &&
    segments.every((s, i) => i === 0 || s !== "");
  if (!wellFormed) {
    invalid(scope, { field, value: resourceId, rule: `is not the id of a ${type} resource`, fix: `use an id of the form ${example}` });
  }
  const names = types.map((_, level) => segments[8 + 2 * level]);
  return { id: resourceId, subscriptionId: segments[2], resourceGroupName: segments[4], names, name: names[names.length - 1] };
}

/** The id of a resource of `type` named `names` (outermost first) in a resource group, as {@link parseResourceId} reads it. */
export function resourceIdOf(resourceGroupId: string, type: string, names: readonly string[]): string {
  const [namespace, ...types] = type.split("/");
  return `${resourceGroupId}/providers/${namespace}/${types.map((t, level) => `${t}/${names[level]}`).join("/")}`;
}
