// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/cosmos-db/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { CosmosDbAccount, UserAssignedIdentity } from "azure-integration-cdktf";

// Session consistency, continuous backup, keys off; zone redundancy and automatic failover in prod.
const orders = new CosmosDbAccount(stack, "Orders", { additionalLocations: ["northeurope"] });
const db = orders.addDatabase("orders", { autoscaleMaxThroughput: 4000 }); // shared by the database's containers
const byCustomer = db.addContainer("by-customer", {
  partitionKeyPaths: ["/tenantId", "/customerId"], // a hierarchical key (version 2)
  uniqueKeys: [["/orderNumber"]],
  defaultTtl: -1, // TTL on; items expire only when they set `ttl`
});

byCustomer.grantDataWrite(new UserAssignedIdentity(stack, "OrdersApi")); // Cosmos DB Built-in Data Contributor on that container
orders.grantDataRead(new UserAssignedIdentity(stack, "Reporting"));     // Cosmos DB Built-in Data Reader on every database
// Clients authenticate with Entra ID against orders.endpoint (no keys, no connection strings).
