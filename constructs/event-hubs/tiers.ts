/** Event Hubs namespace tiers (the `sku` of `azurerm_eventhub_namespace`). */
export type EventHubsSku = "Basic" | "Standard" | "Premium";

/** What a tier allows; from the Event Hubs "Quotas and limits" and tier comparison pages. */
export interface TierLimits {
  /** Allowed `capacity` values: throughput units (Basic, Standard) or processing units (Premium). */
  readonly capacities: readonly number[];
  /** Words for the allowed capacities, for error messages. */
  readonly capacityRule: string;
  readonly maxPartitions: number;
  readonly maxRetentionDays: number;
  /** Consumer groups per event hub, `$Default` included. */
  readonly maxConsumerGroups: number;
  /** Event hubs per namespace, per capacity unit on Premium. */
  readonly maxEventHubs: number;
  readonly capture: boolean;
  readonly autoInflate: boolean;
  /** Private endpoints and the IP firewall (`network_rulesets`). */
  readonly privateNetworking: boolean;
}

const THROUGHPUT_UNITS = Array.from({ length: 40 }, (_, i) => i + 1);

export const TIER_LIMITS: Readonly<Record<EventHubsSku, TierLimits>> = {
  Basic: {
    capacities: THROUGHPUT_UNITS,
    capacityRule: "1-40 throughput units",
    maxPartitions: 32,
    maxRetentionDays: 1,
    maxConsumerGroups: 1,
    maxEventHubs: 10,
    capture: false,
    autoInflate: false,
    privateNetworking: false,
  },
  Standard: {
    capacities: THROUGHPUT_UNITS,
    capacityRule: "1-40 throughput units",
    maxPartitions: 32,
    maxRetentionDays: 7,
    maxConsumerGroups: 20,
    maxEventHubs: 10,
    capture: true,
    autoInflate: true,
    privateNetworking: true,
  },
  Premium: {
    capacities: [1, 2, 4, 8, 16],
    capacityRule: "1, 2, 4, 8 or 16 processing units",
    maxPartitions: 100,
    maxRetentionDays: 90,
    maxConsumerGroups: 100,
    maxEventHubs: 100,
    capture: true,
    autoInflate: false,
    privateNetworking: true,
  },
};
