// Where the patterns put a new API Management service: the profile's tier and, where the profile injects (prod),
// Internal mode in a subnet of the IntegrationContext's Network.
import { Construct } from "constructs";
import { IntegrationContext } from "../core/context";
import { Network } from "../network";
import { ApiManagementTier } from "./sku";
import { ApiManagementSubnet } from "./vnet-injection";

/** Tiers whose classic injection the default Internal-mode subnet serves. */
const CLASSIC_INJECTION: readonly ApiManagementTier[] = ["Developer", "Premium"];

/** A new service's tier, and the Network it is injected into. */
export interface ApiManagementPlacement {
  readonly sku: ApiManagementTier;
  /** The IntegrationContext's Network when the service is injected in Internal mode; undefined when it is not. */
  readonly network?: Network;
}

/**
 * The tier (`sku`, else the profile's `apiManagementSku`) and whether the service is injected: when the profile's
 * `apiManagementVnetInjection` is on, no virtual network is given, the context's network is a {@link Network} and the
 * tier has classic injection (Developer or Premium).
 */
export function apiManagementPlacement(scope: Construct, sku: ApiManagementTier | undefined, virtualNetworkGiven: boolean): ApiManagementPlacement {
  const context = IntegrationContext.of(scope);
  const tier = sku ?? context.defaults.apiManagementSku;
  const network = context.network;
  const injected = context.defaults.apiManagementVnetInjection && network instanceof Network && CLASSIC_INJECTION.includes(tier);
  return { sku: tier, network: injected && !virtualNetworkGiven ? network : undefined };
}

/** The Internal-mode subnet `ApiManagementSubnet` (with its NSG) in `network`, named and placed by the IntegrationContext. */
export function contextApiManagementSubnet(
  scope: Construct,
  network: Network,
  addressPrefix: string | undefined,
  tags: Readonly<Record<string, string>> | undefined,
): ApiManagementSubnet {
  const resourceGroup = IntegrationContext.resourceGroup(scope, undefined);
  return new ApiManagementSubnet(scope, "ApiManagementSubnet", {
    network,
    addressPrefix,
    namePrefix: IntegrationContext.of(scope).namePrefix ?? "aic",
    resourceGroup,
    location: resourceGroup.location,
    tags,
  });
}
