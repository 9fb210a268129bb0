import { runKnownDefects, runRuleTables } from "./harness";
import { REFERENCE_DEFECTS, REFERENCE_TABLES } from "./tables/references";

// Each rule of policy/rules/references.ts: configurations that comply and configurations that violate.
runRuleTables(REFERENCE_TABLES);
runKnownDefects(REFERENCE_DEFECTS);
