import { Construct } from "constructs";
import { StorageShare } from "@cdktf/provider-azurerm/lib/storage-share";
import { IntegrationContext } from "../core/context";
import { DeployerPosition } from "../core/deployer";
import { pathSuffix } from "../core/naming";
import { resolveNetworkAccess } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { StorageAccount, StorageAccountProps } from "../storage";
import { recordSuppression } from "../core/suppressions";

/** Why the host storage account keeps shared keys on; it appears in every policy report. */
export const HOST_STORAGE_KEY_REASON =
  "azurerm 4.55 requires storage_account_access_key on azurerm_logic_app_standard and writes AzureWebJobsStorage and the " +
  "Azure Files content share setting as key connection strings (azurerm #25419); the account is dedicated to the app's host, " +
  "private in prod, and no key leaves Terraform state.";

export interface HostStorageInput {
  /** Account name (the app's, by default). */
  readonly name: string;
  readonly props?: StorageAccountProps;
  /** The app's VNet integration subnet, if any. */
  readonly integrationSubnetId?: string;
  readonly deployer: DeployerPosition;
  readonly tags?: Record<string, string>;
}

export interface HostStorage {
  readonly account: StorageAccount;
  /** The Azure Files content share (`WEBSITE_CONTENTSHARE`), created ahead because a private account lets no one else create it. */
  readonly share: StorageShare;
  /** Private blob container the workflow packages are uploaded to. */
  readonly packageContainer: string;
  /** File, queue and table private endpoints (blob comes with the StorageAccount). */
  readonly privateEndpoints: readonly PrivateEndpoint[];
}

/**
 * The dedicated host storage of a Standard logic app. The runtime needs blob, queue, table and
 * file; azurerm makes it use the account key, so the account holds nothing but the app's state,
 * and its network decides who can reach it:
 * - private endpoints for blob, file, queue and table, public access off (prod; Learn "Deploy
 *   Standard logic apps to private storage accounts", deploy-single-tenant-logic-apps-private-storage-account);
 * - VNet integration without private endpoints: the firewall denies all but the app's subnet (a
 *   `Microsoft.Storage` service endpoint on it is needed) and a public deployer's egress ranges;
 * - no VNet integration (dev): App Service reaches storage from shared addresses, which IP rules
 *   cannot name, so the firewall allows all networks and the key is the only guard.
 */
export function createHostStorage(scope: Construct, input: HostStorageInput): HostStorage {
  const integrated = input.integrationSubnetId !== undefined;
  // Without VNet integration private endpoints would cut the app off its own storage.
  const reachable: StorageAccountProps = integrated ? {} : { publicNetworkAccess: true, firewallDefaultAction: "Allow", privateEndpoint: false };
  const replication = IntegrationContext.of(scope).defaults.hostStorageReplication;
  const account = new StorageAccount(scope, "Storage", { replication, ...reachable, ...input.props, name: input.name });
  // Shared keys on is the trade-off above; a suppression with its reason keeps it visible in every report.
  account.resource.sharedAccessKeyEnabled = true;
  recordSuppression(account, "AIC-ST-001", HOST_STORAGE_KEY_REASON);
  // The runtime uses all four services (blob, file content share, queue, table): log each.
  for (const service of ["file", "queue", "table"] as const) account.useService(service);

  const privateEndpoints: PrivateEndpoint[] = [];
  const isPrivate = account.privateEndpoints.blob !== undefined;
  if (isPrivate) {
    for (const subresource of ["file", "queue", "table"] as const) {
      const endpoint = PrivateEndpoint.forResource(
        scope,
        `StoragePrivateEndpoint${subresource[0].toUpperCase()}${subresource.slice(1)}`,
        {
          ownerName: input.name,
          resourceGroup: account.resourceGroup,
          location: account.location,
          targetResourceId: account.id,
          subresource,
          tags: input.tags,
        },
        input.props?.privateEndpoint,
      );
      if (endpoint) privateEndpoints.push(endpoint);
    }
  } else if (integrated && input.props?.firewallDefaultAction !== "Allow") {
    const allowed = resolveNetworkAccess(IntegrationContext.of(scope), input.props ?? {}, false).ipRules;
    account.resource.putNetworkRules({
      defaultAction: "Deny",
      bypass: ["AzureServices"],
      ipRules: [...new Set([...allowed, ...deployerRanges(input.deployer)])],
      virtualNetworkSubnetIds: [input.integrationSubnetId as string],
    });
  }

  // The runtime's content share; creating it through Resource Manager (storage_account_id) needs no data-plane access.
  const share = new StorageShare(scope, "ContentShare", {
    name: `workflow-content-${pathSuffix(scope, 8)}`,
    storageAccountId: account.id,
    quota: 100,
  });
  const packageContainer = `workflow-package-${pathSuffix(scope, 8)}`;
  account.addContainer(packageContainer);
  return { account, share, packageContainer, privateEndpoints };
}

/**
 * A public deployer passes the firewall from the egress ranges the environment names; with none,
 * the upload's deploy-time check (recordDeployTimeOperation) stops synthesis with the fix.
 */
function deployerRanges(deployer: DeployerPosition): string[] {
  return deployer.network === "public" ? [...deployer.egressIpRanges] : [];
}
