import { App, Testing, TerraformStack } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { IntegrationContext, IntegrationContextProps, IResourceGroup } from "../constructs/core/context";
import { ResourceGroup } from "../constructs/resource-group";

export const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

/** The existing resource group every fixture deploys into. */
export const RESOURCE_GROUP: IResourceGroup = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-test", "westeurope");

export interface Fixture {
  readonly app: App;
  readonly stack: TerraformStack;
}

/** A fresh app with one stack `test` in rg-test (westeurope), namePrefix `contoso-dev`, plus any extra context. */
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

/** Just the stack of a fixture, with namePrefix `test`. */
export function makeStack(extra: IntegrationContextProps = {}): TerraformStack {
  return fixture({ namePrefix: "test", ...extra }).stack;
}

/** A Log Analytics workspace id for diagnostics tests. */
export const WORKSPACE_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.OperationalInsights/workspaces/log-shared`;

/** Context of a prod environment: a fake private network (DNS zone ids `/zones/<zone>`) and a diagnostics destination. */
export const PROD_CONTEXT: IntegrationContextProps = {
  profile: "prod",
  network: {
    privateEndpointSubnetId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe`,
    privateDnsZoneId: (zone) => `/zones/${zone}`,
  },
  diagnostics: { logAnalyticsWorkspaceId: "/ws" },
};

/** The synthesized resources of one type, by logical id (empty when there are none). */
export function resources(stack: TerraformStack, type: string): Record<string, Json> {
  return synth(stack).resource?.[type] ?? {};
}

/** The one resource of `type`, with its Terraform reference `${type.<logical id>}` for wiring checks. */
export function single(stack: TerraformStack, type: string): { config: Json; ref: (attribute: string) => string } {
  const entries = Object.entries(resources(stack, type));
  if (entries.length !== 1) throw new Error(`expected one ${type}, found ${entries.length}`);
  const [key, config] = entries[0];
  return { config, ref: (attribute) => `\${${type}.${key}.${attribute}}` };
}

/** The message of the error `fn` throws (fails the test when nothing is thrown). */
export function messageOf(fn: () => unknown): string {
  return errorOf(fn).message;
}

/** Adds the azurerm provider, which cdktf's validations (`Testing.synth(stack, true)`) require. */
export function withProvider<T extends TerraformStack>(stack: T): T {
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

/**
 * Synthesized JSON with the provider pin (`required_providers.*.version`) masked: the one value
 * besides the framework version in which the cdktf and CDK Terrain flavours differ by design
 * (their bindings pin different azurerm releases). Snapshot parsed JSON, not `Testing.synth`'s
 * string: the frameworks print empty arrays differently.
 */
export function withoutProviderPin(json: Json): Json {
  const providers = json?.terraform?.required_providers as Record<string, { version?: string }> | undefined;
  for (const provider of Object.values(providers ?? {})) if (provider.version !== undefined) provider.version = "<binding>";
  return json;
}

/**
 * False for a private endpoint, diagnostic setting or lock of the stack's encryption key vault
 * (`<stack>/EncryptionKey`, prod): tests about another construct's own extension resources skip them.
 */
export function outsideEncryptionKey(config: Json): boolean {
  const target = config.private_service_connection?.private_connection_resource_id ?? config.target_resource_id ?? config.scope ?? "";
  return !String(target).includes("EncryptionKey_");
}
