import { Construct } from "constructs";
import { Environment } from "../config/environment";
import { PatternStack } from "./pattern-stack";

/** Event-driven: Blob Storage, Cosmos DB and applications → Event Grid topic → Functions, a Logic App and a webhook. */
export class EventDrivenStack extends PatternStack {
  constructor(scope: Construct, environment: Environment) {
    super(scope, "event-driven", environment);
  }
}
