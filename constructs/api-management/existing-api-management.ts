import { Construct } from "constructs";
import { DataAzurermApiManagement } from "@cdktf/provider-azurerm/lib/data-azurerm-api-management";
import { invalid } from "../core/errors";
import { IPrincipal, Principal } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";
import { IResourceGroup } from "../core/context";
import { resourceIdOf } from "../core/resource-id";
import { ApiManagementBase } from "./service-base";
import { validateChildName } from "./names";
import { ApiManagementTier, VirtualNetworkType } from "./sku";

/** What this app knows of an existing service beyond its id: the identities and named values children may use. */
export interface ExistingApiManagementOptions {
  /**
   * Object id of the service's system-assigned identity, needed for Key Vault–backed named values
   * read with that identity. @default unknown (such named values need a user-assigned identity)
   */
  readonly principalId?: string;
  /** User-assigned identities attached to the service. @default none */
  readonly userAssignedIdentities?: readonly UserAssignedIdentity[];
  /** Named values already defined on the service, so policies may reference them. @default none */
  readonly namedValues?: readonly string[];
  /** The service's tier, for the checks that depend on it (e.g. dedicated outbound IPs). @default unknown (those checks are skipped) */
  readonly sku?: ApiManagementTier;
  /** How the service joins a VNet. @default "None" */
  readonly virtualNetworkType?: "None" | VirtualNetworkType;
  /**
   * The gateway's public IP addresses, for firewalls that admit it.
   * @default read at plan time by an `azurerm_api_management` data source (its `public_ip_addresses`: the primary region's only,
   * azurerm @v4.55.0:website/docs/d/api_management.html.markdown)
   */
  readonly publicIpAddresses?: string[];
  /**
   * The gateway URL callers use.
   * @default `https://<name>.azure-api.net`, the default gateway host (https://learn.microsoft.com/azure/api-management/configure-custom-domain)
   */
  readonly gatewayUrl?: string;
}

/** An API Management service that exists outside this app (e.g. a shared platform gateway). */
export interface ExistingApiManagementProps extends ExistingApiManagementOptions {
  /** The service's name. */
  readonly name: string;
  /** Its resource group. @default the IntegrationContext's resource group */
  readonly resourceGroup?: IResourceGroup;
}

/** Resource type of a service, as `parseResourceId` and `resourceIdOf` take it. */
export const API_MANAGEMENT_TYPE = "Microsoft.ApiManagement/service";

/** The service behind {@link ApiManagement.fromName} and {@link ApiManagement.fromId}: children only, no service resource. */
export class ExistingApiManagement extends ApiManagementBase {
  public readonly id: string;
  public readonly name: string;
  public readonly serviceName: string;
  public readonly resourceGroupName: string;
  public readonly sku?: ApiManagementTier;
  public readonly virtualNetworkType: "None" | VirtualNetworkType;
  public readonly gatewayUrl: string;
  private readonly props: ExistingApiManagementProps;
  private lookedUpAddresses?: string[];
  private readonly existingNamedValues: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: ExistingApiManagementProps) {
    super(scope, id, { resourceGroup: props.resourceGroup });
    for (const name of props.namedValues ?? []) validateChildName(this, "named value", name);
    this.props = props;
    this.name = props.name;
    this.serviceName = props.name;
    this.resourceGroupName = this.resourceGroup.name;
    this.id = resourceIdOf(this.resourceGroup.id, API_MANAGEMENT_TYPE, [props.name]);
    this.existingNamedValues = new Set(props.namedValues ?? []);
    this.sku = props.sku;
    this.virtualNetworkType = props.virtualNetworkType ?? "None";
    this.gatewayUrl = props.gatewayUrl ?? `https://${props.name}.azure-api.net`;
  }

  /** As given, else looked up once (a data source is created only when something reads the addresses). */
  public get publicIpAddresses(): string[] {
    if (this.props.publicIpAddresses) return this.props.publicIpAddresses;
    const lookup = () => new DataAzurermApiManagement(this, "Lookup", { name: this.name, resourceGroupName: this.resourceGroupName });
    this.lookedUpAddresses ??= lookup().publicIpAddresses;
    return this.lookedUpAddresses;
  }

  /** The identity rule: the system-assigned identity (`principalId`), else the first user-assigned one; an error without either. */
  public get principal(): IPrincipal {
    if (this.props.principalId !== undefined) return Principal.ofConstruct(this, this.props.principalId);
    const first = this.props.userAssignedIdentities?.[0];
    if (first) return first;
    return invalid(this, {
      field: "principal",
      rule: "of the existing service is not known: neither principalId nor userAssignedIdentities is given",
      fix: "pass principalId (its system-assigned identity's object id) or userAssignedIdentities to ApiManagement.fromName (or fromId)",
    });
  }

  /** The named value's identity if given (it must be attached to this service), else the system identity. */
  public keyVaultReader(name: string, identity: UserAssignedIdentity | undefined): IPrincipal {
    if (identity) {
      if (!(this.props.userAssignedIdentities ?? []).includes(identity)) {
        invalid(this, {
          field: `identity of named value "${name}"`,
          value: identity.node.path,
          rule: "is not listed in userAssignedIdentities of the existing service",
          fix: "list it there once it is attached to the service",
        });
      }
      return identity;
    }
    if (this.props.principalId === undefined) {
      invalid(this, {
        field: `named value "${name}"`,
        rule: "reads Key Vault with the existing service's system identity, whose principalId is not given",
        fix: "pass principalId to ApiManagement.fromName (or fromId), or identity on the named value",
      });
    }
    return Principal.ofConstruct(this, this.props.principalId);
  }

  /** The imported service's own backends are not declared here, so a backend-id is not checked. */
  protected override knownBackends(): ReadonlySet<string> | undefined {
    return undefined;
  }

  protected override knownNamedValues(): ReadonlySet<string> {
    return this.existingNamedValues;
  }
}
