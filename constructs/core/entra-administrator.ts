import { IConstruct } from "constructs";
import { clientConfig } from "./client-config";
import { invalid, isUnresolved } from "./errors";

/** The Microsoft Entra administrator of a SQL server or Synapse workspace (a user, group or application). */
export interface EntraAdministrator {
  /** Login name shown in SQL, usually the display name of the user, group or application. */
  readonly login: string;
  /** Entra object id of the user, group or application's service principal. */
  readonly objectId: string;
  /** Entra tenant of the administrator. @default the deploying principal's tenant */
  readonly tenantId?: string;
}

/**
 * Login name of the default administrator, the deploying principal. `azurerm_client_config` has no
 * display name, and the login is a label: the provider's own example pairs a free-text login
 * ("AzureAD Admin") with the client config's object id
 * (azurerm @v4.55.0:website/docs/r/synapse_workspace_aad_admin.html.markdown).
 */
export const DEPLOYER_ADMINISTRATOR_LOGIN = "deploying-principal";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The nil GUID: a placeholder, never a real Entra object or tenant. */
export const NIL_GUID = "00000000-0000-0000-0000-000000000000";

/**
 * The administrator to use: the given one, else the principal running Terraform (object id and
 * tenant of `data.azurerm_client_config`, login {@link DEPLOYER_ADMINISTRATOR_LOGIN}).
 */
export function resolveAdministrator(scope: IConstruct, admin: EntraAdministrator | undefined): EntraAdministrator {
  if (admin) {
    validateAdministrator(scope, admin);
    return admin;
  }
  const deployer = clientConfig(scope);
  return { login: DEPLOYER_ADMINISTRATOR_LOGIN, objectId: deployer.objectId, tenantId: deployer.tenantId };
}

/** Checks the login and (literal) object id of an administrator. */
export function validateAdministrator(scope: IConstruct, admin: EntraAdministrator): void {
  if (!isUnresolved(admin.login) && admin.login.trim() === "") {
    invalid(scope, {
      field: "administrator.login",
      value: admin.login,
      rule: "is empty",
      fix: "use the display name of the Entra user, group or application",
    });
  }
  for (const [field, value] of [["administrator.objectId", admin.objectId], ["administrator.tenantId", admin.tenantId]] as const) {
    if (value === undefined || isUnresolved(value)) continue;
    const what = field.endsWith("tenantId") ? "tenant id" : "object id";
    if (!GUID.test(value)) {
      invalid(scope, { field, value, rule: "is not a GUID", fix: `use the Entra ${what} (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)` });
    }
    if (value === NIL_GUID) {
      invalid(scope, {
        field,
        value,
        rule: "is the nil GUID, a placeholder that names no Entra principal: nobody could sign in as administrator",
        fix:
          what === "object id"
            ? "use the object id of the Entra group or user that administers the databases, or leave administrator unset (the deploying principal)"
            : "use the real Entra tenant id, or leave tenantId unset (the deploying principal's tenant)",
      });
    }
  }
}
