import { runKnownDefects, runRuleTables } from "./harness";
import { SERVICE_BUS_DEFECTS, SERVICE_BUS_TABLES } from "./tables/service-bus";

// Each rule of policy/rules/service-bus.ts: configurations that comply and configurations that violate.
runRuleTables(SERVICE_BUS_TABLES);
runKnownDefects(SERVICE_BUS_DEFECTS);
