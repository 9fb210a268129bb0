// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/core/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { Construct } from "constructs";
import { AppConfiguration } from "@cdktf/provider-azurerm/lib/app-configuration";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import {
  IPrincipal, KitProps, ResourceConstruct, grantRole, identityBlock, invalid, isUnresolved, kebab, pathSuffix,
} from "azure-integration-cdktf/authoring";
import { UserAssignedIdentity } from "azure-integration-cdktf";

/** The kit without a private endpoint and a customer-managed key (see below); the store is a data store for locks. */
export interface ConfigStoreProps extends Omit<KitProps, "privateEndpoint" | "customerManagedKey"> {
  /** Days a deleted store stays recoverable (1-7; ForceNew). @default 7 */
  readonly softDeleteRetentionDays?: number;
}

/** An App Configuration store on the kit: Entra ID only (access keys off), purge protection, diagnostics, a prod lock. */
export class ConfigStore extends ResourceConstruct {
  public readonly resource: AppConfiguration;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: ConfigStoreProps = {}) {
    super(scope, id, props); // resource group, location, tags and context, from props or the IntegrationContext
    const retention = props.softDeleteRetentionDays ?? 7;
    if (!isUnresolved(retention) && (!Number.isInteger(retention) || retention < 1 || retention > 7)) {
      invalid(this, { field: "softDeleteRetentionDays", value: retention, rule: "is not a whole number from 1 to 7", fix: "set 1-7 days" });
    }
    // Not in NAMING_RULES: the name is built like the kit's (prefix, id, path suffix) and checked against azurerm's rule.
    const name = props.name ?? `appcs-${kebab(`${this.context.namePrefix ?? ""}-${this.node.id}`).slice(0, 36)}-${pathSuffix(this)}`;
    if (!isUnresolved(name) && !/^[A-Za-z0-9-]{5,50}$/.test(name)) {
      invalid(this, { field: "name", value: name, rule: "breaks the App Configuration naming rule", fix: "use 5-50 letters, digits and hyphens" });
    }
    this.resource = new AppConfiguration(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      sku: "standard",
      localAuthEnabled: false,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: retention,
      identity: identityBlock(props.identity),
      tags: this.tags,
    });
    // Diagnostics (allLogs + AllMetrics) and the profile's lock; a service with a private endpoint lists
    // `privateEndpoints` and applies public access in `networkAccess`.
    this.id = this.resource.id;
    this.wireKit(props, { resourceId: this.id, name, dataStore: true });
  }

  /** Read key-values (App Configuration Data Reader) on this store. */
  public grantRead(principal: IPrincipal): RoleAssignment {
    return grantRole(this, this.resource.id, "App Configuration Data Reader", principal);
  }
}

const settings = new ConfigStore(stack, "Settings");
settings.grantRead(new UserAssignedIdentity(stack, "Worker"));
