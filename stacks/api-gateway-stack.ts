import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { Environment } from "../config/environment";
import { ApiGateway } from "../patterns/api-gateway";
import { PatternStack } from "./pattern-stack";

/** API gateway: clients → API Management → Logic Apps → back-end systems. */
export class ApiGatewayStack extends PatternStack {
  public readonly gateway: ApiGateway;

  constructor(scope: Construct, environment: Environment) {
    super(scope, "api-gateway", environment);
    // The API's Entra app registration; the provider signs in as the same principal as azurerm.
    new AzureadProvider(this, "azuread", {});
    this.gateway = new ApiGateway(this, "ApiGateway", {
      alerts: { actionGroupId: this.actionGroup?.id },
      disasterRecovery: environment.disasterRecovery,
      publisherName: environment.apiPublisher.name,
      publisherEmail: environment.apiPublisher.email,
      monitoring: this.monitoring,
      // No jwt: the pattern registers the API in Entra ID and validates its v2.0 tokens.
      sqlAdministrator: environment.databaseAdministrators,
      // The address plan's API Management quarter of this stack's block.
      apiManagementSubnetPrefix: this.addressPlan?.subnets.apiManagement,
      // ... and its Application Gateway quarter, for the WAF in front of the Internal service.
      ingress: this.addressPlan && environment.profile === "prod" ? { subnetPrefix: this.addressPlan.subnets.applicationGateway } : undefined,
    });

    new TerraformOutput(this, "gateway-url", {
      value: this.gateway.partnerUrl,
      description: "Base URL partners call (the orders API is under /api): the Application Gateway in prod, API Management in dev",
    });
    if (this.gateway.ingress) {
      new TerraformOutput(this, "apim-internal-gateway-url", {
        value: this.gateway.service?.gatewayUrl ?? "",
        description: "API Management's own gateway URL: resolves to its private IP inside the VNet only (not for partners)",
      });
    }
    new TerraformOutput(this, "sql-grant-script", {
      value: this.gateway.grantScript(),
      description: "T-SQL creating the workflows' database users (run during apply when the deployer can reach the server)",
    });
    const registration = this.gateway.apiRegistration;
    if (registration) {
      new TerraformOutput(this, "api-client-id", {
        value: registration.clientId,
        description: "Client id of the orders API's app registration: the token audience; partners request <identifier URI>/.default",
      });
      new TerraformOutput(this, "api-partner-role-id", {
        value: registration.partnerRoleId,
        description: "App role to assign to each partner's client service principal (az rest ... appRoleAssignments)",
      });
    }
  }
}
