import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { MssqlDatabase } from "@cdktf/provider-azurerm/lib/mssql-database";
import { MssqlServerExtendedAuditingPolicy } from "@cdktf/provider-azurerm/lib/mssql-server-extended-auditing-policy";
import { MssqlFirewallRule } from "@cdktf/provider-azurerm/lib/mssql-firewall-rule";
import { MssqlServer } from "@cdktf/provider-azurerm/lib/mssql-server";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ITerraformDependable } from "cdktf";
import { ResolvedCustomerManagedKey, dependOnKey, resolveCustomerManagedKey, withKeyIdentity } from "../core/customer-managed-key";
import { deployerOf, deployerPosition } from "../core/deployer";
import { invalid } from "../core/errors";
import { Grantee, IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { ResourceConstructBase } from "../core/data-grants";
import { KitProps } from "../core/resource-construct";
import { stackEncryptionKey } from "../key-vault";
import { EntraAdministrator, resolveAdministrator } from "../core/entra-administrator";
import { SqlDeployScript, SqlReachability, sqlReachability } from "./deploy-script";
import { ISqlDatabase, ImportedSqlDatabase, withSqlDatabaseMembers } from "./database-ref";
import { SqlDatabaseUsers } from "./user-script";
import { ipRangesOf } from "../core/ip-range";
import {
  SqlLongTermRetention,
  isServerless,
  validateLongTermRetention,
  validateServerless,
  validateShortTermRetention,
  validateZoneRedundancy,
} from "./validation";
import type { SqlBackupStorageRedundancy } from "../core/profiles";

/** Redundancy of the database's backup storage. */
export type { SqlBackupStorageRedundancy };

/** Database metrics Azure accepts in diagnostic settings (it has no `AllMetrics` category). */
const SQL_DATABASE_METRICS = ["Basic", "InstanceAndAppAdvanced", "WorkloadManagement"];

/**
 * The kit as SQL has it: `identity` is the server's; the private endpoint is the server's
 * `sqlServer` sub-resource; diagnostics send the database's logs (including SQL audit events, with
 * auditing to Azure Monitor switched on) and the Basic, InstanceAndAppAdvanced and WorkloadManagement
 * metrics; the `CanNotDelete` lock is on the database (which also blocks deleting its server) and
 * follows the profile (a data store). `customerManagedKey` is the server's TDE protector
 * (`transparent_data_encryption_key_vault_key_id`, which takes a versioned id: azurerm
 * @v4.55.0:internal/services/mssql/mssql_server_resource.go). The key's identity becomes the server's
 * primary user-assigned identity, which SQL also uses for Entra lookups: it is the one that needs
 * Directory Readers. It defaults to `identity.userAssigned[0]` when there is one. A rotated key
 * reaches the server on the next apply (azurerm exposes TDE auto-rotation only on
 * `azurerm_mssql_server_transparent_data_encryption`, which would contend with the server's own
 * field). `{ optOut: reason }` keeps service-managed TDE.
 */
export interface SqlDatabaseProps extends KitProps, Pick<NetworkAccessOptions, "publicNetworkAccess" | "allowedIpRanges"> {
  /**
   * The server's Microsoft Entra administrator. Authentication is Entra-only: the server has no
   * SQL login and no password anywhere. Usually a group of DBAs or the deploying pipeline's identity.
   * @default the principal running Terraform (`data.azurerm_client_config` object id and tenant), login "deploying-principal"
   */
  readonly administrator?: EntraAdministrator;
  /** Logical server name (globally unique, lower case). @default `sql-<namePrefix>-<construct id>-<suffix>` */
  readonly serverName?: string;
  /** Database SKU. @default "GP_S_Gen5_1" (serverless) in dev, "GP_Gen5_2" (provisioned) in prod */
  readonly sku?: string;
  /** Minutes of inactivity before a serverless database pauses; -1 never pauses. Serverless only. @default 60 on serverless SKUs */
  readonly autoPauseDelayInMinutes?: number;
  /** Minimum vCores of a serverless database. Serverless only. @default 0.5 on serverless SKUs */
  readonly minCapacity?: number;
  /** Replicas across availability zones. @default the profile's zoneRedundancy (prod on) */
  readonly zoneRedundant?: boolean;
  /**
   * Backup storage redundancy (`Geo` allows geo-restore to the paired region); cannot be changed
   * on Hyperscale. @default "Local" in dev, "Geo" in prod
   */
  readonly storageAccountType?: SqlBackupStorageRedundancy;
  /** Point-in-time restore window in days (1-35). @default 7 */
  readonly shortTermRetentionDays?: number;
  /** Weekly, monthly and yearly backups kept for longer. @default none */
  readonly longTermRetention?: SqlLongTermRetention;
  /**
   * Adds the `0.0.0.0` rule that lets every Azure service (any tenant's) through the firewall.
   * An opt-out of isolation: prefer private endpoints or specific ranges. Needs public access.
   * @default false
   */
  readonly allowAzureServices?: boolean;
  /**
   * Restricts the server's outbound connections to an allow-list (none by default), against data
   * exfiltration; features that call out (e.g. BACPAC export to storage) then need outbound FQDN rules.
   * @default false
   */
  readonly outboundNetworkRestriction?: boolean;
}

/**
 * An Azure SQL database on its own logical server, with Entra-only authentication, TLS 1.2, a
 * private endpoint or a deny-by-default firewall, backups and auditing to Log Analytics.
 *
 * Data access for managed identities is given inside the database with T-SQL, which azurerm cannot
 * run: {@link addDatabaseUser} records contained database users and their roles, and
 * {@link userScript} renders the script to run after deployment or during apply (see the folder README).
 * Every other L1 setting is reachable through {@link SqlDatabase.resource} and {@link SqlDatabase.server}.
 */
export class SqlDatabase extends withSqlDatabaseMembers(ResourceConstructBase) implements ISqlDatabase {
  /**
   * An existing database by resource id, its server read from the id: for database users, grants
   * and what takes an {@link ISqlDatabase}. A token id is split at deploy time.
   */
  public static fromId(scope: Construct, id: string, databaseId: string): ISqlDatabase {
    return ImportedSqlDatabase.fromId(scope, id, databaseId);
  }

  /** The database. */
  public readonly resource: MssqlDatabase;
  /** The logical server. */
  public readonly server: MssqlServer;
  /** Database resource id. */
  public readonly id: string;
  /** Database name. */
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly serverId: string;
  public readonly serverName: string;
  /** Host name clients connect to, e.g. `sql-x.database.windows.net`. */
  public readonly fullyQualifiedDomainName: string;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly firewallRules: readonly MssqlFirewallRule[];
  public readonly diagnostics?: MonitorDiagnosticSetting;
  /**
   * Server-level auditing to Azure Monitor (every database of the server, master included); undefined with `diagnostics: false`.
   * Its events reach Log Analytics through {@link SqlDatabase.auditDiagnostics} and are kept for the workspace's retention.
   */
  public readonly auditing?: MssqlServerExtendedAuditingPolicy;
  /** The master database's diagnostic setting that carries the server's audit events (`SQLSecurityAuditEvents`). */
  public readonly auditDiagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  /** The key, identity and role of the server's TDE protector; undefined with service-managed TDE. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;

  private readonly identityOptions: IdentityOptions | undefined;
  private readonly publicNetworkAccess: boolean;

  constructor(scope: Construct, id: string, props: SqlDatabaseProps = {}) {
    super(scope, id, props);
    const administrator = resolveAdministrator(this, props.administrator);
    const settings = this.databaseSettings(props);
    const serverName = this.nameFor("sqlServer", props.serverName, { field: "serverName" });
    const databaseName = this.nameFor("sqlDatabase", props.name);
    new SqlDatabaseUsers(this, serverName, databaseName);
    const cmk = resolveCustomerManagedKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-005",
      supported: true,
      defaultIdentity: props.identity?.userAssigned?.[0],
      defaultKey: () => stackEncryptionKey(this),
    });
    this.customerManagedKey = cmk;
    this.identityOptions = withKeyIdentity(props.identity, cmk);

    this.server = this.createServer(props, serverName, administrator, cmk);
    this.serverId = this.server.id;
    this.serverName = this.server.name;
    this.fullyQualifiedDomainName = this.server.fullyQualifiedDomainName;
    this.resourceGroupName = this.resourceGroup.name;

    this.resource = this.createDatabase(props, databaseName, settings);
    this.id = this.resource.id;
    this.name = this.resource.name;

    ({
      privateEndpoint: this.privateEndpoint,
      publicNetworkAccess: this.publicNetworkAccess,
      firewallRules: this.firewallRules,
      diagnostics: this.diagnostics,
      auditing: this.auditing,
      auditDiagnostics: this.auditDiagnostics,
      lock: this.lock,
    } = this.wireDatabaseKit(props, serverName, databaseName));
  }

  /** The SKU, zone redundancy and retention, validated against each other and Azure's ranges. */
  private databaseSettings(props: SqlDatabaseProps): { sku: string; serverless: boolean; zoneRedundant: boolean; retentionDays: number } {
    const sku = props.sku ?? this.context.defaults.sqlSku;
    validateServerless(this, sku, props.autoPauseDelayInMinutes, props.minCapacity);
    const zoneRedundant = props.zoneRedundant ?? this.context.defaults.zoneRedundancy;
    validateZoneRedundancy(this, sku, zoneRedundant);
    const retentionDays = props.shortTermRetentionDays ?? 7;
    validateShortTermRetention(this, retentionDays);
    if (props.longTermRetention) validateLongTermRetention(this, props.longTermRetention);
    return { sku, serverless: isServerless(sku), zoneRedundant, retentionDays };
  }

  /** The logical server: Entra-only authentication, TLS 1.2, the identities and the TDE protector. */
  private createServer(
    props: SqlDatabaseProps,
    serverName: string,
    administrator: ReturnType<typeof resolveAdministrator>,
    cmk: ResolvedCustomerManagedKey | undefined,
  ): MssqlServer {
    const server = new MssqlServer(this, "Server", {
      name: serverName,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      version: "12.0",
      minimumTlsVersion: "1.2",
      azureadAdministrator: {
        loginUsername: administrator.login,
        objectId: administrator.objectId,
        tenantId: administrator.tenantId,
        azureadAuthenticationOnly: true,
      },
      outboundNetworkRestrictionEnabled: props.outboundNetworkRestriction ?? false,
      identity: identityBlock(this.identityOptions),
      // A server with user-assigned identities must name the one it uses for Entra lookups.
      // With a key, the primary identity is the one that reads it (Learn:
      // https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-identity).
      primaryUserAssignedIdentityId: cmk?.identity.id ?? props.identity?.userAssigned?.[0]?.id,
      transparentDataEncryptionKeyVaultKeyId: cmk?.key.keyId,
      tags: this.tags,
    });
    dependOnKey(server, cmk);
    return server;
  }

  /** The database on the server, with its SKU, backups and TDE. */
  private createDatabase(props: SqlDatabaseProps, databaseName: string, settings: ReturnType<SqlDatabase["databaseSettings"]>): MssqlDatabase {
    return new MssqlDatabase(this, "Resource", {
      name: databaseName,
      serverId: this.serverId,
      skuName: settings.sku,
      autoPauseDelayInMinutes: props.autoPauseDelayInMinutes ?? (settings.serverless ? 60 : undefined),
      minCapacity: props.minCapacity ?? (settings.serverless ? 0.5 : undefined),
      zoneRedundant: settings.zoneRedundant,
      storageAccountType: props.storageAccountType ?? this.context.defaults.sqlBackupStorageRedundancy,
      transparentDataEncryptionEnabled: true,
      shortTermRetentionPolicy: { retentionDays: settings.retentionDays },
      longTermRetentionPolicy: props.longTermRetention ? { ...props.longTermRetention } : undefined,
      tags: this.tags,
    });
  }

  /** The kit: the server's private endpoint, public access and firewall, diagnostics with server auditing, the lock. */
  private wireDatabaseKit(props: SqlDatabaseProps, serverName: string, databaseName: string) {
    let firewallRules: MssqlFirewallRule[] = [];
    let publicNetworkAccess = false;
    let audit: { auditing?: MssqlServerExtendedAuditingPolicy; auditDiagnostics?: MonitorDiagnosticSetting } = {};
    const kit = this.wireKit(props, {
      resourceId: this.id,
      name: databaseName,
      privateEndpoints: [{ subresource: "sqlServer", targetResourceId: this.serverId, ownerName: serverName }],
      networkAccess: (access) => {
        this.server.publicNetworkAccessEnabled = publicNetworkAccess = access.publicNetworkAccessEnabled;
        firewallRules = this.addFirewallRules(access.publicNetworkAccessEnabled, access.ipRules, props.allowAzureServices ?? false);
      },
      diagnostics: [{ capabilities: { logCategoryGroups: ["allLogs"], metricCategories: SQL_DATABASE_METRICS } }],
      afterDiagnostics: (diagnostics) => {
        if (diagnostics.Diagnostics) audit = this.addServerAuditing(props);
      },
      dataStore: true,
    });
    const { privateEndpoint, lock } = kit;
    return { privateEndpoint, publicNetworkAccess, firewallRules, diagnostics: kit.diagnostics.Diagnostics, ...audit, lock };
  }

  /**
   * Server-level auditing covers every database (a database-level policy next to it would record each event twice).
   * Its events go to Azure Monitor through the master database's diagnostic setting, as the built-in Azure Policy
   * "Configure SQL servers to have auditing enabled to Log Analytics workspace" (25da7dfb-0666-4a15-a8f5-402127efd8bb) deploys it;
   * azurerm @v4.55.0:website/docs/r/mssql_server_extended_auditing_policy.html.markdown (log_monitoring_enabled).
   */
  private addServerAuditing(props: SqlDatabaseProps): { auditing: MssqlServerExtendedAuditingPolicy; auditDiagnostics?: MonitorDiagnosticSetting } {
    const auditing = new MssqlServerExtendedAuditingPolicy(this, "ServerAuditing", {
      serverId: this.serverId,
      enabled: true,
      logMonitoringEnabled: true,
    });
    const destination = (props.diagnostics || undefined)?.destination ?? this.context.diagnostics;
    if (!destination) return { auditing };
    const auditDiagnostics = new MonitorDiagnosticSetting(this, "AuditDiagnostics", {
      name: "diag-audit-log-analytics",
      targetResourceId: `${this.serverId}/databases/master`,
      logAnalyticsWorkspaceId: destination.logAnalyticsWorkspaceId,
      enabledLog: [{ category: "SQLSecurityAuditEvents" }],
    });
    return { auditing, auditDiagnostics };
  }

  /**
   * The server's managed identity (the kit's `identity` is the server's): the system-assigned one,
   * else the first user-assigned one (a customer-managed key's identity counts), else an error.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.server.identity.principalId);
  }

  /**
   * Whether `terraform apply` can connect to the server from where the environment's deployer
   * runs: a private deployer needs the server's private endpoint, a public one the public
   * endpoint and its egress ranges (admitted by {@link addDeployScript}).
   */
  public deployerReachability(): SqlReachability {
    return sqlReachability(deployerPosition(this), this.publicNetworkAccess, this.privateEndpoint !== undefined);
  }

  /**
   * Runs idempotent T-SQL in this database during `terraform apply`, signed in as the deploying
   * principal (it must be the server's Entra administrator or in its group), after the server, the
   * database, the path to it and `dependsOn` (e.g. the identities the script creates users for).
   * A public deployer's egress ranges get firewall rules. Fails synthesis when the deployer cannot
   * reach the server ({@link deployerReachability}).
   */
  public addDeployScript(id: string, script: string, dependsOn: readonly ITerraformDependable[] = []): SqlDeployScript {
    return new SqlDeployScript(this, id, {
      serverFqdn: this.fullyQualifiedDomainName,
      serverId: this.serverId,
      databaseName: this.name,
      script,
      deployer: deployerOf(this),
      firewall: { serverId: this.serverId, publicNetworkAccess: this.publicNetworkAccess },
      privateEndpoint: this.privateEndpoint?.resource,
      dependsOn: [this.server, this.resource, ...dependsOn],
    });
  }

  /** @deprecated use {@link grantContributor} (the same assignment). */
  public grantManage(grantee: Grantee): RoleAssignment {
    return this.grantContributor(grantee);
  }

  private addFirewallRules(publicAccess: boolean, ipRules: readonly string[], allowAzureServices: boolean): MssqlFirewallRule[] {
    if (allowAzureServices && !publicAccess) {
      invalid(this, {
        field: "allowAzureServices",
        value: true,
        rule: "has no effect while public network access is off",
        fix: "set publicNetworkAccess: true or leave allowAzureServices out",
      });
    }
    // With public access off Azure ignores firewall rules; creating them would only mislead.
    if (!publicAccess) return [];
    const rules = ipRangesOf(this, ipRules).map(
      (range) =>
        new MssqlFirewallRule(this, `FirewallRule-${range.name}`, {
          name: range.name,
          serverId: this.serverId,
          startIpAddress: range.startIpAddress,
          endIpAddress: range.endIpAddress,
        }),
    );
    if (allowAzureServices) {
      rules.push(
        new MssqlFirewallRule(this, "FirewallRule-AllowAzureServices", {
          name: "AllowAllWindowsAzureIps",
          serverId: this.serverId,
          startIpAddress: "0.0.0.0",
          endIpAddress: "0.0.0.0",
        }),
      );
    }
    return rules;
  }
}
