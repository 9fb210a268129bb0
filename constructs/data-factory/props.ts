import { KitProps } from "../core/resource-construct";
import { AzureDevOpsConfiguration, GitHubConfiguration } from "./git";
import { GlobalParameter } from "./global-parameters";
import { ManagedIntegrationRuntimeOptions } from "./integration-runtime";

/**
 * The kit as Data Factory has it: linked services and grants use the system-assigned identity; the
 * private endpoint is the `dataFactory` sub-resource, and public access follows it by its own rule
 * (`publicNetworkAccess` below; there is no firewall); diagnostics send logs to resource-specific
 * tables such as ADFActivityRun. The lock is off by default in every profile: a factory holds no
 * data and is redeployed from code; a lock also covers the factory's children, is created after and
 * destroyed before them, and is re-created when one is replaced. `customerManagedKey` encrypts the
 * factory's metadata (`customer_managed_key_id`, the versionless id so the factory follows rotation,
 * read with a user-assigned identity: https://learn.microsoft.com/azure/data-factory/enable-customer-managed-key).
 * Azure takes a key only on an empty factory: turning it on for a factory with entities means
 * recreating it (unverified whether azurerm's update reports the refusal).
 */
export interface DataFactoryProps extends KitProps {
  /**
   * Reach the factory's data plane (self-hosted runtimes, Data Factory Studio) over the internet.
   * With it off, self-hosted runtimes connect only through the `dataFactory` private endpoint, so
   * `false` without a private endpoint is an error (a factory whose endpoint is created elsewhere
   * sets `factory.resource.publicNetworkEnabled = false` through the escape hatch).
   * @default false when the factory gets a private endpoint (the IntegrationContext's network, or `privateEndpoint`), else true
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * A managed virtual network with the Azure integration runtime in it, so copies and data flows
   * reach stores through managed private endpoints. Cannot be turned off once on.
   * @default true
   */
  readonly managedVirtualNetwork?: boolean;
  /**
   * Approve the connections of the factory's managed private endpoints on their targets during
   * `terraform apply` (an ARM deployment run as the deploying principal, which needs
   * `<provider>/<type>/privateEndpointConnectionsApproval/action` on every target: Owner or
   * Contributor); triggers wait for it. `false` leaves them pending for the targets' owners.
   * @default true
   */
  readonly approveManagedPrivateEndpoints?: boolean;
  /** The Azure integration runtime every Azure linked service connects through. @default see its options */
  readonly integrationRuntime?: ManagedIntegrationRuntimeOptions;
  /** Git integration with GitHub (not together with `vstsConfiguration`). @default none */
  readonly githubConfiguration?: GitHubConfiguration;
  /** Git integration with Azure DevOps (not together with `githubConfiguration`). @default none */
  readonly vstsConfiguration?: AzureDevOpsConfiguration;
  /** Factory-wide constants, typed by value. @default none */
  readonly globalParameters?: Readonly<Record<string, GlobalParameter>>;
}
