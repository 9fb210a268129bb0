// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/data-factory/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { Activity, DataFactory, KeyVault, StorageAccount } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const vault = new KeyVault(stack, "Vault");
const dataLake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw"] });
const inbox = new StorageAccount(stack, "Inbox", { containers: ["inbox"] });
// --- example ---
const factory = new DataFactory(stack, "Ingest");
const runtime = factory.addSelfHostedIntegrationRuntime("onprem-ir");
runtime.authorizationKeyOutput("onprem_ir_key");

const secrets = factory.addKeyVaultLinkedService("Secrets", { vault });         // grants Key Vault Secrets User
const erp = factory.addSqlServerLinkedService("Erp", {
  integrationRuntime: runtime, server: "sql01.corp.contoso.com", database: "Erp",
  userName: "adf_reader", password: { keyVault: secrets, secretName: "erp-sql-password" },
});
const lake = factory.addDataLakeLinkedService("Lake", { storage: dataLake });    // grants Storage Blob Data Contributor

const orders = factory.addSqlServerTableDataset("ErpOrders", { linkedService: erp, table: "dbo.Orders" });
const raw = factory.addParquetDataset("RawOrders", { linkedService: lake, fileSystem: "raw", path: "orders" });
// A storage account without hierarchical namespace: Blob Storage; `fileSystem` then names the container.
const files = factory.addBlobStorageLinkedService("Files", { storage: inbox }); // grants Storage Blob Data Contributor
factory.addDelimitedTextDataset("Dropped", { linkedService: files, fileSystem: "inbox" });

const copy = factory.addPipeline("CopyOrders", {
  activities: [Activity.copy({ name: "Copy", source: orders, sink: raw })],
});
factory.addScheduleTrigger("Nightly", { pipeline: copy, frequency: "Day", schedule: { hours: [2], minutes: [0] } });
