import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import type { ServiceBusSku } from "../core/profiles";

export type { ServiceBusSku };

export const SKUS: readonly ServiceBusSku[] = ["Basic", "Standard", "Premium"];

/** The lowest tier that has a feature: Basic lacks topics, sessions, duplicate detection and forwarding. */
export type TierRequirement = "Standard" | "Premium";

const RANK: Record<ServiceBusSku, number> = { Basic: 0, Standard: 1, Premium: 2 };

export interface TierFeature {
  /** The prop that asks for the feature, e.g. `requiresSession`. */
  readonly field: string;
  /** The value the user gave; omitted for objects that would not read well in a message. */
  readonly value?: unknown;
  /** The lowest tier that has the feature. */
  readonly needs: TierRequirement;
  /** The other way out, e.g. `leave requiresSession off`. */
  readonly otherwise: string;
}

/** Throws when `sku` lacks `feature`, naming the tier(s) that have it and the way out. */
export function requireTier(scope: IConstruct, sku: ServiceBusSku, feature: TierFeature): void {
  if (RANK[sku] >= RANK[feature.needs]) return;
  const tiers = feature.needs === "Premium" ? `sku "Premium"` : `sku "Standard" or "Premium"`;
  invalid(scope, {
    field: feature.field,
    value: feature.value,
    rule: `is not available in the ${sku} tier`,
    fix: `use ${tiers}, or ${feature.otherwise}`,
  });
}
