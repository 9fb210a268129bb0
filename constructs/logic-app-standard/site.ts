import { Construct } from "constructs";
import { LogicAppStandard as LogicAppStandardResource } from "@cdktf/provider-azurerm/lib/logic-app-standard";
import { IdentityOptions, UserAssignedIdentity, identityBlock } from "../core/identity";

/** What the site resource is built from; the construct decides every value. */
export interface SiteInput {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly servicePlanId: string;
  readonly storageAccountName: string;
  readonly storageAccountAccessKey: string;
  readonly contentShareName: string;
  readonly integrationSubnetId?: string;
  readonly ipRestrictions: { name: string; ipAddress: string; action: "Allow"; priority: number }[];
  readonly identity: { type: string; identityIds?: string[] };
  readonly tags?: Record<string, string>;
}

const TLS = "1.2";

/**
 * The `azurerm_logic_app_standard`: Functions runtime `~4` with the Workflows extension bundle,
 * HTTPS only, TLS 1.2 on the site and SCM, FTP off, no basic-auth publishing (the workflows arrive
 * as a package, not through Kudu), HTTP/2, and with VNet integration all outbound traffic and the
 * content share routed through the VNet (`vnet_content_share_enabled` is WEBSITE_CONTENTOVERVNET;
 * Learn "Deploy Standard logic apps to private storage accounts").
 */
export function standardSite(scope: Construct, id: string, input: SiteInput): LogicAppStandardResource {
  const integrated = input.integrationSubnetId !== undefined;
  return new LogicAppStandardResource(scope, id, {
    name: input.name,
    resourceGroupName: input.resourceGroupName,
    location: input.location,
    appServicePlanId: input.servicePlanId,
    storageAccountName: input.storageAccountName,
    // Required by azurerm 4.55 (azurerm #25419): a reference to the account's key, never a literal.
    storageAccountAccessKey: input.storageAccountAccessKey,
    storageAccountShareName: input.contentShareName,
    version: "~4",
    httpsOnly: true,
    ftpPublishBasicAuthenticationEnabled: false,
    scmPublishBasicAuthenticationEnabled: false,
    virtualNetworkSubnetId: input.integrationSubnetId,
    vnetContentShareEnabled: integrated ? true : undefined,
    identity: input.identity,
    siteConfig: {
      minTlsVersion: TLS,
      scmMinTlsVersion: TLS,
      ftpsState: "Disabled",
      http2Enabled: true,
      vnetRouteAllEnabled: integrated ? true : undefined,
      ipRestriction: input.ipRestrictions,
      scmUseMainIpRestriction: true,
    },
    tags: input.tags,
  });
}

export interface ResolvedIdentity {
  readonly block: { type: string; identityIds?: string[] };
  readonly systemAssigned: boolean;
  /** The identity the app reads its package with: the first user-assigned one, else one made for it. */
  readonly packageIdentity: UserAssignedIdentity;
  /** The app's identities as the principal rule reads them (the package identity among the user-assigned ones). */
  readonly identities: IdentityOptions;
}

/**
 * The app's identities. The package is read with a user-assigned identity so its role exists
 * before the app first starts (a system-assigned identity only exists once the app does).
 */
export function resolveIdentity(scope: Construct, options: IdentityOptions | undefined): ResolvedIdentity {
  const userAssigned = [...(options?.userAssigned ?? [])];
  const packageIdentity = userAssigned[0] ?? new UserAssignedIdentity(scope, "PackageIdentity");
  const systemAssigned = options?.systemAssigned ?? true;
  const identities = { systemAssigned, userAssigned: userAssigned.length > 0 ? userAssigned : [packageIdentity] };
  return { block: identityBlock(identities)!, systemAssigned, packageIdentity, identities };
}

