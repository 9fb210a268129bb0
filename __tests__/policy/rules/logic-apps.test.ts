import { runKnownDefects, runRuleTables } from "./harness";
import { LOGIC_APPS_DEFECTS, LOGIC_APPS_TABLES } from "./tables/logic-apps";

// Each rule of policy/rules/logic-apps.ts: configurations that comply and configurations that violate.
runRuleTables(LOGIC_APPS_TABLES);
runKnownDefects(LOGIC_APPS_DEFECTS);
