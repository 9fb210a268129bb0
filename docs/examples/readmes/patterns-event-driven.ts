// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as patterns/event-driven/README.md shows it, verbatim.
import { TerraformStack, TerraformVariable } from "cdktf";
import { EventDriven, UserAssignedIdentity } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const partnerUrl = new TerraformVariable(stack, "partner_url", { type: "string", sensitive: true });
const myApp = { principal: new UserAssignedIdentity(stack, "MyApp") };
// --- example ---
const events = new EventDriven(stack, "EventDriven", {
  highValueThreshold: 1000,                                      // default
  externalWebhook: { url: partnerUrl.stringValue },              // optional; a token when it carries a secret
});
events.topic.grantPublish(myApp.principal);                      // or publish as events.publisher
