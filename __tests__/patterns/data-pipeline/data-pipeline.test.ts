import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { KeyVault } from "../../../constructs/key-vault";
import { SqlDatabase } from "../../../constructs/sql";
import { StorageAccount } from "../../../constructs/storage";
import { DataPipeline, ENTITY_NAMES } from "../../../patterns/data-pipeline";
import { Json, SUBSCRIPTION_ID, makeStack, messageOf, resolved, resources, single, synth, withProvider } from "../../helpers";
import { ADMIN, CONTEXTS, PROPS, Profile, pipelineStack } from "./fixtures";

Testing.setupJest();

/** The `${type.logicalId.attr}` reference of the resource `type` whose `name` is `name`. */
function refByName(json: Json, type: string, name: string, attribute = "name"): string {
  const entry = Object.entries(json.resource[type] ?? {}).find(([, config]) => (config as Json).name === name);
  if (!entry) throw new Error(`no ${type} named ${name}`);
  return `\${${type}.${entry[0]}.${attribute}}`;
}

function byName(json: Json, type: string): Record<string, Json> {
  return Object.fromEntries(Object.values(json.resource[type] ?? {}).map((r) => [(r as Json).name, r]));
}

describe.each(["dev", "prod"] as const)("DataPipeline (%s)", (profile: Profile) => {
  const { stack, pattern } = pipelineStack(profile);
  const json = synth(stack);
  const factoryPrincipal = resolved(stack, pattern.dataFactory.principal.principalId);

  test("synthesizes with cdktf's validations", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("creates the lake, vault, control database, factory, Cosmos DB and Synapse, exposed as properties", () => {
    expect(Object.keys(resources(stack, "azurerm_storage_account"))).toHaveLength(1);
    const lake = Object.values(resources(stack, "azurerm_storage_account"))[0];
    expect(lake).toEqual(expect.objectContaining({ is_hns_enabled: true, shared_access_key_enabled: false }));
    expect(Object.values(resources(stack, "azurerm_storage_container")).map((c: Json) => c.name).sort()).toEqual(["curated", "raw", "synapse"]);
    // The pipeline's vault, and in prod the stack's encryption-key vault.
    const encryption = profile === "prod" ? [expect.stringMatching(/^EncryptionKey_Vault_/)] : [];
    const vaults = [expect.stringMatching(/^DataPipeline_KeyVault_/), ...encryption];
    expect(Object.keys(resources(stack, "azurerm_key_vault")).sort()).toEqual(vaults);
    expect(Object.values(resources(stack, "azurerm_mssql_server"))).toEqual([
      expect.objectContaining({ azuread_administrator: expect.objectContaining({ login_username: ADMIN.login, object_id: ADMIN.objectId, azuread_authentication_only: true }) }),
    ]);
    // Dev has no private endpoint: the self-hosted runtime reaches the factory publicly (F4).
    expect(Object.values(resources(stack, "azurerm_data_factory"))).toEqual([
      expect.objectContaining({
        public_network_enabled: profile !== "prod",
        managed_virtual_network_enabled: true,
        // In prod the factory also has the identity that reads its encryption key.
        identity: profile === "prod" ? expect.objectContaining({ type: "SystemAssigned, UserAssigned" }) : { type: "SystemAssigned" },
      }),
    ]);
    expect(Object.values(resources(stack, "azurerm_cosmosdb_sql_database"))).toEqual([
      expect.objectContaining({ name: "customers", autoscale_settings: { max_throughput: 1000 } }),
    ]);
    expect(Object.values(resources(stack, "azurerm_cosmosdb_sql_container"))).toEqual([
      expect.objectContaining({ name: "customer-profiles", partition_key_paths: ["/customerId"] }),
    ]);
    expect(Object.values(resources(stack, "azurerm_synapse_workspace"))).toEqual([
      expect.objectContaining({
        azuread_authentication_only: true,
        storage_data_lake_gen2_filesystem_id: `${resolved(stack, pattern.dataLake.primaryDfsEndpoint)}synapse`,
      }),
    ]);
    expect(resources(stack, "azurerm_synapse_sql_pool")).toEqual({});
    expect(pattern.sqlPool).toBeUndefined();
    expect(pattern.dataFactory.node.scope).toBe(pattern);
  });

  test("self-hosted runtime onprem-ir with its registration key in a sensitive output", () => {
    expect(Object.values(resources(stack, "azurerm_data_factory_integration_runtime_self_hosted"))).toEqual([expect.objectContaining({ name: "onprem-ir" })]);
    expect(json.output["data-pipeline-ir-key"]).toEqual({
      value: refByName(json, "azurerm_data_factory_integration_runtime_self_hosted", "onprem-ir", "primary_authorization_key"),
      sensitive: true,
      description: expect.stringContaining("onprem-ir"),
    });
  });

  test("linked services: on-premises SQL through the runtime with the Key Vault password; Azure stores with managed identity", () => {
    const sqlServer = byName(json, "azurerm_data_factory_linked_service_sql_server").OnPremSql;
    expect(sqlServer).toEqual(
      expect.objectContaining({
        integration_runtime_name: refByName(json, "azurerm_data_factory_integration_runtime_self_hosted", "onprem-ir"),
        connection_string: "Integrated Security=False;Data Source=sql01.corp.contoso.example;Initial Catalog=Sales;User ID=adf_reader;Encrypt=True",
        key_vault_password: { linked_service_name: refByName(json, "azurerm_data_factory_linked_service_key_vault", "KeyVault"), secret_name: "onprem-sql-password" },
      }),
    );
    expect(byName(json, "azurerm_data_factory_linked_service_key_vault").KeyVault.key_vault_id).toEqual(resolved(stack, pattern.keyVault.id));
    const control = byName(json, "azurerm_data_factory_linked_service_azure_sql_database").ControlDb;
    expect(control.use_managed_identity).toBe(true);
    expect(control.connection_string).toContain(`Data Source=${resolved(stack, pattern.controlDatabase.fullyQualifiedDomainName)};Initial Catalog=${resolved(stack, pattern.controlDatabase.name)}`);
    expect(byName(json, "azurerm_data_factory_linked_service_data_lake_storage_gen2").DataLake).toEqual(
      expect.objectContaining({ use_managed_identity: true, url: resolved(stack, pattern.dataLake.primaryDfsEndpoint) }),
    );
    const synapse = byName(json, "azurerm_data_factory_linked_service_synapse").Synapse;
    expect(synapse.connection_string).toBe(`Integrated Security=False;Encrypt=True;Connection Timeout=30;Data Source=${resolved(stack, pattern.synapse.sqlEndpoint)};Initial Catalog=dw`);
    const custom = byName(json, "azurerm_data_factory_linked_custom_service");
    expect(custom.CosmosDb.type).toBe("CosmosDb");
    expect(JSON.parse(custom.CosmosDb.type_properties_json)).toEqual({ accountEndpoint: resolved(stack, pattern.cosmosDb.endpoint), database: resolved(stack, pattern.cosmosDatabase.name) });
    expect(custom.Api.type).toBe("RestService");
    expect(JSON.parse(custom.Api.type_properties_json)).toEqual({ url: "https://api.example.com", enableServerCertificateValidation: true, authenticationType: "Anonymous" });
  });

  test("grants: the factory identity gets Blob Data Contributor on the lake, Secrets User on the vault, Data Contributor on the Cosmos DB database", () => {
    const assignments = Object.values(resources(stack, "azurerm_role_assignment")) as Json[];
    const factoryGrants = assignments.filter((a) => a.principal_id === factoryPrincipal).map((a) => [a.scope, a.role_definition_name]);
    expect(factoryGrants).toEqual(
      expect.arrayContaining([
        [resolved(stack, pattern.dataLake.id), "Storage Blob Data Contributor"],
        [resolved(stack, pattern.keyVault.id), "Key Vault Secrets User"],
      ]),
    );
    expect(factoryGrants).toHaveLength(2);
    // The Synapse workspace reads the lake for COPY and its own filesystem.
    expect(assignments.filter((a) => a.principal_id === resolved(stack, pattern.synapse.principalId)).map((a) => [a.scope, a.role_definition_name])).toEqual([
      [resolved(stack, pattern.dataLake.id), "Storage Blob Data Contributor"],
    ]);
    expect(Object.values(resources(stack, "azurerm_cosmosdb_sql_role_assignment"))).toEqual([
      expect.objectContaining({
        principal_id: factoryPrincipal,
        role_definition_id: `${resolved(stack, pattern.cosmosDb.id)}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
        scope: `${resolved(stack, pattern.cosmosDb.id)}/dbs/${resolved(stack, pattern.cosmosDatabase.name)}`,
      }),
    ]);
  });

  test("managed private endpoints to every Azure store the factory reaches", () => {
    const endpoints = Object.values(resources(stack, "azurerm_data_factory_managed_private_endpoint")) as Json[];
    expect(endpoints.map((e) => [e.target_resource_id, e.subresource_name]).sort()).toEqual(
      [
        [resolved(stack, pattern.dataLake.id), "dfs"],
        [resolved(stack, pattern.keyVault.id), "vault"],
        [resolved(stack, pattern.controlDatabase.serverId), "sqlServer"],
        [resolved(stack, pattern.cosmosDb.id), "Sql"],
        [resolved(stack, pattern.synapse.id), "Sql"],
      ].sort(),
    );
  });

  test("datasets point where the workloads expect them", () => {
    const parquet = byName(json, "azurerm_data_factory_dataset_parquet");
    expect(parquet.RawTable.azure_blob_fs_location).toEqual({ file_system: "raw", path: "@dataset().folder", filename: "@dataset().file", dynamic_path_enabled: true, dynamic_filename_enabled: true });
    expect(parquet.RawTable.parameters).toEqual({ folder: "", file: "" });
    expect(parquet.RawCustomers.azure_blob_fs_location).toEqual({ file_system: "raw", path: "Customers" });
    expect(parquet.CuratedCustomers.azure_blob_fs_location).toEqual({ file_system: "curated", path: "customers" });
    expect(byName(json, "azurerm_data_factory_dataset_azure_sql_table").ControlTable).toEqual(expect.objectContaining({ schema: "etl", table: "TablesToLoad" }));
    expect(byName(json, "azurerm_data_factory_dataset_cosmosdb_sqlapi").CustomerProfiles.collection_name).toBe(resolved(stack, pattern.customerProfiles.name));
    const custom = byName(json, "azurerm_data_factory_custom_dataset");
    expect(JSON.parse(custom.SynapseCustomers.type_properties_json)).toEqual({ schema: "dbo", table: "Customers" });
    expect(custom.ApiCustomers).toEqual(
      expect.objectContaining({
        type: "RestResource",
        linked_service: { name: refByName(json, "azurerm_data_factory_linked_custom_service", "Api") },
        parameters: { relativeUrl: "" },
      }),
    );
    expect(JSON.parse(custom.ApiDrops.type_properties_json).location).toEqual({ type: "AzureBlobFSLocation", fileSystem: "raw", folderPath: "api-drops" });
    expect(JSON.parse(custom.ApiDropFile.type_properties_json).location.fileName).toEqual({ value: "@dataset().file", type: "Expression" });
    // The REST dataset is a factory entity, so pipelines referencing it pass the factory's checks.
    expect(pattern.dataFactory.entities.find("dataset", "ApiCustomers")).toBe(pattern.datasets.apiCustomers);
  });

  test("the data flow and the five pipelines from workloads/data-factory", () => {
    expect(Object.values(resources(stack, "azurerm_data_factory_data_flow"))).toEqual([expect.objectContaining({ name: "CurateCustomers" })]);
    const pipelines = byName(json, "azurerm_data_factory_pipeline");
    expect(Object.keys(pipelines).sort()).toEqual(["curate", "daily", "ingest-api", "ingest-onprem", "load-synapse"]);
    expect(pipelines.daily.parameters).toEqual({ notificationUrl: "", loadSynapse: "false" });
    expect(pipelines["ingest-api"].parameters).toEqual({ windowStart: "", windowEnd: "", resourcePath: "v1/customers" });
    // References inside the JSON are invisible to Terraform: depends_on orders creation.
    expect(pipelines.daily.depends_on).toEqual(
      ["ingest-onprem", "curate", "load-synapse"].map((name) => refByName(json, "azurerm_data_factory_pipeline", name, "").replace(/^\$\{|\.\}$/g, "")),
    );
    expect(pipelines.curate.depends_on).toContain(refByName(json, "azurerm_data_factory_data_flow", "CurateCustomers", "").replace(/^\$\{|\.\}$/g, ""));
  });

  test("triggers: daily at 02:00 UTC, curate on new API drops, ingest-api per literal window", () => {
    expect(Object.values(resources(stack, "azurerm_data_factory_trigger_schedule"))).toEqual([
      expect.objectContaining({
        name: "daily-schedule",
        frequency: "Day",
        interval: 1,
        time_zone: "UTC",
        schedule: { hours: [2], minutes: [0] },
        activated: true,
        pipeline: [{ name: refByName(json, "azurerm_data_factory_pipeline", "daily") }],
      }),
    ]);
    expect(Object.values(resources(stack, "azurerm_data_factory_trigger_blob_event"))).toEqual([
      expect.objectContaining({
        name: "raw-api-drops",
        storage_account_id: resolved(stack, pattern.dataLake.id),
        events: ["Microsoft.Storage.BlobCreated"],
        blob_path_begins_with: "/raw/blobs/api-drops/",
        blob_path_ends_with: ".json",
        pipeline: [{ name: refByName(json, "azurerm_data_factory_pipeline", "curate") }],
      }),
    ]);
    expect(Object.values(resources(stack, "azurerm_data_factory_trigger_tumbling_window"))).toEqual([
      expect.objectContaining({
        name: "api-window",
        frequency: "Hour",
        interval: 24,
        start_time: "2026-12-01T00:00:00Z",
        max_concurrency: 1,
        pipeline: {
          name: refByName(json, "azurerm_data_factory_pipeline", "ingest-api"),
          parameters: { windowStart: "@trigger().outputs.windowStartTime", windowEnd: "@trigger().outputs.windowEndTime" },
        },
      }),
    ]);
  });

  test("diagnostics of the factory go to the context's workspace, in resource-specific tables", () => {
    const settings = Object.values(resources(stack, "azurerm_monitor_diagnostic_setting")) as Json[];
    expect(settings.find((s) => s.target_resource_id === resolved(stack, pattern.dataFactory.id))).toEqual(
      expect.objectContaining({ log_analytics_workspace_id: "/ws", log_analytics_destination_type: "Dedicated", enabled_log: [{ category_group: "allLogs" }] }),
    );
  });

  test("grant script: read on the control database for the factory, by its literal name", () => {
    const factoryName = pattern.dataFactory.resource.nameInput as string;
    expect(factoryName).toMatch(/^adf-test-factory-[0-9a-f]{6}$/);
    expect(pattern.controlDatabase.databaseUsers).toEqual([{ principalName: factoryName, roles: ["db_datareader"] }]);
    expect(pattern.grantScript()).toContain(`CREATE USER [${factoryName}] FROM EXTERNAL PROVIDER;`);
    expect(pattern.grantScript()).not.toMatch(/Synapse|BULK/);
    expect(json.output["data-pipeline-grant-script"]).toEqual(expect.objectContaining({ value: pattern.grantScript() }));
    expect(json.output["data-pipeline-grant-script"].sensitive).toBeUndefined();
  });

  test("prod: private endpoints, and locks on the data stores (not the factory); dev: neither", () => {
    const endpoints = Object.values(resources(stack, "azurerm_private_endpoint")) as Json[];
    const locks = Object.keys(resources(stack, "azurerm_management_lock"));
    if (profile === "prod") {
      expect(endpoints.map((e) => e.private_service_connection.subresource_names[0]).sort()).toEqual([
        "Dev", "Sql", "Sql", "SqlOnDemand", "blob", "dataFactory", "dfs", "sqlServer", "vault", "vault",
      ]);
      // "Vault": the stack's encryption-key vault.
      expect(locks.map((l) => l.split("_")[1]).sort()).toEqual(["ControlDb", "Cosmos", "DataLake", "KeyVault", "Synapse", "Vault"]);
      expect(single(stack, "azurerm_data_factory").config.public_network_enabled).toBe(false);
    } else {
      expect(endpoints).toEqual([]);
      expect(locks).toEqual([]);
    }
  });
});

describe("DataPipeline options", () => {
  test("a dedicated SQL pool: created, loaded by daily (loadSynapse true), granted in the script", () => {
    const { stack, pattern } = pipelineStack("dev", { dedicatedSqlPool: { name: "dwh", sku: "DW200c" } });
    const json = synth(stack);
    expect(Object.values(resources(stack, "azurerm_synapse_sql_pool"))).toEqual([expect.objectContaining({ name: "dwh", sku_name: "DW200c" })]);
    expect(byName(json, "azurerm_data_factory_pipeline").daily.parameters.loadSynapse).toBe("true");
    expect(byName(json, "azurerm_data_factory_linked_service_synapse").Synapse.connection_string).toMatch(/Initial Catalog=dwh$/);
    const factoryName = pattern.dataFactory.resource.nameInput as string;
    const script = pattern.grantScript();
    expect(script).toContain(`pool dwh`);
    expect(script).toContain(`GRANT ADMINISTER DATABASE BULK OPERATIONS TO [${factoryName}];`);
    expect(script).toContain(`GRANT ALTER ON SCHEMA::[dbo] TO [${factoryName}];`);
    expect(script.indexOf("db_datareader")).toBeGreaterThan(-1);
  });

  test("without an API: no REST linked service, ingest-api pipeline, its datasets or the tumbling window", () => {
    const { stack, pattern } = pipelineStack("dev", { api: undefined });
    const json = synth(stack);
    expect(Object.keys(byName(json, "azurerm_data_factory_pipeline")).sort()).toEqual(["curate", "daily", "ingest-onprem", "load-synapse"]);
    expect(Object.keys(byName(json, "azurerm_data_factory_linked_custom_service"))).toEqual(["CosmosDb"]);
    expect(Object.keys(byName(json, "azurerm_data_factory_custom_dataset")).sort()).toEqual(["ApiDrops", "SynapseCustomers"]);
    expect(resources(stack, "azurerm_data_factory_trigger_tumbling_window")).toEqual({});
    expect(pattern.pipelines.ingestApi).toBeUndefined();
    expect(pattern.triggers.apiWindow).toBeUndefined();
    // Partner files in raw/api-drops/ still start curate.
    expect(pattern.triggers.apiDrops.name).toBe(ENTITY_NAMES.triggers.apiDrops);
  });

  test("an API with managed identity, a notification URL, another run time and window size", () => {
    const { stack } = pipelineStack("dev", {
      api: { url: "https://api.contoso.example", aadResourceId: "api://customers", windowStartTime: "2027-01-01T00:00:00Z", windowHours: 6 },
      notificationUrl: "https://hooks.contoso.example/adf",
      dailyRunAt: { hours: 4, minutes: 30 },
      outputPrefix: "crm",
      onPremises: { ...PROPS.onPremises, passwordSecretName: "crm-sql-password" },
    });
    const json = synth(stack);
    expect(JSON.parse(byName(json, "azurerm_data_factory_linked_custom_service").Api.type_properties_json)).toEqual(
      expect.objectContaining({ authenticationType: "ManagedServiceIdentity", aadResourceId: "api://customers" }),
    );
    expect(byName(json, "azurerm_data_factory_pipeline").daily.parameters.notificationUrl).toBe("https://hooks.contoso.example/adf");
    expect(byName(json, "azurerm_data_factory_pipeline")["ingest-api"].parameters.resourcePath).toBe("customers");
    expect(Object.values(resources(stack, "azurerm_data_factory_trigger_schedule"))[0]).toEqual(expect.objectContaining({ schedule: { hours: [4], minutes: [30] } }));
    expect(Object.values(resources(stack, "azurerm_data_factory_trigger_tumbling_window"))[0]).toEqual(expect.objectContaining({ interval: 6, start_time: "2027-01-01T00:00:00Z" }));
    expect(Object.keys(json.output).sort()).toEqual(["crm-grant-script", "crm-ir-key"]);
    expect(byName(json, "azurerm_data_factory_linked_service_sql_server").OnPremSql.key_vault_password.secret_name).toBe("crm-sql-password");
  });

  test("existing lake, vault and control database are used, not duplicated; missing containers are added", () => {
    const stack = withProvider(makeStack(CONTEXTS.dev));
    const lake = new StorageAccount(stack, "SharedLake", { dataLake: true, containers: ["raw"] });
    const vault = new KeyVault(stack, "SharedVault");
    const db = new SqlDatabase(stack, "SharedDb", { administrator: ADMIN });
    const pattern = new DataPipeline(stack, "DataPipeline", { ...PROPS, existingDataLake: lake, existingKeyVault: vault, existingControlDatabase: db });
    expect(pattern.dataLake).toBe(lake);
    expect(pattern.keyVault).toBe(vault);
    expect(pattern.controlDatabase).toBe(db);
    expect(Object.keys(resources(stack, "azurerm_storage_account"))).toHaveLength(1);
    expect(Object.keys(resources(stack, "azurerm_key_vault"))).toHaveLength(1);
    expect(Object.keys(resources(stack, "azurerm_mssql_database"))).toHaveLength(1);
    expect([...lake.containers.keys()].sort()).toEqual(["curated", "raw", "synapse"]);
    expect(db.userScript()).toContain(pattern.dataFactory.resource.nameInput as string);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("an imported vault and control database (fromId): the factory is granted by id, its user recorded on the import, no setup", () => {
    const stack = withProvider(makeStack(CONTEXTS.dev));
    const group = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared`;
    const vault = KeyVault.fromId(stack, "SharedVault", `${group}/providers/Microsoft.KeyVault/vaults/kv-shared`);
    const db = SqlDatabase.fromId(stack, "SharedDb", `${group}/providers/Microsoft.Sql/servers/sql-shared/databases/control`);
    const pattern = new DataPipeline(stack, "DataPipeline", { ...PROPS, existingKeyVault: vault, existingControlDatabase: db });
    expect([pattern.keyVault, pattern.controlDatabase]).toEqual([vault, db]);
    expect(resources(stack, "azurerm_key_vault")).toEqual({});
    expect(resources(stack, "azurerm_mssql_database")).toEqual({});
    expect(pattern.controlDatabaseSetup).toBeUndefined();
    const json = synth(stack);
    const linked = Object.values(json.resource.azurerm_data_factory_linked_service_key_vault as Record<string, Json>)[0];
    expect(linked.key_vault_id).toBe(vault.id);
    const grants = Object.values(json.resource.azurerm_role_assignment as Record<string, Json>).filter((g) => g.scope === vault.id);
    expect(grants.map((g) => g.role_definition_name).sort()).toEqual(["Key Vault Secrets Officer", "Key Vault Secrets User"]);
    const sql = Object.values(json.resource.azurerm_data_factory_linked_service_azure_sql_database as Record<string, Json>)[0];
    expect(sql.connection_string).toContain("sql-shared.database.windows.net");
    expect(db.databaseUsers).toEqual([{ principalName: pattern.dataFactory.resource.nameInput, roles: ["db_datareader"] }]);
    expect(pattern.controlDatabaseSetupScript()).toContain("(server sql-shared, database control)");
  });

  test("every existing* prop as an import (fromId): the lake gets raw, curated and synapse, Synapse and the factory are granted on it", () => {
    const stack = withProvider(makeStack(CONTEXTS.dev));
    const group = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared`;
    const lakeId = `${group}/providers/Microsoft.Storage/storageAccounts/stsharedlake`;
    const lake = StorageAccount.fromId(stack, "SharedLake", lakeId);
    const vault = KeyVault.fromId(stack, "SharedVault", `${group}/providers/Microsoft.KeyVault/vaults/kv-shared`);
    const db = SqlDatabase.fromId(stack, "SharedDb", `${group}/providers/Microsoft.Sql/servers/sql-shared/databases/control`);
    const pattern = new DataPipeline(stack, "DataPipeline", { ...PROPS, existingDataLake: lake, existingKeyVault: vault, existingControlDatabase: db });
    expect(pattern.dataLake).toBe(lake);
    const json = synth(stack);
    expect(resources(stack, "azurerm_storage_account")).toEqual({});
    const containers = Object.values(json.resource.azurerm_storage_container as Record<string, Json>);
    expect(containers.map((c) => [c.name, c.storage_account_id]).sort()).toEqual([["curated", lakeId], ["raw", lakeId], ["synapse", lakeId]]);
    const workspace = Object.values(json.resource.azurerm_synapse_workspace as Record<string, Json>)[0];
    expect(workspace.storage_data_lake_gen2_filesystem_id).toBe("https://stsharedlake.dfs.core.windows.net/synapse");
    const lakeGrants = Object.values(json.resource.azurerm_role_assignment as Record<string, Json>).filter((g) => g.scope === lakeId);
    expect(lakeGrants.map((g) => g.role_definition_name)).toEqual(["Storage Blob Data Contributor", "Storage Blob Data Contributor"]);
    const linked = Object.values(json.resource.azurerm_data_factory_linked_service_data_lake_storage_gen2 as Record<string, Json>)[0];
    expect(linked.url).toBe("https://stsharedlake.dfs.core.windows.net/");
    const trigger = Object.values(json.resource.azurerm_data_factory_trigger_blob_event as Record<string, Json>)[0];
    expect(trigger.storage_account_id).toBe(lakeId);
  });

  test("props for new resources reach them", () => {
    const { stack } = pipelineStack("dev", {
      dataLakeProps: { replication: "ZRS" },
      keyVaultProps: { softDeleteRetentionDays: 30 },
      controlDatabaseProps: { sku: "GP_S_Gen5_2" },
      cosmosDatabaseName: "crm",
      cosmosThroughput: { throughput: 400 },
    });
    expect(Object.values(resources(stack, "azurerm_storage_account"))[0]).toEqual(expect.objectContaining({ account_replication_type: "ZRS", is_hns_enabled: true }));
    expect(Object.values(resources(stack, "azurerm_key_vault"))[0]).toEqual(expect.objectContaining({ soft_delete_retention_days: 30 }));
    expect(Object.values(resources(stack, "azurerm_mssql_database"))[0]).toEqual(expect.objectContaining({ sku_name: "GP_S_Gen5_2" }));
    expect(Object.values(resources(stack, "azurerm_cosmosdb_sql_database"))[0]).toEqual(expect.objectContaining({ name: "crm", throughput: 400 }));
  });
});

describe("DataPipeline validation", () => {
  const stack = () => makeStack(CONTEXTS.dev);

  test.each([
    ["existingDataLake", "dataLakeProps", (s: ReturnType<typeof stack>) => ({ existingDataLake: new StorageAccount(s, "Lake", { dataLake: true }), dataLakeProps: {} })],
    ["existingKeyVault", "keyVaultProps", (s: ReturnType<typeof stack>) => ({ existingKeyVault: new KeyVault(s, "Vault"), keyVaultProps: {} })],
    [
      "existingControlDatabase",
      "controlDatabaseProps",
      (s: ReturnType<typeof stack>) => ({ existingControlDatabase: new SqlDatabase(s, "Db", { administrator: ADMIN }), controlDatabaseProps: {} }),
    ],
  ])("%s and %s together is an error", (existing, props, make) => {
    const s = stack();
    expect(messageOf(() => new DataPipeline(s, "DataPipeline", { ...PROPS, ...make(s) }))).toBe(
      `test/DataPipeline: ${existing} cannot be combined with ${props}, which shapes a new resource; ` +
        `configure the existing resource where it is defined, or drop ${existing} to create one from ${props}`,
    );
  });

  test("the lake must be Data Lake Gen2", () => {
    const s = stack();
    expect(messageOf(() => new DataPipeline(s, "DataPipeline", { ...PROPS, dataLakeProps: { dataLake: false } }))).toMatch(/dataLakeProps\.dataLake false turns the hierarchical namespace off/);
    const blob = new StorageAccount(s, "Blob");
    expect(messageOf(() => new DataPipeline(s, "DataPipeline2", { ...PROPS, existingDataLake: blob }))).toBe(
      'test/DataPipeline2: existingDataLake "test/Blob" is not a Data Lake Gen2 account (hierarchical namespace off); pass a StorageAccount created with dataLake: true',
    );
  });

  test("the notification URL must be https, the window whole hours, the output prefix a Terraform name", () => {
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, notificationUrl: "http://hooks.example.com" }))).toMatch(/notificationUrl "http:\/\/hooks.example.com" is not an https URL/);
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, api: { ...PROPS.api!, windowHours: 0.5 } }))).toMatch(/api\.windowHours 0\.5 is not a whole number/);
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, outputPrefix: "1st" }))).toMatch(/outputPrefix "1st" cannot start a Terraform output name/);
  });

  test("the workloads need the managed runtime's default name", () => {
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, dataFactoryProps: { integrationRuntime: { name: "ir-other" } } }))).toBe(
      'test/DataPipeline: dataFactoryProps.integrationRuntime.name "ir-other" is not "ir-managed-vnet", the runtime workloads/data-factory/curate.json runs its data flow on; leave integrationRuntime.name unset',
    );
  });

  test("inputs the constructs check are reported at the factory", () => {
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, api: { ...PROPS.api!, url: "http://api.example.com" } }))).toMatch(/url "http:\/\/api.example.com" is not an https URL/);
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, api: { ...PROPS.api!, windowStartTime: "2026-12-01" } }))).toMatch(
      /trigger "api-window" startTime "2026-12-01" is not an ISO 8601 UTC timestamp/,
    );
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, dailyRunAt: { hours: 24, minutes: 0 } }))).toMatch(/schedule\.hours 24 is not a whole number from 0 to 23/);
    expect(messageOf(() => new DataPipeline(stack(), "DataPipeline", { ...PROPS, onPremises: { ...PROPS.onPremises, database: "Sales;Password=x" } }))).toMatch(
      /database "Sales;Password=x" is empty or holds ';' or '='/,
    );
  });
});
