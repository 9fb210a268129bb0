import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, BuiltInRoleName, Grantee, grantRole } from "../core/grants";
import { GrantTargetClass } from "../core/data-grants";
import { ImportedResource } from "../core/imported-resource";
import { validateName } from "../core/naming";
import { parseResourceId, resourceIdOf } from "../core/resource-id";
import { SqlDatabaseUser, SqlDatabaseUserOptions, SqlDatabaseUsers } from "./user-script";

/** The resource type database ids name (the server is its parent). */
export const SQL_DATABASE_TYPE = "Microsoft.Sql/servers/databases";

/**
 * An Azure SQL database, created here or imported: where clients connect, its contained database
 * users (T-SQL, not Azure RBAC) and its Azure RBAC grants.
 */
export interface ISqlDatabase extends IConstruct {
  /** Database resource id. */
  readonly id: string;
  /** Database name. */
  readonly name: string;
  readonly resourceGroupName: string;
  /** Resource id of the logical server. */
  readonly serverId: string;
  readonly serverName: string;
  /** Host name clients connect to, e.g. `sql-x.database.windows.net`. */
  readonly fullyQualifiedDomainName: string;
  /**
   * Records a contained database user for an Entra principal (`CREATE USER … FROM EXTERNAL PROVIDER`)
   * and its role memberships, e.g. a Function App's managed identity by its name. Nothing is
   * deployed: {@link userScript} renders the T-SQL. Repeated calls for a principal merge the roles.
   */
  addDatabaseUser(principalName: string, options?: SqlDatabaseUserOptions): SqlDatabaseUser;
  /** The recorded users, in the order they were first added. */
  readonly databaseUsers: readonly SqlDatabaseUser[];
  /** The re-runnable T-SQL creating the recorded users (empty with none); names and roles only, no secret. */
  userScript(): string;
  /** Manage the database through Azure Resource Manager, not its data (SQL DB Contributor). */
  grantContributor(grantee: Grantee): RoleAssignment;
  /** Any Azure RBAC role (built-in or custom, by name) on the database. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/**
 * `Base` with the database's contained users and its grants: the one implementation for
 * {@link SqlDatabase} (over `ResourceConstructBase`) and its import (over `ImportedResource`).
 * The class creates its {@link SqlDatabaseUsers} in its constructor; grants live under it.
 */
export function withSqlDatabaseMembers<TBase extends GrantTargetClass>(Base: TBase) {
  abstract class SqlDatabaseMembers extends Base {
    /**
     * Records a contained database user for an Entra principal (`CREATE USER … FROM EXTERNAL PROVIDER`)
     * and the roles it joins (`db_datareader` unless `options.roles` says otherwise), e.g. a Function
     * App's managed identity by its name. Nothing is deployed: {@link userScript} renders the T-SQL
     * (on a `SqlDatabase`, `addDeployScript` runs it during apply). Repeated calls for a principal merge the roles.
     */
    public addDatabaseUser(principalName: string, options?: SqlDatabaseUserOptions): SqlDatabaseUser {
      return SqlDatabaseUsers.of(this).add(principalName, options);
    }

    /** The recorded users, in the order they were first added. */
    public get databaseUsers(): readonly SqlDatabaseUser[] {
      return SqlDatabaseUsers.of(this).users;
    }

    /**
     * The T-SQL that creates the recorded users and their role memberships (empty when there are
     * none). It contains names and roles only, no secrets; run it as the Entra administrator after
     * the database exists.
     */
    public userScript(): string {
      return SqlDatabaseUsers.of(this).script();
    }

    /** Manage the database through Azure Resource Manager, not its data (SQL DB Contributor). */
    public grantContributor(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, BuiltInRole.sqlDbContributor, grantee);
    }
  }
  return SqlDatabaseMembers;
}

/**
 * An existing database: see {@link SqlDatabase.fromId}. The server comes from the id and its host
 * name assumes the Azure public cloud (`<server>.database.windows.net`); nothing is looked up, and
 * the server's firewall and Entra administrator stay where the database is managed.
 */
export class ImportedSqlDatabase extends withSqlDatabaseMembers(ImportedResource) implements ISqlDatabase {
  /** By resource id (`…/servers/<server>/databases/<database>`); an id known only at deploy time is split by Terraform. */
  public static fromId(scope: Construct, id: string, databaseId: string): ISqlDatabase {
    return new ImportedSqlDatabase(scope, id, databaseId);
  }

  public readonly serverId: string;
  public readonly serverName: string;
  public readonly fullyQualifiedDomainName: string;

  private constructor(scope: Construct, id: string, databaseId: string) {
    let server: { name: string; id: string } | undefined;
    super(scope, id, (self) => {
      const parsed = parseResourceId(self, databaseId, SQL_DATABASE_TYPE, { field: "databaseId" });
      const [serverName, databaseName] = parsed.names;
      validateName(self, "sqlServer", serverName, "databaseId");
      validateName(self, "sqlDatabase", databaseName, "databaseId");
      const group = `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroupName}`;
      server = { name: serverName, id: resourceIdOf(group, "Microsoft.Sql/servers", [serverName]) };
      return { id: databaseId, name: databaseName, resourceGroupName: parsed.resourceGroupName };
    });
    this.serverName = server!.name;
    this.serverId = server!.id;
    this.fullyQualifiedDomainName = `${this.serverName}.database.windows.net`;
    new SqlDatabaseUsers(this, this.serverName, this.name);
  }
}
