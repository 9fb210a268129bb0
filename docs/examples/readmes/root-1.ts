// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { ApiManagement } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const apim = new ApiManagement(stack, "Apim", { publisherName: "Contoso", publisherEmail: "api@contoso.com" });
// --- example ---
import { PolicyPack } from "azure-integration-cdktf";

// A stack given an IntegrationContext is checked at every synth already: apply returns that pack
// (a cdktf Aspect), to pass options or read its report.
PolicyPack.apply(stack);
PolicyPack.suppress(apim, "AIC-APIM-004", "Developer tier for the team sandbox; prod runs Premium in Internal mode.");
