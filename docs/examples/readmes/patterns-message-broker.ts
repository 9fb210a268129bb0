// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as patterns/message-broker/README.md shows it, verbatim.
import { TerraformStack, TerraformVariable } from "cdktf";
import { MessageBroker, UserAssignedIdentity } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const deviceGatewayIdentity = new UserAssignedIdentity(stack, "DeviceGateway");
const billingApp = { principal: new UserAssignedIdentity(stack, "Billing") };
// --- example ---
const webhook = new TerraformVariable(stack, "shipping_webhook_url", { type: "string", sensitive: true });
const broker = new MessageBroker(stack, "MessageBroker", {
  apiPublisher: { name: "Contoso Integration", email: "integration@contoso.example" },
  shippingWebhookUrl: webhook.stringValue,      // a SecureString workflow parameter: never a literal
  devicePublishers: [deviceGatewayIdentity],    // EventGrid Data Sender on device-events
});
broker.billingSubscription.grantReceive(billingApp.principal);
