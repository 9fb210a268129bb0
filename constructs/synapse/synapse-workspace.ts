import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { Password } from "@cdktf/provider-random/lib/password";
import { SynapseFirewallRule } from "@cdktf/provider-azurerm/lib/synapse-firewall-rule";
import { SynapseWorkspace as SynapseWorkspaceResource } from "@cdktf/provider-azurerm/lib/synapse-workspace";
import { SynapseWorkspaceAadAdmin } from "@cdktf/provider-azurerm/lib/synapse-workspace-aad-admin";
import { SynapseWorkspaceKey } from "@cdktf/provider-azurerm/lib/synapse-workspace-key";
import { TerraformResource } from "cdktf";
import { clientConfig } from "../core/client-config";
import { ResolvedCustomerManagedKey, dependOnKey, resolveCustomerManagedKey, withKeyIdentity } from "../core/customer-managed-key";
import { addDependency } from "../core/depends-on";
import { DiagnosticsOptions } from "../core/diagnostics";
import { invalid } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { NetworkAccessOptions } from "../core/network-access";
import { PrivateEndpoint, PrivateLinkSubresource } from "../core/private-endpoint";
import { ensureRandomProvider } from "../core/random-provider";
import { KitPrivateEndpoint, KitProps, ResourceConstruct } from "../core/resource-construct";
import { EntraAdministrator, resolveAdministrator } from "../core/entra-administrator";
import { ipRangesOf } from "../core/ip-range";
import { stackEncryptionKey } from "../key-vault";
import { IStorageAccount } from "../storage";
import { validateChildName } from "../core/child-names";
import { DedicatedSqlPool, DedicatedSqlPoolOptions } from "./sql-pool";
import { validateSqlAdministratorLogin, validateWorkspaceName } from "./validation";

export type SynapseEndpointSubresource = "Sql" | "SqlOnDemand" | "Dev";

/** The Synapse sub-resources that get private endpoints, with their private DNS zones. */
const ENDPOINTS: readonly (KitPrivateEndpoint & { subresource: SynapseEndpointSubresource & PrivateLinkSubresource })[] = [
  // The core table maps "Sql" to Cosmos DB's zone; Synapse's dedicated SQL endpoint has its own.
  { subresource: "Sql", id: "PrivateEndpointSql", privateDnsZone: "privatelink.sql.azuresynapse.net" },
  { subresource: "SqlOnDemand", id: "PrivateEndpointSqlOnDemand", privateDnsZone: "privatelink.sql.azuresynapse.net" },
  { subresource: "Dev", id: "PrivateEndpointDev", privateDnsZone: "privatelink.dev.azuresynapse.net" },
];

/**
 * The kit as Synapse has it: `identity` must keep the system-assigned identity (it reaches the Data
 * Lake); private endpoints for `Sql`, `SqlOnDemand` and `Dev` (public access is off once the `Sql`
 * one exists); diagnostics cover the workspace and its SQL pools; the lock follows the profile (a
 * data store). `customerManagedKey` double-encrypts the workspace (its `customer_managed_key`,
 * versionless so it follows rotation), read with a user-assigned identity. A workspace created with
 * a key waits in "pending activation" until the key is activated: an `azurerm_synapse_workspace_key`
 * with `active = true`, which the administrator, firewall rules and SQL pools wait for (azurerm
 * @v4.55.0:website/docs/r/synapse_workspace.html.markdown;
 * https://learn.microsoft.com/azure/synapse-analytics/security/workspaces-encryption). Azure takes
 * the key only when the workspace is created: turning it on for an existing workspace means a new
 * workspace (unverified whether azurerm's update reports the refusal). `{ optOut: reason }` keeps
 * service-managed keys.
 */
export interface SynapseWorkspaceProps extends KitProps, Pick<NetworkAccessOptions, "publicNetworkAccess" | "allowedIpRanges"> {
  /**
   * The workspace's default storage: a Data Lake Gen2 account, created with `dataLake: true` or imported
   * (`StorageAccount.fromId`/`fromName`; an import is taken to have a hierarchical namespace, which is not checked).
   */
  readonly dataLake: IStorageAccount;
  /** Filesystem (container) of `dataLake` for workspace data; added to the account when missing. @default "synapse" */
  readonly fileSystem?: string;
  /**
   * The Microsoft Entra administrator of the workspace's SQL endpoints. Authentication is
   * Entra-only (SQL authentication is off).
   * @default the principal running Terraform (`data.azurerm_client_config` object id and tenant), login "deploying-principal"
   */
  readonly administrator?: EntraAdministrator;
  /**
   * The SQL administrator login Synapse is created with (azurerm asks for it, or a customer-managed
   * key, when it is absent). Its password is a `random_password` kept only in Terraform state; SQL
   * authentication stays off (`azuread_authentication_only`), so nobody signs in with either. Both
   * are create-time only: later changes are ignored rather than replacing the workspace.
   * @default "sqladminuser"
   */
  readonly sqlAdministratorLogin?: string;
  /** Runs integration runtimes and Spark in a Synapse-managed VNet; cannot be changed later. @default true */
  readonly managedVirtualNetwork?: boolean;
  /**
   * Allows outbound connections from the managed VNet only through approved managed private
   * endpoints; cannot be changed later. Needs `managedVirtualNetwork`.
   * @default the profile's privateNetworking (prod on)
   */
  readonly dataExfiltrationProtection?: boolean;
}

/** The workspace's name for its key (`key_name`, azurerm's default). */
const WORKSPACE_KEY_NAME = "cmk";

/**
 * A Synapse Analytics workspace on a Data Lake Gen2 filesystem, with Entra-only authentication (the
 * SQL administrator login Synapse needs gets a generated password nobody uses), a
 * managed VNet, private endpoints (or a deny-by-default firewall) and its identity granted
 * Storage Blob Data Contributor on the Data Lake. Dedicated SQL pools come from {@link addSqlPool}.
 * Every other L1 setting is reachable through {@link SynapseWorkspace.resource}.
 *
 * Not created here: Synapse Studio over private link needs a private link hub (`Web`), and Spark or
 * pipelines reaching a private Data Lake from the managed VNet need managed private endpoints,
 * which are created through the workspace's data plane and approved on the storage account.
 */
export class SynapseWorkspace extends ResourceConstruct {
  public readonly resource: SynapseWorkspaceResource;
  public readonly id: string;
  public readonly name: string;
  /** Object id of the workspace's system-assigned identity. @deprecated use `principal.principalId` */
  public readonly principalId: string;
  /** Dedicated SQL endpoint host, e.g. `synw-x.sql.azuresynapse.net`. */
  public readonly sqlEndpoint: string;
  /** Serverless SQL endpoint host, e.g. `synw-x-ondemand.sql.azuresynapse.net`. */
  public readonly sqlOnDemandEndpoint: string;
  /** Development endpoint (Synapse Studio, pipelines, Spark), e.g. `https://synw-x.dev.azuresynapse.net`. */
  public readonly devEndpoint: string;
  public readonly administrator: SynapseWorkspaceAadAdmin;
  /** The SQL administrator's generated password (Terraform state only; SQL authentication is off). */
  public readonly sqlAdministratorPassword: Password;
  /** The workspace's filesystem: the Data Lake container of that name (existing or added). */
  public readonly fileSystem: StorageContainer;
  /** Storage Blob Data Contributor on the Data Lake for the workspace identity. */
  public readonly dataLakeGrant: RoleAssignment;
  public readonly privateEndpoints: { [S in SynapseEndpointSubresource]?: PrivateEndpoint } = {};
  public readonly firewallRules: readonly SynapseFirewallRule[];
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  /** Dedicated SQL pools added with {@link addSqlPool}, by name. */
  public readonly sqlPools: ReadonlyMap<string, DedicatedSqlPool>;
  /** The key, identity and role that encrypt the workspace; undefined with service-managed keys. */
  public readonly customerManagedKey?: ResolvedCustomerManagedKey;
  /** The activation of the workspace's key, present with {@link customerManagedKey}: what uses the workspace waits for it. */
  public readonly keyActivation?: SynapseWorkspaceKey;

  private readonly sqlPoolMap = new Map<string, DedicatedSqlPool>();
  private readonly diagnosticsOptions: DiagnosticsOptions | false | undefined;
  private readonly identityOptions: IdentityOptions | undefined;
  private readonly givenName: string;

  constructor(scope: Construct, id: string, props: SynapseWorkspaceProps) {
    super(scope, id, props);
    const settings = this.resolveSettings(props);
    this.givenName = settings.name;
    this.identityOptions = props.identity;
    this.diagnosticsOptions = props.diagnostics;
    this.sqlPools = this.sqlPoolMap;
    const cmk = resolveCustomerManagedKey(this, props.customerManagedKey, {
      ruleId: "AIC-CMK-006",
      supported: true,
      defaultKey: () => stackEncryptionKey(this),
    });
    this.customerManagedKey = cmk;

    this.fileSystem = props.dataLake.containers.get(settings.fileSystem) ?? props.dataLake.addContainer(settings.fileSystem);
    this.sqlAdministratorPassword = this.createSqlAdministratorPassword();
    this.resource = this.createWorkspace(props, settings);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.principalId = this.resource.identity.principalId;
    this.sqlEndpoint = this.resource.connectivityEndpoints.lookup("sql");
    this.sqlOnDemandEndpoint = this.resource.connectivityEndpoints.lookup("sqlOnDemand");
    this.devEndpoint = this.resource.connectivityEndpoints.lookup("dev");
    dependOnKey(this.resource, cmk);
    this.keyActivation = cmk && this.activateKey(cmk);

    this.administrator = new SynapseWorkspaceAadAdmin(this, "Administrator", {
      synapseWorkspaceId: this.id,
      login: settings.administrator.login,
      objectId: settings.administrator.objectId,
      tenantId: settings.administrator.tenantId ?? clientConfig(this).tenantId,
    });
    this.waitForActivation(this.administrator);
    this.dataLakeGrant = props.dataLake.grantBlobWrite(this.principal);

    const kit = this.wireWorkspaceKit(props, settings.name);
    Object.assign(this.privateEndpoints, kit.privateEndpoints);
    this.firewallRules = kit.firewallRules;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;
  }

  /**
   * The workspace's system-assigned identity (the principal rule; the workspace always keeps it), to
   * grant it access elsewhere, e.g. `vault.grantSecretsRead(workspace)`.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.principalId);
  }

  /** @deprecated use {@link principal} (the same principal). */
  public identityPrincipal(): IPrincipal {
    return this.principal;
  }

  /** Adds a dedicated SQL pool (data warehouse); its logs and metrics follow the workspace's diagnostics. */
  public addSqlPool(name: string, options: DedicatedSqlPoolOptions = {}): DedicatedSqlPool {
    if (this.sqlPoolMap.has(name)) {
      invalid(this, { field: "sql pool name", value: name, rule: "is already defined in this workspace", fix: "add each SQL pool once" });
    }
    const pool = new DedicatedSqlPool(this, `SqlPool-${name}`, {
      ...options,
      name,
      synapseWorkspaceId: this.id,
      storageAccountType: options.storageAccountType ?? (this.context.defaults.storageReplication === "LRS" ? "LRS" : "GRS"),
      tags: options.tags ?? this.tags,
      diagnostics: this.diagnosticsOptions,
    });
    this.waitForActivation(pool.resource);
    this.sqlPoolMap.set(name, pool);
    return pool;
  }

  /**
   * Makes `resource` wait for the key's activation (with a customer-managed key): a workspace
   * pending activation refuses its SQL pools, administrator and firewall rules.
   */
  public waitForActivation(resource: TerraformResource): void {
    if (this.keyActivation) addDependency(resource, this.keyActivation);
  }

  /** Checks the props in the order users meet them; returns what the workspace is built from. */
  private resolveSettings(props: SynapseWorkspaceProps): WorkspaceSettings {
    if (props.dataLake.dataLake === false) {
      invalid(this, {
        field: "dataLake",
        value: props.dataLake.node.path,
        rule: "is not a Data Lake Gen2 account (hierarchical namespace off)",
        fix: "create the StorageAccount with dataLake: true",
      });
    }
    const fileSystem = props.fileSystem ?? "synapse";
    validateChildName(this, "container", fileSystem);
    const administrator = resolveAdministrator(this, props.administrator);
    const sqlAdministratorLogin = props.sqlAdministratorLogin ?? "sqladminuser";
    validateSqlAdministratorLogin(this, sqlAdministratorLogin);
    const managedVnet = props.managedVirtualNetwork ?? true;
    const exfiltrationProtection = props.dataExfiltrationProtection ?? (managedVnet && this.context.defaults.privateNetworking);
    if (exfiltrationProtection && !managedVnet) {
      invalid(this, {
        field: "dataExfiltrationProtection",
        value: true,
        rule: "needs the managed virtual network",
        fix: "leave managedVirtualNetwork on or set dataExfiltrationProtection: false",
      });
    }
    if (props.identity?.systemAssigned === false) {
      invalid(this, {
        field: "identity.systemAssigned",
        value: false,
        rule: "cannot be off: the workspace reaches its Data Lake with its system-assigned identity",
        fix: "leave systemAssigned on (user-assigned identities may be added)",
      });
    }
    const name = this.nameFor("synapseWorkspace", props.name);
    validateWorkspaceName(this, name);
    return { fileSystem, administrator, sqlAdministratorLogin, managedVnet, exfiltrationProtection, name };
  }

  /**
   * Without sql_administrator_login azurerm asks for a customer-managed key, and its own Entra-only
   * test still sets a login (azurerm @v4.55.0:website/docs/r/synapse_workspace.html.markdown,
   * internal/services/synapse/synapse_workspace_resource_test.go). The password is never a literal.
   */
  private createSqlAdministratorPassword(): Password {
    ensureRandomProvider(this);
    return new Password(this, "SqlAdministratorPassword", {
      length: 32,
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 2,
      overrideSpecial: "-_!#%*+=",
    });
  }

  private createWorkspace(props: SynapseWorkspaceProps, settings: WorkspaceSettings): SynapseWorkspaceResource {
    const cmk = this.customerManagedKey;
    return new SynapseWorkspaceResource(this, "Resource", {
      name: settings.name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      // Synapse wants the filesystem's DFS URL, not its Resource Manager id.
      storageDataLakeGen2FilesystemId: `${props.dataLake.primaryDfsEndpoint}${settings.fileSystem}`,
      sqlAdministratorLogin: settings.sqlAdministratorLogin,
      sqlAdministratorLoginPassword: this.sqlAdministratorPassword.result,
      azureadAuthenticationOnly: true,
      managedVirtualNetworkEnabled: settings.managedVnet,
      dataExfiltrationProtectionEnabled: settings.exfiltrationProtection,
      identity: identityBlock(withKeyIdentity(props.identity, cmk)),
      customerManagedKey: cmk && { keyVersionlessId: cmk.key.versionlessKeyId, keyName: WORKSPACE_KEY_NAME, userAssignedIdentityId: cmk.identity.id },
      tags: this.tags,
      dependsOn: [this.fileSystem],
      // The login is ForceNew and not Computed in azurerm 4.55, and the password is PATCHed on change
      // (synapse_workspace_resource.go): ignoring both keeps a workspace created without them, or
      // with other values, from being replaced or re-keyed. Nobody uses them (Entra-only).
      lifecycle: { ignoreChanges: ["sql_administrator_login", "sql_administrator_login_password"] },
    });
  }

  private activateKey(cmk: ResolvedCustomerManagedKey): SynapseWorkspaceKey {
    return new SynapseWorkspaceKey(this, "KeyActivation", {
      synapseWorkspaceId: this.id,
      customerManagedKeyName: WORKSPACE_KEY_NAME,
      customerManagedKeyVersionlessId: cmk.key.versionlessKeyId,
      active: true,
      dependsOn: [cmk.ready],
    });
  }

  /** The kit, with the firewall rules public access calls for (with public access off Azure ignores them). */
  private wireWorkspaceKit(props: SynapseWorkspaceProps, name: string) {
    let firewallRules: SynapseFirewallRule[] = [];
    const kit = this.wireKit(props, {
      resourceId: this.id,
      name,
      privateEndpoints: ENDPOINTS,
      networkAccess: (access) => {
        this.resource.publicNetworkAccessEnabled = access.publicNetworkAccessEnabled;
        firewallRules = access.publicNetworkAccessEnabled ? this.firewallRulesFor(access.ipRules) : [];
      },
      dataStore: true,
    });
    return { ...kit, firewallRules };
  }

  /**
   * The database user name of the workspace's system-assigned identity in SQL grants: its display name, which is the
   * workspace's name as given or derived at synth ({@link name} references the resource), for T-SQL written at synth.
   */
  public get sqlPrincipalName(): string {
    return this.givenName;
  }

  private firewallRulesFor(ipRules: readonly string[]): SynapseFirewallRule[] {
    const rules = ipRangesOf(this, ipRules).map(
      (range) =>
        new SynapseFirewallRule(this, `FirewallRule-${range.name}`, {
          name: range.name,
          synapseWorkspaceId: this.id,
          startIpAddress: range.startIpAddress,
          endIpAddress: range.endIpAddress,
        }),
    );
    for (const rule of rules) this.waitForActivation(rule);
    return rules;
  }
}

/** What the checked props decide. */
interface WorkspaceSettings {
  readonly fileSystem: string;
  readonly administrator: ReturnType<typeof resolveAdministrator>;
  readonly sqlAdministratorLogin: string;
  readonly managedVnet: boolean;
  readonly exfiltrationProtection: boolean;
  readonly name: string;
}
