import { runKnownDefects, runRuleTables } from "./harness";
import { ENCRYPTION_DEFECTS, ENCRYPTION_TABLES } from "./tables/encryption";

// Each rule of policy/rules/encryption.ts: configurations that comply and configurations that violate.
runRuleTables(ENCRYPTION_TABLES);
runKnownDefects(ENCRYPTION_DEFECTS);
