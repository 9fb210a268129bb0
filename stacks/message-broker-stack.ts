import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { Environment } from "../config/environment";
import { MessageBroker } from "../patterns/message-broker";
import { PatternStack } from "./pattern-stack";

/** Message broker: APIs and devices → Service Bus and Event Grid → Logic Apps and Functions → data stores. */
export class MessageBrokerStack extends PatternStack {
  public readonly broker: MessageBroker;
  /** The shipping webhook URL, supplied at deploy time (`TF_VAR_shipping_webhook_url`); never in the configuration. */
  public readonly shippingWebhookUrl: TerraformVariable;

  constructor(scope: Construct, environment: Environment) {
    super(scope, "message-broker", environment);
    this.shippingWebhookUrl = new TerraformVariable(this, "shipping_webhook_url", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: "HTTPS URL the notify-shipping workflow posts accepted orders with a shipping address to (it may carry a signature)",
    });
    this.broker = new MessageBroker(this, "MessageBroker", {
      apiPublisher: environment.apiPublisher,
      shippingWebhookUrl: this.shippingWebhookUrl.stringValue,
    });
  }
}
