import { Construct } from "constructs";
import { Environment } from "../config/environment";
import { PatternStack } from "./pattern-stack";

/** Data pipeline: on-premises and cloud sources → Data Factory → Synapse, Data Lake and Cosmos DB. */
export class DataPipelineStack extends PatternStack {
  constructor(scope: Construct, environment: Environment) {
    super(scope, "data-pipeline", environment);
  }
}
