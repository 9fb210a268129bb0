import { invalid } from "../core/errors";
import { FlowTarget } from "../core/flows";
import { IPrincipal } from "../core/grants";
import { ResourceConstruct } from "../core/resource-construct";
import {
  DataConnectionAccess,
  ICosmosDbAccountConnectable,
  MessagingConnectionAccess,
  receives,
  sends,
  serviceBusConnection,
  ServiceBusConnectionTarget,
} from "../function-app";
import type { SqlDatabaseRole } from "../sql";
import { StorageAccount } from "../storage";
import { AppSettings } from "../core/app-settings";
import { BuiltInConnectorName, ServiceProviderConnection, serviceProviderConnection } from "./connections";

/**
 * A database `connectSql` reaches: a `SqlDatabase`, `SqlDatabase.fromId(...)`, or one managed elsewhere
 * whose users you record yourself (`addDatabaseUser` receives the database user name, i.e. the app's name).
 */
export interface SqlConnectionTarget {
  /** Host name of the logical server, e.g. `sql-orders.database.windows.net`. */
  readonly fullyQualifiedDomainName: string;
  /** Database name. */
  readonly name: string;
  /** Records the contained database user and its roles (`db_datareader`, plus `db_datawriter` for writers). */
  addDatabaseUser(principalName: string, options: { readonly roles: readonly SqlDatabaseRole[] }): unknown;
}

/**
 * The built-in connections of a Standard logic app: each `connect*` call adds a
 * `serviceProviderConnections` entry to connections.json (managed identity), the app settings
 * holding the target's endpoint, and the least-privilege role on the target.
 */
export abstract class LogicAppStandardConnections extends ResourceConstruct {
  protected settings!: AppSettings;
  protected readonly connectionMap = new Map<string, ServiceProviderConnection>();
  /** Entra display name of the system-assigned identity (the app's name). */
  protected principalName!: string;
  protected systemAssigned!: boolean;
  protected appPrincipal!: IPrincipal;

  /**
   * The identity workflows act as: the system-assigned one (built-in connections use it), else
   * the first user-assigned one. Grant it what the workflows reach beyond the `connect*` targets.
   */
  public get principal(): IPrincipal {
    return this.appPrincipal;
  }

  /** Built-in connections by name. */
  public get connections(): ReadonlyMap<string, ServiceProviderConnection> {
    return this.connectionMap;
  }

  /**
   * Service Bus (`/serviceProviders/serviceBus`): receive for triggers and receive actions, send for
   * send actions; the roles on the namespace, or only on the queues, topics and subscriptions given.
   */
  public connectServiceBus(name: string, target: ServiceBusConnectionTarget, access: MessagingConnectionAccess): ServiceProviderConnection {
    const namespace = serviceBusConnection(this, target, access);
    const connection = this.addConnection(name, "serviceBus", { fullyQualifiedNamespace: namespace.fullyQualifiedNamespace });
    this.recordCall(name, namespace.fullyQualifiedNamespace);
    if (receives(access)) namespace.grantReceive(this.principal);
    if (sends(access)) namespace.grantSend(this.principal);
    return connection;
  }

  /** Cosmos DB for NoSQL (`/serviceProviders/AzureCosmosDB`), with its data-plane read and/or write role. */
  public connectCosmosDb(name: string, account: ICosmosDbAccountConnectable, access: DataConnectionAccess): ServiceProviderConnection {
    const connection = this.addConnection(name, "cosmosDb", { accountURI: account.endpoint });
    this.recordCall(name, account.endpoint);
    if (receives(access)) account.grantDataRead(this.principal);
    if (sends(access)) account.grantDataWrite(this.principal);
    return connection;
  }

  /**
   * Azure SQL (`/serviceProviders/sql`) with the system-assigned identity (`ManagedServiceIdentity`). Terraform cannot
   * create the database user: the user is recorded on the database for its `userScript()` under
   * {@link sqlPrincipalName} (`CREATE USER [<app>] FROM EXTERNAL PROVIDER` and the role memberships).
   */
  public connectSql(name: string, database: SqlConnectionTarget, access: DataConnectionAccess): ServiceProviderConnection {
    const connection = this.addConnection(name, "sql", { serverName: database.fullyQualifiedDomainName, databaseName: database.name });
    this.recordCall(name, database.fullyQualifiedDomainName);
    database.addDatabaseUser(this.principalName, { roles: sends(access) ? ["db_datareader", "db_datawriter"] : ["db_datareader"] });
    return connection;
  }

  /**
   * Blob storage (`/serviceProviders/AzureBlob`): read (Storage Blob Data Reader) and/or write
   * (Contributor), on the account or on one `container`.
   */
  public connectBlobStorage(name: string, account: StorageAccount, access: DataConnectionAccess, container?: string): ServiceProviderConnection {
    const connection = this.addConnection(name, "blob", { blobStorageEndpoint: account.primaryBlobEndpoint });
    this.recordCall(name, account, "blob");
    if (receives(access)) account.grantBlobRead(this.principal, container);
    if (sends(access)) account.grantBlobWrite(this.principal, container);
    return connection;
  }

  /**
   * Queue storage (`/serviceProviders/azurequeues`): read (Queue Data Message Processor and Reader,
   * for triggers that also read the message count) and/or write (Message Sender), on every queue or one `queue`.
   */
  public connectQueueStorage(name: string, account: StorageAccount, access: DataConnectionAccess, queue?: string): ServiceProviderConnection {
    const connection = this.addConnection(name, "queues", { queueServiceUri: account.primaryQueueEndpoint });
    this.recordCall(name, account, "queue");
    if (receives(access)) {
      account.grantQueueProcess(this.principal, queue);
      account.grantQueueRead(this.principal, queue);
    }
    if (sends(access)) account.grantQueueSend(this.principal, queue);
    return connection;
  }

  /** The database user name SQL grants use: the system-assigned identity's display name, which is the app's name. */
  public get sqlPrincipalName(): string {
    return this.principalName;
  }

  protected abstract assertOpen(what: string): void;

  /**
   * Records the connection's calls for the reachability rule (AIC-NET-010): the built-in connector
   * runs inside the app, so the app's VNet integration decides the path.
   */
  protected abstract recordCall(connection: string, target: FlowTarget, endpoint?: string): void;

  private addConnection(name: string, connector: BuiltInConnectorName, values: Record<string, string>): ServiceProviderConnection {
    this.assertOpen(`connection "${name}"`);
    if (!this.systemAssigned) {
      // Learn "Authenticate access and connections with managed identities": most built-in connectors take only the system-assigned one.
      invalid(this, {
        field: `connection "${name}"`,
        rule: "needs the system-assigned identity, which built-in service provider connections authenticate with",
        fix: "keep identity.systemAssigned on (the default)",
      });
    }
    if (this.connectionMap.has(name)) {
      invalid(this, { field: "connection name", value: name, rule: "is already a connection of this app", fix: "give each connection its own name" });
    }
    const connection = serviceProviderConnection(this, name, connector, values);
    for (const [setting, value] of Object.entries(connection.appSettings)) this.settings.set(setting, value);
    this.connectionMap.set(name, connection);
    return connection;
  }
}
