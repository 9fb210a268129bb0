import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { IResourceGroup } from "../core/context";
import { StorageAccount as StorageAccountResource } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { StorageQueue } from "@cdktf/provider-azurerm/lib/storage-queue";
import { EndpointNetwork, endpointNetwork } from "../core/deploy-time";
import { DiagnosticsOptions, addDiagnostics } from "../core/diagnostics";
import { invalid, isUnresolved } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { identityBlock, identityPrincipal } from "../core/identity";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint, PrivateEndpointOptions } from "../core/private-endpoint";
import { ResourceConstructBase } from "../core/data-grants";
import { KitProps, WiredKit } from "../core/resource-construct";
import { ResolvedCustomerManagedKey, dependOnKey, resolveCustomerManagedKey, withKeyIdentity } from "../core/customer-managed-key";
import { stackEncryptionKey } from "../key-vault";
import { IStorageAccount, ImportedStorageAccount, StorageAccountChildren, withStorageGrants } from "./account-ref";

export type StorageReplication = "LRS" | "ZRS" | "GRS" | "GZRS" | "RAGRS" | "RAGZRS";

/** The storage sub-resources this construct gives private endpoints. */
export type StorageEndpointSubresource = "blob" | "dfs" | "queue";

/** The storage services besides blob (always on) that an account can be told it uses. */
export type StorageSubService = "queue" | "table" | "file";

/**
 * The kit as Storage has it: private endpoints for `blob` always, `dfs` with `dataLake`, `queue`
 * once the account has a queue (all with the `privateEndpoint` options; public access is off once the
 * blob endpoint exists). Diagnostics: the account's metrics, plus logs and metrics of the blob service
 * and of each service in use (queue, table, file), each its own setting. The lock follows the
 * profile (a data store). `customerManagedKey` encrypts blobs, files, queues and tables (queue and
 * table encryption switch to the account key); turning it on for an existing account recreates it
 * (`queue_encryption_key_type` and `table_encryption_key_type` are ForceNew:
 * azurerm @v4.55.0:internal/services/storage/storage_account_resource.go).
 */
export interface StorageAccountProps extends KitProps, NetworkAccessOptions {
  /** Hierarchical namespace (Data Lake Storage Gen2); cannot be changed later. @default false */
  readonly dataLake?: boolean;
  /** Replication. @default the profile's storageReplication (dev "LRS", prod "ZRS") */
  readonly replication?: StorageReplication;
  /** Default access tier of blobs. @default "Hot" */
  readonly accessTier?: "Hot" | "Cool";
  /** Private blob containers (Data Lake filesystems when `dataLake`). @default none */
  readonly containers?: readonly string[];
  /** Storage queues. @default none */
  readonly queues?: readonly string[];
  /**
   * Services besides blob that something uses without this construct creating their children
   * (e.g. a Functions host's queues and tables); each gets its own diagnostic setting.
   * @default the services of the queues added (none otherwise)
   */
  readonly services?: readonly StorageSubService[];
  /** Days deleted blobs and containers stay recoverable (1-365). @default 7 */
  readonly blobSoftDeleteDays?: number;
}

/**
 * A StorageV2 account that only accepts Entra ID (shared keys off), TLS 1.2 over HTTPS, no public
 * blobs, soft delete on, and a deny-by-default firewall. Every other L1 setting is reachable through
 * {@link StorageAccount.resource}.
 *
 * With shared keys off the stack's azurerm provider needs `storageUseAzuread: true`.
 * Containers and queues are created through Azure Resource Manager (`storage_account_id`), so they
 * deploy even when the data plane is private.
 */
export class StorageAccount extends withStorageGrants(ResourceConstructBase) implements IStorageAccount {
  /** An existing account by resource id, for grants, containers and what takes an {@link IStorageAccount}; a token id is split at deploy time. */
  public static fromId(scope: Construct, id: string, accountId: string): IStorageAccount {
    return ImportedStorageAccount.fromId(scope, id, accountId);
  }

  /** An existing account by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IStorageAccount {
    return ImportedStorageAccount.fromName(scope, id, name, resourceGroup);
  }

  public readonly resource: StorageAccountResource;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly primaryBlobEndpoint: string;
  /** Data Lake (DFS) endpoint; only meaningful with `dataLake`. */
  public readonly primaryDfsEndpoint: string;
  public readonly primaryQueueEndpoint: string;
  public readonly primaryTableEndpoint: string;
  public readonly dataLake: boolean;
  /** Private endpoints by sub-resource (`queue` appears with the first queue). */
  public readonly privateEndpoints: { [S in StorageEndpointSubresource]?: PrivateEndpoint } = {};
  /** Account-level metrics setting. */
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly blobDiagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  public readonly containers: ReadonlyMap<string, StorageContainer>;
  public readonly queues: ReadonlyMap<string, StorageQueue>;
  /** The key, identity and role that encrypt the account; undefined with Microsoft-managed keys. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;

  private readonly children: StorageAccountChildren;
  private readonly identityOptions: StorageAccountProps["identity"];
  private readonly privateEndpointOptions: PrivateEndpointOptions | false | undefined;
  private readonly diagnosticsOptions: DiagnosticsOptions | false | undefined;
  private readonly accountName: string;
  private readonly serviceDiagnostics = new Map<StorageSubService, MonitorDiagnosticSetting | undefined>();

  constructor(scope: Construct, id: string, props: StorageAccountProps = {}) {
    super(scope, id, props);
    const softDeleteDays = props.blobSoftDeleteDays ?? 7;
    validateSoftDelete(this, softDeleteDays);
    this.dataLake = props.dataLake ?? false;
    this.privateEndpointOptions = props.privateEndpoint;
    this.diagnosticsOptions = props.diagnostics;
    const name = this.nameFor("storageAccount", props.name);
    this.accountName = name;
    const cmk = resolveCustomerManagedKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-001",
      supported: true,
      defaultKey: () => stackEncryptionKey(this),
    });
    this.customerManagedKey = cmk;
    this.identityOptions = withKeyIdentity(props.identity, cmk);

    this.resource = this.createAccount(props, name, softDeleteDays, cmk);
    dependOnKey(this.resource, cmk);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.primaryBlobEndpoint = this.resource.primaryBlobEndpoint;
    this.primaryDfsEndpoint = this.resource.primaryDfsEndpoint;
    this.primaryQueueEndpoint = this.resource.primaryQueueEndpoint;
    this.primaryTableEndpoint = this.resource.primaryTableEndpoint;
    this.resourceGroupName = this.resourceGroup.name;
    this.children = new StorageAccountChildren(this, this.id);
    this.containers = this.children.containers;
    this.queues = this.children.queues;

    const kit = this.wireAccountKit(props, name);
    Object.assign(this.privateEndpoints, kit.privateEndpoints);
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.blobDiagnostics = kit.diagnostics.BlobDiagnostics;
    this.lock = kit.lock;

    for (const container of props.containers ?? []) this.addContainer(container);
    for (const queue of props.queues ?? []) this.addQueue(queue);
    for (const service of props.services ?? []) this.useService(service);
  }

  /** The account: Entra ID only (no shared keys), TLS 1.2 over HTTPS, no public blobs, soft delete, the key if any. */
  private createAccount(
    props: StorageAccountProps,
    name: string,
    softDeleteDays: number,
    cmk: ResolvedCustomerManagedKey | undefined,
  ): StorageAccountResource {
    return new StorageAccountResource(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      accountTier: "Standard",
      accountKind: "StorageV2",
      accountReplicationType: props.replication ?? this.context.defaults.storageReplication,
      accessTier: props.accessTier ?? "Hot",
      isHnsEnabled: this.dataLake,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      localUserEnabled: false,
      minTlsVersion: "TLS1_2",
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      crossTenantReplicationEnabled: false,
      infrastructureEncryptionEnabled: cmk?.infrastructureEncryption ?? true,
      identity: identityBlock(this.identityOptions),
      // The key needs the identity on the account: azurerm refuses it otherwise
      // (azurerm @v4.55.0:internal/services/storage/storage_account_resource.go expandAccountCustomerManagedKey).
      customerManagedKey: cmk && { keyVaultKeyId: cmk.key.versionlessKeyId, userAssignedIdentityId: cmk.identity.id },
      // Queues and tables are encrypted with the service key unless they use the account's (Learn:
      // https://learn.microsoft.com/azure/storage/common/account-encryption-key-create).
      queueEncryptionKeyType: cmk ? "Account" : undefined,
      tableEncryptionKeyType: cmk ? "Account" : undefined,
      blobProperties: {
        deleteRetentionPolicy: { days: softDeleteDays },
        containerDeleteRetentionPolicy: { days: softDeleteDays },
        // Accounts with a hierarchical namespace do not support blob versioning.
        versioningEnabled: !this.dataLake,
      },
      tags: this.tags,
    });
  }

  /** The kit: blob (and dfs) endpoints, public access and firewall, account and blob diagnostics, the lock. */
  private wireAccountKit(props: StorageAccountProps, name: string): WiredKit {
    // Endpoints need the account id, and public access depends on whether they exist.
    return this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [
        { subresource: "blob", id: endpointId("blob") },
        ...(this.dataLake ? [{ subresource: "dfs" as const, id: endpointId("dfs") }] : []),
      ],
      networkAccess: (access) => {
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        const ipRules = access.ipRules.map((rule, i) => storageIpRule(this, rule, i));
        this.resource.putNetworkRules({ defaultAction: access.defaultAction, bypass: ["AzureServices"], ipRules });
      },
      diagnostics: [
        // The account itself emits only metrics; logs come from its services.
        { id: "Diagnostics", metricsOnly: true, capabilities: { logCategoryGroups: [], metricCategories: ["Transaction"] } },
        { id: "BlobDiagnostics", targetResourceId: `${this.id}/blobServices/default`, capabilities: SERVICE_DIAGNOSTICS },
      ],
      dataStore: true,
    });
  }

  /** Diagnostics of the queue service; created with the first queue (or `useService("queue")`). */
  public get queueDiagnostics(): MonitorDiagnosticSetting | undefined {
    return this.serviceDiagnostics.get("queue");
  }

  /** Diagnostics of a service in use (undefined if unused or diagnostics are off). */
  public diagnosticsOf(service: StorageSubService): MonitorDiagnosticSetting | undefined {
    return this.serviceDiagnostics.get(service);
  }

  /**
   * Declares that a service besides blob is used (its children may be created elsewhere, e.g. a
   * Functions host's queues), so its reads, writes and deletes are logged too; idempotent.
   * Each service is its own diagnostic target, `<account id>/<service>Services/default`, with the
   * StorageRead/StorageWrite/StorageDelete categories and the Transaction metrics (Learn "Supported
   * logs for Microsoft.Storage/storageAccounts/queueServices", and the tableServices/fileServices pages;
   * the table and file categories are unverified here, the queue's were read).
   */
  public useService(service: StorageSubService): MonitorDiagnosticSetting | undefined {
    if (this.serviceDiagnostics.has(service)) return this.serviceDiagnostics.get(service);
    // "QueueDiagnostics" predates the other two: the ids are Terraform addresses, so they stay.
    const id = `${service[0].toUpperCase()}${service.slice(1)}Diagnostics`;
    const setting = addDiagnostics(this, id, `${this.id}/${service}Services/default`, this.diagnosticsOptions, SERVICE_DIAGNOSTICS);
    this.serviceDiagnostics.set(service, setting);
    return setting;
  }

  /**
   * How the blob endpoint is exposed as configured (escape-hatch edits included): what a
   * deploy-time upload by the deployer must pass (see `recordDeployTimeOperation`).
   */
  public blobEndpointNetwork(): EndpointNetwork {
    const rules = this.resource.networkRulesInput;
    const endpoint = endpointNetwork(`blob endpoint of ${this.node.path}`, {
      publicNetworkAccess: this.resource.publicNetworkAccessEnabledInput,
      defaultAction: rules?.defaultAction,
      ipRules: rules?.ipRules,
      privateEndpoint: this.privateEndpoints.blob !== undefined,
    });
    return { ...endpoint, privateEndpointResource: this.privateEndpoints.blob?.resource };
  }

  /**
   * Adds a private blob container. On a Data Lake account a container is a filesystem (the same
   * Azure resource), so this also adds filesystems.
   */
  public addContainer(name: string): StorageContainer {
    return this.children.addContainer(name);
  }

  /** Adds a storage queue; the first one also brings the queue private endpoint and diagnostics. */
  public addQueue(name: string): StorageQueue {
    return this.children.addQueue(name, () => {
      this.addPrivateEndpoint("queue");
      this.useService("queue");
    });
  }

  /**
   * The account's managed identity: the system-assigned one, else the first user-assigned one
   * (a customer-managed key's identity counts), else an error.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  private addPrivateEndpoint(subresource: StorageEndpointSubresource): void {
    this.privateEndpoints[subresource] = this.kitPrivateEndpoint(this.privateEndpointOptions, this.id, this.accountName, {
      subresource,
      id: endpointId(subresource),
    });
  }
}

/** `PrivateEndpointBlob`, …: the ids predate the kit and are Terraform addresses. */
const endpointId = (subresource: StorageEndpointSubresource) => `PrivateEndpoint${subresource[0].toUpperCase()}${subresource.slice(1)}`;

/** Blob and queue services emit logs as well as metrics. */
const SERVICE_DIAGNOSTICS = { logCategoryGroups: ["allLogs"], metricCategories: ["Transaction"] };

function validateSoftDelete(scope: Construct, days: number): void {
  if (isUnresolved(days)) return;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    invalid(scope, {
      field: "blobSoftDeleteDays",
      value: days,
      rule: "is not a whole number of days from 1 to 365",
      fix: "set blobSoftDeleteDays to 1-365 (the range Azure allows)",
    });
  }
}


/**
 * `rule` as a storage firewall takes it, after the provider's rule, azurerm
 * @v4.55.0:internal/services/storage/validate/storage_account_ip_rule.go (StorageAccountIpRule): an
 * IPv4 address or a range with a prefix of 0-30 bits, never in a private range. A "/32" (the form
 * every other firewall of the environment takes) is written as the bare address, which means the
 * same; a "/31" and a private range are refused.
 */
function storageIpRule(scope: Construct, rule: string, index: number): string {
  if (isUnresolved(rule)) return rule;
  const field = `allowedIpRanges[${index}]`;
  const match = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}(?:\/(\d{1,2}))?$/.exec(rule);
  if (!match) {
    const fix = 'write an address such as "203.0.113.7" or a range such as "203.0.113.0/24"';
    invalid(scope, { field, value: rule, rule: "is not an IPv4 address or CIDR range", fix });
  }
  const [first, second, prefix] = [Number(match[1]), Number(match[2]), match[3] === undefined ? undefined : Number(match[3])];
  if (first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168)) {
    invalid(scope, {
      field,
      value: rule,
      rule: "is a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), which a storage account firewall refuses",
      fix: "list public egress ranges only; reach the account from a VNet through its private endpoint (or a virtual network rule)",
    });
  }
  if (prefix === 32) return rule.split("/")[0];
  if (prefix !== undefined && prefix > 30) {
    invalid(scope, {
      field,
      value: rule,
      rule: `has a /${prefix} prefix, which a storage account firewall refuses (prefixes 0-30, or a single address without a prefix)`,
      fix: "list each of its two addresses (without a prefix), or use a /30",
    });
  }
  return rule;
}
