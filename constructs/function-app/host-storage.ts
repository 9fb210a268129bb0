import { Construct } from "constructs";
import { TerraformAsset } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageBlob } from "@cdktf/provider-azurerm/lib/storage-blob";
import { AppSettings } from "../core/app-settings";
import { deployerPosition } from "../core/deployer";
import { invalid } from "../core/errors";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";
import { pathSuffix } from "../core/naming";
import { PrivateEndpoint } from "../core/private-endpoint";
import { recordSuppression } from "../core/suppressions";
import { StorageAccount, StorageAccountProps } from "../storage";
import { FunctionAppBuild } from "./bundle";
import { PackageUpload, uploadPackage } from "./deployment";
import { FunctionAppPlan } from "./plans";
import { FunctionAppProps } from "./props";

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

/** What the app decided about its storage; the names are generated only for what is created. */
export interface AppStorageInput {
  readonly props: Pick<FunctionAppProps, "existingStorageAccount" | "storageAccountProps">;
  readonly plan: FunctionAppPlan;
  /** Whether the app has VNet integration. */
  readonly integrated: boolean;
  /** Whether the code deployment is `packageBlob` (the deployer uploads the package). */
  readonly packageBlob: boolean;
  readonly storageAccountName: () => string;
  readonly packageIdentityName: () => string;
  readonly contextAllowedIpRanges?: readonly string[];
  readonly replication: StorageAccountProps["replication"];
  readonly tags?: Record<string, string>;
  readonly asset: TerraformAsset;
  readonly build: FunctionAppBuild;
}

/** The app's storage: the host storage account and its package container, and what `packageBlob` uploads. */
export interface AppStorage {
  readonly hostStorage: StorageAccount;
  /** The package container's name (the Flex Consumption deployment container). */
  readonly container: string;
  /** The container's name when the app uses it (Flex Consumption or `packageBlob`). */
  readonly packageContainer?: string;
  readonly upload?: PackageUpload;
}

/** Host storage (created or existing), the package container and, with `packageBlob`, the package upload. */
export function appStorage(scope: Construct, input: AppStorageInput): AppStorage {
  const { props, packageBlob, plan } = input;
  const hostStorage = props.existingStorageAccount ?? createHostStorage(scope, {
    props: props.storageAccountProps,
    name: props.storageAccountProps?.name ?? input.storageAccountName(),
    integrated: input.integrated,
    deployerWrites: packageBlob,
    contextAllowedIpRanges: input.contextAllowedIpRanges,
    replication: input.replication,
    tags: input.tags,
  });
  // The host keeps its triggers' queues and its leases/diagnostic events in tables: log those services too.
  hostStorage.useService("queue");
  hostStorage.useService("table");
  const container = `app-package-${pathSuffix(scope, 8)}`;
  const used = plan === "FlexConsumption" || packageBlob;
  if (used) hostStorage.addContainer(container);
  // The package exists, and may be read, before the app first starts and mounts it.
  const upload = packageBlob
    ? uploadPackage(scope, {
      hostStorage,
      container,
      identityName: input.packageIdentityName(),
      asset: input.asset,
      build: input.build,
    })
    : undefined;
  return { hostStorage, container, packageContainer: used ? container : undefined, upload };
}

/** An existing account is configured where it is defined: `storageAccountProps` shape only the account the app creates. */
export function checkHostStorageProps(scope: Construct, props: Pick<FunctionAppProps, "existingStorageAccount" | "storageAccountProps">): void {
  if (props.existingStorageAccount && props.storageAccountProps) {
    invalid(scope, {
      field: "existingStorageAccount",
      rule: "cannot be combined with storageAccountProps, which shape a new account",
      fix: "configure the existing account where it is defined, or drop existingStorageAccount to get a dedicated one",
    });
  }
}
