import { Construct } from "constructs";
import { TerraformOutput, TerraformVariable } from "cdktf";
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
      alerts: { actionGroupId: this.actionGroup?.id },
      disasterRecovery: environment.disasterRecovery,
      apiPublisher: environment.apiPublisher,
      shippingWebhookUrl: this.shippingWebhookUrl.stringValue,
      // The address plan's API Management and Application Gateway quarters of this stack's block (prod injects Internal).
      apiManagementSubnetPrefix: this.addressPlan && environment.profile === "prod" ? this.addressPlan.subnets.apiManagement : undefined,
      ingress: this.addressPlan && environment.profile === "prod" ? { subnetPrefix: this.addressPlan.subnets.applicationGateway } : undefined,
    });
    new TerraformOutput(this, "gateway-url", {
      value: this.broker.ingress?.url ?? this.broker.apiManagement.gatewayUrl,
      description: "Base URL partners call (orders intake): the Application Gateway in prod, API Management in dev",
    });
    const alias = this.broker.serviceBusAlias;
    if (alias && this.broker.serviceBusSecondary) {
      new TerraformOutput(this, "service-bus-alias", {
        value: alias.aliasName,
        description: "Geo-DR alias every caller addresses; fail over with az servicebus georecovery-alias fail-over (README, Disaster recovery)",
      });
      new TerraformOutput(this, "service-bus-secondary-namespace", {
        value: this.broker.serviceBusSecondary.name,
        description: "The geo-DR secondary namespace in the paired region: the fail-over command runs against it",
      });
    }
    if (this.broker.ingress) {
      new TerraformOutput(this, "apim-internal-gateway-url", {
        value: this.broker.apiManagement.gatewayUrl,
        description: "API Management's own gateway URL: resolves to its private IP inside the VNet only (not for partners)",
      });
    }
  }
}
