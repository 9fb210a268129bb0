import { Testing, TerraformStack } from "cdktf";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { IntegrationContext, IntegrationContextProps } from "../../../constructs/core";
import { Monitoring } from "../../../constructs/monitoring";
import { Network } from "../../../constructs/network";
import { ApiGateway, ApiGatewayProps } from "../../../patterns/api-gateway";
import { PolicyPack } from "../../../policy/policy-pack";
import { Json, PROD_CONTEXT, RESOURCE_GROUP, resources, withProvider } from "../../helpers";

export const ADMIN = { login: "sg-orders-dba", objectId: "11111111-1111-1111-1111-111111111111" };

/** The props every test starts from: a new service and a new database. */
export const REQUIRED: ApiGatewayProps = {
  publisherName: "Contoso",
  publisherEmail: "api@contoso.example",
  jwt: { audience: "api://orders" },
  sqlAdministrator: ADMIN,
};

export interface GatewayFixture {
  readonly stack: TerraformStack;
  readonly gateway: ApiGateway;
  readonly pack: PolicyPack;
  readonly monitoring: Monitoring;
}

export interface FixtureOptions {
  readonly profile?: "dev" | "prod";
  /** prod only: our own Network (the default) or a hub's private endpoint subnet. */
  readonly network?: "own" | "hub";
  /** Leave the stack's Monitoring out of the props. */
  readonly withoutMonitoring?: boolean;
  /** Add the azuread provider (the app registration needs it). */
  readonly azuread?: boolean;
  /** Further context, e.g. the deployer. */
  readonly context?: IntegrationContextProps;
}

/**
 * An ApiGateway in stack `gw` (namePrefix `contoso`, rg-test, westeurope) with Monitoring as the
 * diagnostics destination, the policy pack applied, and in prod a VNet (or a hub's subnet).
 */
export function gateway(props: Partial<ApiGatewayProps> = {}, options: FixtureOptions = {}): GatewayFixture {
  const profile = options.profile ?? "dev";
  const stack = withProvider(new TerraformStack(Testing.app(), "gw"));
  IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "contoso", profile, ...options.context });
  if (options.azuread) new AzureadProvider(stack, "azuread", {});
  const pack = PolicyPack.apply(stack);
  const monitoring = new Monitoring(stack, "Monitoring");
  IntegrationContext.set(stack, { diagnostics: monitoring });
  if (profile === "prod") {
    const network = options.network === "hub" ? PROD_CONTEXT.network : new Network(stack, "Network", { addressSpace: ["10.30.0.0/16"] });
    IntegrationContext.set(stack, { network });
  }
  const gw = new ApiGateway(stack, "Gateway", { ...REQUIRED, ...(options.withoutMonitoring ? {} : { monitoring }), ...props } as ApiGatewayProps);
  return { stack, gateway: gw, pack, monitoring };
}

/** The one resource of `type` whose `name` is `name`, with its Terraform address. */
export function named(stack: TerraformStack, type: string, name: string): { config: Json; ref: (attribute: string) => string } {
  const found = Object.entries(resources(stack, type)).filter(([, config]) => config.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  const [key, config] = found[0];
  return { config, ref: (attribute) => `\${${type}.${key}.${attribute}}` };
}

/** The unsuppressed policy errors of a fixture, as `<rule> <path>`. */
export const unsuppressedErrors = (f: GatewayFixture) =>
  f.pack
    .report()
    .findings.filter((x) => x.level === "error" && !x.suppressed)
    .map((x) => `${x.ruleId} ${x.path}`);
