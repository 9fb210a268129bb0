// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/data-factory/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { DataFactory } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const runtime = new DataFactory(stack, "Ingest").addSelfHostedIntegrationRuntime("onprem-ir");
// --- example ---
runtime.authorizationKeyOutput("onprem_ir_key"); // a Terraform output named onprem_ir_key, sensitive
