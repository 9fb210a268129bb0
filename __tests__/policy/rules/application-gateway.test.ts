import { runKnownDefects, runRuleTables } from "./harness";
import { APPLICATION_GATEWAY_DEFECTS, APPLICATION_GATEWAY_TABLES } from "./tables/application-gateway";

// Each rule of policy/rules/application-gateway.ts: configurations that comply and configurations that violate.
runRuleTables(APPLICATION_GATEWAY_TABLES);
runKnownDefects(APPLICATION_GATEWAY_DEFECTS);
