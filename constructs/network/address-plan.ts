import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { contains, isNetworkCidr, networkCidr, overlaps, parseCidr } from "../core/ipv4";
import { DEFAULT_PRIVATE_ENDPOINT_SUBNET, SubnetSpec } from "./subnet-spec";

/** A subnet already placed in the network: its name and prefix. */
export interface PlannedSubnet {
  readonly name: string;
  readonly prefix: string;
}

const SUBNET_KEY = /^[A-Za-z][A-Za-z0-9]*$/;
/** Azure's smallest subnet; it also reserves 5 addresses of every subnet. */
const SMALLEST_SUBNET = 29;

/** Throws unless `value` is an IPv4 CIDR with its host bits zero. */
export function checkCidr(scope: IConstruct, field: string, value: string): void {
  if (!parseCidr(value)) {
    invalid(scope, { field, value, rule: "is not an IPv4 CIDR", fix: 'write it as "<a.b.c.d>/<prefix length>", e.g. "10.0.0.0/16"' });
  }
  if (!isNetworkCidr(value)) {
    invalid(scope, { field, value, rule: "has host bits set (it is not the first address of its block)", fix: `use "${networkCidr(value)}"` });
  }
}

/** At least one range; each a network CIDR; no two overlapping. Deploy-time values are skipped. */
export function validateAddressSpace(scope: IConstruct, addressSpace: readonly string[]): void {
  if (addressSpace.length === 0) {
    invalid(scope, { field: "addressSpace", value: [], rule: "is empty", fix: 'give at least one IPv4 CIDR, e.g. ["10.0.0.0/16"]' });
  }
  addressSpace.forEach((cidr, i) => {
    if (isUnresolved(cidr)) return;
    checkCidr(scope, `addressSpace[${i}]`, cidr);
    addressSpace.slice(0, i).forEach((other, j) => {
      if (!isUnresolved(other) && overlaps(cidr, other)) {
        invalid(scope, {
          field: `addressSpace[${i}]`,
          value: cidr,
          rule: `overlaps addressSpace[${j}] "${other}"`,
          fix: "remove one of them or use ranges that do not overlap",
        });
      }
    });
  });
}

/**
 * The key of the one private endpoint subnet: `named`, else the subnet marked
 * `privateEndpoints: true`, else `privateEndpoints`. It must exist and must not say `false`.
 */
export function choosePrivateEndpointSubnet(scope: IConstruct, specs: Readonly<Record<string, SubnetSpec>>, named: string | undefined): string {
  const marked = Object.keys(specs).filter((k) => specs[k].privateEndpoints === true);
  if (marked.length > 1) {
    invalid(scope, {
      field: "subnets",
      value: marked,
      rule: "mark more than one subnet with privateEndpoints: true",
      fix: "mark exactly one subnet (or name it with privateEndpointSubnet)",
    });
  }
  if (named !== undefined && marked.length === 1 && marked[0] !== named) {
    invalid(scope, {
      field: "privateEndpointSubnet",
      value: named,
      rule: `conflicts with subnets.${marked[0]}.privateEndpoints: true`,
      fix: "designate the private endpoint subnet in one place only",
    });
  }
  const key = named ?? marked[0] ?? DEFAULT_PRIVATE_ENDPOINT_SUBNET;
  if (!Object.prototype.hasOwnProperty.call(specs, key)) {
    invalid(scope, {
      field: "privateEndpointSubnet",
      value: key,
      rule: `names no subnet (subnets: ${Object.keys(specs).map((k) => `"${k}"`).join(", ") || "none"})`,
      fix: `add a subnet "${key}", or set privateEndpointSubnet (or privateEndpoints: true) on one of the subnets`,
    });
  }
  if (specs[key].privateEndpoints === false) {
    invalid(scope, {
      field: `subnets.${key}.privateEndpoints`,
      value: false,
      rule: "contradicts privateEndpointSubnet, which names this subnet",
      fix: "remove privateEndpoints: false or choose another privateEndpointSubnet",
    });
  }
  return key;
}

export interface SubnetCheck {
  readonly key: string;
  readonly spec: SubnetSpec;
  readonly forPrivateEndpoints: boolean;
  readonly addressSpace: readonly string[];
  /** Subnets already in the network, by key. */
  readonly planned: Readonly<Record<string, PlannedSubnet>>;
}

/** Key, delegation and prefix of a new subnet: a /29 or larger, inside the address space, overlapping none. */
export function validateSubnet(scope: IConstruct, { key, spec, forPrivateEndpoints, addressSpace, planned }: SubnetCheck): void {
  if (!SUBNET_KEY.test(key)) {
    invalid(scope, {
      field: "subnet key",
      value: key,
      rule: "must be letters and digits, starting with a letter",
      fix: 'use a key such as "privateEndpoints" or "integration"',
    });
  }
  if (Object.prototype.hasOwnProperty.call(planned, key)) {
    invalid(scope, { field: `subnets.${key}`, rule: "already exists", fix: "choose another key" });
  }
  if (forPrivateEndpoints && spec.delegation !== undefined) {
    invalid(scope, {
      field: `subnets.${key}.delegation`,
      value: spec.delegation,
      rule: "is set on the private endpoint subnet, and private endpoints cannot go in a delegated subnet",
      fix: "remove the delegation or choose another privateEndpointSubnet",
    });
  }
  const prefix = spec.addressPrefix;
  if (isUnresolved(prefix)) return;
  const field = `subnets.${key}.addressPrefix`;
  checkCidr(scope, field, prefix);
  if ((parseCidr(prefix)?.prefixLength ?? 0) > SMALLEST_SUBNET) {
    invalid(scope, {
      field,
      value: prefix,
      rule: `is smaller than /${SMALLEST_SUBNET}, the smallest Azure subnet`,
      fix: `use a /${SMALLEST_SUBNET} or larger prefix`,
    });
  }
  if (!addressSpace.some(isUnresolved) && !addressSpace.some((space) => contains(space, prefix))) {
    invalid(scope, {
      field,
      value: prefix,
      rule: `is outside the address space ${JSON.stringify(addressSpace)}`,
      fix: "choose a prefix inside the address space or add its range to addressSpace",
    });
  }
  for (const [other, { prefix: otherPrefix }] of Object.entries(planned)) {
    if (!isUnresolved(otherPrefix) && overlaps(prefix, otherPrefix)) {
      invalid(scope, {
        field,
        value: prefix,
        rule: `overlaps subnets.${other}.addressPrefix "${otherPrefix}"`,
        fix: "give each subnet a range no other subnet uses",
      });
    }
  }
}

/** Subnet names are unique within a VNet. */
export function validateSubnetName(scope: IConstruct, key: string, name: string, planned: Readonly<Record<string, PlannedSubnet>>): void {
  const same = Object.entries(planned).find(([, p]) => p.name === name);
  if (same) {
    invalid(scope, {
      field: `subnets.${key}.name`,
      value: name,
      rule: `is already the name of subnets.${same[0]}`,
      fix: "give each subnet a distinct name",
    });
  }
}
