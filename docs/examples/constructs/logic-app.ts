// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/logic-app/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
declare const stack: TerraformStack;
// --- example ---
import * as path from "path";
import { LogicAppWorkflow, ServiceBusNamespace, UserAssignedIdentity } from "azure-integration-cdktf";

const bus = new ServiceBusNamespace(stack, "Bus");
const orders = bus.addQueue("orders");

const workflow = new LogicAppWorkflow(stack, "AcceptOrder", {
  definitionFile: path.resolve(__dirname, "workflows/accept-order.workflow.json"), // the designer's JSON, checked at synth
  parameterValues: { ordersQueue: "orders" },
  allowedCallerIpRanges: ["203.0.113.0/24"], // who may call the request trigger (with its signed URL)
});
workflow.addConnection("servicebus", { // the key the definition reads from $connections
  api: "servicebus",
  managedIdentity: true,
  parameterValues: { namespaceEndpoint: `sb://${bus.fullyQualifiedNamespace}/` },
});
orders.grantSend(workflow.principal); // Azure Service Bus Data Sender on the queue, for the workflow's identity

workflow.grantRun(new UserAssignedIdentity(stack, "Caller")); // may list the trigger's callback URL
workflow.callbackUrlOutput("accept_order_url");                // a sensitive output
