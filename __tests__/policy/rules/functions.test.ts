import { runKnownDefects, runRuleTables } from "./harness";
import { FUNCTIONS_DEFECTS, FUNCTIONS_TABLES } from "./tables/functions";

// Each rule of policy/rules/functions.ts: configurations that comply and configurations that violate.
runRuleTables(FUNCTIONS_TABLES);
runKnownDefects(FUNCTIONS_DEFECTS);
