import { createHash } from "crypto";
import { strToU8, zipSync } from "fflate";
import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { JsonObject } from "../logic-app";
import { ServiceProviderConnection, connectionsJson } from "./connections";
import { CheckedWorkflow, PackagedParameter } from "./workflows";

/**
 * The `host.json` of a bundle-based Standard project: the Workflows extension bundle in the
 * version range the portal writes (Azure/logicapps#339) and azurerm's `bundle_version` default
 * (azurerm @v4.55.0: internal/services/logic/logic_app_standard_resource.go).
 */
export const STANDARD_HOST_JSON: Readonly<JsonObject> = {
  version: "2.0",
  extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle.Workflows", version: "[1.*, 2.0.0)" },
};

/** The deployable project: the files of the Standard folder layout and their deterministic zip. */
export interface WorkflowPackage {
  /** Path in the zip → content: `host.json`, `connections.json`, `parameters.json`, `<workflow>/workflow.json`. */
  readonly files: Readonly<Record<string, string>>;
  readonly zip: Uint8Array;
  /** SHA-256 of the files: the same workflows and connections always give the same hash. */
  readonly hash: string;
  /** Hex MD5 of the zip, for the blob's `content_md5`. */
  readonly md5: string;
}

// The earliest date a zip entry can hold: entry times then depend on nothing but the contents.
const ZIP_EPOCH = "1980-01-01T00:00:00Z";

/** Builds the project from checked workflows and the app's built-in connections (in memory: it is a few kilobytes). */
export function buildPackage(
  scope: IConstruct,
  workflows: readonly CheckedWorkflow[],
  connections: Iterable<ServiceProviderConnection>,
): WorkflowPackage {
  const files: Record<string, string> = {
    "host.json": json(STANDARD_HOST_JSON),
    "connections.json": json(connectionsJson(connections)),
  };
  const parameters = mergeParameters(scope, workflows);
  if (Object.keys(parameters).length > 0) files["parameters.json"] = json(parameters);
  for (const workflow of workflows) files[`${workflow.name}/workflow.json`] = json({ definition: workflow.definition, kind: workflow.kind });
  const names = Object.keys(files).sort();
  const zip = zipSync(Object.fromEntries(names.map((name) => [name, [strToU8(files[name]), { mtime: ZIP_EPOCH }]])));
  const hash = createHash("sha256");
  for (const name of names) hash.update(name).update("\0").update(files[name]).update("\0");
  return { files, zip, hash: hash.digest("hex"), md5: createHash("md5").update(zip).digest("hex") };
}

/** The app settings the package's `@appsetting(...)` references need for deploy-time parameter values. */
export function parameterAppSettings(workflows: readonly CheckedWorkflow[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const w of workflows) for (const p of w.parameters.values()) if (p.appSetting) settings[p.appSetting.name] = p.appSetting.value;
  return settings;
}

/** parameters.json is shared by every workflow of the app: a name must mean the same everywhere. */
function mergeParameters(scope: IConstruct, workflows: readonly CheckedWorkflow[]): JsonObject {
  const merged = new Map<string, { parameter: PackagedParameter; workflow: string }>();
  for (const workflow of workflows) {
    for (const [name, parameter] of workflow.parameters) {
      const earlier = merged.get(name);
      if (earlier && (earlier.parameter.type !== parameter.type || json(earlier.parameter.value) !== json(parameter.value))) {
        invalid(scope, {
          field: `parameter "${name}" of workflow "${workflow.name}"`,
          value: parameter.value,
          rule: `differs from the same parameter of workflow "${earlier.workflow}" (${earlier.parameter.type} ${json(
            earlier.parameter.value,
          ).trim()}), and parameters.json holds one value per app`,
          fix: "give the parameter the same type and value in both workflows, or rename it in one of them",
        });
      }
      if (!earlier) merged.set(name, { parameter, workflow: workflow.name });
    }
  }
  const sorted = [...merged.keys()].sort();
  return Object.fromEntries(sorted.map((name) => [name, { type: merged.get(name)!.parameter.type, value: merged.get(name)!.parameter.value }]));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
