import { CallerNetwork, CallerService } from "../../constructs/core/flows";
import { parseCidr } from "../../constructs/core/ipv4";
import { valueAt } from "../checks";
import { CheckedResource, CheckedScope, FLOW_TYPE, HOLE_TYPE } from "../types";
import { PublicEndpoint, TARGET_MODELS, TargetModel } from "./targets";
import { addressOf, attributeReferences, isInterpolation, resourceAt } from "./terraform";

/** A recorded flow as the pack hands it to the rules (the config of a {@link FLOW_TYPE} resource). */
export interface FlowConfig {
  readonly caller: {
    readonly runsIn: CallerNetwork;
    readonly service?: CallerService;
    /** Address of the caller's L1. */
    readonly resource?: string;
    /** Egress ranges as synthesized: literals, or interpolations naming what holds them. */
    readonly egress: readonly string[];
    readonly identity?: "SystemAssigned" | "UserAssigned" | { readonly attribute: string };
  };
  /** Address of the target resource; undefined when it is not in the checked scope (e.g. a hub's). */
  readonly target?: string;
  readonly endpoint?: string;
  readonly purpose: string;
}

/** A recorded hole as the pack hands it to the rules (the config of a {@link HOLE_TYPE} resource). */
export interface HoleConfig {
  readonly target?: string;
  readonly reason: string;
  /** The caller services it is for; every multi-tenant caller when absent. */
  readonly callers?: readonly CallerService[];
}

/** How a flow gets through, or why it cannot. */
export type Verdict =
  | { readonly kind: "path"; readonly runsIn: CallerNetwork; readonly path: string; readonly public: boolean; readonly hole?: string }
  | { readonly kind: "blocked"; readonly runsIn: CallerNetwork; readonly why: string; readonly fixes: readonly string[] }
  | { readonly kind: "unjudged"; readonly why: string };

/** The service tag each caller service sends from (learn.microsoft.com/azure/virtual-network/service-tags-overview). */
const SERVICE_TAGS: Partial<Record<CallerService, string>> = {
  AzureConnectors: "AzureConnectors",
  EventGrid: "AzureEventGrid",
  DataFactory: "DataFactory",
  AppService: "AppService",
};

interface Caller {
  readonly runsIn: CallerNetwork;
  readonly service?: CallerService;
  readonly resource?: CheckedResource;
  /** References (`type.name.attribute`) to the caller's public addresses. */
  readonly egressReferences: ReadonlySet<string>;
  readonly egressLiterals: readonly string[];
  readonly serviceTag?: string;
  readonly identity?: string;
}

/** Judges one flow against the synthesized target, its private endpoints and firewall rules. */
export function judgeFlow(flow: CheckedResource, scope: CheckedScope): Verdict {
  const config = flow.config as FlowConfig;
  const target = config.target === undefined ? undefined : resourceAt(scope, config.target);
  if (!target) return { kind: "unjudged", why: "the target is not in the checked stack" };
  const model = TARGET_MODELS[target.type];
  if (!model) return { kind: "unjudged", why: `no network model for ${target.type}` };
  const caller = callerOf(config, scope);
  const endpoint = config.endpoint ?? model.defaultEndpoint;
  const publicEndpoint = model.publicEndpoint(target, scope);

  const injected = caller.runsIn === "vnet" || caller.runsIn === "on-premises" ? model.vnetPath?.(target.config) : undefined;
  if (injected) return { kind: "path", runsIn: caller.runsIn, path: injected, public: false };
  const privately = privatePath(caller, target, endpoint, scope);
  if (privately) return { kind: "path", runsIn: caller.runsIn, path: privately, public: false };
  const publicly = publicPath(caller, publicEndpoint, model, scope);
  const hole = caller.runsIn === "multi-tenant" ? holeOn(target, scope, caller.service) : undefined;
  if (publicly) return { kind: "path", runsIn: caller.runsIn, path: publicly, public: true, ...(hole ? { hole: hole.reason } : {}) };
  return {
    kind: "blocked",
    runsIn: caller.runsIn,
    why: `${callerPhrase(caller)}, and ${model.noun} ${blockedPhrase(caller, publicEndpoint, model, endpoint)}`,
    fixes: fixes(caller, publicEndpoint, model, target, endpoint, scope),
  };
}

/** `<caller> → <target> (<purpose>): <why>; fix: <a>; or <b>` for a blocked flow. */
export function blockedMessage(flow: CheckedResource, scope: CheckedScope): string {
  const verdict = judgeFlow(flow, scope);
  const config = flow.config as FlowConfig;
  const target = config.target === undefined ? undefined : resourceAt(scope, config.target);
  const head = `${flow.path} → ${target?.path ?? config.target} (${config.purpose})`;
  if (verdict.kind !== "blocked") return `${head}: has a path`;
  return `${head}: ${verdict.why}; fix: ${verdict.fixes.join("; or ")}`;
}

/** The hole recorded on `target`, when a multi-tenant caller actually reaches it over its public endpoint. */
export function justifiedHole(target: CheckedResource, scope: CheckedScope): { readonly reason: string; readonly path: string } | undefined {
  for (const r of scope.resources) {
    if (r.type !== FLOW_TYPE || (r.config as FlowConfig).target !== target.address) continue;
    const verdict = judgeFlow(r, scope);
    if (verdict.kind === "path" && verdict.hole) return holeOn(target, scope, (r.config as FlowConfig).caller.service);
  }
  return undefined;
}

/** The callers that reach `target` over its public endpoint and cannot use a private endpoint (multi-tenant, internet). */
export function publicCallers(target: CheckedResource, scope: CheckedScope): { readonly caller: string; readonly runsIn: CallerNetwork }[] {
  return scope.resources.flatMap((r) => {
    if (r.type !== FLOW_TYPE || (r.config as FlowConfig).target !== target.address) return [];
    const verdict = judgeFlow(r, scope);
    return verdict.kind === "path" && verdict.public && (verdict.runsIn === "multi-tenant" || verdict.runsIn === "internet")
      ? [{ caller: r.path, runsIn: verdict.runsIn }]
      : [];
  });
}

/** The hole recorded on `target` for a multi-tenant caller of `service`. */
function holeOn(
  target: CheckedResource,
  scope: CheckedScope,
  service: CallerService | undefined,
): { readonly reason: string; readonly path: string } | undefined {
  const hole = scope.resources.find((r) => {
    if (r.type !== HOLE_TYPE) return false;
    const config = r.config as HoleConfig;
    return config.target === target.address && (config.callers === undefined || (service !== undefined && config.callers.includes(service)));
  });
  return hole ? { reason: (hole.config as HoleConfig).reason, path: hole.path } : undefined;
}

/** The caller as synthesized: where it runs (from its L1 when recorded), what addresses it calls from, its identity. */
function callerOf(config: FlowConfig, scope: CheckedScope): Caller {
  const recorded = config.caller;
  const resource = recorded.resource === undefined ? undefined : resourceAt(scope, recorded.resource);
  const egressReferences = new Set(attributeReferences(recorded.egress));
  let runsIn = recorded.runsIn;
  if (resource) {
    const c = resource.config;
    if (APP_TYPES.includes(resource.type)) {
      runsIn = valueAt(c, "virtual_network_subnet_id") !== undefined ? "vnet" : "multi-tenant";
      // Function and web apps expose lists; azurerm_logic_app_standard comma-separated strings.
      for (const attribute of [
        "outbound_ip_address_list",
        "possible_outbound_ip_address_list",
        "outbound_ip_addresses",
        "possible_outbound_ip_addresses",
      ])
        egressReferences.add(`${resource.address}.${attribute}`);
    } else if (resource.type === "azurerm_api_management") {
      // Injected (External or Internal) services call private endpoints from the VNet and public
      // endpoints from their public IP (learn.microsoft.com/azure/api-management/api-management-howto-ip-addresses).
      runsIn = c.virtual_network_type === "External" || c.virtual_network_type === "Internal" ? "vnet" : "multi-tenant";
      egressReferences.add(`${resource.address}.public_ip_addresses`);
      for (const ip of attributeReferences(c.public_ip_address_id)) egressReferences.add(`${addressOf(ip)}.ip_address`);
    } else if (resource.type === "azurerm_data_factory_integration_runtime_azure") {
      runsIn = c.virtual_network_enabled === true ? "managed-vnet" : "multi-tenant";
    } else if (resource.type === "azurerm_application_gateway") {
      // A v2 gateway always sits in its own subnet (gateway_ip_configuration).
      runsIn = "vnet";
    } else if (resource.type === "azurerm_data_factory_integration_runtime_self_hosted") {
      runsIn = "on-premises";
    }
  }
  const identity =
    typeof recorded.identity === "object"
      ? resource
        ? (valueAt(resource.config, `${recorded.identity.attribute}.type`) as string | undefined)
        : undefined
      : recorded.identity;
  return {
    runsIn,
    service: recorded.service,
    resource,
    egressReferences,
    egressLiterals: recorded.egress.filter((e) => !isInterpolation(e)),
    serviceTag: recorded.service === undefined ? undefined : SERVICE_TAGS[recorded.service],
    identity,
  };
}

const APP_TYPES = [
  "azurerm_linux_function_app",
  "azurerm_function_app_flex_consumption",
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_windows_function_app",
  "azurerm_logic_app_standard",
];

/** A private endpoint (VNet, on-premises over VPN) or a managed private endpoint (managed VNet) to the target's sub-resource. */
function privatePath(caller: Caller, target: CheckedResource, endpoint: string | undefined, scope: CheckedScope): string | undefined {
  if (caller.runsIn === "vnet" || caller.runsIn === "on-premises") {
    const found = privateEndpoints(target, scope).some((subresources) => endpoint === undefined || subresources.includes(endpoint));
    // On premises: assumes VPN/ExpressRoute to the VNet and DNS forwarding to its private DNS zones.
    if (found) return caller.runsIn === "vnet" ? `private endpoint (${endpoint})` : `private endpoint (${endpoint}), over VPN/ExpressRoute`;
  }
  if (caller.runsIn === "managed-vnet" && managedPrivateEndpoint(target, endpoint, scope)) {
    return `managed private endpoint (${endpoint}), once approved`;
  }
  return undefined;
}

function privateEndpoints(target: CheckedResource, scope: CheckedScope): string[][] {
  return scope
    .referencing("azurerm_private_endpoint", "private_service_connection.private_connection_resource_id", target)
    .map((pe) => (valueAt(pe.config, "private_service_connection.subresource_names") as string[] | undefined) ?? []);
}

function managedPrivateEndpoint(target: CheckedResource, endpoint: string | undefined, scope: CheckedScope): boolean {
  return scope
    .referencing("azurerm_data_factory_managed_private_endpoint", "target_resource_id", target)
    .some((m) => endpoint === undefined || m.config.subresource_name === endpoint);
}

/** How the public endpoint admits the caller, or undefined. */
function publicPath(caller: Caller, ep: PublicEndpoint, model: TargetModel, scope: CheckedScope): string | undefined {
  if (!ep.enabled) return undefined;
  if (ep.allowsAll || ep.ipRules.includes("0.0.0.0/0")) return "public: all networks";
  if (ep.allowsAzure && caller.runsIn !== "on-premises" && caller.runsIn !== "internet") return 'public: "Allow Azure services" rule';
  if (caller.serviceTag && ep.serviceTags.includes(caller.serviceTag)) return `public: access restriction for ${caller.serviceTag}`;
  for (const rule of ep.ipRules) {
    for (const reference of attributeReferences(rule)) {
      if (caller.egressReferences.has(reference)) return `public: IP rules hold ${callerNoun(caller)}'s ${reference.split(".").pop()}`;
      const tags = reference.startsWith("data.azurerm_network_service_tags.") ? resourceAt(scope, addressOf(reference)) : undefined;
      if (caller.serviceTag && tags?.config.service === caller.serviceTag) return `public: IP rules hold the ${caller.serviceTag} ranges`;
    }
  }
  const literals = ep.ipRules.filter((r) => !isInterpolation(r));
  if (caller.egressLiterals.length > 0 && caller.egressLiterals.every((e) => literals.some((r) => covers(r, e))))
    return `public: IP rules cover ${caller.egressLiterals.join(", ")}`;
  if (trusted(caller, ep, model)) return `public: trusted services (${caller.service}, ${caller.identity} identity)`;
  return undefined;
}

function trusted(caller: Caller, ep: PublicEndpoint, model: TargetModel): boolean {
  const needs = caller.service === undefined ? undefined : model.trusted[caller.service];
  if (!needs || !ep.trustedServices || caller.identity === undefined) return false;
  return needs === "any" || caller.identity === needs;
}

/** Whether allow-list entry `rule` (CIDR, address or `start-end`) covers `cidr`. */
function covers(rule: string, cidr: string): boolean {
  const block = (v: string) => parseCidr(v.includes("/") ? v : `${v}/32`);
  const inner = block(cidr);
  const [first, last] = rule.includes("-") ? rule.split("-").map((v) => block(v)) : [block(rule), block(rule)];
  return inner !== undefined && first !== undefined && last !== undefined && inner.start >= first.start && inner.end <= last.end;
}

function callerNoun(caller: Caller): string {
  if (caller.service === "ApiManagement") return "API Management";
  if (caller.resource && APP_TYPES.includes(caller.resource.type)) return "the app";
  return caller.resource ? caller.resource.address : "the caller";
}

function callerPhrase(caller: Caller): string {
  switch (caller.runsIn) {
    case "multi-tenant":
      switch (caller.service) {
        case "AzureConnectors":
          return "the managed connector runs in Azure's multi-tenant connector service, which cannot use private endpoints";
        case "EventGrid":
          return "Event Grid delivers from its multi-tenant service, which cannot use private endpoints";
        case "ApiManagement":
          return "API Management outside a VNet calls from its public IPs and cannot use private endpoints";
        case "DataFactory":
          return "the Azure integration runtime runs outside any VNet and cannot use private endpoints";
        default:
          return caller.resource && APP_TYPES.includes(caller.resource.type)
            ? "the app has no VNet integration: it calls from App Service's shared outbound addresses and cannot use private endpoints"
            : "the caller runs in Azure's multi-tenant infrastructure and cannot use private endpoints";
      }
    case "vnet":
      return caller.service === "Deployer" ? "the deployer runs in the VNet" : "the caller runs in the VNet";
    case "managed-vnet":
      return "the runtime runs in the factory's managed virtual network";
    case "on-premises":
      return "the self-hosted runtime runs on premises";
    case "internet":
      return caller.service === "Deployer" ? 'the deployer runs on the internet (deployer.network "public")' : "the caller runs on the internet";
  }
}

function blockedPhrase(caller: Caller, ep: PublicEndpoint, model: TargetModel, endpoint: string | undefined): string {
  const parts: string[] = [];
  const hasPrivate = caller.runsIn === "vnet" || caller.runsIn === "on-premises" || caller.runsIn === "managed-vnet";
  if (hasPrivate) {
    const kind = caller.runsIn === "managed-vnet" ? "managed private endpoint" : "private endpoint";
    parts.push(`has no ${kind}${endpoint ? ` for ${endpoint}` : ""}`);
  }
  if (!ep.enabled) parts.push("has public network access off");
  else {
    const needs = caller.service === undefined ? undefined : model.trusted[caller.service];
    const admits = [`the caller's addresses`, ...(caller.serviceTag ? [`the ${caller.serviceTag} service tag`] : [])].join(" nor ");
    let firewall = `denies it: its firewall admits neither ${admits}`;
    if (needs && ep.trustedServicesUnavailable) firewall += `, and ${ep.trustedServicesUnavailable}`;
    else if (needs && !ep.trustedServices) firewall += ", and the trusted-services exception is off";
    else if (needs && caller.identity === undefined)
      firewall += ", and the caller uses no managed identity, which the trusted-services exception needs";
    else if (needs && caller.identity !== needs && needs !== "any")
      firewall += `, and the trusted-services exception admits ${caller.service} only with a ${needs} identity`;
    parts.push(firewall);
  }
  return parts.join(", and ");
}

/** Two or three fixes that match the state: nothing that is already there is suggested. */
function fixes(
  caller: Caller,
  ep: PublicEndpoint,
  model: TargetModel,
  target: CheckedResource,
  endpoint: string | undefined,
  scope: CheckedScope,
): string[] {
  const list: string[] = [];
  const noPrivate = model.noPrivateEndpoint?.(target.config);
  const hasEndpoint = privateEndpoints(target, scope).some((s) => endpoint === undefined || s.includes(endpoint));
  const privateEndpointFix = noPrivate
    ? `and ${model.noun} on a tier with private endpoints (${noPrivate})`
    : hasEndpoint
    ? `through ${model.noun}'s private endpoint`
    : `and a private endpoint${endpoint ? ` for ${endpoint}` : ""} on ${model.noun} (privateEndpoint)`;
  switch (caller.runsIn) {
    case "multi-tenant":
      if (caller.service === "AzureConnectors") list.push(`run the workflow on Logic Apps Standard with VNet integration ${privateEndpointFix}`);
      else if (caller.service === "ApiManagement")
        list.push(`inject API Management into the VNet (virtualNetwork, Internal mode on Developer or Premium) ${privateEndpointFix}`);
      else if (caller.service === "DataFactory")
        list.push("use the factory's managed VNet runtime with a managed private endpoint (managedPrivateEndpoint)");
      else if (caller.service === "EventGrid" && APP_TYPES.includes(target.type))
        list.push("deliver to a Service Bus queue or Event Hub (trusted services admit Event Grid) and trigger the function from it");
      else if (caller.resource && APP_TYPES.includes(caller.resource.type))
        list.push(`integrate the app into the VNet (integrationSubnetId) ${privateEndpointFix}`);
      break;
    case "vnet":
    case "on-premises":
      if (!hasEndpoint)
        list.push(
          noPrivate
            ? `move ${model.noun} to a tier with private endpoints (${noPrivate})`
            : `add a private endpoint for ${endpoint ?? "the target"} (privateEndpoint)${
                caller.runsIn === "on-premises" ? " and reach it over VPN/ExpressRoute with DNS forwarding" : ""
              }`,
        );
      if (caller.service === "Deployer")
        list.push('run the deployment from a runner with line of sight to the private endpoints (deployer.network "private")');
      break;
    case "managed-vnet":
      list.push(`add a managed private endpoint for ${endpoint ?? "the target"} (managedPrivateEndpoint: true with the target's id)`);
      break;
    case "internet":
      list.push('run the deployment inside the VNet (deployer.network "private") against the private endpoints');
      break;
  }
  const admission = admissionOf(caller, model);
  const needs = caller.service === undefined ? undefined : model.trusted[caller.service];
  if (!ep.enabled) {
    if (needs && !ep.trustedServicesUnavailable)
      list.push(`turn ${model.props.publicAccess} on behind a deny-by-default firewall with the trusted-services exception (${model.props.trusted})`);
    else if (!model.props.ipRules) list.push(`turn ${model.props.publicAccess} on (${model.noun} has no IP firewall)`);
    else if (admission) list.push(`turn ${model.props.publicAccess} on with ${model.props.ipRules} admitting ${admission}`);
  } else {
    if (needs && ep.trustedServicesUnavailable) list.push(`use a tier with the trusted-services exception (${ep.trustedServicesUnavailable})`);
    else if (needs && !ep.trustedServices) list.push(`allow trusted Microsoft services (${model.props.trusted})`);
    else if (needs && caller.identity !== needs && needs !== "any") list.push(`deliver with the source's ${needs} identity`);
    else if (needs && caller.identity === undefined) list.push("deliver with a managed identity (deliveryIdentity / deadLetterIdentity)");
    // Where the target trusts the caller's service, that exception is the documented path, not its IP ranges.
    if (admission && model.props.ipRules && !needs) list.push(`admit ${admission} in ${model.props.ipRules}`);
  }
  return list.slice(0, 3);
}

/** What would admit the caller at a public endpoint: its service tag, its public IPs or its egress ranges. */
function admissionOf(caller: Caller, model: TargetModel): string | undefined {
  if (caller.serviceTag === "AzureEventGrid" && model.props.ipRules?.includes("access restrictions")) return "the AzureEventGrid service tag";
  if (caller.serviceTag) return `the ${caller.serviceTag} service tag (its ranges from azurerm_network_service_tags)`;
  if (caller.service === "ApiManagement") return "the service's public IPs (public_ip_addresses)";
  if (caller.egressLiterals.length > 0) return caller.egressLiterals.join(", ");
  if (caller.resource && APP_TYPES.includes(caller.resource.type)) return "the app's outbound IPs (possible_outbound_ip_address_list)";
  if (caller.runsIn === "vnet") return "the VNet's outbound address (a NAT gateway's public IP)";
  if (caller.runsIn === "on-premises") return "the on-premises egress ranges";
  return undefined;
}
