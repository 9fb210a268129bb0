import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";

/** What a data-plane grant allows. */
export type DataAccess = "send" | "receive" | "manage";

const ROLES = {
  send: BuiltInRole.serviceBusDataSender,
  receive: BuiltInRole.serviceBusDataReceiver,
  manage: BuiltInRole.serviceBusDataOwner,
} as const;

/**
 * Grants the least-privilege Service Bus data role for `access` on `resourceId` (a namespace, queue,
 * topic or subscription id). Assignments live under `scope`, so each entity keeps its own.
 */
export function grantData(scope: Construct, resourceId: string, access: DataAccess, principal: IPrincipal): RoleAssignment {
  return grantRole(scope, resourceId, ROLES[access], principal);
}
