import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { clientConfig } from "./client-config";
import { IntegrationContext } from "./context";
import { BuiltInRoleName, grantRole } from "./grants";

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
  const position = deployerPosition(scope);
  return {
    principalId: position.objectId ?? clientConfig(scope).objectId,
    network: position.network,
    egressIpRanges: position.egressIpRanges,
    isCurrentPrincipal: position.objectId === undefined,
  };
}

/** Where the deployer sits and, when the environment names it, its object id. */
export interface DeployerPosition {
  readonly network: DeployerNetwork;
  readonly egressIpRanges: readonly string[];
  /** The configured object id; undefined when the deployer is the principal Terraform runs as. */
  readonly objectId?: string;
}

/** {@link deployerOf} without the client-config data source, for checks that only read (the policy pack). */
export function deployerPosition(scope: IConstruct): DeployerPosition {
  const context = IntegrationContext.of(scope);
  const props = context.deployer ?? {};
  return {
    network: props.network ?? (context.network ? "private" : "public"),
    egressIpRanges: [...(props.egressIpRanges ?? [])],
    objectId: props.principalId,
  };
}

/** The `grantKey` of deployer grants: one principal per environment, whatever its object id. */
const DEPLOYER_GRANT_KEY = "deployer";

/**
 * Grants `role` on `resourceId` to the deployer, under `scope`. The deployer may be a user, a
 * group or a service principal (the environment names only its object id), so the assignment
 * leaves `principal_type` for Azure to resolve: a wrong type fails the assignment, and an existing
 * principal has no Entra replication delay to guard against.
 */
export function grantToDeployer(scope: Construct, resourceId: string, role: BuiltInRoleName): RoleAssignment {
  const deployer = deployerOf(scope);
  const grant = grantRole(scope, resourceId, role, { principalId: deployer.principalId, principalType: "User", grantKey: DEPLOYER_GRANT_KEY });
  grant.resetPrincipalType();
  return grant;
}
