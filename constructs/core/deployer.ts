import { IConstruct } from "constructs";
import { clientConfig } from "./client-config";
import { IntegrationContext } from "./context";

/**
 * Where the principal that runs `terraform apply` sits: `public` (a workstation or a hosted CI
 * agent, reaching public endpoints from `egressIpRanges`) or `private` (a runner with line of
 * sight to the VNet's private endpoints and private DNS). Prod, where data planes are private,
 * needs `private`.
 */
export type DeployerNetwork = "public" | "private";

/** Who deploys the stacks and from where (the environment's `deployer`). */
export interface DeployerProps {
  /**
   * Entra object id of the principal that runs `terraform apply`.
   * @default the principal Terraform authenticates as (`data.azurerm_client_config.object_id`)
   */
  readonly principalId?: string;
  /** @default "private" when the IntegrationContext has a network, else "public" */
  readonly network?: DeployerNetwork;
  /**
   * Public CIDR ranges a `public` deployer's requests come from; every firewall that a deploy-time
   * data-plane operation must pass admits them.
   * @default none
   */
  readonly egressIpRanges?: readonly string[];
}

/** The deployer as constructs see it, defaults resolved. */
export interface Deployer {
  readonly principalId: string;
  readonly network: DeployerNetwork;
  readonly egressIpRanges: readonly string[];
  /** True when `principalId` is the principal Terraform runs as (no object id was configured). */
  readonly isCurrentPrincipal: boolean;
}

/**
 * The deploying principal and its network position, from the IntegrationContext's `deployer`.
 * Constructs that perform a data-plane operation at deploy time (uploading a package, creating a
 * key) grant it to this principal with the narrowest role and check it can reach the endpoint.
 */
export function deployerOf(scope: IConstruct): Deployer {
  const context = IntegrationContext.of(scope);
  const props = context.deployer ?? {};
  return {
    // Read on use: a construct that only needs the network position adds no client-config data source.
    get principalId(): string {
      return props.principalId ?? clientConfig(scope).objectId;
    },
    network: props.network ?? (context.network ? "private" : "public"),
    egressIpRanges: [...(props.egressIpRanges ?? [])],
    isCurrentPrincipal: props.principalId === undefined,
  };
}
