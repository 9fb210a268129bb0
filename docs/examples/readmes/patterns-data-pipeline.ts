// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as patterns/data-pipeline/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { DataPipeline, StorageAccount } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const lake = new StorageAccount(stack, "Lake", { dataLake: true });
// --- example ---
new DataPipeline(stack, "DataPipeline", {
  administrator: { login: "sg-integration-dba", objectId: "11111111-2222-3333-4444-555555555555" },  // optional; default: the deploying principal
  onPremises: { server: "sql01.corp.contoso.com", database: "Sales", userName: "adf_reader" },
  api: { url: "https://api.example.com", resourcePath: "v1/customers", windowStartTime: "2026-12-01T00:00:00Z" },
  notificationUrl: "https://prod-00.westeurope.logic.azure.com/workflows/...",  // optional
  dedicatedSqlPool: { sku: "DW100c" },                                          // optional, billed while running
  existingDataLake: lake,                                                       // or dataLakeProps, not both
});
