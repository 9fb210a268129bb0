import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { CosmosdbSqlRoleAssignment } from "@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment";
import { DataFactoryLinkedCustomService } from "@cdktf/provider-azurerm/lib/data-factory-linked-custom-service";
import { DataFactoryLinkedServiceAzureBlobStorage } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-azure-blob-storage";
import { DataFactoryLinkedServiceAzureSqlDatabase } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-azure-sql-database";
import { DataFactoryLinkedServiceDataLakeStorageGen2 } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-data-lake-storage-gen2";
import { DataFactoryLinkedServiceKeyVault } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-key-vault";
import { DataFactoryLinkedServiceSqlServer } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-sql-server";
import { DataFactoryLinkedServiceSynapse } from "@cdktf/provider-azurerm/lib/data-factory-linked-service-synapse";
import { DataFactoryManagedPrivateEndpoint } from "@cdktf/provider-azurerm/lib/data-factory-managed-private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { DataFactory, LinkedService } from "../../../constructs/data-factory";
import { KeyVault } from "../../../constructs/key-vault";
import { StorageAccount } from "../../../constructs/storage";
import { makeStack, resourcesOfType as resources, single } from "../../helpers";
import { COSMOS, SQL_SERVER_ID, SYNAPSE_ID, sampleFactory } from "./sample-factory";

Testing.setupJest();

const FACTORY = "${azurerm_data_factory.Factory_212BF0B2.id}";
const PRINCIPAL = "${azurerm_data_factory.Factory_212BF0B2.identity[0].principal_id}";
const MANAGED_IR = "${azurerm_data_factory_integration_runtime_azure.Factory_ManagedIntegrationRuntime_87356876.name}";
const STORAGE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlegacy";
const VAULT_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.KeyVault/vaults/kv-legacy";

function bare(props: ConstructorParameters<typeof DataFactory>[2] = {}) {
  const stack = makeStack();
  return { stack, factory: new DataFactory(stack, "Factory", props) };
}

describe("SQL Server through the self-hosted runtime", () => {
  test("connects through the runtime with the password from Key Vault and no secret in the connection string", () => {
    const { stack } = sampleFactory();
    const runtime = single(stack, "azurerm_data_factory_integration_runtime_self_hosted");
    const keyVault = single(stack, "azurerm_data_factory_linked_service_key_vault");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryLinkedServiceSqlServer, {
      name: "OnPremSql",
      data_factory_id: FACTORY,
      integration_runtime_name: runtime.ref("name"),
      connection_string: "Integrated Security=False;Data Source=sql01.corp.contoso.com;Initial Catalog=Sales;User ID=adf_reader;Encrypt=True",
      key_vault_password: { linked_service_name: keyVault.ref("name"), secret_name: "onprem-sql-password" },
    });
    const [config] = resources(stack, "azurerm_data_factory_linked_service_sql_server");
    expect(JSON.stringify(config)).not.toMatch(/password=/i);
    expect(config).not.toHaveProperty("user_name");
  });

  test("Windows authentication sends the user separately; encryption can be turned off", () => {
    const { stack, factory, runtime, secrets } = sampleFactory();
    factory.addSqlServerLinkedService("LegacySql", {
      integrationRuntime: runtime,
      server: "sql02\\LEGACY",
      database: "Erp",
      userName: "CORP\\svc-adf",
      windowsAuthentication: true,
      encrypt: false,
      password: { keyVault: secrets, secretName: "svc-adf-password" },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryLinkedServiceSqlServer, {
      name: "LegacySql",
      connection_string: "Integrated Security=True;Data Source=sql02\\LEGACY;Initial Catalog=Erp;Encrypt=False",
      user_name: "CORP\\svc-adf",
    });
  });

  test("runtime and Key Vault must belong to this factory, and the vault must be a Key Vault link", () => {
    const { factory, secrets, controlDb } = sampleFactory();
    const other = bare().factory;
    const foreignRuntime = other.addSelfHostedIntegrationRuntime("onprem-ir");
    const options = { server: "sql01", database: "Sales", userName: "adf" };
    expect(() => factory.addSqlServerLinkedService("A", { ...options, integrationRuntime: foreignRuntime, password: { keyVault: secrets, secretName: "x" } })).toThrow(
      'test/Factory: integrationRuntime "onprem-ir" is not an integration runtime of this factory; pass an integration runtime created by this factory\'s add* methods',
    );
    const runtime = factory.entities.find("integrationRuntime", "onprem-ir") as ReturnType<DataFactory["addSelfHostedIntegrationRuntime"]>;
    expect(() =>
      factory.addSqlServerLinkedService("B", { ...options, integrationRuntime: runtime, password: { keyVault: controlDb as unknown as LinkedService<"AzureKeyVault">, secretName: "x" } }),
    ).toThrow('test/Factory: password.keyVault "ControlDb" is an AzureSqlDatabase linked service, not AzureKeyVault; pass an AzureKeyVault linked service');
  });

  test.each([
    ["server", "sql01;Password=oops"],
    ["database", ""],
    ["userName", "adf=1"],
  ])("%s %p would break the connection string", (field, value) => {
    const { factory, runtime, secrets } = sampleFactory();
    const options = { integrationRuntime: runtime, server: "sql01", database: "Sales", userName: "adf", password: { keyVault: secrets, secretName: "x" }, [field]: value };
    expect(() => factory.addSqlServerLinkedService("Broken", options)).toThrow(
      `test/Factory: ${field} ${JSON.stringify(value)} is empty or holds ';' or '=', which would break the connection string; set ${field} to the plain value only; secrets come from Key Vault or the managed identity`,
    );
  });
});

describe("Azure SQL Database", () => {
  test("uses the managed identity through the managed-VNet runtime and a managed private endpoint", () => {
    const { stack, controlDb } = sampleFactory();
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedServiceAzureSqlDatabase, {
      name: "ControlDb",
      use_managed_identity: true,
      integration_runtime_name: MANAGED_IR,
      connection_string: "Integrated Security=False;Encrypt=True;Connection Timeout=30;Data Source=sql-control.database.windows.net;Initial Catalog=control",
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, {
      name: "mpe-ControlDb-sqlServer",
      data_factory_id: FACTORY,
      target_resource_id: SQL_SERVER_ID,
      subresource_name: "sqlServer",
    });
    expect(controlDb.managedPrivateEndpoint?.name).toBe("mpe-ControlDb-sqlServer");
    expect(controlDb.grants).toEqual([]);
  });

  test("no endpoint without a server id or when opted out; asking for one without an id is an error", () => {
    const { stack, factory } = bare();
    factory.addAzureSqlDatabaseLinkedService("NoId", { server: "a.database.windows.net", database: "db" });
    factory.addAzureSqlDatabaseLinkedService("OptOut", { server: "b.database.windows.net", database: "db", serverId: SQL_SERVER_ID, managedPrivateEndpoint: false });
    expect(resources(stack, "azurerm_data_factory_managed_private_endpoint")).toHaveLength(0);
    expect(() => factory.addAzureSqlDatabaseLinkedService("Wanted", { server: "c.database.windows.net", database: "db", managedPrivateEndpoint: true })).toThrow(
      "test/Factory: managedPrivateEndpoint true needs the target's resource id (serverId); set serverId, or leave managedPrivateEndpoint unset",
    );
  });
});

describe("Data Lake Storage Gen2", () => {
  test("our StorageAccount: managed identity, dfs endpoint, Storage Blob Data Contributor through the account's grant method", () => {
    const { stack, dataLake } = sampleFactory();
    const account = single(stack, "azurerm_storage_account");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedServiceDataLakeStorageGen2, {
      name: "Lake",
      url: account.ref("primary_dfs_endpoint"),
      use_managed_identity: true,
      integration_runtime_name: MANAGED_IR,
    });
    expect(synth).toHaveResourceWithProperties(RoleAssignment, {
      scope: account.ref("id"),
      role_definition_name: "Storage Blob Data Contributor",
      principal_id: PRINCIPAL,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, { name: "mpe-Lake-dfs", target_resource_id: account.ref("id"), subresource_name: "dfs" });
    expect(dataLake.grants).toHaveLength(1);
    expect(dataLake.grants[0].node.scope?.node.path).toBe("test/Lake");
  });

  test("read access grants Storage Blob Data Reader; an existing account by id gets its grant under the factory", () => {
    const { stack, factory } = bare();
    const lake = new StorageAccount(stack, "Lake", { dataLake: true });
    factory.addDataLakeLinkedService("LakeRead", { storage: lake, access: "read" });
    const legacy = factory.addDataLakeLinkedService("Legacy", { storage: { storageAccountId: STORAGE_ID, dfsEndpoint: "https://stlegacy.dfs.core.windows.net/" } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(RoleAssignment, { scope: single(stack, "azurerm_storage_account").ref("id"), role_definition_name: "Storage Blob Data Reader" });
    expect(synth).toHaveResourceWithProperties(RoleAssignment, { scope: STORAGE_ID, role_definition_name: "Storage Blob Data Contributor", principal_id: PRINCIPAL });
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedServiceDataLakeStorageGen2, { name: "Legacy", url: "https://stlegacy.dfs.core.windows.net/" });
    expect(legacy.grants[0].node.scope?.node.path).toBe("test/Factory/LinkedService-Legacy-Grants");
  });

  test("two linked services to one account share a managed private endpoint", () => {
    const { stack, factory, lake } = sampleFactory();
    const second = factory.addDataLakeLinkedService("LakeAgain", { storage: lake, access: "read" });
    expect(resources(stack, "azurerm_data_factory_managed_private_endpoint").filter((e) => e.subresource_name === "dfs")).toHaveLength(1);
    expect(second.managedPrivateEndpoint?.name).toBe("mpe-Lake-dfs");
  });

  test("without the managed VNet no endpoint is created", () => {
    const { stack, factory } = bare({ managedVirtualNetwork: false });
    factory.addDataLakeLinkedService("Lake", { storage: new StorageAccount(stack, "Lake", { dataLake: true }) });
    expect(resources(stack, "azurerm_data_factory_managed_private_endpoint")).toHaveLength(0);
  });

  test("an account without hierarchical namespace, or a non-https endpoint, is rejected", () => {
    const { stack, factory } = bare();
    const blob = new StorageAccount(stack, "Blob");
    expect(() => factory.addDataLakeLinkedService("Blob", { storage: blob })).toThrow(
      'test/Factory: storage "test/Blob" is not a Data Lake Storage Gen2 account (no hierarchical namespace); ' +
        "create the StorageAccount with dataLake: true, or link it as Blob storage with addBlobStorageLinkedService",
    );
    expect(() => factory.addDataLakeLinkedService("Plain", { storage: { storageAccountId: STORAGE_ID, dfsEndpoint: "http://stlegacy.dfs.core.windows.net/" } })).toThrow(
      'test/Factory: storage.dfsEndpoint "http://stlegacy.dfs.core.windows.net/" is not an https URL; use https://<host>/...',
    );
  });
});

describe("Blob Storage", () => {
  test("the factory's managed identity on the blob endpoint (no key, no SAS), Blob Data Contributor on the account, a blob endpoint", () => {
    const { stack, factory } = bare();
    const account = new StorageAccount(stack, "Files");
    const blob = factory.addBlobStorageLinkedService("Files", { storage: account });
    const synth = Testing.synth(stack);
    const ref = single(stack, "azurerm_storage_account");
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedServiceAzureBlobStorage, {
      name: "Files",
      data_factory_id: FACTORY,
      integration_runtime_name: MANAGED_IR,
      service_endpoint: ref.ref("primary_blob_endpoint"),
      use_managed_identity: true,
      storage_kind: "StorageV2",
    });
    const config = single(stack, "azurerm_data_factory_linked_service_azure_blob_storage").config;
    for (const key of ["connection_string", "connection_string_insecure", "sas_uri", "service_principal_key"]) expect(config[key]).toBeUndefined();
    const contributor = { scope: ref.ref("id"), role_definition_name: "Storage Blob Data Contributor", principal_id: PRINCIPAL };
    expect(synth).toHaveResourceWithProperties(RoleAssignment, contributor);
    const endpoint = { name: "mpe-Files-blob", target_resource_id: ref.ref("id"), subresource_name: "blob" };
    expect(synth).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, endpoint);
    expect(blob.type).toBe("AzureBlobStorage");
    expect(blob.grants).toHaveLength(1);
  });

  test("read access grants Reader; an existing account by id gets its grant under the factory; http is rejected", () => {
    const { stack, factory } = bare();
    factory.addBlobStorageLinkedService("Read", { storage: new StorageAccount(stack, "Files"), access: "read" });
    const legacy = factory.addBlobStorageLinkedService("Legacy", {
      storage: { storageAccountId: STORAGE_ID, blobEndpoint: "https://stlegacy.blob.core.windows.net/" },
    });
    const synth = Testing.synth(stack);
    const reader = { scope: single(stack, "azurerm_storage_account").ref("id"), role_definition_name: "Storage Blob Data Reader" };
    expect(synth).toHaveResourceWithProperties(RoleAssignment, reader);
    const onId = { scope: STORAGE_ID, role_definition_name: "Storage Blob Data Contributor", principal_id: PRINCIPAL };
    expect(synth).toHaveResourceWithProperties(RoleAssignment, onId);
    expect(legacy.grants[0].node.scope?.node.path).toBe("test/Factory/LinkedService-Legacy-Grants");
    const plain = { storageAccountId: STORAGE_ID, blobEndpoint: "http://stlegacy.blob.core.windows.net/" };
    expect(() => factory.addBlobStorageLinkedService("Plain", { storage: plain })).toThrow(
      'test/Factory: storage.blobEndpoint "http://stlegacy.blob.core.windows.net/" is not an https URL; use https://<host>/...',
    );
  });
});

describe("Synapse", () => {
  test("a connection string without credentials (managed identity) and a managed private endpoint to the workspace's Sql endpoint", () => {
    const { stack, factory } = bare();
    factory.addSynapseLinkedService("Warehouse", { server: "synw-contoso.sql.azuresynapse.net", database: "dw", workspaceId: SYNAPSE_ID, description: "Dedicated pool" });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedServiceSynapse, {
      name: "Warehouse",
      description: "Dedicated pool",
      integration_runtime_name: MANAGED_IR,
      connection_string: "Integrated Security=False;Encrypt=True;Connection Timeout=30;Data Source=synw-contoso.sql.azuresynapse.net;Initial Catalog=dw",
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, { name: "mpe-Warehouse-Sql", target_resource_id: SYNAPSE_ID, subresource_name: "Sql" });
    expect(resources(stack, "azurerm_data_factory_linked_service_synapse")[0]).not.toHaveProperty("key_vault_password");
  });
});

describe("Cosmos DB", () => {
  test("a custom CosmosDb service with endpoint and database only, the data-plane role on the database, and a private endpoint", () => {
    const { stack, factory } = bare();
    const cosmos = factory.addCosmosDbLinkedService("Orders", { account: COSMOS, database: "sales" });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedCustomService, {
      name: "Orders",
      type: "CosmosDb",
      type_properties_json: JSON.stringify({ accountEndpoint: COSMOS.endpoint, database: "sales" }),
      integration_runtime: { name: MANAGED_IR },
    });
    expect(synth).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      resource_group_name: "rg-data",
      account_name: "cosmos-contoso",
      role_definition_id: `${COSMOS.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
      principal_id: PRINCIPAL,
      scope: `${COSMOS.id}/dbs/sales`,
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, { name: "mpe-Orders-Sql", target_resource_id: COSMOS.id, subresource_name: "Sql" });
    expect(cosmos.grants[0]).toBeInstanceOf(CosmosdbSqlRoleAssignment);
  });

  test("read access grants the Built-in Data Reader", () => {
    const { stack, factory } = bare();
    factory.addCosmosDbLinkedService("Orders", { account: COSMOS, database: "sales", access: "read", managedPrivateEndpoint: false });
    expect(resources(stack, "azurerm_cosmosdb_sql_role_assignment")[0].role_definition_id).toBe(`${COSMOS.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`);
    expect(resources(stack, "azurerm_data_factory_managed_private_endpoint")).toHaveLength(0);
  });

  test("a non-https endpoint is rejected", () => {
    expect(() => bare().factory.addCosmosDbLinkedService("Orders", { account: { ...COSMOS, endpoint: "cosmos-contoso" }, database: "sales" })).toThrow(
      'test/Factory: account.endpoint "cosmos-contoso" is not an https URL; use https://<host>/...',
    );
  });
});

describe("REST", () => {
  test("managed identity with the API's audience, certificate validation on", () => {
    const { stack, factory } = bare();
    factory.addRestLinkedService("OrdersApi", { url: "https://orders.contoso.com/api", authentication: { type: "ManagedServiceIdentity", aadResourceId: "api://orders" } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DataFactoryLinkedCustomService, {
      name: "OrdersApi",
      type: "RestService",
      type_properties_json: JSON.stringify({ url: "https://orders.contoso.com/api", enableServerCertificateValidation: true, authenticationType: "ManagedServiceIdentity", aadResourceId: "api://orders" }),
      integration_runtime: { name: MANAGED_IR },
    });
  });

  test("anonymous through a self-hosted runtime", () => {
    const { stack, factory } = bare();
    const runtime = factory.addSelfHostedIntegrationRuntime("onprem-ir");
    factory.addRestLinkedService("Catalog", { url: "https://catalog.corp.contoso.com", authentication: { type: "Anonymous" }, integrationRuntime: runtime });
    const [config] = resources(stack, "azurerm_data_factory_linked_custom_service");
    expect(JSON.parse(config.type_properties_json)).toEqual({ url: "https://catalog.corp.contoso.com", enableServerCertificateValidation: true, authenticationType: "Anonymous" });
    expect(config.integration_runtime).toEqual({ name: single(stack, "azurerm_data_factory_integration_runtime_self_hosted").ref("name") });
  });

  test("a literal ${...} in the URL is escaped for Terraform", () => {
    const { stack, factory } = bare();
    factory.addRestLinkedService("Templated", { url: "https://orders.contoso.com/${tenant}", authentication: { type: "Anonymous" } });
    const [config] = resources(stack, "azurerm_data_factory_linked_custom_service");
    expect(config.type_properties_json).toBe('{"url":"https://orders.contoso.com/$${tenant}","enableServerCertificateValidation":true,"authenticationType":"Anonymous"}');
  });

  test("plain http and an empty audience are rejected", () => {
    const { factory } = bare();
    expect(() => factory.addRestLinkedService("Http", { url: "http://orders.contoso.com", authentication: { type: "Anonymous" } })).toThrow(
      'test/Factory: url "http://orders.contoso.com" is not an https URL; use https://<host>/...',
    );
    expect(() => factory.addRestLinkedService("NoAudience", { url: "https://orders.contoso.com", authentication: { type: "ManagedServiceIdentity", aadResourceId: " " } })).toThrow(
      'test/Factory: authentication.aadResourceId " " is empty; set the App ID URI or client id of the API the factory\'s identity requests a token for',
    );
  });
});

describe("Key Vault", () => {
  test("our KeyVault: Key Vault Secrets User through the vault's grant method, a private endpoint, no runtime", () => {
    const { stack, secrets } = sampleFactory();
    const vault = single(stack, "azurerm_key_vault");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(DataFactoryLinkedServiceKeyVault, { name: "Secrets", key_vault_id: vault.ref("id") });
    expect(resources(stack, "azurerm_data_factory_linked_service_key_vault")[0]).not.toHaveProperty("integration_runtime_name");
    expect(synth).toHaveResourceWithProperties(RoleAssignment, {
      scope: vault.ref("id"),
      role_definition_name: "Key Vault Secrets User",
      principal_id: PRINCIPAL,
      principal_type: "ServicePrincipal",
    });
    expect(synth).toHaveResourceWithProperties(DataFactoryManagedPrivateEndpoint, { name: "mpe-Secrets-vault", target_resource_id: vault.ref("id"), subresource_name: "vault" });
    expect(secrets.grants[0].node.scope?.node.path).toBe("test/Vault");
  });

  test("an existing vault by id", () => {
    const { stack, factory } = bare();
    factory.addKeyVaultLinkedService("Legacy", { vault: { keyVaultId: VAULT_ID } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, { scope: VAULT_ID, role_definition_name: "Key Vault Secrets User", principal_id: PRINCIPAL });
  });

  test("granting through a KeyVault construct twice yields one assignment", () => {
    const { stack, factory } = bare();
    const vault = new KeyVault(stack, "Vault");
    factory.addKeyVaultLinkedService("One", { vault, managedPrivateEndpoint: false });
    factory.addKeyVaultLinkedService("Two", { vault, managedPrivateEndpoint: false });
    expect(resources(stack, "azurerm_role_assignment")).toHaveLength(1);
  });
});

describe("linked service names", () => {
  test.each([
    ["Orders-Db", "test/Factory: linked service name \"Orders-Db\" breaks the Data Factory linked service naming rule; use a letter first, then no . + ? / < > * % & : \\ or '-'"],
    ["1Orders", "test/Factory: linked service name \"1Orders\" breaks the Data Factory linked service naming rule; use a letter first, then no . + ? / < > * % & : \\ or '-'"],
    ["", 'test/Factory: linked service name "" is 0 characters; a linked service name must be 1-260; choose a name of 1 to 260 characters'],
  ])("%p is rejected", (name, message) => {
    expect(() => bare().factory.addRestLinkedService(name, { url: "https://x.contoso.com", authentication: { type: "Anonymous" } })).toThrow(message);
  });

  test("a name known only at deploy time is rejected", () => {
    const { factory } = sampleFactory();
    expect(() => factory.addRestLinkedService(factory.resource.name, { url: "https://x.contoso.com", authentication: { type: "Anonymous" } })).toThrow(
      "test/Factory: linked service name is a value known only at deploy time, but it names constructs and pipeline references; pass a literal name",
    );
  });

  test("names are unique, case-insensitively", () => {
    const { factory } = sampleFactory();
    expect(() => factory.addRestLinkedService("controldb", { url: "https://x.contoso.com", authentication: { type: "Anonymous" } })).toThrow(
      'test/Factory: linked service name "controldb" collides with "ControlDb" (Data Factory names are case-insensitive); give each linked service a unique name',
    );
  });

  test("the factory lists its linked services", () => {
    const { factory } = sampleFactory();
    expect([...factory.linkedServices.keys()]).toEqual(["Secrets", "OnPremSql", "ControlDb", "Lake"]);
    expect(factory.linkedServices.get("Lake")?.type).toBe("AzureBlobFS");
  });
});
