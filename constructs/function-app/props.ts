import { IdentityOptions } from "../core/identity";
import { LockOptions } from "../core/lock";
import { NetworkAccessOptions } from "../core/network-access";
import { KitProps } from "../core/resource-construct";
import { TelemetryProps, TelemetryTarget } from "../monitoring";
import { StorageAccount, StorageAccountProps } from "../storage";
import { FunctionAppCode } from "./bundle";
import { FunctionAppCodeDeployment } from "./deployment";
import { FunctionAppPlan } from "./plans";

// The props on their own, so function-app.ts reads as the construct's steps; index.ts exports them through function-app.ts.

/** An Application Insights component to send telemetry to (e.g. one managed elsewhere): the Monitoring folder's `TelemetryTarget`. */
export type FunctionAppTelemetryTarget = TelemetryTarget;

/**
 * The kit without `customerManagedKey` (a function app stores no data of its own to encrypt; its host storage takes
 * `storageAccountProps.customerManagedKey`). Its private endpoint is the `sites` sub-resource; the lock is off unless asked.
 */
export interface FunctionAppProps extends Omit<KitProps, "customerManagedKey">, NetworkAccessOptions, TelemetryProps {
  /**
   * What the app's access restrictions do with traffic no allow rule matches.
   * @default "Deny" when allowedIpRanges (from props or the IntegrationContext) lists ranges, else "Allow"
   */
  readonly firewallDefaultAction?: "Allow" | "Deny";
  /** The TypeScript handlers (`@azure/functions` v4), bundled with esbuild at synth. */
  readonly code: FunctionAppCode;
  /**
   * Hosting plan. @default the plan of `sku` when only that is given, else the profile's
   * (dev FlexConsumption, prod ElasticPremium; see plans.ts)
   */
  readonly plan?: FunctionAppPlan;
  /** Plan SKU, e.g. `EP2` or `P1v3`; it must belong to `plan`. @default FC1, EP1 or P1v3 for the plan */
  readonly sku?: string;
  /**
   * Spread instances across availability zones (Elastic Premium, Premium v2/v3 Dedicated).
   * @default the profile's zoneRedundancy (prod on) where the SKU supports it
   */
  readonly zoneRedundant?: boolean;
  /**
   * Instances always running (Elastic Premium, Dedicated); at least 2 when zone-redundant.
   * @default 3 when zone-redundant (one per zone), else 1
   */
  readonly minimumInstances?: number;
  /**
   * Scale-out limit: Flex Consumption 40-1000, Elastic Premium up to 100 (burst above the minimum).
   * Dedicated plans scale by `minimumInstances` or autoscale rules instead.
   * @default 100 on Flex Consumption, 20 on Elastic Premium
   */
  readonly maximumInstances?: number;
  /**
   * How `cdktf deploy` puts the code on the app: `oneDeploy` (Flex Consumption), `packageBlob`
   * (Elastic Premium, Dedicated: a blob uploaded with the deployer's Entra identity) or `zipDeploy`
   * (Dedicated, with SCM basic auth). See README.md, "Code deployment".
   * @default "oneDeploy" on FlexConsumption, "packageBlob" on ElasticPremium, "zipDeploy" on Dedicated
   */
  readonly codeDeployment?: FunctionAppCodeDeployment;
  /**
   * Host storage (AzureWebJobsStorage) to use instead of a dedicated account, e.g. one shared with
   * other apps. The app gets its data roles and a package container on it; networking (queue and
   * table private endpoints) is the owner's job. Cannot be combined with `storageAccountProps`.
   * @default a dedicated StorageAccount
   */
  readonly existingStorageAccount?: StorageAccount;
  /**
   * Props of the dedicated host storage account, over the app's defaults (public endpoints that
   * allow all networks when the app has no VNet integration; Entra ID only in every case).
   * @default the StorageAccount defaults, named after this app
   */
  readonly storageAccountProps?: StorageAccountProps;
  /**
   * Extra app settings (no secrets: use Key Vault references `@Microsoft.KeyVault(SecretUri=...)`).
   * Connections are added with the `connect*` methods. @default none
   */
  readonly appSettings?: Readonly<Record<string, string>>;
  /**
   * Subnet for regional VNet integration: delegated to `Microsoft.Web/serverFarms` (Elastic
   * Premium, Dedicated) or `Microsoft.App/environments` (Flex Consumption). `false` opts out, and
   * the host storage then keeps public endpoints (Entra ID only).
   * @default the IntegrationContext network's integrationSubnetId (Elastic Premium, Dedicated); none for Flex Consumption
   */
  readonly integrationSubnetId?: string | false;
  /**
   * Managed identities. The app authenticates with the system-assigned one, or with the first
   * user-assigned one when the system-assigned identity is off.
   * @default system-assigned
   */
  readonly identity?: IdentityOptions;
  /** `CanNotDelete` lock; `true`/options lock, `false` does not. Off by default: an app is code and settings, redeployed from code. @default false */
  readonly lock?: LockOptions | boolean;
  /** Folder for staged bundles (one sub-folder per content hash). @default `<os temp dir>/azure-integration-cdktf/function-apps` */
  readonly buildDirectory?: string;
}
