// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/storage/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { StorageAccount, UserAssignedIdentity } from "azure-integration-cdktf";

const orders = new StorageAccount(stack, "Orders", { containers: ["inbox", "archive"], queues: ["to-process"] });
const intake = new UserAssignedIdentity(stack, "Intake");
orders.grantBlobWrite(intake, "inbox");   // Storage Blob Data Contributor on the inbox container only
orders.grantQueueSend(intake, "to-process"); // Storage Queue Data Message Sender on that queue only

const worker = new UserAssignedIdentity(stack, "Worker");
orders.grantBlobRead(worker);               // Storage Blob Data Reader on the whole account
orders.grantQueueProcess(worker, "to-process");

// A Data Lake Gen2 account: containers are its file systems (and it gets a `dfs` private endpoint).
new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "curated"] });
