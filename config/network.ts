import { z } from "zod";
import { contains, isIpv4Address, isNetworkCidr, networkCidr, overlaps, parseCidr, subnet } from "../constructs/core/ipv4";

/**
 * The environment's network (`network` in `config/<env>.json`): one address plan for all pattern
 * stacks, so their VNets never overlap and can all be peered to one hub or reached from
 * on-premises (peered networks must not overlap: learn.microsoft.com/azure/virtual-network/
 * virtual-network-peering-overview), and an optional hub the stacks connect to.
 */

/** The pattern stacks, in the order the default split gives out blocks. Adding a pattern means listing blocks in `stacks`. */
export const PATTERN_NAMES = ["api-gateway", "message-broker", "event-driven", "data-pipeline"] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

/**
 * The subnets of a stack's block, in address order: each a quarter of the block, at most a /24
 * (larger blocks keep the rest free for your own subnets). The last two are the API Management and
 * Application Gateway subnets (used in prod by the api-gateway and message-broker stacks).
 */
export const STACK_SUBNETS = ["privateEndpoints", "integration", "apiManagement", "applicationGateway"] as const;
export type StackSubnet = (typeof STACK_SUBNETS)[number];

/** A /24 each when the block allows: Application Gateway v2 recommends a /24
 * (learn.microsoft.com/azure/application-gateway/configuration-infrastructure). */
const LARGEST_SUBNET = 24;
/** App Service VNet integration recommends a /26 (learn.microsoft.com/azure/app-service/overview-vnet-integration),
 * so a block is a /24 at the smallest. */
const SMALLEST_SUBNET = 26;
const SMALLEST_BLOCK = SMALLEST_SUBNET - 2;

/** Where one stack's VNet and subnets go. */
export interface StackAddressPlan {
  readonly pattern: PatternName;
  /** The stack's VNet address space. */
  readonly addressSpace: string;
  readonly subnets: Readonly<Record<StackSubnet, string>>;
}

const CIDR_FORMAT = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(\d|[12]\d|3[0-2])$/;

/** An IPv4 network CIDR (host bits zero), checked at load. */
const cidrBlock = z.string().superRefine((value, ctx) => {
  if (!CIDR_FORMAT.test(value) || !parseCidr(value)) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not an IPv4 CIDR; write it as "<a.b.c.d>/<prefix length>", e.g. "10.20.0.0/20"` });
  } else if (!isNetworkCidr(value)) {
    ctx.addIssue({ code: "custom", message: `"${value}" has host bits set; use "${networkCidr(value)}"` });
  }
});

const VNET_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Network\/virtualNetworks\/[\w.-]+$/i;
const RESOURCE_GROUP_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+$/i;
const ZONE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]+\/providers\/Microsoft\.Network\/privateDnsZones\/([\w.-]+)$/i;
const ipv4 = z.string().refine(isIpv4Address, { error: "must be an IPv4 address such as 10.0.1.4" });

/** A hub network the stacks join: peering, central private DNS zones, egress through its firewall. */
const hubSchema = z
  .strictObject({
    /** The hub VNet the stacks peer with (the spoke side; the hub owner creates hub→spoke). */
    virtualNetworkId: z.string().regex(VNET_ID, {
      error: "must be a virtual network id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>",
    }),
    /** Resource group of the central private DNS zones (zone ids are derived from zone names). */
    privateDnsZoneResourceGroupId: z
      .string()
      .regex(RESOURCE_GROUP_ID, { error: "must be a resource group id: /subscriptions/<id>/resourceGroups/<name>" })
      .optional(),
    /** Central private DNS zone ids by zone name; they win over privateDnsZoneResourceGroupId. */
    privateDnsZoneIds: z.record(z.string(), z.string()).optional(),
    /** The hub firewall: subnets with egress route 0.0.0.0/0 to it instead of a NAT gateway. */
    firewallPrivateIp: ipv4.optional(),
    /** DNS servers of the stacks' VNets (the hub's DNS resolver or firewall DNS proxy). */
    dnsServers: z.array(ipv4).min(1).optional(),
    /** Use the hub's VPN/ExpressRoute gateway (after the hub side allows gateway transit). */
    useRemoteGateways: z.boolean().optional(),
  })
  .superRefine((hub, ctx) => {
    for (const [zone, id] of Object.entries(hub.privateDnsZoneIds ?? {})) {
      const named = ZONE_ID.exec(id)?.[1];
      const path = ["privateDnsZoneIds", zone];
      if (named === undefined) {
        const fix = `use "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/${zone}"`;
        ctx.addIssue({ code: "custom", path, message: `"${id}" is not a private DNS zone id; ${fix}` });
      } else if (named.toLowerCase() !== zone.toLowerCase()) {
        ctx.addIssue({ code: "custom", path, message: `"${id}" is the zone "${named}", not "${zone}"; list each zone under its own name` });
      }
    }
  });

/** The schema of `network` in an environment file. */
export const networkSchema = z
  .strictObject({
    /** The environment's ranges. Stacks not in `stacks` get a quarter of the first, in PATTERN_NAMES order. */
    addressSpace: z.array(cidrBlock).min(1),
    /** A block per pattern stack, inside addressSpace, e.g. `{ "api-gateway": "10.20.0.0/22" }`. */
    stacks: z
      .record(z.string(), cidrBlock)
      .superRefine((stacks, ctx) => {
        for (const key of Object.keys(stacks).filter((k) => !(PATTERN_NAMES as readonly string[]).includes(k))) {
          ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a pattern stack; use one of ${PATTERN_NAMES.join(", ")}` });
        }
      })
      .optional(),
    hub: hubSchema.optional(),
  })
  .superRefine((network, ctx) => {
    for (const problem of addressPlanProblems(network)) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  });

export type NetworkConfig = Omit<z.infer<typeof networkSchema>, "stacks"> & { readonly stacks?: Partial<Record<PatternName, string>> };

interface Problem {
  readonly path: (string | number)[];
  readonly message: string;
}

/** The stack's block: its entry in `stacks`, else its quarter of the first address space. */
function blockOf(network: NetworkConfig, pattern: PatternName): string | undefined {
  const listed = network.stacks?.[pattern];
  if (listed !== undefined) return listed;
  const space = network.addressSpace[0];
  const length = parseCidr(space)?.prefixLength ?? 32;
  return length + 2 <= 32 ? subnet(space, length + 2, PATTERN_NAMES.indexOf(pattern)) : undefined;
}

/** Everything wrong with the plan: ranges that overlap, blocks outside addressSpace or too small, a firewall inside a block. */
export function addressPlanProblems(network: NetworkConfig): Problem[] {
  // Malformed ranges have their own message; the plan is checked once every range parses.
  const ranges = [...network.addressSpace, ...Object.values(network.stacks ?? {})];
  if (!ranges.every((r) => r !== undefined && CIDR_FORMAT.test(r) && isNetworkCidr(r))) return [];
  const problems: Problem[] = [];
  network.addressSpace.forEach((space, i) => {
    const other = network.addressSpace.slice(0, i).findIndex((o) => overlaps(o, space));
    if (other < 0) return;
    const message = `"${space}" overlaps addressSpace[${other}] "${network.addressSpace[other]}"; list ranges that do not overlap`;
    problems.push({ path: ["addressSpace", i], message });
  });
  const blocks: { pattern: PatternName; block: string }[] = [];
  let defaultReported = false;
  for (const pattern of PATTERN_NAMES) {
    const listed = network.stacks?.[pattern] !== undefined;
    const path = listed ? ["stacks", pattern] : ["addressSpace", 0];
    const block = blockOf(network, pattern);
    const length = block === undefined ? 32 : parseCidr(block)?.prefixLength ?? 32;
    if (block === undefined || length > SMALLEST_BLOCK) {
      const why =
        `a stack's four subnets (private endpoints, integration, API Management, Application Gateway) ` +
        `are a /${SMALLEST_SUBNET} each at the smallest`;
      if (listed) {
        const message = `"${block}" (the ${pattern} stack's block) is smaller than a /${SMALLEST_BLOCK}: ${why}; give it a larger block`;
        problems.push({ path, message });
      } else if (!defaultReported) {
        defaultReported = true;
        problems.push({
          path,
          message:
            `"${network.addressSpace[0]}" split in four gives ${pattern} "${block ?? "nothing"}", smaller than a /${SMALLEST_BLOCK}: ${why}; ` +
            `use a /${SMALLEST_BLOCK - 2} or larger addressSpace, or give each stack its block in network.stacks`,
        });
      }
      continue;
    }
    if (listed && !network.addressSpace.some((space) => contains(space, block))) {
      const where = JSON.stringify(network.addressSpace);
      const message = `"${block}" is outside addressSpace ${where}; choose a block inside it or add its range to addressSpace`;
      problems.push({ path, message });
    }
    const clash = blocks.find((b) => overlaps(b.block, block));
    if (clash) {
      const origin = (p: PatternName) => (network.stacks?.[p] !== undefined ? `network.stacks.${p}` : `${p}'s default quarter of addressSpace[0]`);
      problems.push({
        path,
        message:
          `"${block}" (${origin(pattern)}) overlaps "${clash.block}" (${origin(clash.pattern)}); ` +
          "give each stack a block no other stack uses (list them all in network.stacks)",
      });
    }
    blocks.push({ pattern, block });
  }
  const firewall = network.hub?.firewallPrivateIp;
  const inside = firewall === undefined || !isIpv4Address(firewall) ? undefined : blocks.find((b) => contains(b.block, `${firewall}/32`));
  if (firewall !== undefined && inside) {
    const message =
      `"${firewall}" is inside the ${inside.pattern} stack's block "${inside.block}", but the firewall lives in the hub; ` +
      "fix the address plan or the IP";
    problems.push({ path: ["hub", "firewallPrivateIp"], message });
  }
  return problems;
}

/** The layout of one block: four equal subnets at its start, a /24 each at most. */
export function stackSubnets(block: string): Record<StackSubnet, string> {
  const length = parseCidr(block)?.prefixLength ?? 32;
  const size = Math.max(length + 2, LARGEST_SUBNET);
  if (size > SMALLEST_SUBNET) throw new RangeError(`${block} is smaller than a /${SMALLEST_BLOCK}`);
  return Object.fromEntries(STACK_SUBNETS.map((name, i) => [name, subnet(block, size, i)])) as Record<StackSubnet, string>;
}

/** Where `pattern`'s VNet and subnets go in a validated environment network. */
export function stackAddressPlan(network: NetworkConfig, pattern: PatternName): StackAddressPlan {
  const block = blockOf(network, pattern);
  if (block === undefined) throw new RangeError(`no block for ${pattern}: validate the environment first`);
  return { pattern, addressSpace: block, subnets: stackSubnets(block) };
}
