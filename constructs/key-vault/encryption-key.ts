import { Construct, IConstruct } from "constructs";
import { ITerraformDependable, TerraformStack } from "cdktf";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContext } from "../core/context";
import { IEncryptionKey } from "../core/customer-managed-key";
import { endpointNetwork, recordDeployTimeOperation } from "../core/deploy-time";
import { deployerPosition, grantToDeployer } from "../core/deployer";
import { BuiltInRole } from "../core/grants";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { KeyVault, KeyVaultProps } from "./key-vault";

/**
 * RSA 2048: the size every consumer accepts. Storage and Cosmos DB take 2048, 3072 and 4096
 * (https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview,
 * https://learn.microsoft.com/azure/cosmos-db/how-to-setup-customer-managed-keys); SQL TDE 2048 or
 * 3072 (https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-overview);
 * Service Bus, Event Hubs, Synapse and Data Factory document RSA keys with 2048 in their examples
 * (https://learn.microsoft.com/azure/service-bus-messaging/configure-customer-managed-key,
 * https://learn.microsoft.com/azure/event-hubs/configure-customer-managed-key,
 * https://learn.microsoft.com/azure/synapse-analytics/security/workspaces-encryption,
 * https://learn.microsoft.com/azure/data-factory/enable-customer-managed-key); the upper bound for
 * those four is unverified, so 2048 it is.
 */
export const ENCRYPTION_KEY_SIZE = 2048;

/**
 * Rotation: a new version a year after the current one was created, versions expire after two
 * years (notice 30 days before). `time_after_creation` also rotates the first version, which
 * Terraform creates without an expiry. Consumers on the versionless id (Storage, Cosmos DB,
 * Service Bus, Event Hubs, Synapse, Data Factory) pick the new version up themselves; SQL TDE
 * takes a versioned id and moves to the new version on the next apply. An expired version still
 * unwraps (Key Vault refuses only wrap/encrypt/sign after `exp`:
 * https://learn.microsoft.com/azure/key-vault/keys/about-keys-details#date-time-controlled-operations).
 */
export const ENCRYPTION_KEY_ROTATION = { automatic: { timeAfterCreation: "P1Y" }, expireAfter: "P2Y", notifyBeforeExpiry: "P30D" } as const;

export interface EncryptionKeyProps {
  /**
   * Props of the vault that holds the key (purge protection stays on).
   * @default the KeyVault defaults, admitting a public deployer's egress ranges
   */
  readonly vaultProps?: KeyVaultProps;
}

/**
 * A Key Vault key for customer-managed keys, in its own vault (purge protection, RBAC, private
 * endpoint in prod). The deployer creates the key during apply: it gets Key Vault Crypto Officer
 * on the vault, and the key waits for that role and, for a private deployer, the vault's private
 * endpoint (rule AIC-DEP-001 checks both). Consumers get their role on the key only.
 */
export class EncryptionKey extends Construct implements IEncryptionKey {
  public readonly vault: KeyVault;
  public readonly resource: KeyVaultKey;
  public readonly deployerAccess: RoleAssignment;
  public readonly name: string;
  public readonly keyId: string;
  public readonly versionlessKeyId: string;
  public readonly resourceId: string;
  public readonly dependable: ITerraformDependable;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps = {}) {
    super(scope, id);
    const deployer = deployerPosition(this);
    this.vault = new KeyVault(this, "Vault", {
      ...props.vaultProps,
      // Purge protection is what lets a service accept the key (every CMK consumer requires it).
      purgeProtection: true,
      allowedIpRanges: props.vaultProps?.allowedIpRanges ?? [
        ...(IntegrationContext.of(this).allowedIpRanges ?? []),
        ...(deployer.network === "public" ? deployer.egressIpRanges : []),
      ],
    });
    this.deployerAccess = grantToDeployer(new Construct(this, "DeployerAccess"), this.vault.id, BuiltInRole.keyVaultCryptoOfficer);
    const wait = waitFor(this, "RolePropagation", {
      after: [this.deployerAccess],
      duration: ROLE_PROPAGATION,
      triggers: { deployer: this.deployerAccess.id },
    });
    this.resource = new KeyVaultKey(this, "Key", {
      name: "cmk",
      keyVaultId: this.vault.id,
      keyType: "RSA",
      keySize: ENCRYPTION_KEY_SIZE,
      keyOpts: ["wrapKey", "unwrapKey"],
      rotationPolicy: ENCRYPTION_KEY_ROTATION,
      dependsOn: [wait],
    });
    const vault = this.vault.resource;
    recordDeployTimeOperation(this, {
      resource: this.resource,
      operation: "create the customer-managed key",
      targetId: this.vault.id,
      grant: this.deployerAccess,
      endpoint: {
        ...endpointNetwork(`vault endpoint of ${this.vault.node.path}`, {
          publicNetworkAccess: vault.publicNetworkAccessEnabledInput,
          defaultAction: vault.networkAcls?.defaultActionInput,
          ipRules: vault.networkAcls?.ipRulesInput,
          privateEndpoint: this.vault.privateEndpoint !== undefined,
        }),
        privateEndpointResource: this.vault.privateEndpoint?.resource,
      },
    });
    this.name = this.resource.name;
    this.keyId = this.resource.id;
    this.versionlessKeyId = this.resource.versionlessId;
    this.resourceId = this.resource.resourceVersionlessId;
    this.dependable = this.resource;
  }
}

const STACK_KEY_ID = "EncryptionKey";

/** The stack's encryption key (`<stack>/EncryptionKey`): one per stack, created by the first construct that needs it. */
export function stackEncryptionKey(scope: IConstruct): EncryptionKey {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(STACK_KEY_ID) as EncryptionKey | undefined) ?? new EncryptionKey(stack, STACK_KEY_ID);
}
