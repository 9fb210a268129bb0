import { Construct } from "constructs";
import { CosmosdbAccount } from "@cdktf/provider-azurerm/lib/cosmosdb-account";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { ResolvedCustomerManagedKey, dependOnKey, resolveCustomerManagedKey, withKeyIdentity } from "../core/customer-managed-key";
import { synthesizedBody } from "../core/stack-json";
import { IResourceGroup } from "../core/context";
import { ValidationError, invalid, isUnresolved } from "../core/errors";
import { Grantee, IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { KitProps, ResourceConstruct, WiredKit } from "../core/resource-construct";
import { stackEncryptionKey } from "../key-vault";
import { ICosmosDbAccount } from "./account-ref";
import { CosmosDbSqlDatabase } from "./cosmos-db-database";
import { ImportedCosmosDbAccount, addAccountDatabase, grantOnAccount } from "./imported-account";
import { CosmosDbThroughputOptions } from "./validation";

export type CosmosDbConsistencyLevel = "Strong" | "BoundedStaleness" | "Session" | "ConsistentPrefix" | "Eventual";

/** Point-in-time restore window of continuous backup. */
export type CosmosDbBackupTier = "Continuous7Days" | "Continuous30Days";

/**
 * The kit as Cosmos DB has it: the private endpoint is the `Sql` sub-resource; diagnostics send
 * allLogs to resource-specific tables and the Requests metrics; the lock follows the profile (a
 * data store). `customerManagedKey` is a second layer over the service's own encryption (Cosmos DB
 * has no separate infrastructure-encryption switch; `infrastructureEncryption` is ignored:
 * https://learn.microsoft.com/azure/cosmos-db/how-to-setup-customer-managed-keys), read with a
 * user-assigned identity (`default_identity_type = "UserAssignedIdentity=<id>"`) through the
 * versionless key id, so Cosmos DB follows rotation; `key_vault_key_id` is ForceNew: turning it on
 * for an existing account recreates it (azurerm @v4.55.0:internal/services/cosmos/cosmosdb_account_resource.go).
 */
export interface CosmosDbAccountProps extends KitProps, NetworkAccessOptions {
  /** Default consistency of reads. @default "Session" */
  readonly consistencyLevel?: CosmosDbConsistencyLevel;
  /** Regions replicated to, in failover order after the primary `location`. @default none */
  readonly additionalLocations?: readonly string[];
  /** Spreads each region's replicas across availability zones. @default the profile's zoneRedundancy (prod on) */
  readonly zoneRedundant?: boolean;
  /** Fails over to the next region when the write region is down. @default the profile's zoneRedundancy (prod on) */
  readonly automaticFailover?: boolean;
  /** Continuous backup window for point-in-time restore. @default "Continuous7Days" */
  readonly backupTier?: CosmosDbBackupTier;
}

/**
 * A Cosmos DB account for the SQL (NoSQL) API that only accepts Entra ID (keys off), TLS 1.2,
 * continuous backup, and a firewall that denies by default. Data access is Cosmos DB's own RBAC:
 * `grantDataRead`/`grantDataWrite` here, on a database or on a container. Every other L1 setting
 * is reachable through {@link CosmosDbAccount.resource}.
 *
 * With `firewallDefaultAction: "Deny"` (the default) the account accepts only `allowedIpRanges`
 * (and private endpoints); `"Allow"` opens the public endpoint to every network and ignores them.
 */
export class CosmosDbAccount extends ResourceConstruct implements ICosmosDbAccount {
  /**
   * An existing account by resource id, to add databases to or to grant on; a token id is split at
   * deploy time. No lookup at plan time; the endpoint assumes the Azure public cloud.
   */
  public static fromId(scope: Construct, id: string, accountId: string): ICosmosDbAccount {
    return ImportedCosmosDbAccount.fromId(scope, id, accountId);
  }

  /** An existing account by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): ICosmosDbAccount {
    return ImportedCosmosDbAccount.fromName(scope, id, name, resourceGroup);
  }

  public readonly resource: CosmosdbAccount;
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  /** Data-plane endpoint, e.g. `https://cosmos-x.documents.azure.com:443/`. */
  public readonly endpoint: string;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  /** Databases added with {@link addDatabase}, by name. */
  public readonly databases: ReadonlyMap<string, CosmosDbSqlDatabase>;
  /** The key, identity and role that encrypt the account; undefined with service-managed keys. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;

  private readonly databaseMap = new Map<string, CosmosDbSqlDatabase>();
  private readonly identityOptions: IdentityOptions | undefined;

  constructor(scope: Construct, id: string, props: CosmosDbAccountProps = {}) {
    super(scope, id, props);
    const additional = props.additionalLocations ?? [];
    validateLocations(this, this.location, additional);
    const name = this.nameFor("cosmosDbAccount", props.name);
    const cmk = resolveCustomerManagedKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-002",
      supported: true,
      defaultKey: () => stackEncryptionKey(this),
    });
    this.customerManagedKey = cmk;
    this.identityOptions = withKeyIdentity(props.identity, cmk);

    this.resource = this.createAccount(props, name, additional, cmk);
    dependOnKey(this.resource, cmk);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = this.resourceGroup.name;
    this.endpoint = this.resource.endpoint;
    this.databases = this.databaseMap;

    const kit = this.wireAccountKit(props, name);
    this.privateEndpoint = kit.privateEndpoint;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;
    // Checked at synth, not here: serverless is switched on through the L1 (capabilities), after this constructor.
    this.node.addValidation({ validate: () => this.serverlessProblems() });
  }

  /** The account: Entra ID only (keys off), TLS 1.2, continuous backup, its regions and the key if any. */
  private createAccount(
    props: CosmosDbAccountProps,
    name: string,
    additional: readonly string[],
    cmk: ResolvedCustomerManagedKey | undefined,
  ): CosmosdbAccount {
    const zoneRedundant = props.zoneRedundant ?? this.context.defaults.zoneRedundancy;
    return new CosmosdbAccount(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      offerType: "Standard",
      kind: "GlobalDocumentDB",
      localAuthenticationDisabled: true,
      accessKeyMetadataWritesEnabled: false,
      minimalTlsVersion: "Tls12",
      networkAclBypassForAzureServices: false,
      automaticFailoverEnabled: props.automaticFailover ?? this.context.defaults.zoneRedundancy,
      consistencyPolicy: { consistencyLevel: props.consistencyLevel ?? "Session" },
      geoLocation: [this.location, ...additional].map((location, failoverPriority) => ({ location, failoverPriority, zoneRedundant })),
      backup: { type: "Continuous", tier: props.backupTier ?? "Continuous7Days" },
      identity: identityBlock(this.identityOptions),
      keyVaultKeyId: cmk?.key.versionlessKeyId,
      defaultIdentityType: cmk && `UserAssignedIdentity=${cmk.identity.id}`,
      tags: this.tags,
    });
  }

  /** The kit: the Sql endpoint, public access and the IP filter, diagnostics to resource-specific tables, the lock. */
  private wireAccountKit(props: CosmosDbAccountProps, name: string): WiredKit {
    // The endpoint needs the account id, and public access depends on whether an endpoint exists.
    return this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "Sql" }],
      networkAccess: (access) => {
        const deny = access.defaultAction === "Deny";
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        // Cosmos DB has no default action: with no IP rule and no VNet filter it accepts every network.
        // The VNet filter switches the account to "selected networks", so an empty rule list denies all.
        this.resource.isVirtualNetworkFilterEnabled = deny;
        this.resource.ipRangeFilter = deny ? access.ipRules : [];
      },
      // Microsoft recommends resource-specific tables for Cosmos DB logs (cheaper, typed queries).
      diagnostics: [{ capabilities: { logCategoryGroups: ["allLogs"], metricCategories: ["Requests"], logAnalyticsDestinationType: "Dedicated" } }],
      dataStore: true,
    });
  }

  /**
   * A serverless account runs in one region only; Azure refuses a second geo_location at apply
   * (https://learn.microsoft.com/azure/cosmos-db/serverless#use-serverless-resources; azurerm
   * @v4.55.0:internal/services/cosmos/cosmosdb_account_resource.go does not check it).
   */
  private serverlessProblems(): string[] {
    const body = synthesizedBody(this.resource);
    const serverless = /"EnableServerless"/i.test(JSON.stringify(body.capabilities ?? []));
    const locations = Array.isArray(body.geo_location) ? body.geo_location : [];
    if (!serverless || locations.length <= 1) return [];
    const names = locations.map((l) => (typeof l === "object" && l !== null ? (l as { location?: unknown }).location : l));
    return [
      new ValidationError(this.node.path, {
        field: "geo_location",
        value: names,
        rule: `has ${locations.length} regions, but the account is serverless (capability EnableServerless), which runs in a single region`,
        fix: "keep one region (drop additionalLocations), or remove EnableServerless and use provisioned throughput for a multi-region account",
      }).message,
    ];
  }

  /** Adds a SQL API database; throughput set here is shared by its containers. */
  public addDatabase(name: string, options: CosmosDbThroughputOptions = {}): CosmosDbSqlDatabase {
    return addAccountDatabase(this, this.databaseMap, name, options);
  }

  /**
   * The account's managed identity: the system-assigned one, else the first user-assigned one
   * (a customer-managed key's identity counts), else an error.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  /** Read items and query every database of the account (Cosmos DB Built-in Data Reader). */
  public grantDataRead(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantOnAccount(this, "read", grantee);
  }

  /** Read, write and delete items in every database of the account (Cosmos DB Built-in Data Contributor). */
  public grantDataWrite(grantee: Grantee): CosmosdbSqlRoleAssignment {
    return grantOnAccount(this, "write", grantee);
  }
}

function validateLocations(scope: Construct, primary: string, additional: readonly string[]): void {
  const normalise = (l: string) => l.replace(/\s+/g, "").toLowerCase();
  const seen = new Set(isUnresolved(primary) ? [] : [normalise(primary)]);
  for (const location of additional) {
    if (isUnresolved(location)) continue;
    if (seen.has(normalise(location))) {
      invalid(scope, {
        field: "additionalLocations",
        value: location,
        rule: "repeats a region of this account",
        fix: "list each region once and leave out the primary location",
      });
    }
    seen.add(normalise(location));
  }
}
