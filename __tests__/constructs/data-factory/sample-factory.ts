import * as path from "path";
import { TerraformStack } from "cdktf";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { DataFactory, DataFactoryProps } from "../../../constructs/data-factory";
import { KeyVault } from "../../../constructs/key-vault";
import { StorageAccount } from "../../../constructs/storage";
import { makeStack } from "../../helpers";

export const SQL_SERVER_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-control";
export const SYNAPSE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Synapse/workspaces/synw-contoso";
export const COSMOS = {
  id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-contoso",
  name: "cosmos-contoso",
  resourceGroupName: "rg-data",
  endpoint: "https://cosmos-contoso.documents.azure.com:443/",
};

/** The realistic pipeline of the fixtures folder and its broken variants. */
export function fixturePath(name: string): string {
  return path.join(__dirname, "fixtures", `${name}.json`);
}

/**
 * A factory holding what the fixture pipeline references: an on-premises SQL Server through a
 * self-hosted runtime (password in Key Vault), the control database (Azure SQL) and the Data Lake,
 * with the datasets ControlTable, OnPremTable and LakeParquet.
 */
export function sampleFactory(context: IntegrationContextProps = {}, props: DataFactoryProps = {}) {
  const stack: TerraformStack = makeStack(context);
  const vault = new KeyVault(stack, "Vault");
  const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "curated"] });
  const factory = new DataFactory(stack, "Factory", props);
  const runtime = factory.addSelfHostedIntegrationRuntime("onprem-ir");
  const secrets = factory.addKeyVaultLinkedService("Secrets", { vault });
  const onPremSql = factory.addSqlServerLinkedService("OnPremSql", {
    integrationRuntime: runtime,
    server: "sql01.corp.contoso.com",
    database: "Sales",
    userName: "adf_reader",
    password: { keyVault: secrets, secretName: "onprem-sql-password" },
  });
  const controlDb = factory.addAzureSqlDatabaseLinkedService("ControlDb", { server: "sql-control.database.windows.net", database: "control", serverId: SQL_SERVER_ID });
  const dataLake = factory.addDataLakeLinkedService("Lake", { storage: lake });
  const controlTable = factory.addAzureSqlTableDataset("ControlTable", { linkedService: controlDb, schema: "etl", table: "TablesToLoad" });
  const onPremTable = factory.addSqlServerTableDataset("OnPremTable", { linkedService: onPremSql });
  const lakeParquet = factory.addParquetDataset("LakeParquet", { linkedService: dataLake, fileSystem: "raw", path: "@dataset().folder", parameters: { folder: "" } });
  return { stack, vault, lake, factory, runtime, secrets, onPremSql, controlDb, dataLake, controlTable, onPremTable, lakeParquet };
}
