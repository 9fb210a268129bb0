import { runKnownDefects, runRuleTables } from "./harness";
import { KEY_VAULT_DEFECTS, KEY_VAULT_TABLES } from "./tables/key-vault";

// Each rule of policy/rules/key-vault.ts: configurations that comply and configurations that violate.
runRuleTables(KEY_VAULT_TABLES);
runKnownDefects(KEY_VAULT_DEFECTS);
