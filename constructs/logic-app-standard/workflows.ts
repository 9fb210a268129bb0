import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import {
  JsonObject,
  JsonValue,
  ParameterType,
  WorkflowDefinition,
  checkDefinition,
  isObject,
  loadDefinition,
  parameterValueStrings,
} from "../logic-app";

/** How the runtime keeps a workflow's runs: in storage (`Stateful`) or in memory (`Stateless`). */
export type StandardWorkflowKind = "Stateful" | "Stateless";

/** One workflow of a Standard logic app, from the designer's JSON. */
export interface StandardWorkflowOptions {
  /**
   * Absolute path of the designer's JSON (`{ "definition": ..., "parameters": ... }` or the bare
   * definition), the same files {@link LogicAppWorkflow} takes. Give this or `definition`.
   * @default none
   */
  readonly definitionFile?: string;
  /** The same document as an object. Give this or `definitionFile`. @default none */
  readonly definition?: object;
  /** Values for the definition's parameters, over those in the file. @default the file's values, else each declaration's defaultValue */
  readonly parameterValues?: Readonly<Record<string, unknown>>;
  /** @default "Stateful" */
  readonly kind?: StandardWorkflowKind;
}

/** A `ServiceProvider` trigger or action and the built-in connection it names. */
export interface ServiceProviderReference {
  /** e.g. `action "Send_message"`. */
  readonly user: string;
  readonly connectionName: string;
  readonly serviceProviderId: string;
}

/** A parameter as it goes to the app's `parameters.json`: a literal, or `@appsetting(...)` for a deploy-time value. */
export interface PackagedParameter {
  readonly type: ParameterType;
  readonly value: JsonValue;
  /** The app setting holding a value known only at deploy time. */
  readonly appSetting?: { readonly name: string; readonly value: string };
}

/** A checked workflow, ready to be packaged. */
export interface CheckedWorkflow {
  readonly name: string;
  readonly source: string;
  readonly kind: StandardWorkflowKind;
  /** The definition as `workflow.json` carries it: parameters move to `parameters.json`. */
  readonly definition: JsonObject;
  readonly parameters: ReadonlyMap<string, PackagedParameter>;
  readonly serviceProviders: readonly ServiceProviderReference[];
}

// The workflow name is a folder and part of the runtime's storage table names; the 43-character limit and the
// character set are what the portal enforces (unverified against a Microsoft reference).
const WORKFLOW_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,42}$/;
// Parameter names the runtime accepts (its own error text, quoted in Azure/logicapps#471).
const PARAMETER_NAME = /^[A-Za-z0-9_.()-]+$/;

/**
 * Loads a designer file and runs the same synth-time checks as LogicAppWorkflow, then what a
 * Standard app adds: managed connections (`$connections`) are refused, `ServiceProvider`
 * operations must name a built-in connection, and parameters move to `parameters.json`.
 */
export function checkWorkflow(scope: IConstruct, name: string, options: StandardWorkflowOptions): CheckedWorkflow {
  if (isUnresolved(name) || !WORKFLOW_NAME.test(name)) {
    invalid(scope, {
      field: "workflow name",
      value: name,
      rule: "is not a Standard workflow name (1-43 letters, digits, '-' and '_', starting with a letter)",
      fix: 'name the workflow like its folder in a Standard project, e.g. "process-order"',
    });
  }
  const loaded = loadDefinition(scope, options.definitionFile, options.definition);
  const analysis = checkDefinition(scope, loaded);
  const [managed] = analysis.connectionsUsed;
  if (managed) {
    invalid(scope, {
      field: `${managed[1]} in ${loaded.source}`,
      rule: `reads managed API connection "${managed[0]}" from $connections, which a Standard app does not have`,
      fix: 'use a built-in "ServiceProvider" operation (serviceProviderConfiguration.connectionName) and connectServiceBus/connectSql/... on the app',
    });
  }
  const types = analysis.parameterTypes;
  if (options.parameterValues?.$connections !== undefined) {
    invalid(scope, {
      field: "parameterValues.$connections",
      rule: "has no meaning in a Standard app",
      fix: "connect built-in connections with the connect* methods",
    });
  }
  // The same type and secret checks as LogicAppWorkflow; the strings it renders are not needed here.
  parameterValueStrings(scope, types, loaded.parameterValues, (n) => `parameter value "${n}" in ${loaded.source}`);
  parameterValueStrings(scope, types, options.parameterValues ?? {}, (n) => `parameterValues.${n}`);

  const parameters = new Map<string, PackagedParameter>();
  const declared = loaded.definition.parameters ?? {};
  for (const [parameter, type] of types) {
    if (parameter === "$connections") continue;
    const value = options.parameterValues?.[parameter] ?? loaded.parameterValues[parameter] ?? declared[parameter]?.defaultValue;
    parameters.set(parameter, packagedParameter(scope, `parameter "${parameter}" of workflow "${name}"`, parameter, type, value));
  }
  const definition: JsonObject = { ...(loaded.definition as JsonObject) };
  delete definition.parameters;
  return {
    name,
    source: loaded.source,
    kind: options.kind ?? "Stateful",
    definition,
    parameters,
    serviceProviders: serviceProviderReferences(scope, loaded.definition, loaded.source),
  };
}

function packagedParameter(scope: IConstruct, field: string, name: string, type: ParameterType, value: unknown): PackagedParameter {
  if (!PARAMETER_NAME.test(name)) {
    invalid(scope, { field, rule: "has characters the runtime refuses in parameters.json", fix: "use letters, digits, '-', '.', '(', ')' and '_'" });
  }
  if (value === undefined) {
    invalid(scope, {
      field,
      rule: "has no value: parameters.json needs one for every parameter",
      fix: "give it a defaultValue in the definition or pass it in parameterValues",
    });
  }
  if (!isUnresolved(value)) return { type, value: value as JsonValue };
  if (type !== "String" && type !== "SecureString") {
    invalid(scope, {
      field,
      rule: `is a ${type} known only at deploy time; parameters.json can take it only as an app setting, which is a string`,
      fix: "pass a literal value, or declare the parameter as String and parse it in the workflow",
    });
  }
  // parameters.json is built at synth: a deploy-time value travels in an app setting it names.
  const setting = `WorkflowParameter_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
  return { type, value: `@appsetting('${setting}')`, appSetting: { name: setting, value: value as string } };
}

/** Every `ServiceProvider` trigger and action, however deeply nested in scopes, conditions and loops. */
function serviceProviderReferences(scope: IConstruct, definition: WorkflowDefinition, source: string): ServiceProviderReference[] {
  const found: ServiceProviderReference[] = [];
  const visit = (value: JsonValue | undefined, kind: string): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, kind));
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (isObject(child) && child.type === "ServiceProvider") found.push(reference(scope, `${kind} "${key}"`, child, source));
      visit(child, "action");
    }
  };
  visit(definition.triggers, "trigger");
  visit(definition.actions, "action");
  return found;
}

function reference(scope: IConstruct, user: string, operation: JsonObject, source: string): ServiceProviderReference {
  const inputs = isObject(operation.inputs) ? operation.inputs : {};
  const configuration = isObject(inputs.serviceProviderConfiguration) ? inputs.serviceProviderConfiguration : {};
  const { connectionName, serviceProviderId } = configuration;
  if (typeof connectionName !== "string" || typeof serviceProviderId !== "string" || connectionName.startsWith("@")) {
    invalid(scope, {
      field: `${user} in ${source}`,
      rule: "is a ServiceProvider operation without a literal inputs.serviceProviderConfiguration.connectionName and serviceProviderId",
      fix: 'set serviceProviderConfiguration: { connectionName: "<connection>", operationId: "...", serviceProviderId: "/serviceProviders/..." }',
    });
  }
  return { user, connectionName, serviceProviderId };
}
