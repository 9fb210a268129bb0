import { runKnownDefects, runRuleTables } from "./harness";
import { REACHABILITY_DEFECTS, REACHABILITY_TABLES } from "./tables/reachability";

// policy/rules/reachability.ts: each path rule, with flows that have a path and flows that have none.
runRuleTables(REACHABILITY_TABLES);
runKnownDefects(REACHABILITY_DEFECTS);
