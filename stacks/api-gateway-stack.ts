import { Construct } from "constructs";
import { Environment } from "../config/environment";
import { PatternStack } from "./pattern-stack";

/** API gateway: clients → API Management → Logic Apps → back-end systems. */
export class ApiGatewayStack extends PatternStack {
  constructor(scope: Construct, environment: Environment) {
    super(scope, "api-gateway", environment);
  }
}
