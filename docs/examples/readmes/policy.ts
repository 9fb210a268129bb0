// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as policy/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { ApiManagement, PolicyPack } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const apim = new ApiManagement(stack, "Apim", { publisherName: "Contoso", publisherEmail: "api@contoso.com" });
// --- example ---
PolicyPack.suppress(apim, "AIC-APIM-004", "Developer tier for the team sandbox; prod runs Premium in Internal mode.");
