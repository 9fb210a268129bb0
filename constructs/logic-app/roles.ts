import { BuiltInRole } from "../core/grants";

/**
 * The narrowest built-in role that lets a principal invoke a request trigger: it reads the workflow
 * and lists trigger callback URLs (`Microsoft.Logic/workflows/triggers/listCallbackUrl/action`).
 * "Logic App Operator" has no run or listCallbackUrl action; "Logic App Contributor" can also edit.
 */
export const LOGIC_APP_RUN_ROLE = BuiltInRole.sentinelPlaybookOperator;
