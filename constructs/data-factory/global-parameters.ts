import { IConstruct } from "constructs";
import { DataFactoryGlobalParameter } from "@cdktf/provider-azurerm/lib/data-factory";
import { invalid, isUnresolved } from "../core/errors";
import { validateEntityName } from "./names";

/** A factory-wide constant pipelines read as `pipeline().globalParameters.<name>`, typed by its value. */
export type GlobalParameter =
  | { readonly type: "String"; readonly value: string }
  | { readonly type: "Int"; readonly value: number }
  | { readonly type: "Float"; readonly value: number }
  | { readonly type: "Bool"; readonly value: boolean }
  | { readonly type: "Array"; readonly value: readonly unknown[] }
  | { readonly type: "Object"; readonly value: Readonly<Record<string, unknown>> };

/** The `global_parameter` blocks: azurerm takes every value as text, Array and Object as JSON. */
export function globalParameterBlocks(
  scope: IConstruct,
  parameters: Readonly<Record<string, GlobalParameter>> | undefined,
): DataFactoryGlobalParameter[] | undefined {
  if (parameters === undefined) return undefined;
  return Object.entries(parameters).map(([name, parameter]) => {
    const field = `globalParameters.${name}`;
    validateEntityName(scope, "globalParameter", name, `${field} name`);
    return { name, type: parameter.type, value: encode(scope, field, parameter) };
  });
}

function encode(scope: IConstruct, field: string, parameter: GlobalParameter): string {
  const fail = (rule: string, fix: string): never => invalid(scope, { field, value: parameter.value, rule, fix });
  if (isUnresolved(parameter.value)) return String(parameter.value);
  switch (parameter.type) {
    case "String":
      if (typeof parameter.value !== "string" || parameter.value === "")
        fail("is not a non-empty string", "give a value (azurerm rejects empty global parameters)");
      return parameter.value;
    case "Int":
      if (!Number.isSafeInteger(parameter.value)) fail("is not a whole number", 'use a whole number, or type "Float"');
      return String(parameter.value);
    case "Float":
      if (typeof parameter.value !== "number" || !Number.isFinite(parameter.value)) fail("is not a finite number", "use a finite number");
      return String(parameter.value);
    case "Bool":
      if (typeof parameter.value !== "boolean") fail("is not a boolean", "use true or false");
      return String(parameter.value);
    case "Array":
      if (!Array.isArray(parameter.value)) fail("is not an array", 'use an array, or another type');
      return JSON.stringify(parameter.value);
    case "Object":
      if (typeof parameter.value !== "object" || parameter.value === null || Array.isArray(parameter.value))
        fail("is not an object", 'use an object, or type "Array"');
      return JSON.stringify(parameter.value);
    default:
      return fail(`has the unknown type ${JSON.stringify((parameter as { type: unknown }).type)}`, "use String, Int, Float, Bool, Array or Object");
  }
}
