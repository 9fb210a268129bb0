import { runKnownDefects, runRuleTables } from "./harness";
import { DEPLOYER_DEFECTS, DEPLOYER_TABLES } from "./tables/deployer";

// Each rule of policy/rules/deployer.ts: configurations that comply and configurations that violate.
runRuleTables(DEPLOYER_TABLES);
runKnownDefects(DEPLOYER_DEFECTS);
