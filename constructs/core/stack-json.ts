import { TerraformResource, TerraformStack } from "cdktf";

/** Synthesized Terraform JSON of a whole stack, as `TerraformStack.toTerraform()` returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;

interface Hooks {
  readonly fixups: Map<string, (json: StackJson) => void>;
  resolved: boolean;
}

const HOOKS = new WeakMap<TerraformStack, Hooks>();

/**
 * Runs `fixup` over the stack's resolved JSON each time cdktf resolves the stack
 * (`toTerraform()`, which `app.synth()`, `Testing.synth` and the policy pack call), once per `key`.
 *
 * The resolved JSON is the one place where a construct sees everything that refers to it, whoever
 * created it; fixing it up there costs no second resolve. A fix-up that also writes what it
 * adds back to its constructs keeps `cdktf synth --hcl` (rendered from the constructs) in step:
 * the HCL path resolves the JSON first when nothing has yet.
 */
export function fixUpStackJson(stack: TerraformStack, key: string, fixup: (json: StackJson) => void): void {
  let hooks = HOOKS.get(stack);
  if (!hooks) {
    const installed: Hooks = (hooks = { fixups: new Map(), resolved: false });
    HOOKS.set(stack, installed);
    const resolve = stack.toTerraform;
    const renderHcl = stack.toHclTerraform;
    stack.toTerraform = function (this: TerraformStack) {
      const json = resolve.call(this) as StackJson;
      for (const apply of installed.fixups.values()) apply(json);
      installed.resolved = true;
      return json;
    };
    stack.toHclTerraform = function (this: TerraformStack) {
      if (!installed.resolved) this.toTerraform();
      return renderHcl.call(this);
    };
  }
  if (!hooks.fixups.has(key)) hooks.fixups.set(key, fixup);
}

/**
 * One resource's configuration as it will be synthesized (snake_case, escape hatches and overrides
 * applied, tokens unresolved): what a synth-time check must read when users can change the L1.
 */
export function synthesizedBody(resource: TerraformResource): Record<string, unknown> {
  const json = resource.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return json.resource[resource.terraformResourceType][resource.friendlyUniqueId];
}
