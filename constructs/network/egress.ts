import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { contains, isIpv4Address, parseCidr } from "../core/ipv4";

/**
 * A Standard NAT gateway with one static Standard public IP, associated with every subnet that
 * wants egress (learn.microsoft.com/azure/nat-gateway/nat-overview: the recommended explicit
 * outbound method; it replaces the subnet's default route to the internet).
 */
export interface NatGatewayEgress {
  readonly type: "natGateway";
  /**
   * Availability zone of the NAT gateway and its public IP. A NAT gateway is zonal: with no zone
   * Azure places it in a zone of its choosing, and an outage of that zone stops egress
   * (learn.microsoft.com/azure/nat-gateway/nat-availability-zones). The zone cannot change later.
   * @default no zone
   */
  readonly zone?: "1" | "2" | "3";
  /** TCP idle timeout, 4-120 minutes. @default 4 (Azure's default) */
  readonly idleTimeoutInMinutes?: number;
}

/**
 * A route table sending 0.0.0.0/0 to a firewall (e.g. a hub's Azure Firewall), associated with
 * every subnet that wants egress. BGP route propagation is off on it, so routes a hub gateway
 * learns do not bypass the firewall.
 */
export interface FirewallEgress {
  readonly type: "firewall";
  /** Private IP address of the firewall, outside this network's address space (it is in the hub). */
  readonly privateIp: string;
}

/** How subnets that want egress ({@link SubnetSpec.egress}) reach the internet. */
export type NetworkEgress = NatGatewayEgress | FirewallEgress;

/** Zone, timeout and firewall address of an egress choice; the firewall must be outside `addressSpace`. */
export function validateEgress(scope: IConstruct, egress: NetworkEgress, addressSpace: readonly string[]): void {
  if (egress.type === "natGateway") {
    const timeout = egress.idleTimeoutInMinutes;
    if (timeout !== undefined && !isUnresolved(timeout) && (!Number.isInteger(timeout) || timeout < 4 || timeout > 120)) {
      invalid(scope, {
        field: "egress.idleTimeoutInMinutes",
        value: timeout,
        rule: "must be a whole number of minutes from 4 to 120 (azurerm @v4.55.0 nat_gateway)",
        fix: "use a value from 4 to 120, or leave it out for 4",
      });
    }
    return;
  }
  const ip = egress.privateIp;
  if (isUnresolved(ip)) return;
  if (!isIpv4Address(ip)) {
    invalid(scope, { field: "egress.privateIp", value: ip, rule: "is not an IPv4 address", fix: 'give the firewall\'s private IP, e.g. "10.0.1.4"' });
  }
  const inside = addressSpace.find((space) => !isUnresolved(space) && parseCidr(space) && contains(space, `${ip}/32`));
  if (inside) {
    invalid(scope, {
      field: "egress.privateIp",
      value: ip,
      rule: `is inside this network's address space "${inside}", but the firewall lives in the hub`,
      fix: "give the hub firewall's private IP, or change the address plan so the two do not overlap",
    });
  }
}
