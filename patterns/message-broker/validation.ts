// The broker's own checks of its props, before anything is created.
import { Construct } from "constructs";
import { IApiManagement } from "../../constructs/api-management";
import { invalid } from "../../constructs/core";
import type { MessageBrokerProps } from "./props";

/** Tiers that call out from shared addresses (learn.microsoft.com, "IP addresses of Azure API Management"). */
const NO_DEDICATED_OUTBOUND_IPS: readonly string[] = ["Consumption", "BasicV2", "StandardV2", "PremiumV2"];

/** The Service Bus firewall admits API Management by its public IPs, which shared-infrastructure tiers do not have. */
export function checkOutboundAddresses(scope: Construct, apim: IApiManagement, existing: boolean): void {
  // An import not told its sku is taken at its owner's word (the README says the tier it needs).
  if (apim.sku === undefined || !NO_DEDICATED_OUTBOUND_IPS.includes(apim.sku)) return;
  invalid(scope, {
    field: existing ? "existingApiManagement sku" : "apiManagementProps.sku",
    value: apim.sku,
    rule: "has no dedicated outbound IP addresses, so the Service Bus firewall cannot admit its send-request calls",
    fix: 'use a classic tier ("Developer", "Basic", "Standard" or "Premium")',
  });
}

/** Props of the other host are a mistake: they would be silently ignored. */
export function checkWorkflowProps(scope: Construct, workflowHost: "consumption" | "standard", props: MessageBrokerProps): void {
  const [field, other] = workflowHost === "standard" ? ["workflowProps", "consumption"] : ["workflowAppProps", "standard"];
  if (props[field as "workflowProps" | "workflowAppProps"] === undefined) return;
  invalid(scope, {
    field,
    rule: `shapes the ${other} workflows, but workflowHost is "${workflowHost}"`,
    fix: `drop ${field}, or set workflowHost: "${other}"`,
  });
}
