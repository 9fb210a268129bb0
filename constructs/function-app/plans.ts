import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { FunctionAppPlan, PROFILES, ProfileDefaults, ProfileName } from "../core/profiles";

export type { FunctionAppPlan } from "../core/profiles";

/** What each plan offers, from the Azure Functions hosting and reliability docs. */
interface PlanTraits {
  /** `azurerm_service_plan.sku_name` values this library accepts for the plan. */
  readonly skus: readonly string[];
  readonly defaultSku: string;
  /** SKUs that can spread instances across availability zones (`zone_balancing_enabled`). */
  readonly zoneRedundantSkus: readonly string[];
}

const PREMIUM_V3 = ["P0v3", "P1v3", "P2v3", "P3v3", "P1mv3", "P2mv3", "P3mv3", "P4mv3", "P5mv3"];

export const FUNCTION_APP_PLANS: Readonly<Record<FunctionAppPlan, PlanTraits>> = {
  // Zone-redundant Flex Consumption plans exist only in some regions; this library leaves it off
  // (set `servicePlan.zoneBalancingEnabled` yourself where your region offers it).
  FlexConsumption: { skus: ["FC1"], defaultSku: "FC1", zoneRedundantSkus: [] },
  ElasticPremium: { skus: ["EP1", "EP2", "EP3"], defaultSku: "EP1", zoneRedundantSkus: ["EP1", "EP2", "EP3"] },
  Dedicated: {
    skus: ["B1", "B2", "B3", "S1", "S2", "S3", "P1v2", "P2v2", "P3v2", ...PREMIUM_V3],
    defaultSku: "P1v3",
    zoneRedundantSkus: ["P1v2", "P2v2", "P3v2", ...PREMIUM_V3],
  },
};

/**
 * The plan each profile starts from: `functionAppPlan` of {@link PROFILES} (dev Flex Consumption
 * FC1, prod Elastic Premium EP1), by profile name.
 */
export const FUNCTION_APP_PROFILE_DEFAULTS: Readonly<Record<ProfileName, ProfileDefaults["functionAppPlan"]>> = {
  dev: PROFILES.dev.functionAppPlan,
  prod: PROFILES.prod.functionAppPlan,
};

/** Instances of a zone-redundant plan: one per zone, so a zone outage leaves two serving. */
export const ZONE_REDUNDANT_MINIMUM_INSTANCES = 3;

export interface ResolvedPlan {
  readonly plan: FunctionAppPlan;
  readonly sku: string;
}

/**
 * The plan and SKU from props (a SKU alone names its plan), else the profile's default; a SKU
 * that does not belong to the plan is an error.
 */
export function resolvePlan(
  scope: IConstruct,
  profileDefault: ResolvedPlan,
  plan: FunctionAppPlan | undefined,
  sku: string | undefined,
): ResolvedPlan {
  if (sku !== undefined && isUnresolved(sku)) {
    invalid(scope, { field: "sku", rule: "must be known at synth time, it decides the plan's resources", fix: 'pass a literal SKU such as "EP1"' });
  }
  const chosenPlan = plan ?? (sku !== undefined ? planOfSku(scope, sku) : profileDefault.plan);
  const traits = FUNCTION_APP_PLANS[chosenPlan];
  if (sku === undefined) return { plan: chosenPlan, sku: plan === undefined ? profileDefault.sku : traits.defaultSku };
  if (!traits.skus.includes(sku)) {
    invalid(scope, {
      field: "sku",
      value: sku,
      rule: `does not belong to the ${chosenPlan} plan`,
      fix: `use one of ${traits.skus.join(", ")}, or the plan the SKU belongs to`,
    });
  }
  return { plan: chosenPlan, sku };
}

function planOfSku(scope: IConstruct, sku: string): FunctionAppPlan {
  const found = (Object.keys(FUNCTION_APP_PLANS) as FunctionAppPlan[]).find((p) => FUNCTION_APP_PLANS[p].skus.includes(sku));
  if (!found) {
    const all = Object.values(FUNCTION_APP_PLANS).flatMap((t) => t.skus);
    invalid(scope, { field: "sku", value: sku, rule: "is not a Linux Functions SKU this library supports", fix: `use one of ${all.join(", ")}` });
  }
  return found;
}
