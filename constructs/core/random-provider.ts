import { IConstruct } from "constructs";
import { TerraformStack } from "cdktf";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";

/**
 * The stack's `random` provider (it takes no configuration), added once when a construct needs
 * `random_*` resources and the stack has none; an existing one at the stack's root is reused.
 */
export function ensureRandomProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (stack.node.children.some((c) => c instanceof RandomProvider)) return;
  new RandomProvider(stack, "random", {});
}
