import { parseResourceId } from "../core/resource-id";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, Grantee, grantRole } from "../core/grants";
import { IAzureResource, ImportedResource } from "../core/imported-resource";

/** The ARM type of data factories. */
export const DATA_FACTORY_TYPE = "Microsoft.DataFactory/factories";

/** A data factory, created here or imported with `DataFactory.fromId`/`fromName`: what grants and references need. */
export interface IDataFactory extends IAzureResource {
  /** Manage the factory and its entities (Data Factory Contributor), e.g. for a release pipeline. */
  grantContributor(grantee: Grantee): RoleAssignment;
}

/** The factory's named grants, shared by created and imported factories (assignments live under `scope`). */
export function grantDataFactoryContributor(scope: Construct, factoryId: string, grantee: Grantee): RoleAssignment {
  return grantRole(scope, factoryId, BuiltInRole.dataFactoryContributor, grantee);
}

/** An existing data factory: for grants and for whatever takes an {@link IDataFactory}. */
export class ImportedDataFactory extends ImportedResource implements IDataFactory {
  constructor(scope: Construct, id: string, resourceId: string) {
    super(scope, id, (self) => parseResourceId(self, resourceId, DATA_FACTORY_TYPE));
  }

  public grantContributor(grantee: Grantee): RoleAssignment {
    return grantDataFactoryContributor(this, this.id, grantee);
  }
}
