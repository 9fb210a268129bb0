import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { StorageQueue } from "@cdktf/provider-azurerm/lib/storage-queue";
import { validateChildName } from "../core/child-names";
import { IResourceGroup } from "../core/context";
import { addDependency } from "../core/depends-on";
import { FlowTarget } from "../core/flows";
import { invalid } from "../core/errors";
import { BuiltInRole, BuiltInRoleName, Grantee, grantRole } from "../core/grants";
import { GrantTargetClass } from "../core/data-grants";
import { ImportedResource, referenceFromId, referenceFromName } from "../core/imported-resource";

/** The resource type account ids name, and the rule account names follow. */
const STORAGE_ACCOUNT = { type: "Microsoft.Storage/storageAccounts", naming: "storageAccount" } as const;

/** A storage account, created here or imported: what clients, patterns and grants need. */
export interface IStorageAccount extends IConstruct {
  /** Resource id of the account. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /** e.g. `https://stcontoso.blob.core.windows.net/` */
  readonly primaryBlobEndpoint: string;
  /** Data Lake (DFS) endpoint; only meaningful on an account with a hierarchical namespace. */
  readonly primaryDfsEndpoint: string;
  readonly primaryQueueEndpoint: string;
  readonly primaryTableEndpoint: string;
  /** Whether the account has a hierarchical namespace (Data Lake Gen2); undefined where it is not known (an import). */
  readonly dataLake?: boolean;
  /** Containers added through this construct, by name (an import knows only those it added). */
  readonly containers: ReadonlyMap<string, StorageContainer>;
  /** Adds a private blob container (a filesystem on a Data Lake account) through Azure Resource Manager. */
  addContainer(name: string): StorageContainer;
  /** Read blobs (Storage Blob Data Reader), on the account or on one `container`. */
  grantBlobRead(grantee: Grantee, container?: string): RoleAssignment;
  /** Read, write and delete blobs (Storage Blob Data Contributor), on the account or on one `container`. */
  grantBlobWrite(grantee: Grantee, container?: string): RoleAssignment;
  /** Send messages (Storage Queue Data Message Sender), to every queue or to one `queue`. */
  grantQueueSend(grantee: Grantee, queue?: string): RoleAssignment;
  /** Read messages and queue metadata such as the message count (Storage Queue Data Reader), on every queue or one `queue`. */
  grantQueueRead(grantee: Grantee, queue?: string): RoleAssignment;
  /** Peek, receive and delete messages (Storage Queue Data Message Processor), on every queue or one `queue`. */
  grantQueueProcess(grantee: Grantee, queue?: string): RoleAssignment;
  /** Read table entities (Storage Table Data Reader). */
  grantTableRead(grantee: Grantee): RoleAssignment;
  /** Read, write and delete table entities (Storage Table Data Contributor). */
  grantTableWrite(grantee: Grantee): RoleAssignment;
  /** Any role (built-in or custom, by name) on the account. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/** Whether `value` is a storage account construct or import (rather than a plain id-and-endpoint target). */
export function isStorageAccount(value: object): value is IStorageAccount {
  return "grantBlobWrite" in value && "primaryBlobEndpoint" in value;
}

/** What flow records name for an account: a created account's resource, an import's id (its resource is elsewhere). */
export function storageFlowTarget(account: IStorageAccount): FlowTarget {
  return "resource" in account ? (account as Extract<FlowTarget, { resource: unknown }>) : account.id;
}

/** The data-plane grants of a storage account, by grant method. */
export const STORAGE_DATA_ROLES = {
  blobRead: BuiltInRole.storageBlobDataReader,
  blobWrite: BuiltInRole.storageBlobDataContributor,
  queueSend: BuiltInRole.storageQueueDataMessageSender,
  queueRead: BuiltInRole.storageQueueDataReader,
  queueProcess: BuiltInRole.storageQueueDataMessageProcessor,
  tableRead: BuiltInRole.storageTableDataReader,
  tableWrite: BuiltInRole.storageTableDataContributor,
} as const;

export type StorageDataAccess = keyof typeof STORAGE_DATA_ROLES;

/** Each account construct's children, so the grants of {@link withStorageGrants} find them. */
const CHILDREN = new WeakMap<IConstruct, StorageAccountChildren>();

/**
 * The children and grants of an account, implemented once for {@link StorageAccount} and its
 * import: containers and queues under `account` (their construct ids are Terraform addresses),
 * account-wide grants under `account`, container- and queue-scoped ones under a child scope each.
 */
export class StorageAccountChildren {
  /** The children of `account` (an account construct creates them once, in its constructor). */
  public static of(account: IConstruct): StorageAccountChildren {
    const children = CHILDREN.get(account);
    if (!children) throw new Error(`${account.node.path} has no StorageAccountChildren: its constructor creates them`);
    return children;
  }

  public readonly containers = new Map<string, StorageContainer>();
  public readonly queues = new Map<string, StorageQueue>();

  constructor(
    private readonly account: Construct,
    private readonly accountId: string,
  ) {
    CHILDREN.set(account, this);
  }

  public addContainer(name: string): StorageContainer {
    validateChildName(this.account, "container", name);
    if (this.containers.has(name)) {
      invalid(this.account, { field: "container name", value: name, rule: "is already defined on this account", fix: "add each container once" });
    }
    const container = new StorageContainer(this.account, `Container-${name}`, {
      name,
      storageAccountId: this.accountId,
      containerAccessType: "private",
    });
    this.containers.set(name, container);
    return container;
  }

  /** Adds a queue; `beforeFirst` runs before the first one is created (what the first queue brings). */
  public addQueue(name: string, beforeFirst?: () => void): StorageQueue {
    validateChildName(this.account, "queue", name);
    if (this.queues.has(name)) {
      invalid(this.account, { field: "queue name", value: name, rule: "is already defined on this account", fix: "add each queue once" });
    }
    if (this.queues.size === 0) beforeFirst?.();
    const queue = new StorageQueue(this.account, `Queue-${name}`, { name, storageAccountId: this.accountId });
    this.queues.set(name, queue);
    return queue;
  }

  /** `access` on the account, or (blob and queue roles) on one container or queue named `target`. */
  public grant(access: StorageDataAccess, grantee: Grantee, target?: string): RoleAssignment {
    const role = STORAGE_DATA_ROLES[access];
    if (target === undefined || access.startsWith("table")) return grantRole(this.account, this.accountId, role, grantee);
    const kind = access.startsWith("blob") ? "container" : "queue";
    validateChildName(this.account, kind, target);
    const path = kind === "container" ? `blobServices/default/containers/${target}` : `queueServices/default/queues/${target}`;
    const scopeId = `${kind === "container" ? "Container" : "Queue"}Grants-${target}`;
    const assignment = grantRole(this.grantScope(scopeId), `${this.accountId}/${path}`, role, grantee);
    // The scope string names the child by text, so Terraform needs the ordering spelled out.
    const child = kind === "container" ? this.containers.get(target) : this.queues.get(target);
    if (child) addDependency(assignment, child);
    return assignment;
  }

  /**
   * grantRole keys an assignment by role and principal only, so grants on a container or queue
   * live under their own child scope to stay distinct from account-wide grants.
   */
  private grantScope(id: string): Construct {
    return (this.account.node.tryFindChild(id) as Construct | undefined) ?? new Construct(this.account, id);
  }
}

/**
 * `Base` with the account's data-plane grants: the one implementation for {@link StorageAccount}
 * (over `ResourceConstructBase`) and its import (over `ImportedResource`), through the
 * {@link StorageAccountChildren} the class creates in its constructor.
 */
export function withStorageGrants<TBase extends GrantTargetClass>(Base: TBase) {
  abstract class StorageGrants extends Base {
    /** Read blobs (Storage Blob Data Reader), on the account or on one `container`. */
    public grantBlobRead(grantee: Grantee, container?: string): RoleAssignment {
      return StorageAccountChildren.of(this).grant("blobRead", grantee, container);
    }

    /** Read, write and delete blobs (Storage Blob Data Contributor), on the account or on one `container`. */
    public grantBlobWrite(grantee: Grantee, container?: string): RoleAssignment {
      return StorageAccountChildren.of(this).grant("blobWrite", grantee, container);
    }

    /** Send messages (Storage Queue Data Message Sender), to every queue or to one `queue`. */
    public grantQueueSend(grantee: Grantee, queue?: string): RoleAssignment {
      return StorageAccountChildren.of(this).grant("queueSend", grantee, queue);
    }

    /** Read messages and queue metadata such as the message count (Storage Queue Data Reader), on every queue or one `queue`. */
    public grantQueueRead(grantee: Grantee, queue?: string): RoleAssignment {
      return StorageAccountChildren.of(this).grant("queueRead", grantee, queue);
    }

    /** Peek, receive and delete messages (Storage Queue Data Message Processor), on every queue or one `queue`. */
    public grantQueueProcess(grantee: Grantee, queue?: string): RoleAssignment {
      return StorageAccountChildren.of(this).grant("queueProcess", grantee, queue);
    }

    /** Read table entities (Storage Table Data Reader). */
    public grantTableRead(grantee: Grantee): RoleAssignment {
      return StorageAccountChildren.of(this).grant("tableRead", grantee);
    }

    /** Read, write and delete table entities (Storage Table Data Contributor). */
    public grantTableWrite(grantee: Grantee): RoleAssignment {
      return StorageAccountChildren.of(this).grant("tableWrite", grantee);
    }
  }
  return StorageGrants;
}

/**
 * An existing account: see {@link StorageAccount.fromId} and {@link StorageAccount.fromName}. The
 * endpoints assume the Azure public cloud (`<name>.<service>.core.windows.net`); nothing is looked up.
 */
export class ImportedStorageAccount extends withStorageGrants(ImportedResource) implements IStorageAccount {
  /** By resource id; an id known only at deploy time is split by Terraform. */
  public static fromId(scope: Construct, id: string, accountId: string): IStorageAccount {
    return new ImportedStorageAccount(scope, id, (self) => referenceFromId(self, accountId, STORAGE_ACCOUNT, "accountId"));
  }

  /** By name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IStorageAccount {
    return new ImportedStorageAccount(scope, id, (self) => referenceFromName(self, name, STORAGE_ACCOUNT, resourceGroup));
  }

  public readonly primaryBlobEndpoint = this.endpoint("blob");
  public readonly primaryDfsEndpoint = this.endpoint("dfs");
  public readonly primaryQueueEndpoint = this.endpoint("queue");
  public readonly primaryTableEndpoint = this.endpoint("table");
  public readonly dataLake = undefined;
  private readonly children = new StorageAccountChildren(this, this.id);

  public get containers(): ReadonlyMap<string, StorageContainer> {
    return this.children.containers;
  }

  public addContainer(name: string): StorageContainer {
    return this.children.addContainer(name);
  }

  private endpoint(service: string): string {
    return `https://${this.name}.${service}.core.windows.net/`;
  }
}
