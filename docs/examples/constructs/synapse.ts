// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/synapse/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { StorageAccount, SynapseWorkspace } from "azure-integration-cdktf";

const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "curated"] });
// Entra-only, managed VNet; the filesystem "synapse" is added to the lake, and the workspace identity
// is granted Storage Blob Data Contributor on the account.
const analytics = new SynapseWorkspace(stack, "Analytics", {
  dataLake: lake,
  administrator: { login: "data-platform-admins", objectId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" }, // an Entra group
  allowedIpRanges: ["203.0.113.0/24"], // a firewall rule while public access is on (dev); none behind private endpoints
});
analytics.addSqlPool("dwh_sales", { sku: "DW200c" }); // bills while running: pause it when idle
