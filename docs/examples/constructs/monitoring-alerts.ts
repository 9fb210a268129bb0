// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/monitoring/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import { ActionGroup, Alerts, ServiceBusNamespace } from "azure-integration-cdktf";

new ServiceBusNamespace(stack, "Bus").addQueue("orders");
const oncall = new ActionGroup(stack, "ActionGroup", { emailReceivers: ["ops@contoso.com"], webhookReceivers: ["https://hooks.contoso.com/azure"] });
new Alerts(stack, "Alerts", { actionGroupId: oncall.id }).watch(stack); // last: it alerts on what exists below the scope
