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
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { identityBlock } from "../core/identity";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint } from "../core/private-endpoint";
import { KitProps, ResourceConstruct } from "../core/resource-construct";
import { stackEncryptionKey } from "../key-vault";
import { EntraAdministrator, resolveAdministrator } from "../core/entra-administrator";
import { SqlDeployScript, SqlReachability, sqlReachability } from "./deploy-script";
import { SqlDatabaseGrant, SqlDatabaseRole, renderGrantScript, validatePrincipalName } from "./grant-script";
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
 * Data access for managed identities is granted inside the database with T-SQL, which Terraform
 * and azurerm cannot run: {@link grantDataRead} and {@link grantDataWrite} record grants and
 * {@link grantScript} renders the script to run once after deployment (see the folder README).
 * Every other L1 setting is reachable through {@link SqlDatabase.resource} and {@link SqlDatabase.server}.
 */
export class SqlDatabase extends ResourceConstruct {
  /** The database. */
  public readonly resource: MssqlDatabase;
  /** The logical server. */
  public readonly server: MssqlServer;
  /** Database resource id. */
  public readonly id: string;
  /** Database name. */
  public readonly name: string;
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

  private readonly grants = new Map<string, SqlDatabaseRole[]>();
  private readonly literalServerName: string;
  private readonly literalDatabaseName: string;
  private readonly publicNetworkAccess: boolean;

  constructor(scope: Construct, id: string, props: SqlDatabaseProps = {}) {
    super(scope, id, props);
    const administrator = resolveAdministrator(this, props.administrator);
    const sku = props.sku ?? this.context.defaults.sqlSku;
    const serverless = isServerless(sku);
    validateServerless(this, sku, props.autoPauseDelayInMinutes, props.minCapacity);
    const zoneRedundant = props.zoneRedundant ?? this.context.defaults.zoneRedundancy;
    validateZoneRedundancy(this, sku, zoneRedundant);
    const retentionDays = props.shortTermRetentionDays ?? 7;
    validateShortTermRetention(this, retentionDays);
    if (props.longTermRetention) validateLongTermRetention(this, props.longTermRetention);

    const serverName = this.nameFor("sqlServer", props.serverName, { field: "serverName" });
    const databaseName = this.nameFor("sqlDatabase", props.name);
    this.literalServerName = serverName;
    this.literalDatabaseName = databaseName;
    const cmk = resolveCustomerManagedKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-005",
      supported: true,
      defaultIdentity: props.identity?.userAssigned?.[0],
      defaultKey: () => stackEncryptionKey(this),
    });
    this.customerManagedKey = cmk;
    const identity = identityBlock(withKeyIdentity(props.identity, cmk));

    this.server = new MssqlServer(this, "Server", {
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
      identity,
      // A server with user-assigned identities must name the one it uses for Entra lookups.
      // With a key, the primary identity is the one that reads it (Learn:
      // https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-identity).
      primaryUserAssignedIdentityId: cmk?.identity.id ?? props.identity?.userAssigned?.[0]?.id,
      transparentDataEncryptionKeyVaultKeyId: cmk?.key.keyId,
      tags: this.tags,
    });
    dependOnKey(this.server, cmk);
    this.serverId = this.server.id;
    this.serverName = this.server.name;
    this.fullyQualifiedDomainName = this.server.fullyQualifiedDomainName;

    this.resource = new MssqlDatabase(this, "Resource", {
      name: databaseName,
      serverId: this.serverId,
      skuName: sku,
      autoPauseDelayInMinutes: props.autoPauseDelayInMinutes ?? (serverless ? 60 : undefined),
      minCapacity: props.minCapacity ?? (serverless ? 0.5 : undefined),
      zoneRedundant,
      storageAccountType: props.storageAccountType ?? this.context.defaults.sqlBackupStorageRedundancy,
      transparentDataEncryptionEnabled: true,
      shortTermRetentionPolicy: { retentionDays },
      longTermRetentionPolicy: props.longTermRetention ? { ...props.longTermRetention } : undefined,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;

    let firewallRules: MssqlFirewallRule[] = [];
    let publicNetworkAccess = false;
    let auditing: MssqlServerExtendedAuditingPolicy | undefined;
    let auditDiagnostics: MonitorDiagnosticSetting | undefined;
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
        if (!diagnostics.Diagnostics) return;
        // Server-level auditing covers every database (a database-level policy next to it would record each event twice).
        // Its events go to Azure Monitor through the master database's diagnostic setting, as the built-in Azure Policy
        // "Configure SQL servers to have auditing enabled to Log Analytics workspace" (25da7dfb-0666-4a15-a8f5-402127efd8bb) deploys it;
        // azurerm @v4.55.0:website/docs/r/mssql_server_extended_auditing_policy.html.markdown (log_monitoring_enabled).
        auditing = new MssqlServerExtendedAuditingPolicy(this, "ServerAuditing", {
          serverId: this.serverId,
          enabled: true,
          logMonitoringEnabled: true,
        });
        const destination = (props.diagnostics || undefined)?.destination ?? this.context.diagnostics;
        if (destination) {
          auditDiagnostics = new MonitorDiagnosticSetting(this, "AuditDiagnostics", {
            name: "diag-audit-log-analytics",
            targetResourceId: `${this.serverId}/databases/master`,
            logAnalyticsWorkspaceId: destination.logAnalyticsWorkspaceId,
            enabledLog: [{ category: "SQLSecurityAuditEvents" }],
          });
        }
      },
      dataStore: true,
    });
    this.privateEndpoint = kit.privateEndpoint;
    this.publicNetworkAccess = publicNetworkAccess;
    this.firewallRules = firewallRules;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.auditing = auditing;
    this.auditDiagnostics = auditDiagnostics;
    this.lock = kit.lock;
  }

  /**
   * Records read access (`db_datareader`) for an Entra principal, e.g. a Function App's managed
   * identity by its name. Nothing is deployed: run {@link grantScript} in the database.
   */
  public grantDataRead(principalName: string): SqlDatabaseGrant {
    return this.recordGrant(principalName, ["db_datareader"]);
  }

  /**
   * Records read and write access (`db_datareader` + `db_datawriter`) for an Entra principal.
   * Nothing is deployed: run {@link grantScript} in the database.
   */
  public grantDataWrite(principalName: string): SqlDatabaseGrant {
    return this.recordGrant(principalName, ["db_datareader", "db_datawriter"]);
  }

  /** The recorded grants, in the order they were first made. */
  public get dataGrants(): readonly SqlDatabaseGrant[] {
    return [...this.grants].map(([principalName, roles]) => ({ principalName, roles: [...roles] }));
  }

  /**
   * The T-SQL that applies the recorded grants (empty when there are none). It contains names and
   * roles only, no secrets; run it as the Entra administrator after the database exists.
   */
  public grantScript(): string {
    return renderGrantScript(this.literalServerName, this.literalDatabaseName, this.dataGrants);
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

  /** Manage the database through Azure Resource Manager, not its data (SQL DB Contributor). */
  public grantManage(principal: IPrincipal): RoleAssignment {
    return grantRole(this, this.id, BuiltInRole.sqlDbContributor, principal);
  }

  private recordGrant(principalName: string, roles: SqlDatabaseRole[]): SqlDatabaseGrant {
    validatePrincipalName(this, principalName);
    const current = this.grants.get(principalName) ?? [];
    this.grants.set(principalName, [...current, ...roles.filter((r) => !current.includes(r))]);
    return { principalName, roles: [...(this.grants.get(principalName) ?? [])] };
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
