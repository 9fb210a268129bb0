import { DataFactoryLinkedServiceAzureSqlDatabase } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-azure-sql-database";
import { DataFactoryLinkedServiceSqlServer } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-sql-server";
import { DataFactoryLinkedServiceSynapse } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-synapse";
import { FactoryHost } from "./host";
import { SelfHostedIntegrationRuntime } from "./integration-runtime";
import { CommonOptions, KeyVaultSecretReference, LinkedService, PrivateEndpointToggle, requireType } from "./linked-service";
import { connectionPart, identityConnectionString, privateEndpoint, recordStoreCalls, sqlConnectionString } from "./linked-service-helpers";

// SQL stores: SQL Server on premises (a SQL login from Key Vault), Azure SQL Database and Synapse (managed identity).

/** An on-premises SQL Server reached through a self-hosted integration runtime. */
export interface SqlServerLinkedServiceOptions extends CommonOptions {
  /** The self-hosted runtime installed next to the server. */
  readonly integrationRuntime: SelfHostedIntegrationRuntime;
  /** Host name, `host\instance` or `host,port`. */
  readonly server: string;
  readonly database: string;
  /** SQL login, or `DOMAIN\user` with `windowsAuthentication`. */
  readonly userName: string;
  /** The password, kept in Key Vault. */
  readonly password: KeyVaultSecretReference;
  /** Windows authentication instead of a SQL login. @default false */
  readonly windowsAuthentication?: boolean;
  /** Encrypt the connection (the server needs a certificate the runtime's machine trusts). @default true */
  readonly encrypt?: boolean;
}

/** An Azure SQL Database reached with the factory's managed identity. */
export interface AzureSqlDatabaseLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** Server FQDN, e.g. `sql-contoso.database.windows.net`. */
  readonly server: string;
  readonly database: string;
  /** ARM id of the logical server, for the managed private endpoint (`sqlServer`). @default none: no endpoint */
  readonly serverId?: string;
}

/** A Synapse dedicated SQL pool reached with the factory's managed identity. */
export interface SynapseLinkedServiceOptions extends CommonOptions, PrivateEndpointToggle {
  /** SQL endpoint, e.g. `synw-contoso.sql.azuresynapse.net`. */
  readonly server: string;
  /** The dedicated SQL pool. */
  readonly database: string;
  /** ARM id of the Synapse workspace, for the managed private endpoint (`Sql`). @default none: no endpoint */
  readonly workspaceId?: string;
}

export function addSqlServerLinkedService(host: FactoryHost, name: string, options: SqlServerLinkedServiceOptions): LinkedService<"SqlServer"> {
  host.entities.claim("linkedService", name);
  host.entities.requireOwned("integrationRuntime", options.integrationRuntime, "integrationRuntime");
  host.entities.requireOwned("linkedService", options.password.keyVault, "password.keyVault");
  requireType(host, options.password.keyVault, "AzureKeyVault", "password.keyVault");
  connectionPart(host, "server", options.server);
  connectionPart(host, "database", options.database);
  connectionPart(host, "userName", options.userName);
  const windows = options.windowsAuthentication ?? false;
  const connectionString = sqlConnectionString({
    "Integrated Security": windows ? "True" : "False",
    "Data Source": options.server,
    "Initial Catalog": options.database,
    ...(windows ? {} : { "User ID": options.userName }),
    Encrypt: (options.encrypt ?? true) ? "True" : "False",
  });
  const resource = new DataFactoryLinkedServiceSqlServer(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: options.integrationRuntime.resource.name,
    connectionString,
    userName: windows ? options.userName : undefined,
    keyVaultPassword: { linkedServiceName: options.password.keyVault.resource.name, secretName: options.password.secretName },
  });
  return host.entities.add("linkedService", new LinkedService(name, resource, "SqlServer"));
}

export function addAzureSqlDatabaseLinkedService(
  host: FactoryHost,
  name: string,
  options: AzureSqlDatabaseLinkedServiceOptions,
): LinkedService<"AzureSqlDatabase"> {
  host.entities.claim("linkedService", name);
  const connectionString = identityConnectionString(host, options.server, options.database);
  const endpoint = privateEndpoint(host, name, options.serverId, "serverId", "sqlServer", options.managedPrivateEndpoint, "Microsoft.Sql/servers");
  const resource = new DataFactoryLinkedServiceAzureSqlDatabase(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: host.managedIntegrationRuntimeName,
    useManagedIdentity: true,
    connectionString,
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, options.serverId ?? options.server, "sqlServer");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureSqlDatabase", [], endpoint));
}

export function addSynapseLinkedService(host: FactoryHost, name: string, options: SynapseLinkedServiceOptions): LinkedService<"AzureSqlDW"> {
  host.entities.claim("linkedService", name);
  // azurerm offers only a connection string here; one without credentials makes Data Factory
  // sign in with its system-assigned managed identity (the documented legacy AzureSqlDW form).
  const connectionString = identityConnectionString(host, options.server, options.database);
  const synapseType = "Microsoft.Synapse/workspaces";
  const endpoint = privateEndpoint(host, name, options.workspaceId, "workspaceId", "Sql", options.managedPrivateEndpoint, synapseType);
  const resource = new DataFactoryLinkedServiceSynapse(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    integrationRuntimeName: host.managedIntegrationRuntimeName,
    connectionString,
  });
  recordStoreCalls(name, resource, host.managedIntegrationRuntime, options.workspaceId ?? options.server, "Sql");
  return host.entities.add("linkedService", new LinkedService(name, resource, "AzureSqlDW", [], endpoint));
}
