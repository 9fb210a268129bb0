import { Construct, IConstruct } from "constructs";
import { ITerraformDependable, TerraformStack } from "cdktf";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { Sleep } from "@cdktf/provider-time/lib/sleep";

/** The stack's `hashicorp/time` provider: one per stack, created on first use. */
export function timeProvider(scope: IConstruct): TimeProvider {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild("time") as TimeProvider | undefined) ?? new TimeProvider(stack, "time", {});
}

/** How long to wait for a new role assignment to take effect (Azure RBAC propagates within minutes; unverified beyond that). */
export const ROLE_PROPAGATION = "120s";

export interface WaitProps {
  /** What must exist before the wait starts, e.g. role assignments. */
  readonly after: ITerraformDependable[];
  /** How long to wait, as `time_sleep` takes it (`"120s"`, `"3m"`). */
  readonly duration: string;
  /**
   * Values that restart the wait when they change (e.g. a role assignment id, a package hash);
   * otherwise the wait happens once, when the `time_sleep` is created.
   */
  readonly triggers: Record<string, string>;
}

/**
 * A `time_sleep` for what Azure does after Terraform is done with a resource: RBAC propagation,
 * an app restarting and syncing its triggers. Resources that need it depend on the returned sleep.
 */
export function waitFor(scope: Construct, id: string, props: WaitProps): Sleep {
  return new Sleep(scope, id, {
    provider: timeProvider(scope),
    createDuration: props.duration,
    triggers: props.triggers,
    dependsOn: props.after,
  });
}
