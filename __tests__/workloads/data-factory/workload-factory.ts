import * as fs from "fs";
import { TerraformStack } from "cdktf";
import { DataPipeline, DataPipelineProps } from "../../../patterns/data-pipeline";
import { Json, makeStack, synth } from "../../helpers";

/** The pattern with every optional workload on (the REST API and a dedicated SQL pool). */
export const FULL_PROPS: DataPipelineProps = {
  administrator: { login: "sg-integration-dba", objectId: "11111111-1111-1111-1111-111111111111" },
  onPremises: { server: "sql01.corp.contoso.example", database: "Sales", userName: "adf_reader" },
  api: { url: "https://api.example.com", windowStartTime: "2026-12-01T00:00:00Z" },
  dedicatedSqlPool: {},
  notificationUrl: "https://hooks.contoso.example/adf",
};

export interface WorkloadFactory {
  readonly stack: TerraformStack;
  readonly pattern: DataPipeline;
  readonly json: Json;
}

let cached: WorkloadFactory | undefined;

/** One synthesized pattern shared by the workload tests (the workloads are checked against it). */
export function workloadFactory(): WorkloadFactory {
  if (!cached) {
    const stack = makeStack();
    const pattern = new DataPipeline(stack, "DataPipeline", FULL_PROPS);
    cached = { stack, pattern, json: synth(stack) };
  }
  return cached;
}

/** Every synthesized dataset of the factory by Data Factory name, whatever its azurerm type. */
export function datasetsByName(json: Json): Record<string, Json & { readonly tfType: string }> {
  const result: Record<string, Json> = {};
  for (const [type, byId] of Object.entries(json.resource as Record<string, Record<string, Json>>)) {
    if (!type.startsWith("azurerm_data_factory_dataset_") && type !== "azurerm_data_factory_custom_dataset") continue;
    for (const config of Object.values(byId)) result[config.name] = { ...config, tfType: type };
  }
  return result;
}

export function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Every string in a JSON value, with its path. */
export function stringsOf(value: unknown, path = "$"): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringsOf(v, `${path}.${k}`));
  return [];
}

/** Every object in a JSON value (depth first), with its path. */
export function objectsOf(value: unknown, path = "$"): { path: string; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsOf(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return [{ path, value }, ...Object.entries(value).flatMap(([k, v]) => objectsOf(v, `${path}.${k}`))];
  }
  return [];
}
