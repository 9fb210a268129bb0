import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRoleName, Grantee, grantRole } from "./grants";
import { parseResourceId } from "./resource-id";

/** What every `I<Service>` starts from: the resource's id, name and group, and the generic grant. */
export interface IAzureResource extends IConstruct {
  /** Resource id. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /** Any role on the resource, built-in or custom, by name; returns the role assignment. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/**
 * Base of the imported forms behind `fromId`/`fromName`: an existing resource of `type`
 * (`Microsoft.Web/sites`) read with {@link parseResourceId} (a wrong literal id fails at this
 * construct's path; a token is split at deploy time), with the generic `grant` every `I<Service>` has.
 * Subclasses add the service's named grants, implemented by the functions the construct uses too.
 */
export abstract class ImportedResource extends Construct implements IAzureResource {
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;

  protected constructor(scope: Construct, id: string, resourceId: string, type: string) {
    super(scope, id);
    ({ id: this.id, name: this.name, resourceGroupName: this.resourceGroupName } = parseResourceId(this, resourceId, type));
  }

  /** Any role on the resource, built-in or custom, by name. */
  public grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment {
    return grantRole(this, this.id, role, grantee);
  }
}
