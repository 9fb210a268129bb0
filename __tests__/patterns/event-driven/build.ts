import { Testing, TerraformStack } from "cdktf";
import { IntegrationContext, Monitoring, Network, PolicyPack, ProfileName } from "../../../index";
import { EventDriven, EventDrivenProps } from "../../../patterns/event-driven";
import { Json, RESOURCE_GROUP, withProvider } from "../../helpers";

export interface Built {
  readonly stack: TerraformStack;
  readonly pattern: EventDriven;
  readonly pack: PolicyPack;
  readonly json: Json;
}

/**
 * The pattern in a stack of the given profile, as a user would compose it: context, monitoring,
 * a network in prod, the policy pack, then `extra` (e.g. existing resources) before the pattern.
 */
export function build(profile: ProfileName, props: EventDrivenProps | ((stack: TerraformStack) => EventDrivenProps) = {}): Built {
  const stack = withProvider(new TerraformStack(Testing.app(), `events-${profile}`));
  IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "evt", profile, allowedIpRanges: [] });
  IntegrationContext.set(stack, { diagnostics: new Monitoring(stack, "Monitoring") });
  if (profile === "prod") IntegrationContext.set(stack, { network: new Network(stack, "Network", { addressSpace: ["10.40.0.0/16"] }) });
  const pack = PolicyPack.apply(stack);
  const pattern = new EventDriven(stack, "Events", typeof props === "function" ? props(stack) : props);
  return { stack, pattern, pack, json: JSON.parse(Testing.synth(stack)) };
}

/** Resources of one type, by logical id. */
export function resources(json: Json, type: string): Record<string, Json> {
  return json.resource?.[type] ?? {};
}

/** The one resource of `type` whose logical id contains `part`, with its `${type.id.attr}` reference maker. */
export function one(json: Json, type: string, part = ""): { config: Json; ref: (attribute: string) => string } {
  const entries = Object.entries(resources(json, type)).filter(([key]) => key.includes(part));
  if (entries.length !== 1) throw new Error(`expected one ${type} matching "${part}", found ${entries.map(([k]) => k).join(", ") || "none"}`);
  const [key, config] = entries[0];
  return { config, ref: (attribute) => `\${${type}.${key}.${attribute}}` };
}

/** Event Grid subscriptions (topic and system topic) by their Azure name. */
export function subscriptionsByName(json: Json): Record<string, Json> {
  const all = [...Object.values(resources(json, "azurerm_eventgrid_event_subscription")), ...Object.values(resources(json, "azurerm_eventgrid_system_topic_event_subscription"))];
  return Object.fromEntries(all.map((s: Json) => [s.name, s]));
}

/** Role assignments as [scope, role, principal] triples. */
export function grants(json: Json): [string, string, string][] {
  return Object.values(resources(json, "azurerm_role_assignment")).map((g: Json) => [g.scope, g.role_definition_name, g.principal_id]);
}
