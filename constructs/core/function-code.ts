import { IConstruct } from "constructs";
import { ITerraformDependable } from "cdktf";

/** Per construct tree: the resource that deploys each function app's code, by the app's id (a token). */
const DEPLOYMENTS = new WeakMap<IConstruct, Map<string, ITerraformDependable>>();

/**
 * Registers what deploys the code of the function app whose resource id is `functionAppId`, so
 * that whatever delivers to one of its functions (an Event Grid subscription) can wait for it:
 * Event Grid checks that the function exists when the subscription is created (azurerm #8415).
 */
export function registerFunctionCode(scope: IConstruct, functionAppId: string, deployment: ITerraformDependable): void {
  const root = scope.node.root;
  const known = DEPLOYMENTS.get(root) ?? new Map<string, ITerraformDependable>();
  DEPLOYMENTS.set(root, known);
  known.set(functionAppId, deployment);
}

/** What deploys the code of the app with id `functionAppId`, when a FunctionApp of this tree registered it. */
export function functionCodeDeployment(scope: IConstruct, functionAppId: string): ITerraformDependable | undefined {
  return DEPLOYMENTS.get(scope.node.root)?.get(functionAppId);
}
