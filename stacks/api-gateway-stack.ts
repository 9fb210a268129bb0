import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { Environment } from "../config/environment";
import { ApiGateway } from "../patterns/api-gateway";
import { PatternStack } from "./pattern-stack";

/** API gateway: clients → API Management → Logic Apps → back-end systems. */
export class ApiGatewayStack extends PatternStack {
  public readonly gateway: ApiGateway;

  constructor(scope: Construct, environment: Environment) {
    super(scope, "api-gateway", environment);
    this.gateway = new ApiGateway(this, "ApiGateway", {
      publisherName: environment.apiPublisher.name,
      publisherEmail: environment.apiPublisher.email,
      monitoring: this.monitoring,
      // Placeholder: the application ID URI of the orders API's app registration (created outside
      // this stack). The issuer defaults to the deploying tenant's Entra ID v2.0 issuer.
      jwt: { audience: `api://${environment.namePrefix}-orders` },
      sqlAdministrator: environment.databaseAdministrators,
      // The address plan's API Management quarter of this stack's block.
      apiManagementSubnetPrefix: this.addressPlan?.subnets.apiManagement,
    });

    new TerraformOutput(this, "gateway-url", {
      value: this.gateway.service?.gatewayUrl ?? "",
      description: "Base URL of the API gateway (the orders API is under /api)",
    });
    new TerraformOutput(this, "sql-grant-script", {
      value: this.gateway.grantScript(),
      description: "T-SQL to run once in the orders database as its Entra administrator (creates the workflows' users)",
    });
  }
}
