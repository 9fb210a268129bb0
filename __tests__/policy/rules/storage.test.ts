import { runKnownDefects, runRuleTables } from "./harness";
import { STORAGE_DEFECTS, STORAGE_TABLES } from "./tables/storage";

// Each rule of policy/rules/storage.ts: configurations that comply and configurations that violate.
runRuleTables(STORAGE_TABLES);
runKnownDefects(STORAGE_DEFECTS);
