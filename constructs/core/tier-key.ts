import { Construct } from "constructs";
import { CustomerManagedKeyProp, IEncryptionKey, ResolvedCustomerManagedKey, resolveCustomerManagedKey } from "./customer-managed-key";

/**
 * A customer-managed key for a service that encrypts with one in its Premium tier only (Service Bus,
 * Event Hubs): options on another tier are an error naming `tier` and the fix `use <premium>`; the
 * profile's default key applies on Premium only.
 */
export function premiumTierKey(
  scope: Construct,
  prop: CustomerManagedKeyProp | undefined,
  spec: { readonly ruleId: string; readonly tier: string; readonly premium: string; readonly defaultKey: () => IEncryptionKey },
): ResolvedCustomerManagedKey | undefined {
  return resolveCustomerManagedKey(scope, prop, {
    ruleId: spec.ruleId,
    supported: spec.tier === "Premium",
    unsupported: {
      rule: `is not available in the ${spec.tier} tier`,
      fix: `use ${spec.premium}, or remove customerManagedKey (Microsoft-managed keys still encrypt the data)`,
    },
    defaultKey: spec.defaultKey,
  });
}
