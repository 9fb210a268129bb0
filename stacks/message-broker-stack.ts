import { Construct } from "constructs";
import { Environment } from "../config/environment";
import { PatternStack } from "./pattern-stack";

/** Message broker: APIs and devices → Service Bus and Event Grid → Logic Apps and Functions → data stores. */
export class MessageBrokerStack extends PatternStack {
  constructor(scope: Construct, environment: Environment) {
    super(scope, "message-broker", environment);
  }
}
