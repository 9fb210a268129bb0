import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { JsonObject, WorkflowDefinition, isObject } from "./definition";
import { ParameterType } from "./definition-check";

/**
 * `workflow_parameters`: each declaration as a JSON string (azurerm decodes it), with the type in
 * the casing azurerm switches on when it converts values.
 */
export function workflowParameters(definition: WorkflowDefinition, types: ReadonlyMap<string, ParameterType>): Record<string, string> | undefined {
  const declared = Object.entries(definition.parameters ?? {});
  if (declared.length === 0) return undefined;
  return Object.fromEntries(
    declared.map(([name, declaration]) => [name, terraformLiteral(JSON.stringify({ ...declaration, type: types.get(name) }))]),
  );
}

/**
 * `parameters`: values as strings, raw for String types and JSON for the rest (azurerm decodes
 * them by the declared type). `$connections` is left out: addConnection owns it.
 */
export function parameterValueStrings(
  scope: IConstruct,
  types: ReadonlyMap<string, ParameterType>,
  values: Readonly<Record<string, unknown>>,
  origin: (name: string) => string,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === "$connections") continue;
    const type = types.get(name);
    const field = origin(name);
    if (type === undefined) {
      invalid(scope, {
        field,
        rule: "sets a parameter the definition does not declare",
        fix: `declare "${name}" under definition.parameters or remove the value`,
      });
    }
    if (isUnresolved(value)) {
      result[name] = value as string;
      continue;
    }
    if (type.startsWith("Secure") && !isEmpty(value)) {
      invalid(scope, {
        field,
        rule: `is a literal ${type}, which would sit in the Terraform configuration and state`,
        fix: "pass a value resolved at deploy time (e.g. a Key Vault secret reference), or read the secret at run time with the Key Vault connector",
      });
    }
    if (!matchesType(type, value)) {
      invalid(scope, { field, value, rule: `is not a valid ${type}`, fix: `give a ${type} value, as the declaration says` });
    }
    result[name] = terraformLiteral(typeof value === "string" ? value : JSON.stringify(value));
  }
  return result;
}

function matchesType(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case "String":
    case "SecureString":
      return typeof value === "string";
    case "Int":
      return Number.isInteger(value);
    case "Float":
      return typeof value === "number";
    case "Bool":
      return typeof value === "boolean";
    case "Array":
      return Array.isArray(value);
    default:
      return isObject(value);
  }
}

function isEmpty(value: unknown): boolean {
  return value === "" || (isObject(value) && Object.keys(value as JsonObject).length === 0);
}
