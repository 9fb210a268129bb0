import { runKnownDefects, runRuleTables } from "./harness";
import { PLATFORM_DEFECTS, PLATFORM_TABLES } from "./tables/platform";

// Each rule of policy/rules/platform.ts: configurations that comply and configurations that violate.
runRuleTables(PLATFORM_TABLES);
runKnownDefects(PLATFORM_DEFECTS);
