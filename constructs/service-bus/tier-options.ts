import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { IPrivateNetwork } from "../core/context";
import { PrivateEndpointOptions } from "../core/private-endpoint";
import { SKUS, ServiceBusSku, requireTier } from "./tiers";

/** The tier: the user's, else the profile's (`serviceBusSku`: Premium in prod, Standard in dev). */
export function resolveSku(scope: IConstruct, sku: ServiceBusSku | undefined, profileSku: ServiceBusSku): ServiceBusSku {
  const resolved = sku ?? profileSku;
  if (!SKUS.includes(resolved)) {
    invalid(scope, { field: "sku", value: resolved, rule: "is not a Service Bus tier", fix: 'use "Basic", "Standard" or "Premium"' });
  }
  return resolved;
}

const CAPACITIES = [1, 2, 4, 8, 16];
const PARTITIONS = [1, 2, 4];

/** Messaging units and partitions of a Premium namespace (both 1 by default); none below Premium. */
export function resolvePremiumScale(
  scope: IConstruct,
  sku: ServiceBusSku,
  capacity: number | undefined,
  partitions: number | undefined,
): { capacity?: number; premiumMessagingPartitions?: number } {
  if (sku !== "Premium") {
    if (capacity !== undefined) requireTier(scope, sku, { field: "capacity", value: capacity, needs: "Premium", otherwise: "remove capacity" });
    if (partitions !== undefined) {
      requireTier(scope, sku, {
        field: "premiumMessagingPartitions",
        value: partitions,
        needs: "Premium",
        otherwise: "remove premiumMessagingPartitions",
      });
    }
    return {};
  }
  const units = capacity ?? 1;
  const parts = partitions ?? 1;
  if (!isUnresolved(units) && !CAPACITIES.includes(units)) {
    invalid(scope, { field: "capacity", value: units, rule: "is not a number of messaging units Premium offers", fix: "use 1, 2, 4, 8 or 16" });
  }
  if (!isUnresolved(parts) && !PARTITIONS.includes(parts)) {
    invalid(scope, { field: "premiumMessagingPartitions", value: parts, rule: "is not a partition count Premium offers", fix: "use 1, 2 or 4" });
  }
  if (!isUnresolved(units) && !isUnresolved(parts) && units % parts !== 0) {
    invalid(scope, {
      field: "capacity",
      value: units,
      rule: `is not a multiple of premiumMessagingPartitions ${parts} (each partition gets the same number of messaging units)`,
      fix: `set capacity to one of ${CAPACITIES.filter((c) => c % parts === 0).join(", ")}, or use fewer partitions`,
    });
  }
  return { capacity: units, premiumMessagingPartitions: parts };
}

/**
 * Zone redundancy exists only in Premium, where Azure turns it on by itself wherever the region has
 * availability zones (azurerm 4.x has no `zone_redundant` attribute to set).
 */
export function resolveZoneRedundancy(scope: IConstruct, sku: ServiceBusSku, requested: boolean | undefined): boolean {
  if (requested === true) requireTier(scope, sku, { field: "zoneRedundant", value: true, needs: "Premium", otherwise: "leave zoneRedundant unset" });
  if (requested === false && sku === "Premium") {
    invalid(scope, {
      field: "zoneRedundant",
      value: false,
      rule: "cannot be chosen in the Premium tier, which Azure makes zone-redundant wherever the region has availability zones",
      fix: 'leave zoneRedundant unset, or use sku "Standard"',
    });
  }
  return sku === "Premium";
}

/**
 * Private endpoints need Premium. An endpoint would come from props or from the context's network
 * (the prod profile); on a lower tier either is an error naming both ways out.
 */
export function checkPrivateEndpointTier(
  scope: IConstruct,
  sku: ServiceBusSku,
  options: PrivateEndpointOptions | false | undefined,
  network: IPrivateNetwork | undefined,
): void {
  if (sku === "Premium" || options === false) return;
  const fromProps = options?.subnetId !== undefined;
  if (!fromProps && network?.privateEndpointSubnetId === undefined) return;
  invalid(scope, {
    field: "sku",
    value: sku,
    rule: fromProps ? "has no private endpoints" : "has no private endpoints, and the IntegrationContext's network asks for one",
    fix: 'use sku "Premium" or set privateEndpoint: false (public access then stays on, behind the firewall)',
  });
}
