import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** Fixed database roles a database user joins (least privilege for reading and for writing data). */
export type SqlDatabaseRole = "db_datareader" | "db_datawriter";

/** A recorded contained database user: an Entra principal and the database roles it joins. */
export interface SqlDatabaseUser {
  /** The principal's name in Entra ID (for a managed identity, the name of the resource or identity). */
  readonly principalName: string;
  readonly roles: readonly SqlDatabaseRole[];
}

/** What a database user may do. */
export interface SqlDatabaseUserOptions {
  /** Database roles the user joins; `db_datawriter` alone cannot read, so writers take both. @default ["db_datareader"] */
  readonly roles?: readonly SqlDatabaseRole[];
}

/** The principal name must be literal text of at most 128 characters (a SQL `sysname`). */
export function validatePrincipalName(scope: IConstruct, principalName: string): void {
  if (isUnresolved(principalName)) {
    invalid(scope, {
      field: "principalName",
      rule: "is known only at deploy time, but the user script is written at synth",
      fix: "pass the literal Entra name of the identity (e.g. the Function App or user-assigned identity name)",
    });
  }
  if (principalName.trim() === "") {
    invalid(scope, {
      field: "principalName",
      value: principalName,
      rule: "is empty",
      fix: "pass the Entra display name of the user, group or managed identity",
    });
  }
  if (principalName.length > 128) {
    invalid(scope, {
      field: "principalName",
      value: principalName,
      rule: `is ${principalName.length} characters; a database user name must be 1-128`,
      fix: "pass the Entra display name of the user, group or managed identity",
    });
  }
}

/**
 * A T-SQL script creating a contained database user for each principal (`FROM EXTERNAL PROVIDER`)
 * and adding it to its roles. Re-runnable: users are created only when missing, and adding an
 * existing member to a role is a no-op.
 */
export function renderUserScript(serverName: string, databaseName: string, users: readonly SqlDatabaseUser[]): string {
  if (users.length === 0) return "";
  const where = [isUnresolved(serverName) ? undefined : `server ${serverName}`, isUnresolved(databaseName) ? undefined : `database ${databaseName}`]
    .filter(Boolean)
    .join(", ");
  const lines = [
    `-- Database access for Microsoft Entra principals${where ? ` (${where})` : ""}.`,
    "-- Run connected to the database itself (not master), signed in as the server's Microsoft Entra",
    "-- administrator (the pattern stacks run it during terraform apply when the deployer can reach the server).",
  ];
  for (const user of users) {
    const name = `[${user.principalName.replace(/]/g, "]]")}]`;
    const literal = `N'${user.principalName.replace(/'/g, "''")}'`;
    lines.push(
      "",
      `IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${literal})`,
      `    CREATE USER ${name} FROM EXTERNAL PROVIDER;`,
    );
    for (const role of user.roles) lines.push(`ALTER ROLE ${role} ADD MEMBER ${name};`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The database users recorded on one database, in the order they were first added, merged per
 * principal: shared by {@link SqlDatabase} and its import. Nothing is deployed; the script is rendered.
 */
/** Each database construct's users, so the shared members of `withSqlDatabaseMembers` find them. */
const USERS = new WeakMap<IConstruct, SqlDatabaseUsers>();

export class SqlDatabaseUsers {
  /** The users recorded for `database` (a database construct creates its set once, in its constructor). */
  public static of(database: IConstruct): SqlDatabaseUsers {
    const users = USERS.get(database);
    if (!users) throw new Error(`${database.node.path} has no SqlDatabaseUsers: its constructor creates them`);
    return users;
  }

  private readonly roles = new Map<string, SqlDatabaseRole[]>();

  constructor(
    private readonly database: IConstruct,
    private readonly serverName: string,
    private readonly databaseName: string,
  ) {
    USERS.set(database, this);
  }

  public add(principalName: string, options: SqlDatabaseUserOptions = {}): SqlDatabaseUser {
    validatePrincipalName(this.database, principalName);
    const wanted = options.roles ?? ["db_datareader"];
    const current = this.roles.get(principalName) ?? [];
    this.roles.set(principalName, [...current, ...wanted.filter((r, i) => !current.includes(r) && wanted.indexOf(r) === i)]);
    return { principalName, roles: [...(this.roles.get(principalName) ?? [])] };
  }

  public get users(): readonly SqlDatabaseUser[] {
    return [...this.roles].map(([principalName, roles]) => ({ principalName, roles: [...roles] }));
  }

  public script(): string {
    return renderUserScript(this.serverName, this.databaseName, this.users);
  }
}
