// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as docs/choosing-a-service.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { Activity, DataFactory, StorageAccount } from "azure-integration-cdktf";

const lake = new StorageAccount(stack, "Lake", { dataLake: true, containers: ["raw", "curated"] });
const factory = new DataFactory(stack, "Ingest");
const files = factory.addDataLakeLinkedService("Lake", { storage: lake });
const raw = factory.addJsonDataset("Raw", { linkedService: files, fileSystem: "raw" });
const curated = factory.addParquetDataset("Curated", { linkedService: files, fileSystem: "curated" });
factory.addPipeline("Curate", { activities: [Activity.copy({ name: "Copy", source: raw, sink: curated })] });
