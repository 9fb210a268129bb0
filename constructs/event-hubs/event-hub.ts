import { Construct } from "constructs";
import { Eventhub, EventhubCaptureDescription } from "@cdktf/provider-azurerm/lib/eventhub";
import { EventhubConsumerGroup } from "@cdktf/provider-azurerm/lib/eventhub-consumer-group";
import { invalid, isUnresolved } from "../core/errors";
import { withMessagingGrants } from "../core/data-grants";
import { GrantableResource } from "../core/imported-resource";
import { validateChildName } from "../core/child-names";
import { DEFAULT_CONSUMER_GROUP, validateConsumerGroupName } from "./names";
import { EVENT_HUBS_ROLES } from "./namespace-ref";
import { EventHubsSku, TIER_LIMITS } from "./tiers";

/** Where Event Hubs Capture writes Avro files: a container of a blob or Data Lake Gen2 account. */
export interface EventHubCaptureOptions {
  /** Resource id of the storage account (blob or Data Lake Gen2) that receives the files. */
  readonly storageAccountId: string;
  /** Container (Data Lake filesystem) that receives the files; it must exist before capture starts. */
  readonly containerName: string;
  /** Whether capture runs; `false` keeps the settings but pauses it. @default true */
  readonly enabled?: boolean;
  /** Seconds after which a file is written (60-900). @default 300 */
  readonly intervalInSeconds?: number;
  /** Bytes after which a file is written (10485760-524288000). @default 314572800 (300 MiB) */
  readonly sizeLimitInBytes?: number;
  /** @default "Avro" */
  readonly encoding?: "Avro" | "AvroDeflate";
  /** Write no file for a window without events. @default true */
  readonly skipEmptyArchives?: boolean;
  /**
   * Blob path of each file; must contain every one of {Namespace}, {EventHub}, {PartitionId},
   * {Year}, {Month}, {Day}, {Hour}, {Minute} and {Second}.
   * @default "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}"
   */
  readonly archiveNameFormat?: string;
}

/** Settings of one event hub, as passed to {@link EventHubNamespace.addEventHub}. */
export interface EventHubOptions {
  /**
   * Partitions: the unit of ordering and of consumer parallelism (Basic/Standard 1-32, Premium
   * 1-100). Fixed once created on Basic and Standard; Premium can raise it, never lower it.
   * @default 4
   */
  readonly partitionCount?: number;
  /** Days events stay readable (Basic 1, Standard 1-7, Premium 1-90). @default 1 on Basic, else 7 */
  readonly messageRetention?: number;
  /** Consumer groups besides `$Default`, one per independent reader (none on Basic). @default none */
  readonly consumerGroups?: readonly string[];
  /**
   * Event Hubs Capture to Blob or Data Lake storage (Standard and Premium). See {@link EventHub}
   * for how capture authenticates in azurerm 4.55. @default no capture
   */
  readonly capture?: EventHubCaptureOptions;
}

/** The namespace an event hub belongs to, as the event hub needs it. */
export interface EventHubParent {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  readonly sku: EventHubsSku;
}

export interface EventHubProps extends EventHubOptions {
  /** Event hub name (1-256: letters, digits, '.', '-', '_'). */
  readonly name: string;
  readonly namespace: EventHubParent;
}

const ARCHIVE_PARTS = ["{Namespace}", "{EventHub}", "{PartitionId}", "{Year}", "{Month}", "{Day}", "{Hour}", "{Minute}", "{Second}"];
const DEFAULT_ARCHIVE_NAME_FORMAT = ARCHIVE_PARTS.join("/");
const STORAGE_ACCOUNT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+$/i;

/**
 * An event hub with its consumer groups and optional capture; created by
 * {@link EventHubNamespace.addEventHub}. Grants here (`grantSend`, `grantReceive` in any consumer
 * group, `grantManage`: Azure Event Hubs Data Sender, Receiver, Owner) are scoped to this event hub.
 *
 * Capture in azurerm 4.55: `capture_description.destination` has no identity setting (azurerm
 * #21986; added after 4.55), so Azure uses its default SAS-based capture. That needs the storage
 * account in the same subscription, shared-key access on it, its firewall open to trusted Azure
 * services, and the deploying principal able to write blobs there (Azure checks it on deploy).
 * Grant the namespace identity `Storage Blob Data Contributor` as well
 * (`storage.grantBlobWrite(namespace.principal, container)`): it is what identity-based capture
 * uses once the provider can select it.
 */
export class EventHub extends withMessagingGrants(GrantableResource, EVENT_HUBS_ROLES) {
  public readonly resource: Eventhub;
  public readonly id: string;
  public readonly name: string;
  public readonly partitionCount: number;
  /** Consumer groups created here, by name (`$Default` always exists and is not listed). */
  public readonly consumerGroups: ReadonlyMap<string, EventhubConsumerGroup>;

  private readonly groupMap = new Map<string, EventhubConsumerGroup>();
  private readonly namespace: EventHubParent;

  constructor(scope: Construct, id: string, props: EventHubProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.consumerGroups = this.groupMap;
    const limits = TIER_LIMITS[props.namespace.sku];
    this.partitionCount = props.partitionCount ?? 4;
    const retention = props.messageRetention ?? Math.min(7, limits.maxRetentionDays);
    this.validatePartitions(this.partitionCount);
    this.validateRetention(retention);

    this.resource = new Eventhub(this, "Resource", {
      name: props.name,
      namespaceId: props.namespace.id,
      partitionCount: this.partitionCount,
      messageRetention: retention,
      captureDescription: props.capture ? this.captureDescription(props.capture) : undefined,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;

    for (const group of props.consumerGroups ?? []) this.addConsumerGroup(group);
  }

  /** Adds a consumer group: an independent view of the stream with its own checkpoints. */
  public addConsumerGroup(name: string): EventhubConsumerGroup {
    validateConsumerGroupName(this, name);
    const sku = this.namespace.sku;
    const max = TIER_LIMITS[sku].maxConsumerGroups;
    if (max === 1) {
      invalid(this, {
        field: "consumer group name",
        value: name,
        rule: `cannot be added on the ${sku} tier, which has only ${DEFAULT_CONSUMER_GROUP}`,
        fix: 'use sku "Standard" or "Premium", or read through $Default',
      });
    }
    if (this.groupMap.has(name)) {
      invalid(this, { field: "consumer group name", value: name, rule: "is already defined on this event hub", fix: "add each consumer group once" });
    }
    if (this.groupMap.size + 1 >= max) {
      invalid(this, {
        field: "consumer group name",
        value: name,
        rule: `would exceed the ${max} consumer groups (${DEFAULT_CONSUMER_GROUP} included) an event hub has on the ${sku} tier`,
        fix: "share consumer groups between readers or use a higher tier",
      });
    }
    const group = new EventhubConsumerGroup(this, `ConsumerGroup-${name}`, {
      name,
      eventhubName: this.name,
      namespaceName: this.namespace.name,
      resourceGroupName: this.namespace.resourceGroupName,
    });
    this.groupMap.set(name, group);
    return group;
  }

  private validatePartitions(count: number): void {
    if (isUnresolved(count)) return;
    const { sku } = this.namespace;
    const max = TIER_LIMITS[sku].maxPartitions;
    if (!Number.isInteger(count) || count < 1 || count > max) {
      invalid(this, {
        field: "partitionCount",
        value: count,
        rule: `is not a whole number from 1 to ${max} (the ${sku} tier's range)`,
        fix: `set partitionCount to 1-${max}; it cannot be lowered later, so size it for peak parallel readers`,
      });
    }
  }

  private validateRetention(days: number): void {
    if (isUnresolved(days)) return;
    const { sku } = this.namespace;
    const max = TIER_LIMITS[sku].maxRetentionDays;
    if (!Number.isInteger(days) || days < 1 || days > max) {
      invalid(this, {
        field: "messageRetention",
        value: days,
        rule: max === 1
          ? `is not 1; the ${sku} tier keeps events for 1 day`
          : `is not a whole number of days from 1 to ${max} (the ${sku} tier's range)`,
        fix: max === 1 ? 'set messageRetention to 1 or use sku "Standard" (7 days) or "Premium" (90 days)' : `set messageRetention to 1-${max}`,
      });
    }
  }

  private captureDescription(capture: EventHubCaptureOptions): EventhubCaptureDescription {
    const { sku } = this.namespace;
    if (!TIER_LIMITS[sku].capture) {
      invalid(this, { field: "capture", rule: `is not available on the ${sku} tier`, fix: 'use sku "Standard" or "Premium", or drop capture' });
    }
    const interval = capture.intervalInSeconds ?? 300;
    const sizeLimit = capture.sizeLimitInBytes ?? 314572800;
    const archiveNameFormat = capture.archiveNameFormat ?? DEFAULT_ARCHIVE_NAME_FORMAT;
    this.validateRange("capture.intervalInSeconds", interval, 60, 900);
    this.validateRange("capture.sizeLimitInBytes", sizeLimit, 10485760, 524288000);
    validateChildName(this, "container", capture.containerName);
    if (!isUnresolved(capture.storageAccountId) && !STORAGE_ACCOUNT_ID.test(capture.storageAccountId)) {
      invalid(this, {
        field: "capture.storageAccountId",
        value: capture.storageAccountId,
        rule: "is not a storage account resource id",
        fix: "pass the account's id, e.g. storage.id",
      });
    }
    const missing = isUnresolved(archiveNameFormat) ? [] : ARCHIVE_PARTS.filter((part) => !archiveNameFormat.includes(part));
    if (missing.length > 0) {
      invalid(this, {
        field: "capture.archiveNameFormat",
        value: archiveNameFormat,
        rule: `lacks ${missing.join(", ")}`,
        fix: `include every one of ${ARCHIVE_PARTS.join(", ")}`,
      });
    }
    return {
      enabled: capture.enabled ?? true,
      encoding: capture.encoding ?? "Avro",
      intervalInSeconds: interval,
      sizeLimitInBytes: sizeLimit,
      skipEmptyArchives: capture.skipEmptyArchives ?? true,
      destination: {
        name: "EventHubArchive.AzureBlockBlob",
        archiveNameFormat,
        blobContainerName: capture.containerName,
        storageAccountId: capture.storageAccountId,
      },
    };
  }

  private validateRange(field: string, value: number, min: number, max: number): void {
    if (isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      invalid(this, {
        field,
        value,
        rule: `is not a whole number from ${min} to ${max}`,
        fix: `set ${field} to ${min}-${max} (the range Azure allows)`,
      });
    }
  }
}
