import { runKnownDefects, runRuleTables } from "./harness";
import { DATA_STORE_DEFECTS, DATA_STORE_TABLES } from "./tables/data-stores";

// Each rule of policy/rules/data-stores.ts: configurations that comply and configurations that violate.
runRuleTables(DATA_STORE_TABLES);
runKnownDefects(DATA_STORE_DEFECTS);
