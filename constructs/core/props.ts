import { IConstruct } from "constructs";
import { invalid } from "./errors";

/** An existing resource and the props that would shape a new one, as a construct's props name them. */
export type ExclusivePair = readonly [existingField: string, existing: unknown, propsField: string, props: unknown];

/**
 * `existing<Thing>` xor `<thing>Props`: an existing resource and props for a new one exclude each
 * other. Every pair is checked before one error lists all the conflicts, so a user fixes them in
 * one pass; the props an existing resource conflicts with are listed together (one existing
 * resource can exclude several props, e.g. a service's publisher and its tier).
 */
export function exclusiveProps(scope: IConstruct, pairs: readonly ExclusivePair[]): void {
  const byExisting = new Map<string, string[]>();
  for (const [existingField, existing, propsField, props] of pairs) {
    if (existing === undefined || props === undefined) continue;
    byExisting.set(existingField, [...(byExisting.get(existingField) ?? []), propsField]);
  }
  if (byExisting.size === 0) return;
  const conflicts = [...byExisting];
  if (conflicts.length === 1) {
    const [[existingField, propsFields]] = conflicts;
    const shaping = propsFields.join(", ");
    invalid(scope, {
      field: existingField,
      rule: `cannot be combined with ${shaping}, which ${propsFields.length === 1 ? "shapes" : "shape"} a new resource`,
      fix: `configure the existing resource where it is defined, or drop ${existingField} to create one from ${shaping}`,
    });
  }
  invalid(scope, {
    field: conflicts.map(([existingField]) => existingField).join(", "),
    rule: `cannot be combined with ${conflicts.map(([existingField, propsFields]) => `${propsFields.join(", ")} (${existingField})`).join(", ")}, ` +
      `which shape new resources`,
    fix: "configure each existing resource where it is defined, or drop its existing* prop to create one from its props",
  });
}
