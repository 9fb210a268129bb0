import { IConstruct } from "constructs";
import { ServicebusNamespaceNetworkRuleSet } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { invalid } from "../core/errors";
import { ResolvedNetworkAccess } from "../core/network-access";
import { ServiceBusSku, requireTier } from "./tiers";

/**
 * The namespace's `network_rule_set`: always in Premium, and in Basic/Standard when there are IP
 * rules (IP firewall rules work in every tier; virtual network rules need Premium).
 *
 * Service Bus enforces `Deny` only when at least one IP or virtual network rule exists, and azurerm
 * refuses `Deny` without rules. So without IP rules the set says `Allow` and the namespace-level
 * `public_network_access_enabled` does the closing: off behind a private endpoint, on otherwise.
 * Asking for `Deny` explicitly while public access is on and no IP rule exists is an error, because
 * Azure would let every address through.
 *
 * The trusted-services exception exists in Premium only: Standard has IP filtering without it
 * (Learn "Configure IP firewall rules for Azure Service Bus"). Below Premium the attribute is left
 * out, and azurerm then sends `false`, its schema default, and reads `false` back, so no diff
 * (azurerm @v4.55.0:internal/services/servicebus/servicebus_namespace_resource.go, `Default: false`).
 */
export function networkRuleSet(
  scope: IConstruct,
  sku: ServiceBusSku,
  access: ResolvedNetworkAccess,
  requestedDefaultAction: "Allow" | "Deny" | undefined,
  trustedServicesAllowed: boolean | undefined,
): ServicebusNamespaceNetworkRuleSet | undefined {
  if (trustedServicesAllowed === true) {
    requireTier(scope, sku, {
      field: "trustedServicesAllowed",
      value: true,
      needs: "Premium",
      otherwise: "leave trustedServicesAllowed unset (Basic and Standard have IP rules without the trusted-services exception)",
    });
  }
  const hasRules = access.ipRules.length > 0;
  if (sku !== "Premium" && !hasRules) return undefined;
  if (!hasRules && requestedDefaultAction === "Deny" && access.publicNetworkAccessEnabled) {
    invalid(scope, {
      field: "firewallDefaultAction",
      value: "Deny",
      rule: "has no IP rule to enforce, and Service Bus then admits every address (azurerm refuses the combination)",
      fix: "set allowedIpRanges, turn publicNetworkAccess off (with a private endpoint), or leave firewallDefaultAction unset",
    });
  }
  return {
    defaultAction: hasRules ? access.defaultAction : "Allow",
    publicNetworkAccessEnabled: access.publicNetworkAccessEnabled,
    trustedServicesAllowed: sku === "Premium" ? (trustedServicesAllowed ?? true) : undefined,
    ipRules: access.ipRules,
  };
}
