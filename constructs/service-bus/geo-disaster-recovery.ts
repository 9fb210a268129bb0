import { IConstruct } from "constructs";
import { ServicebusNamespaceDisasterRecoveryConfig } from "@cdktf/provider-azurerm/lib/servicebus-namespace-disaster-recovery-config";
import { invalid, isUnresolved } from "../core/errors";
import { ServiceBusSku, requireTier } from "./tiers";
import { IServiceBusNamespace } from "./types";

/** A geo-disaster recovery alias: clients connect to the alias, which points at the active namespace. */
export interface GeoDisasterRecoveryAlias {
  readonly resource: ServicebusNamespaceDisasterRecoveryConfig;
  readonly aliasName: string;
  /** `<alias>.servicebus.windows.net`: the address that survives a failover. */
  readonly fullyQualifiedNamespace: string;
}

/** What pairing needs to know about a namespace of this app. */
export interface PairingFacts {
  readonly path: string;
  readonly sku: ServiceBusSku;
  readonly premiumMessagingPartitions?: number;
  readonly entityCount: number;
  /** Path of the namespace this one is paired with, in either role. */
  readonly pairedWith?: string;
}

/**
 * Checks a geo-DR pairing: both namespaces Premium with the same partitioning, neither paired yet,
 * and the secondary empty (Azure replicates the primary's entities into it). `secondary` is
 * undefined for an imported namespace, whose facts are unknown here.
 */
export function validatePairing(
  scope: IConstruct,
  primary: PairingFacts,
  secondary: PairingFacts | undefined,
  secondaryNamespace: IServiceBusNamespace,
): void {
  requireTier(scope, primary.sku, { field: "geo-disaster recovery (pairWith)", needs: "Premium", otherwise: "leave geo-disaster recovery out" });
  if (primary.pairedWith !== undefined) {
    invalid(scope, {
      field: "pairWith",
      value: secondaryNamespace.node.path,
      rule: `cannot pair this namespace again: it is already paired with ${primary.pairedWith}`,
      fix: "give each namespace one geo-disaster recovery pairing",
    });
  }
  if (secondary === undefined) return;
  if (secondary.path === primary.path) {
    invalid(scope, {
      field: "pairWith",
      value: secondary.path,
      rule: "is this namespace itself",
      fix: "pair with a Premium namespace in another region",
    });
  }
  if (secondary.sku !== "Premium") {
    invalid(scope, {
      field: "pairWith",
      value: secondary.path,
      rule: `has sku "${secondary.sku}"; geo-disaster recovery pairs two Premium namespaces`,
      fix: 'create the secondary with sku "Premium"',
    });
  }
  if (secondary.pairedWith !== undefined) {
    invalid(scope, {
      field: "pairWith",
      value: secondary.path,
      rule: `is already paired with ${secondary.pairedWith}`,
      fix: "pair with a namespace that has no geo-disaster recovery pairing",
    });
  }
  if (secondary.entityCount > 0) {
    invalid(scope, {
      field: "pairWith",
      value: secondary.path,
      rule: "has queues or topics of its own, but a secondary receives the primary's entities by replication",
      fix: "add the queues and topics to the primary only",
    });
  }
  const [p, s] = [primary.premiumMessagingPartitions ?? 1, secondary.premiumMessagingPartitions ?? 1];
  if (!isUnresolved(p) && !isUnresolved(s) && p !== s) {
    invalid(scope, {
      field: "pairWith",
      value: secondary.path,
      rule: `has ${s} premiumMessagingPartitions but this namespace has ${p}; paired namespaces are partitioned alike`,
      fix: "give both namespaces the same premiumMessagingPartitions",
    });
  }
}
