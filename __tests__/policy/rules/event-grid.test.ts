import { runKnownDefects, runRuleTables } from "./harness";
import { EVENT_GRID_DEFECTS, EVENT_GRID_TABLES } from "./tables/event-grid";

// Each rule of policy/rules/event-grid.ts: configurations that comply and configurations that violate.
runRuleTables(EVENT_GRID_TABLES);
runKnownDefects(EVENT_GRID_DEFECTS);
