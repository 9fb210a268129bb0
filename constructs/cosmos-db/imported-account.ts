import { Construct } from "constructs";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { IResourceGroup } from "../core/context";
import { invalid } from "../core/errors";
import { Grantee } from "../core/grants";
import { ImportedResource, referenceFromId, referenceFromName } from "../core/imported-resource";
import { COSMOS_DB_ACCOUNT, ICosmosDbAccount } from "./account-ref";
import { CosmosDbSqlDatabase } from "./cosmos-db-database";
import { CosmosDbDataRoles, grantDataRole } from "./data-roles";
import { CosmosDbThroughputOptions, validateEntityName } from "./validation";

/**
 * Adds database `name` under `account` (construct id `Database-<name>`, a Terraform address) and
 * records it in `databases`: shared by {@link CosmosDbAccount} and its import.
 */
export function addAccountDatabase(
  account: ICosmosDbAccount,
  databases: Map<string, CosmosDbSqlDatabase>,
  name: string,
  options: CosmosDbThroughputOptions,
): CosmosDbSqlDatabase {
  // Checked here too, so a bad name is reported before it becomes part of a construct id.
  validateEntityName(account, "database", name);
  if (databases.has(name)) {
    invalid(account, { field: "database name", value: name, rule: "is already defined on this account", fix: "add each database once" });
  }
  const database = new CosmosDbSqlDatabase(account as Construct, `Database-${name}`, { ...options, account, name });
  databases.set(name, database);
  return database;
}

/** The account-wide data-plane grants, shared by {@link CosmosDbAccount} and its import. */
export function grantOnAccount(account: ICosmosDbAccount & Construct, access: "read" | "write", grantee: Grantee): CosmosdbSqlRoleAssignment {
  return grantDataRole(account, account, access === "read" ? CosmosDbDataRoles.reader : CosmosDbDataRoles.contributor, grantee, account.id);
}

/**
 * An existing account: see {@link CosmosDbAccount.fromId} and {@link CosmosDbAccount.fromName}. The
 * endpoint assumes the Azure public cloud (`https://<name>.documents.azure.com:443/`); nothing is
 * looked up. Databases, containers and grants are created as on an account of this app.
 */
export class ImportedCosmosDbAccount extends ImportedResource implements ICosmosDbAccount {
  /** By resource id; an id known only at deploy time is split by Terraform. */
  public static fromId(scope: Construct, id: string, accountId: string): ICosmosDbAccount {
    return new ImportedCosmosDbAccount(scope, id, (self) => referenceFromId(self, accountId, COSMOS_DB_ACCOUNT, "accountId"));
  }

  /** By name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): ICosmosDbAccount {
    return new ImportedCosmosDbAccount(scope, id, (self) => referenceFromName(self, name, COSMOS_DB_ACCOUNT, resourceGroup));
  }

  public readonly endpoint = `https://${this.name}.documents.azure.com:443/`;
  private readonly databaseMap = new Map<string, CosmosDbSqlDatabase>();

  public get databases(): ReadonlyMap<string, CosmosDbSqlDatabase> {
    return this.databaseMap;
  }

  public addDatabase(name: string, options: CosmosDbThroughputOptions = {}): CosmosDbSqlDatabase {
    return addAccountDatabase(this, this.databaseMap, name, options);
  }

  public grantDataRead(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantOnAccount(this, "read", grantee);
  }

  public grantDataWrite(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantOnAccount(this, "write", grantee);
  }
}
