import { parseResourceId } from "../core/resource-id";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, Grantee, grantRole } from "../core/grants";
import { IAzureResource, ImportedResource } from "../core/imported-resource";

/** The ARM type of function apps (sites of kind `functionapp`). */
export const FUNCTION_APP_TYPE = "Microsoft.Web/sites";

/** A function app, created here or imported with `FunctionApp.fromId`/`fromName`: what clients and grants need. */
export interface IFunctionApp extends IAzureResource {
  /**
   * Host name, e.g. `func-x.azurewebsites.net`: an API Management backend's or a caller's target
   * (an imported app's is `<name>.azurewebsites.net`).
   */
  readonly defaultHostname: string;
  /** Manage the app: settings, restarts, code deployment (Website Contributor on the app). */
  grantContributor(grantee: Grantee): RoleAssignment;
}

/** The app's named grants, shared by created and imported apps (assignments live under `scope`). */
export function grantFunctionAppContributor(scope: Construct, appId: string, grantee: Grantee): RoleAssignment {
  return grantRole(scope, appId, BuiltInRole.websiteContributor, grantee);
}

/** An existing function app: for grants and for whatever takes an {@link IFunctionApp}. */
export class ImportedFunctionApp extends ImportedResource implements IFunctionApp {
  public readonly defaultHostname: string;

  constructor(scope: Construct, id: string, resourceId: string) {
    super(scope, id, (self) => parseResourceId(self, resourceId, FUNCTION_APP_TYPE));
    // The classic default host name. Apps created with the opt-in unique default host name
    // (`<name>-<hash>.<region>.azurewebsites.net`, since June 2024) have another one, which only
    // Azure knows (MicrosoftDocs/azure-docs articles/app-service/includes/regionalization-note.md).
    this.defaultHostname = `${this.name}.azurewebsites.net`;
  }

  public grantContributor(grantee: Grantee): RoleAssignment {
    return grantFunctionAppContributor(this, this.id, grantee);
  }
}
