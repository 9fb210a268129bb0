import { createHash } from "crypto";
import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { Grantee, principalOf } from "../core/grants";
import { CosmosDbAccountReference } from "./account-ref";

/** A Cosmos DB built-in data-plane role: its name and the fixed GUID of its definition in every account. */
export interface CosmosDbDataRole {
  readonly name: string;
  readonly definitionGuid: string;
}

/**
 * The built-in data-plane roles of the Cosmos DB SQL API. These are Cosmos DB's own RBAC, not
 * Azure RBAC: `azurerm_role_assignment` cannot grant them.
 */
export const CosmosDbDataRoles = {
  /** Read items, run queries and read the change feed. */
  reader: { name: "Cosmos DB Built-in Data Reader", definitionGuid: "00000000-0000-0000-0000-000000000001" },
  /** Read, create, replace and delete items. */
  contributor: { name: "Cosmos DB Built-in Data Contributor", definitionGuid: "00000000-0000-0000-0000-000000000002" },
} as const satisfies Record<string, CosmosDbDataRole>;

/**
 * Grants a data-plane role on `resourcePath` (the account id, `<account>/dbs/<db>` or
 * `<account>/dbs/<db>/colls/<container>`) with an `azurerm_cosmosdb_sql_role_assignment` under
 * `scope`, to `grantee` (a principal or a construct with one). Granting the same role to the same principal twice under one scope returns the first.
 * The assignment's GUID name is left to the provider (it generates one on create).
 */
export function grantDataRole(
  scope: Construct,
  account: CosmosDbAccountReference,
  role: CosmosDbDataRole,
  grantee: Grantee,
  resourcePath: string,
  dependsOn?: TerraformResource,
): CosmosdbSqlRoleAssignment {
  const principal = principalOf(grantee);
  const key = createHash("sha256").update(principal.grantKey).digest("hex").slice(0, 8);
  const id = `Grant${role.name.replace(/[^A-Za-z0-9]/g, "")}${key}`;
  const existing = scope.node.tryFindChild(id) as CosmosdbSqlRoleAssignment | undefined;
  if (existing) return existing;
  return new CosmosdbSqlRoleAssignment(scope, id, {
    resourceGroupName: account.resourceGroupName,
    accountName: account.name,
    roleDefinitionId: `${account.id}/sqlRoleDefinitions/${role.definitionGuid}`,
    principalId: principal.principalId,
    scope: resourcePath,
    // The path names the database or container by text, so Terraform needs the ordering spelled out.
    dependsOn: dependsOn ? [dependsOn] : undefined,
  });
}
