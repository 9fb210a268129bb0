/**
 * Subnet delegations this library uses, with the actions Azure attaches to each. Declaring the
 * actions Azure would add anyway keeps `terraform plan` free of a perpetual diff.
 */
export const SUBNET_DELEGATIONS = {
  /** App Service / Functions (Elastic Premium, Dedicated) and Logic Apps Standard VNet integration. */
  "Microsoft.Web/serverFarms": ["Microsoft.Network/virtualNetworks/subnets/action"],
  /** App Service Environment v3. */
  "Microsoft.Web/hostingEnvironments": ["Microsoft.Network/virtualNetworks/subnets/action"],
  /** API Management VNet injection (v2 tiers). */
  "Microsoft.ApiManagement/service": [
    "Microsoft.Network/virtualNetworks/subnets/join/action",
    "Microsoft.Network/virtualNetworks/subnets/prepareNetworkPolicies/action",
  ],
  /** Integration Service Environment (retired; kept for existing address plans). */
  "Microsoft.Logic/integrationServiceEnvironments": ["Microsoft.Network/virtualNetworks/subnets/action"],
  /** Flex Consumption function apps and Container Apps environments. */
  "Microsoft.App/environments": ["Microsoft.Network/virtualNetworks/subnets/join/action"],
  /** Container Instances (e.g. a self-hosted integration runtime in a container). */
  "Microsoft.ContainerInstance/containerGroups": ["Microsoft.Network/virtualNetworks/subnets/action"],
  /** Azure DNS Private Resolver inbound/outbound endpoints. */
  "Microsoft.Network/dnsResolvers": ["Microsoft.Network/virtualNetworks/subnets/join/action"],
} as const satisfies Record<string, readonly string[]>;

/** A service a subnet can be delegated to. */
export type SubnetDelegationName = keyof typeof SUBNET_DELEGATIONS;
