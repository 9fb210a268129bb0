import { Construct } from "constructs";
import { CosmosdbSqlDatabase } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-database";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { invalid } from "../core/errors";
import { Grantee } from "../core/grants";
import { CosmosDbAccountReference } from "./account-ref";
import { CosmosDbContainerOptions, CosmosDbSqlContainer } from "./cosmos-db-container";
import { CosmosDbDataRoles, grantDataRole } from "./data-roles";
import { CosmosDbThroughputOptions, throughputConfig, validateEntityName, validateThroughput } from "./validation";

export interface CosmosDbSqlDatabaseProps extends CosmosDbThroughputOptions {
  /** The account: a `CosmosDbAccount`, `CosmosDbAccount.fromId(...)`/`fromName(...)`, or any account reference. */
  readonly account: CosmosDbAccountReference;
  /** Database name (1-255 characters without `/ \ # ?`). */
  readonly name: string;
}

/**
 * A Cosmos DB SQL API database. Throughput set here is shared by its containers; leave it out to
 * give each container its own. Add containers with {@link addContainer}.
 */
export class CosmosDbSqlDatabase extends Construct {
  public readonly resource: CosmosdbSqlDatabase;
  public readonly id: string;
  public readonly name: string;
  public readonly account: CosmosDbAccountReference;
  /** Containers added with {@link addContainer}, by name. */
  public readonly containers: ReadonlyMap<string, CosmosDbSqlContainer>;

  private readonly containerMap = new Map<string, CosmosDbSqlContainer>();
  private readonly path: string;

  constructor(scope: Construct, id: string, props: CosmosDbSqlDatabaseProps) {
    super(scope, id);
    validateEntityName(this, "database", props.name);
    validateThroughput(this, props);
    this.account = props.account;
    this.containers = this.containerMap;

    this.resource = new CosmosdbSqlDatabase(this, "Resource", {
      name: props.name,
      resourceGroupName: props.account.resourceGroupName,
      accountName: props.account.name,
      ...throughputConfig(props),
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.path = `${props.account.id}/dbs/${props.name}`;
  }

  /** Adds a container partitioned by `options.partitionKeyPaths`. */
  public addContainer(name: string, options: CosmosDbContainerOptions): CosmosDbSqlContainer {
    // Checked here too, so a bad name is reported before it becomes part of a construct id.
    validateEntityName(this, "container", name);
    if (this.containerMap.has(name)) {
      invalid(this, { field: "container name", value: name, rule: "is already defined in this database", fix: "add each container once" });
    }
    // The database's name attribute (not the literal) makes Terraform create the database first.
    const container = new CosmosDbSqlContainer(this, `Container-${name}`, { ...options, account: this.account, databaseName: this.name, name });
    this.containerMap.set(name, container);
    return container;
  }

  /** Read items and query every container of this database (Cosmos DB Built-in Data Reader). */
  public grantDataRead(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantDataRole(this, this.account, CosmosDbDataRoles.reader, grantee, this.path, this.resource);
  }

  /** Read, write and delete items in every container of this database (Cosmos DB Built-in Data Contributor). */
  public grantDataWrite(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantDataRole(this, this.account, CosmosDbDataRoles.contributor, grantee, this.path, this.resource);
  }
}
