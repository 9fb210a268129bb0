import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** The Microsoft Entra administrator of a SQL server or Synapse workspace (a user, group or application). */
export interface EntraAdministrator {
  /** Login name shown in SQL, usually the display name of the user, group or application. */
  readonly login: string;
  /** Entra object id of the user, group or application's service principal. */
  readonly objectId: string;
  /** Entra tenant of the administrator. @default the deploying principal's tenant */
  readonly tenantId?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks the login and (literal) object id of an administrator. */
export function validateAdministrator(scope: IConstruct, admin: EntraAdministrator): void {
  if (!isUnresolved(admin.login) && admin.login.trim() === "") {
    invalid(scope, { field: "administrator.login", value: admin.login, rule: "is empty", fix: "use the display name of the Entra user, group or application" });
  }
  for (const [field, value] of [["administrator.objectId", admin.objectId], ["administrator.tenantId", admin.tenantId]] as const) {
    if (value !== undefined && !isUnresolved(value) && !GUID.test(value)) {
      invalid(scope, { field, value, rule: "is not a GUID", fix: `use the Entra ${field.endsWith("tenantId") ? "tenant id" : "object id"} (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)` });
    }
  }
}
