import { runKnownDefects, runRuleTables } from "./harness";
import { EVENT_HUBS_DEFECTS, EVENT_HUBS_TABLES } from "./tables/event-hubs";

// Each rule of policy/rules/event-hubs.ts: configurations that comply and configurations that violate.
runRuleTables(EVENT_HUBS_TABLES);
runKnownDefects(EVENT_HUBS_DEFECTS);
