import { Construct, IConstruct } from "constructs";
import { ServicePlan } from "@cdktf/provider-azurerm/lib/service-plan";
import { invalid, isUnresolved } from "../core/errors";
import { FUNCTION_APP_PLANS, FunctionAppPlan, ZONE_REDUNDANT_MINIMUM_INSTANCES } from "./plans";

export interface CapacityInput {
  readonly plan: FunctionAppPlan;
  readonly sku: string;
  /** The profile's zoneRedundancy, applied where the SKU supports it. */
  readonly profileZoneRedundancy: boolean;
  readonly zoneRedundant?: boolean;
  readonly minimumInstances?: number;
  readonly maximumInstances?: number;
}

export interface Capacity {
  readonly zoneRedundant: boolean;
  /** Always-running instances (plan `worker_count`); none on Flex Consumption. */
  readonly minimum?: number;
  /** Scale-out limit (Flex `maximum_instance_count`, Elastic Premium `maximum_elastic_worker_count`). */
  readonly maximum?: number;
}

/** Zone redundancy and instance counts of a plan, validated against what the plan offers. */
export function resolveCapacity(scope: IConstruct, input: CapacityInput): Capacity {
  const zoneRedundant = resolveZoneRedundancy(scope, input);
  const { plan, minimumInstances: min, maximumInstances: max } = input;
  const check = (field: string, value: number, low: number, high: number) => checkCount(scope, plan, zoneRedundant, field, value, low, high);
  if (plan === "FlexConsumption") {
    if (min !== undefined) {
      invalid(scope, {
        field: "minimumInstances",
        value: min,
        rule: "does not apply to Flex Consumption, which scales from zero",
        fix: "leave it out, or set always-ready instances on the resource (always_ready)",
      });
    }
    const maximum = max ?? 100;
    check("maximumInstances", maximum, 40, 1000);
    return { zoneRedundant, maximum };
  }
  if (plan === "Dedicated" && max !== undefined) {
    invalid(scope, {
      field: "maximumInstances",
      value: max,
      rule: "does not apply to Dedicated plans, which run a fixed number of instances",
      fix: "set minimumInstances, or add autoscale rules to servicePlan",
    });
  }
  const minimum = min ?? (zoneRedundant ? ZONE_REDUNDANT_MINIMUM_INSTANCES : 1);
  check("minimumInstances", minimum, zoneRedundant ? 2 : 1, plan === "ElasticPremium" ? 100 : 30);
  if (plan === "Dedicated") return { zoneRedundant, minimum };
  const maximum = max ?? Math.max(20, minimum);
  check("maximumInstances", maximum, minimum, 100);
  return { zoneRedundant, minimum, maximum };
}

function resolveZoneRedundancy(scope: IConstruct, input: CapacityInput): boolean {
  const supported = FUNCTION_APP_PLANS[input.plan].zoneRedundantSkus.includes(input.sku);
  if (input.zoneRedundant === true && !supported) {
    invalid(scope, {
      field: "zoneRedundant",
      value: true,
      rule: `is not available for ${input.plan} ${input.sku}`,
      fix: "use Elastic Premium (EP1-EP3) or a Premium v2/v3 Dedicated SKU, or set zoneRedundant: false",
    });
  }
  return input.zoneRedundant ?? (input.profileZoneRedundancy && supported);
}

function checkCount(scope: IConstruct, plan: FunctionAppPlan, zoneRedundant: boolean, field: string, value: number, min: number, max: number): void {
  if (isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    invalid(scope, {
      field,
      value,
      rule: `is not a whole number from ${min} to ${max} for ${plan}${zoneRedundant ? " (zone-redundant)" : ""}`,
      fix: `set ${field} to ${min}-${max}`,
    });
  }
}

export interface ServicePlanInput {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly plan: FunctionAppPlan;
  readonly sku: string;
  readonly capacity: Capacity;
  readonly tags?: Record<string, string>;
}

/** The app's `azurerm_service_plan` (`<app>/Plan`), sized by {@link resolveCapacity}. */
export function servicePlan(scope: Construct, input: ServicePlanInput): ServicePlan {
  const { plan, capacity } = input;
  return new ServicePlan(scope, "Plan", {
    name: input.name,
    resourceGroupName: input.resourceGroupName,
    location: input.location,
    osType: "Linux",
    skuName: input.sku,
    workerCount: capacity.minimum,
    maximumElasticWorkerCount: plan === "ElasticPremium" ? capacity.maximum : undefined,
    // Flex Consumption plans take no zone balancing here (see FUNCTION_APP_PLANS).
    zoneBalancingEnabled: plan === "FlexConsumption" ? undefined : capacity.zoneRedundant,
    tags: input.tags,
  });
}
