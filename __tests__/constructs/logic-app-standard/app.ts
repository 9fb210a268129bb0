import * as path from "path";
import { readFileSync } from "fs";
import { TerraformStack } from "cdktf";
import { unzipSync, strFromU8 } from "fflate";
import { IntegrationContext, IntegrationContextProps } from "../../../constructs/core/context";
import { LogicAppStandard, LogicAppStandardProps } from "../../../constructs/logic-app-standard";
import { Monitoring } from "../../../constructs/monitoring";
import { Network } from "../../../constructs/network";
import { Json, makeStack } from "../../helpers";

/** A Standard workflow: Service Bus trigger, Cosmos DB upsert in a scope, Service Bus send. */
export const ORDERS_FILE = path.resolve(__dirname, "fixtures", "workflows", "process-order.workflow.json");
export const ORDERS: Json = JSON.parse(readFileSync(ORDERS_FILE, "utf8"));
/** A designer file LogicAppWorkflow deploys too (no managed connections). */
export const HIGH_VALUE_FILE = path.resolve(__dirname, "../../../workloads/logic-apps/high-value-order.workflow.json");
/** A designer file whose actions use managed connections through $connections. */
export const PROCESS_ORDER_FILE = path.resolve(__dirname, "../../../workloads/logic-apps/process-order.workflow.json");

export const APP = "azurerm_logic_app_standard.Orders_A9B65338";

/** The ORDERS document with `mutate` applied to its definition. */
export function ordersWith(mutate: (definition: Json) => void): Json {
  const document = JSON.parse(JSON.stringify(ORDERS));
  mutate(document.definition);
  return document;
}

/** A dev stack (namePrefix `test`) or, with `prod`, one with a Network and Monitoring as the pattern stacks have. */
export function stackFor(profile: "dev" | "prod", extra: IntegrationContextProps = {}): TerraformStack {
  const stack = makeStack({ profile, ...extra });
  IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });
  if (profile === "prod") IntegrationContext.set(stack, { network: new Network(stack, "Network", { addressSpace: ["10.40.0.0/16"] }) });
  return stack;
}

/** An app "Orders" with the high-value designer workflow (which needs no connection). */
export function standardApp(profile: "dev" | "prod" = "dev", props: LogicAppStandardProps = {}, extra: IntegrationContextProps = {}) {
  const stack = stackFor(profile, extra);
  const app = new LogicAppStandard(stack, "Orders", { workflows: { "high-value-order": { definitionFile: HIGH_VALUE_FILE } }, ...props });
  return { stack, app };
}

/** The files in a zip, by path. */
export function unzip(zip: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}
