import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IResourceGroup, IntegrationContext } from "./context";
import { BuiltInRoleName, Grantee, grantRole } from "./grants";
import { ResourceType, validateName } from "./naming";
import { parseResourceId, resourceIdOf } from "./resource-id";

/** What every `I<Service>` starts from: the resource's id, name and group, and the generic grant. */
export interface IAzureResource extends IConstruct {
  /** Resource id. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /** Any role on the resource, built-in or custom, by name; returns the role assignment. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/** What every import knows of its resource: the id and the names in it. */
export interface ResourceReference {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
}

/** How an import names its resource: Azure's resource type and the naming rule its name follows. */
export interface ImportedResourceType {
  /** e.g. `Microsoft.KeyVault/vaults` */
  readonly type: string;
  readonly naming: ResourceType;
}

/** A reference from a resource id (literal: checked, naming `field`; a token: split by Terraform). */
export function referenceFromId(self: IConstruct, resourceId: string, kind: ImportedResourceType, field: string): ResourceReference {
  const parsed = parseResourceId(self, resourceId, kind.type, { field });
  validateName(self, kind.naming, parsed.name, field);
  return parsed;
}

/** A reference from a name in `resourceGroup` or the IntegrationContext's resource group. */
export function referenceFromName(self: IConstruct, name: string, kind: ImportedResourceType, resourceGroup?: IResourceGroup): ResourceReference {
  validateName(self, kind.naming, name);
  const group = IntegrationContext.resourceGroup(self, resourceGroup);
  return { id: resourceIdOf(group.id, kind.type, [name]), name, resourceGroupName: group.name };
}

/**
 * The one base of constructs that stand for a resource without being a {@link ResourceConstruct}
 * (imports, child entities such as a queue or a subscription): the resource id grants go to and
 * the generic {@link grant} every resource construct has.
 */
export abstract class GrantableResource extends Construct {
  /** Resource id the grants go to. */
  public abstract readonly id: string;

  /** Grants any role (built-in or custom, by name) on the resource; returns the role assignment. */
  public grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment {
    return grantRole(this, this.id, role, grantee);
  }
}

/**
 * Base of the imported forms (`fromId`/`fromName`): a construct standing for a resource managed
 * elsewhere, with its reference read in its own scope (errors name the import's path). The
 * constructor is public so the class can be a grant mixin's base; it stays abstract.
 */
export abstract class ImportedResource extends GrantableResource implements IAzureResource {
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;

  constructor(scope: Construct, id: string, read: (self: IConstruct) => ResourceReference) {
    super(scope, id);
    const ref = read(this);
    this.id = ref.id;
    this.name = ref.name;
    this.resourceGroupName = ref.resourceGroupName;
  }
}
