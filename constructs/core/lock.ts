import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { IntegrationContext } from "./context";

/** A management lock on a construct's main resource (the AVM `lock` interface). */
export interface LockOptions {
  /** @default "CanNotDelete" */
  readonly level?: "CanNotDelete" | "ReadOnly";
  /** @default "Protects stateful data from accidental deletion." */
  readonly notes?: string;
}

/**
 * Locks a resource: `true` or options lock it, `false` does not, and `undefined` follows the
 * profile (prod locks stateful resources).
 */
export function addLock(scope: Construct, resourceId: string, resourceName: string, options: LockOptions | boolean | undefined): ManagementLock | undefined {
  const wanted = options ?? IntegrationContext.of(scope).defaults.locks;
  if (wanted === false) return undefined;
  const opts: LockOptions = wanted === true ? {} : wanted;
  const level = opts.level ?? "CanNotDelete";
  return new ManagementLock(scope, "Lock", {
    name: `lock-${resourceName}`,
    scope: resourceId,
    lockLevel: level,
    notes: opts.notes ?? "Protects stateful data from accidental deletion.",
  });
}
