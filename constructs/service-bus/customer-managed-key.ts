import { ServicebusNamespaceCustomerManagedKey } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { ResolvedCustomerManagedKey } from "../core/customer-managed-key";

/**
 * The `customer_managed_key` block (Premium only): the versionless key id, so the namespace follows
 * rotation (https://learn.microsoft.com/azure/service-bus-messaging/configure-customer-managed-key),
 * and infrastructure (double) encryption, which is ForceNew (azurerm @v4.55.0:internal/services/servicebus/servicebus_namespace_resource.go).
 */
export function customerManagedKeyBlock(cmk: ResolvedCustomerManagedKey | undefined): ServicebusNamespaceCustomerManagedKey | undefined {
  if (cmk === undefined) return undefined;
  return {
    keyVaultKeyId: cmk.key.versionlessKeyId,
    identityId: cmk.identity.id,
    infrastructureEncryptionEnabled: cmk.infrastructureEncryption,
  };
}
