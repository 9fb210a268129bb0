import { IConstruct } from "constructs";
import { ITerraformDependable, TerraformResource, TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { DeployerPosition, deployerPosition } from "./deployer";
import { addDependency } from "./depends-on";
import { invalid } from "./errors";

/**
 * How the endpoint a deploy-time operation calls is exposed: public access, firewall and private
 * endpoint. Values only known at deploy time count as open (they cannot be judged at synth).
 */
export interface EndpointNetwork {
  /** What the endpoint is, for messages, e.g. `blob endpoint of stack/App/Storage`. */
  readonly name: string;
  /** Whether the public endpoint answers at all (`public_network_access_enabled`). */
  readonly publicNetworkAccess: boolean;
  /** What the firewall does with addresses no rule admits. */
  readonly defaultAction: "Allow" | "Deny";
  /** Public addresses or CIDR ranges the firewall admits. */
  readonly ipRules: readonly string[];
  /** Whether a private endpoint for this endpoint's sub-resource exists. */
  readonly privateEndpoint: boolean;
  /**
   * That private endpoint, when the stack creates it: a private deployer's operation waits for it
   * (and its DNS zone group), or a first deploy would call the endpoint before it resolves.
   */
  readonly privateEndpointResource?: ITerraformDependable;
}

/**
 * A data-plane call that Terraform makes during the apply, as the deployer: e.g. uploading a
 * package blob, creating a Key Vault key or publishing code to an app's SCM site. Constructs that
 * perform one record it with {@link recordDeployTimeOperation}; policy rule AIC-DEP-001 checks the
 * same facts on the synthesized JSON.
 */
export interface DeployTimeOperation {
  /** The resource that performs the operation when Terraform creates it. */
  readonly resource: TerraformResource;
  /** What it does, e.g. `upload the code package`. */
  readonly operation: string;
  /** Resource id of what it writes (the deployer's role is granted there or on a parent). */
  readonly targetId: string;
  /** The deployer's role assignment the operation waits for. */
  readonly grant: RoleAssignment;
  /** The network exposure of the endpoint it calls. */
  readonly endpoint: EndpointNetwork;
}

/** What an endpoint's settings say, as configured or synthesized; anything else than a literal is unknown. */
export interface EndpointSettings {
  /** `public_network_access_enabled`; only `false` closes it (Azure's default is on). */
  readonly publicNetworkAccess?: unknown;
  /** The firewall's default action; only `"Deny"` denies. */
  readonly defaultAction?: unknown;
  /** The firewall's allow rules (literal strings count). */
  readonly ipRules?: unknown;
  readonly privateEndpoint: boolean;
}

/**
 * The endpoint's exposure from its settings. Values only known at deploy time count as open: synth
 * cannot judge them, and the deploy itself will tell.
 */
export function endpointNetwork(name: string, settings: EndpointSettings): EndpointNetwork {
  const rules = Array.isArray(settings.ipRules) ? settings.ipRules : [];
  return {
    name,
    publicNetworkAccess: settings.publicNetworkAccess !== false,
    defaultAction: settings.defaultAction === "Deny" ? "Deny" : "Allow",
    ipRules: rules.filter((r): r is string => typeof r === "string" && !r.includes("${")),
    privateEndpoint: settings.privateEndpoint,
  };
}

export type NetworkPath = { readonly reachable: true } | { readonly reachable: false; readonly reason: string; readonly fix: string };

const REACHABLE: NetworkPath = { reachable: true };
const PRIVATE_FIX =
  'deploy from a runner with line of sight to the VNet\'s private endpoints and set "deployer": { "network": "private" } in config/<env>.json';

/**
 * Whether a deployer at `deployer` reaches `endpoint`. A private deployer uses the private
 * endpoint (or a public endpoint open to every network, assuming the runner has outbound
 * internet access); a public one needs public access and a firewall that allows all networks or
 * admits every one of its egress ranges.
 */
export function networkPath(deployer: Pick<DeployerPosition, "network" | "egressIpRanges">, endpoint: Omit<EndpointNetwork, "name">): NetworkPath {
  const openToAll = endpoint.publicNetworkAccess && endpoint.defaultAction === "Allow";
  if (deployer.network === "private") {
    if (endpoint.privateEndpoint || openToAll) return REACHABLE;
    return {
      reachable: false,
      reason: "has no private endpoint, and its public endpoint does not admit every network",
      fix:
        "give the endpoint a private endpoint (the IntegrationContext network adds one), " +
        "or deploy from a public runner whose egress ranges its firewall admits",
    };
  }
  if (!endpoint.publicNetworkAccess) return { reachable: false, reason: "has public network access off", fix: PRIVATE_FIX };
  if (endpoint.defaultAction === "Allow") return REACHABLE;
  if (deployer.egressIpRanges.length === 0) {
    return {
      reachable: false,
      reason: "has a firewall that denies by default, and the deployer lists no egress ranges to admit",
      fix: `list the deployer's public egress ranges in "deployer": { "egressIpRanges": [...] } of config/<env>.json, or ${PRIVATE_FIX}`,
    };
  }
  const missing = deployer.egressIpRanges.filter((range) => !endpoint.ipRules.some((rule) => cidrContains(rule, range)));
  if (missing.length === 0) return REACHABLE;
  return {
    reachable: false,
    reason: `has a firewall that denies by default and does not admit the deployer's egress ranges ${missing.join(", ")}`,
    fix: `admit them in the endpoint's firewall (allowedIpRanges), or ${PRIVATE_FIX}`,
  };
}

const OPERATIONS = new WeakMap<TerraformStack, DeployTimeOperation[]>();

/**
 * Records a deploy-time data-plane operation of `scope`, after checking that the deployer can
 * reach the endpoint: synthesis stops naming the resource, the deployer's position and the fix.
 */
export function recordDeployTimeOperation(scope: IConstruct, operation: DeployTimeOperation): void {
  const deployer = deployerPosition(scope);
  const path = networkPath(deployer, operation.endpoint);
  if (!path.reachable) {
    invalid(scope, {
      field: "deployer.network",
      value: deployer.network,
      rule: `cannot reach the ${operation.endpoint.name} to ${operation.operation} (${operation.resource.node.path}): the endpoint ${path.reason}`,
      fix: path.fix,
    });
  }
  const privateEndpoint = operation.endpoint.privateEndpointResource;
  if (deployer.network === "private" && privateEndpoint) addDependency(operation.resource, privateEndpoint);
  const stack = TerraformStack.of(scope);
  OPERATIONS.set(stack, [...(OPERATIONS.get(stack) ?? []), operation]);
}

/** The deploy-time data-plane operations recorded in the stack of `scope`, in the order they were recorded. */
export function deployTimeOperations(scope: IConstruct): readonly DeployTimeOperation[] {
  return OPERATIONS.get(TerraformStack.of(scope)) ?? [];
}

/** Whether the IPv4 address or CIDR range `outer` contains `inner`; false when either is not IPv4. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b || a.bits > b.bits) return false;
  const mask = a.bits === 0 ? 0 : (0xffffffff << (32 - a.bits)) >>> 0;
  return (a.address & mask) >>> 0 === (b.address & mask) >>> 0;
}

function parseCidr(value: string): { address: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = match[5] === undefined ? 32 : Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return { address: octets.reduce((n, o) => ((n << 8) | o) >>> 0, 0), bits };
}
