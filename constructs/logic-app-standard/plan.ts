import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/**
 * The Workflow Standard SKUs of `azurerm_service_plan` (azurerm @v4.55.0:
 * internal/services/appservice/helpers/service_plan.go lists WS1, WS2, WS3; all three scale out
 * elastically and support zone balancing there).
 */
export const WORKFLOW_STANDARD_SKUS = ["WS1", "WS2", "WS3"] as const;

export type WorkflowStandardSku = (typeof WORKFLOW_STANDARD_SKUS)[number];

/**
 * Instances of a zone-redundant plan: one per availability zone, as the FunctionApp's Elastic
 * Premium plans (Standard logic apps follow Functions' zone support; Learn "Protect logic apps
 * from zonal failures": https://learn.microsoft.com/azure/logic-apps/set-up-zone-redundancy-availability-zones).
 */
export const ZONE_REDUNDANT_INSTANCES = 3;

/** Workflow Standard plans scale out to at most this many elastic workers (the Elastic Premium limit; unverified for WS). */
export const MAXIMUM_ELASTIC_WORKERS = 100;

export interface PlanInput {
  readonly sku?: string;
  readonly zoneRedundant?: boolean;
  readonly minimumInstances?: number;
  readonly maximumInstances?: number;
  /** The profile's zoneRedundancy. */
  readonly profileZoneRedundancy: boolean;
}

export interface ResolvedPlanCapacity {
  readonly sku: WorkflowStandardSku;
  readonly zoneRedundant: boolean;
  /** Always-ready instances (`worker_count`). */
  readonly minimum: number;
  /** Elastic scale-out limit (`maximum_elastic_worker_count`). */
  readonly maximum: number;
}

/** The SKU (WS1 by default), zone redundancy (the profile's) and instance counts, validated. */
export function resolvePlanCapacity(scope: IConstruct, input: PlanInput): ResolvedPlanCapacity {
  const sku = input.sku ?? "WS1";
  if (isUnresolved(sku)) {
    invalid(scope, { field: "sku", rule: "must be known at synth time, it decides the plan's capacity", fix: 'pass a literal SKU such as "WS1"' });
  }
  if (!(WORKFLOW_STANDARD_SKUS as readonly string[]).includes(sku)) {
    invalid(scope, {
      field: "sku",
      value: sku,
      rule: "is not a Workflow Standard SKU",
      fix: `use one of ${WORKFLOW_STANDARD_SKUS.join(", ")} (Standard logic apps run only on Workflow Standard plans)`,
    });
  }
  // Zone redundancy can only be chosen when the plan is created; the region must offer zones.
  const zoneRedundant = input.zoneRedundant ?? input.profileZoneRedundancy;
  const minimum = input.minimumInstances ?? (zoneRedundant ? ZONE_REDUNDANT_INSTANCES : 1);
  checkCount(scope, "minimumInstances", minimum, zoneRedundant ? 2 : 1, 20, zoneRedundant);
  const maximum = input.maximumInstances ?? Math.max(20, minimum);
  checkCount(scope, "maximumInstances", maximum, minimum, MAXIMUM_ELASTIC_WORKERS, zoneRedundant);
  return { sku: sku as WorkflowStandardSku, zoneRedundant, minimum, maximum };
}

function checkCount(scope: IConstruct, field: string, value: number, min: number, max: number, zoneRedundant: boolean): void {
  if (isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    invalid(scope, {
      field,
      value,
      rule: `is not a whole number from ${min} to ${max}${zoneRedundant ? " for a zone-redundant plan" : ""}`,
      fix: `set ${field} to ${min}-${max}`,
    });
  }
}
