import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "./errors";
import { formatIpv4, parseCidr } from "./ipv4";

// CIDR -> start/end address for services whose firewall rules take IP ranges (SQL, Synapse).

/** A firewall rule's address range, named after the CIDR it came from. */
export interface FirewallIpRange {
  /** A rule name and construct id part, e.g. `allow-198.51.100.0-24`. */
  readonly name: string;
  readonly startIpAddress: string;
  readonly endIpAddress: string;
}

/**
 * The first and last address of `cidr` (a bare address counts as `/32`), for services whose
 * firewall rules take ranges instead of CIDRs. Values known only at deploy time are rejected.
 */
export function ipRangeOf(scope: IConstruct, cidr: string): FirewallIpRange {
  if (isUnresolved(cidr)) {
    invalid(scope, {
      field: "allowedIpRanges",
      rule: "contains a value known only at deploy time; firewall rules are split into address ranges at synth",
      fix: "pass literal CIDR ranges",
    });
  }
  const block = parseCidr(cidr.includes("/") ? cidr : `${cidr}/32`);
  if (!block) {
    invalid(scope, {
      field: "allowedIpRanges",
      value: cidr,
      rule: "is not an IPv4 address or CIDR range",
      fix: 'use e.g. "203.0.113.7" or "198.51.100.0/24"',
    });
  }
  return {
    name: `allow-${formatIpv4(block.start)}-${block.prefixLength}`,
    startIpAddress: formatIpv4(block.start),
    endIpAddress: formatIpv4(block.end),
  };
}

/** The ranges of `cidrs`, one per distinct block. */
export function ipRangesOf(scope: IConstruct, cidrs: readonly string[]): FirewallIpRange[] {
  const byName = new Map<string, FirewallIpRange>();
  for (const cidr of cidrs) {
    const range = ipRangeOf(scope, cidr);
    byName.set(range.name, range);
  }
  return [...byName.values()];
}
