import { IConstruct } from "constructs";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRoleName, Grantee } from "../core/grants";
import type { CosmosDbSqlDatabase } from "./cosmos-db-database";
import { CosmosDbThroughputOptions } from "./validation";

/** The resource type account ids name, and the rule account names follow. */
export const COSMOS_DB_ACCOUNT = { type: "Microsoft.DocumentDB/databaseAccounts", naming: "cosmosDbAccount" } as const;

/** What databases, containers and data-plane grants read of an account: its id, names and endpoint. */
export interface CosmosDbAccountReference {
  /** Resource id of the account. */
  readonly id: string;
  /** Account name. */
  readonly name: string;
  /** Resource group of the account. */
  readonly resourceGroupName: string;
  /** Data-plane endpoint, e.g. `https://cosmos-x.documents.azure.com:443/`. */
  readonly endpoint: string;
}

/** A Cosmos DB (NoSQL) account, created here or imported: what clients, databases and grants need. */
export interface ICosmosDbAccount extends IConstruct, CosmosDbAccountReference {
  /** Databases added through this construct, by name (an import knows only those it added). */
  readonly databases: ReadonlyMap<string, CosmosDbSqlDatabase>;
  /** Adds a SQL API database; throughput set here is shared by its containers. */
  addDatabase(name: string, options?: CosmosDbThroughputOptions): CosmosDbSqlDatabase;
  /** Read items and query every database of the account (Cosmos DB Built-in Data Reader). */
  grantDataRead(grantee: Grantee): CosmosdbSqlRoleAssignment;
  /** Read, write and delete items in every database of the account (Cosmos DB Built-in Data Contributor). */
  grantDataWrite(grantee: Grantee): CosmosdbSqlRoleAssignment;
  /** Any Azure RBAC role (control plane, built-in or custom, by name) on the account. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}
