import { IConstruct } from "constructs";
import { invalid } from "./errors";

/** An existing resource and the props that would shape a new one, as a construct's props name them. */
export type ExclusivePair = readonly [existingField: string, existing: unknown, propsField: string, props: unknown];

/**
 * `existing<Thing>` xor `<thing>Props`: an existing resource and props for a new one exclude each
 * other. Every pair is checked before one error lists all the conflicts, so a user fixes them in
 * one pass.
 */
export function exclusiveProps(scope: IConstruct, pairs: readonly ExclusivePair[]): void {
  const conflicts = pairs.filter(([, existing, , props]) => existing !== undefined && props !== undefined);
  if (conflicts.length === 0) return;
  if (conflicts.length === 1) {
    const [[existingField, , propsField]] = conflicts;
    invalid(scope, {
      field: existingField,
      rule: `cannot be combined with ${propsField}, which shapes a new resource`,
      fix: `configure the existing resource where it is defined, or drop ${existingField} to create one from ${propsField}`,
    });
  }
  invalid(scope, {
    field: conflicts.map(([existingField]) => existingField).join(", "),
    rule: `cannot be combined with ${conflicts.map(([existingField, , propsField]) => `${propsField} (${existingField})`).join(", ")}, ` +
      `which shape new resources`,
    fix: "configure each existing resource where it is defined, or drop its existing* prop to create one from its props",
  });
}
