import { Construct } from "constructs";
import { CosmosdbSqlContainer } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-container";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { Grantee } from "../core/grants";
import { CosmosDbAccountReference } from "./account-ref";
import { CosmosDbDataRoles, grantDataRole } from "./data-roles";
import {
  CosmosDbThroughputOptions,
  throughputConfig,
  validateDefaultTtl,
  validateEntityName,
  validatePartitionKey,
  validateThroughput,
  validateUniqueKeys,
} from "./validation";

/** How a container is partitioned and what it enforces; used by `CosmosDbSqlDatabase.addContainer`. */
export interface CosmosDbContainerOptions extends CosmosDbThroughputOptions {
  /**
   * Partition key paths, e.g. `["/tenantId"]`; two or three paths make a hierarchical key. Cannot be
   * changed after the container is created.
   */
  readonly partitionKeyPaths: readonly string[];
  /** Partition key version; 2 allows keys longer than 100 bytes and hierarchical keys. @default 2 */
  readonly partitionKeyVersion?: number;
  /** Default time to live in seconds; -1 turns TTL on without a default expiry. @default TTL off */
  readonly defaultTtl?: number;
  /** Unique keys, each a list of paths unique per logical partition, e.g. `[["/email"]]`. @default none */
  readonly uniqueKeys?: readonly (readonly string[])[];
}

export interface CosmosDbSqlContainerProps extends CosmosDbContainerOptions {
  /** The account: a `CosmosDbAccount`, `CosmosDbAccount.fromId(...)`/`fromName(...)`, or any account reference. */
  readonly account: CosmosDbAccountReference;
  /** Name of the database the container lives in. */
  readonly databaseName: string;
  /** Container name (1-255 characters without `/ \ # ?`). */
  readonly name: string;
}

/**
 * A Cosmos DB SQL API container. Data-plane access is granted with {@link grantDataRead} and
 * {@link grantDataWrite}; every other L1 setting (indexing policy, conflict resolution) is
 * reachable through {@link CosmosDbSqlContainer.resource}.
 */
export class CosmosDbSqlContainer extends Construct {
  public readonly resource: CosmosdbSqlContainer;
  public readonly id: string;
  public readonly name: string;
  private readonly account: CosmosDbAccountReference;
  private readonly path: string;

  constructor(scope: Construct, id: string, props: CosmosDbSqlContainerProps) {
    super(scope, id);
    validateEntityName(this, "container", props.name);
    const version = props.partitionKeyVersion ?? 2;
    validatePartitionKey(this, props.partitionKeyPaths, version);
    validateDefaultTtl(this, props.defaultTtl);
    validateUniqueKeys(this, props.uniqueKeys ?? []);
    validateThroughput(this, props);
    this.account = props.account;

    this.resource = new CosmosdbSqlContainer(this, "Resource", {
      name: props.name,
      resourceGroupName: props.account.resourceGroupName,
      accountName: props.account.name,
      databaseName: props.databaseName,
      partitionKeyPaths: [...props.partitionKeyPaths],
      partitionKeyKind: props.partitionKeyPaths.length > 1 ? "MultiHash" : "Hash",
      partitionKeyVersion: version,
      defaultTtl: props.defaultTtl,
      uniqueKey: props.uniqueKeys?.map((paths) => ({ paths: [...paths] })),
      ...throughputConfig(props),
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.path = `${props.account.id}/dbs/${props.databaseName}/colls/${props.name}`;
  }

  /** Read items and query this container (Cosmos DB Built-in Data Reader). */
  public grantDataRead(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantDataRole(this, this.account, CosmosDbDataRoles.reader, grantee, this.path, this.resource);
  }

  /** Read, write and delete items in this container (Cosmos DB Built-in Data Contributor). */
  public grantDataWrite(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantDataRole(this, this.account, CosmosDbDataRoles.contributor, grantee, this.path, this.resource);
  }
}
