import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageBlob } from "@cdktf/provider-azurerm/lib/storage-blob";
import { AppSettings } from "../core/app-settings";
import { deployerPosition } from "../core/deployer";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";
import { PrivateEndpoint } from "../core/private-endpoint";
import { recordSuppression } from "../core/suppressions";
import { StorageAccount, StorageAccountProps } from "../storage";
import { FunctionAppPlan } from "./plans";

// Recorded on the host storage the app opens itself, so the pack reports the reason instead of a warning.
export const HOST_STORAGE_OPEN_REASON =
  "Without VNet integration the function host reaches its storage from Azure App Service's shared outbound addresses, " +
  "which a deny-by-default firewall blocks; every request still needs an Entra ID token (shared keys are off).";

export interface HostStorageInput {
  /** `storageAccountProps` of the app. */
  readonly props?: StorageAccountProps;
  /** The account's name: `props.name` or the one generated for the app. */
  readonly name: string;
  /** Whether the app has VNet integration (else the account stays reachable from public endpoints). */
  readonly integrated: boolean;
  /** Whether the deployer uploads the package to the account (`packageBlob`). */
  readonly deployerWrites: boolean;
  /** The IntegrationContext's allowedIpRanges, kept when the deployer's ranges are added. */
  readonly contextAllowedIpRanges?: readonly string[];
  readonly replication: StorageAccountProps["replication"];
  readonly tags?: Record<string, string>;
}

/** The dedicated host storage account (`<app>/Storage`) and its queue and table private endpoints next to the blob one. */
export function createHostStorage(scope: Construct, input: HostStorageInput): StorageAccount {
  const { props, name, integrated } = input;
  // Without VNet integration the app reaches its storage from App Service's shared outbound
  // addresses, which a deny-by-default firewall would block; access still needs Entra ID.
  const reachable: StorageAccountProps = integrated ? {} : { publicNetworkAccess: true, firewallDefaultAction: "Allow", privateEndpoint: false };
  // A public deployer uploads the package through the firewall from its egress ranges.
  const deployer = deployerPosition(scope);
  const admitted: StorageAccountProps =
    input.deployerWrites && deployer.network === "public" && deployer.egressIpRanges.length > 0
      ? { allowedIpRanges: [...(props?.allowedIpRanges ?? input.contextAllowedIpRanges ?? []), ...deployer.egressIpRanges] }
      : {};
  const storage = new StorageAccount(scope, "Storage", { replication: input.replication, ...reachable, ...props, ...admitted, name });
  if (!integrated && props?.firewallDefaultAction === undefined) recordSuppression(storage, "AIC-ST-005", HOST_STORAGE_OPEN_REASON);
  if (storage.privateEndpoints.blob) {
    // The host also uses queues (blob triggers) and tables (diagnostic events).
    for (const subresource of ["queue", "table"] as const) {
      PrivateEndpoint.forResource(
        scope,
        `StoragePrivateEndpoint${subresource[0].toUpperCase()}${subresource.slice(1)}`,
        {
          ownerName: name, resourceGroup: storage.resourceGroup, location: storage.location,
          targetResourceId: storage.id, subresource, tags: input.tags,
        },
        props?.privateEndpoint,
      );
    }
  }
  return storage;
}

export interface HostStorageSettingsInput {
  readonly plan: FunctionAppPlan;
  readonly hostStorage: StorageAccount;
  readonly settings: AppSettings;
  readonly principal: IPrincipal;
  /** Client id of the user-assigned identity the app authenticates with, if not the system one. */
  readonly clientId?: string;
  /** With `packageBlob`: the blob the app runs from and the identity it reads it with. */
  readonly packageBlob?: StorageBlob;
  readonly packageIdentity?: UserAssignedIdentity;
}

/** AzureWebJobsStorage through the app's identity, and the data roles the Functions host needs (returned). */
export function configureHostStorage(scope: Construct, input: HostStorageSettingsInput): RoleAssignment[] {
  const { settings, hostStorage } = input;
  if (input.plan === "FlexConsumption") {
    // azurerm 4.55 writes a keyless connection string into AzureWebJobsStorage for Flex apps
    // (azurerm #29149, #29693); an empty value makes the host use the identity-based settings.
    settings.set("AzureWebJobsStorage", "");
    settings.set("AzureWebJobsStorage__accountName", hostStorage.name);
  } else if (input.packageBlob && input.packageIdentity) {
    // The blob's URL: a new build is a new blob name, so the setting changes and the app restarts.
    settings.set("WEBSITE_RUN_FROM_PACKAGE", input.packageBlob.url);
    settings.set("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", input.packageIdentity.id);
  } else {
    settings.set("WEBSITE_RUN_FROM_PACKAGE", "1");
  }
  settings.set("AzureWebJobsStorage__credential", "managedidentity");
  if (input.clientId !== undefined) settings.set("AzureWebJobsStorage__clientId", input.clientId);
  const grants = new Construct(scope, "HostStorageAccess");
  return [BuiltInRole.storageBlobDataOwner, BuiltInRole.storageQueueDataContributor, BuiltInRole.storageTableDataContributor].map((role) =>
    grantRole(grants, hostStorage.id, role, input.principal),
  );
}
