import { runKnownDefects, runRuleTables } from "./harness";
import { API_MANAGEMENT_DEFECTS, API_MANAGEMENT_TABLES } from "./tables/api-management";

// Each rule of policy/rules/api-management.ts: configurations that comply and configurations that violate.
runRuleTables(API_MANAGEMENT_TABLES);
runKnownDefects(API_MANAGEMENT_DEFECTS);
