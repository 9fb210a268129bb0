import { Construct } from "constructs";
import { KeyVault as KeyVaultResource } from "@cdktf/provider-azurerm/lib/key-vault";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { clientConfig } from "../core/client-config";
import { invalid, isUnresolved } from "../core/errors";
import { IResourceGroup } from "../core/context";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { ResourceConstructBase } from "../core/data-grants";
import { KitProps } from "../core/resource-construct";
import { IKeyVault, ImportedKeyVault, withKeyVaultGrants } from "./vault-ref";

/**
 * The kit without `identity` and `customerManagedKey` (a vault has neither here); its private
 * endpoint is the `vault` sub-resource, its lock follows the profile (a data store).
 */
export interface KeyVaultProps extends Omit<KitProps, "identity" | "customerManagedKey">, NetworkAccessOptions {
  /** Pricing tier; `premium` adds HSM-backed keys. @default "standard" */
  readonly sku?: "standard" | "premium";
  /** Entra tenant that authenticates requests to the vault. @default the deploying principal's tenant */
  readonly tenantId?: string;
  /**
   * Days a deleted vault and its objects stay recoverable (7-90). Azure does not allow changing it
   * after the vault is created.
   * @default the profile's softDeleteRetentionDays (dev 7, prod 90)
   */
  readonly softDeleteRetentionDays?: number;
  /** Blocks purging deleted objects before their retention ends; cannot be turned off once on. @default true */
  readonly purgeProtection?: boolean;
}

/**
 * A Key Vault with Azure RBAC authorization (no access policies), purge protection and a
 * deny-by-default firewall. Access is granted with the `grant*` methods. Every other L1 setting
 * is reachable through {@link KeyVault.resource}.
 */
export class KeyVault extends withKeyVaultGrants(ResourceConstructBase) implements IKeyVault {
  /** An existing vault by resource id, for grants and what takes an {@link IKeyVault}; a token id is split at deploy time. */
  public static fromId(scope: Construct, id: string, vaultId: string): IKeyVault {
    return ImportedKeyVault.fromId(scope, id, vaultId);
  }

  /** An existing vault by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IKeyVault {
    return ImportedKeyVault.fromName(scope, id, name, resourceGroup);
  }

  public readonly resource: KeyVaultResource;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  /** Data-plane URI, e.g. `https://kv-x.vault.azure.net/`. */
  public readonly vaultUri: string;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;

  constructor(scope: Construct, id: string, props: KeyVaultProps = {}) {
    super(scope, id, props);
    const retention = props.softDeleteRetentionDays ?? this.context.defaults.softDeleteRetentionDays;
    validateRetention(this, retention);
    const name = this.nameFor("keyVault", props.name);
    // azurerm @v4.55.0:internal/services/keyvault/key_vault_resource.go: tenant_id is validation.IsUUID.
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (props.tenantId !== undefined && !isUnresolved(props.tenantId) && !guid.test(props.tenantId)) {
      invalid(this, {
        field: "tenantId",
        value: props.tenantId,
        rule: "is not a GUID (the provider requires the Entra tenant id, not its domain name)",
        fix: "use the tenant id from az account show --query tenantId, or leave tenantId out (the tenant Terraform signs in to)",
      });
    }

    this.resource = new KeyVaultResource(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      tenantId: props.tenantId ?? clientConfig(this).tenantId,
      skuName: props.sku ?? "standard",
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: props.purgeProtection ?? true,
      softDeleteRetentionDays: retention,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.vaultUri = this.resource.vaultUri;
    this.resourceGroupName = this.resourceGroup.name;

    // The endpoint needs the vault id, and public access depends on whether an endpoint exists.
    const kit = this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "vault" }],
      networkAccess: (access) => {
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        this.resource.putNetworkAcls({ defaultAction: access.defaultAction, bypass: "AzureServices", ipRules: access.ipRules });
      },
      dataStore: true,
    });
    this.privateEndpoint = kit.privateEndpoint;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;
  }
}

function validateRetention(scope: Construct, days: number): void {
  if (isUnresolved(days)) return;
  if (!Number.isInteger(days) || days < 7 || days > 90) {
    invalid(scope, {
      field: "softDeleteRetentionDays",
      value: days,
      rule: "is not a whole number of days from 7 to 90",
      fix: "set softDeleteRetentionDays to 7-90 (the range Azure allows)",
    });
  }
}
