import { App, Testing, TerraformStack } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { IntegrationContext, IntegrationContextProps, IResourceGroup } from "../../../constructs/core/context";
import { ResourceGroup } from "../../../constructs/resource-group";

export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

/** The existing resource group every fixture deploys into. */
export const RESOURCE_GROUP: IResourceGroup = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-test", "westeurope");

export interface Fixture {
  readonly app: App;
  readonly stack: TerraformStack;
}

/** A fresh app with one stack `test` carrying the standard context, plus any extra context fields. */
export function fixture(extra: IntegrationContextProps = {}, stackName = "test"): Fixture {
  const app = Testing.app();
  const stack = new TerraformStack(app, stackName);
  IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "contoso-dev", ...extra });
  return { app, stack };
}

// Synthesized Terraform JSON is untyped by nature; tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The stack's synthesized Terraform JSON. */
export function synth(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack));
}

/** The synthesized resources of one type (an empty list when there are none). */
export function resourcesOfType(stack: TerraformStack, type: string): Json[] {
  return Object.values(synth(stack).resource?.[type] ?? {});
}

/** Runs `fn` and returns the error it throws (fails the test when nothing is thrown). */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error to be thrown, but none was");
}

/** The Terraform expression a token stands for, e.g. `${azurerm_subnet.x.id}` (cdktf keeps `resolve` off its index). */
export function resolved(stack: TerraformStack, value: unknown): unknown {
  return resolve(stack, value);
}
