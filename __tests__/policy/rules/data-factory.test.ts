import { runKnownDefects, runRuleTables } from "./harness";
import { DATA_FACTORY_DEFECTS, DATA_FACTORY_TABLES } from "./tables/data-factory";

// Each rule of policy/rules/data-factory.ts: configurations that comply and configurations that violate.
runRuleTables(DATA_FACTORY_TABLES);
runKnownDefects(DATA_FACTORY_DEFECTS);
