import { Construct } from "constructs";
import { Fn, TerraformIterator } from "cdktf";
import { DataAzurermNetworkServiceTags } from "@cdktf/provider-azurerm/lib/data-azurerm-network-service-tags";
import { MssqlFirewallRule } from "@cdktf/provider-azurerm/lib/mssql-firewall-rule";

/** The service tag of the managed connectors' outbound addresses (Consumption Logic Apps, Power Automate). */
export const MANAGED_CONNECTORS_SERVICE_TAG = "AzureConnectors";

/** The server firewall opened to the region's managed connectors, one rule per published range. */
export interface ManagedConnectorFirewall {
  /** The region's `AzureConnectors` ranges, read when Terraform plans. */
  readonly serviceTags: DataAzurermNetworkServiceTags;
  /** One `azurerm_mssql_firewall_rule` per IPv4 range (`for_each`). */
  readonly rule: MssqlFirewallRule;
}

/**
 * Lets the region's managed connectors through the SQL server firewall. Consumption workflows
 * reach SQL through the shared, multi-tenant SQL connector, which runs outside any customer
 * network: it cannot use a private endpoint and calls from the `AzureConnectors` addresses of the
 * workflow's region. The ranges come from the service tag when Terraform plans (they change over
 * time; a later plan picks the changes up), and each becomes its own firewall rule.
 */
export function allowManagedConnectors(scope: Construct, id: string, serverId: string, location: string): ManagedConnectorFirewall {
  const serviceTags = new DataAzurermNetworkServiceTags(scope, `${id}Ranges`, {
    location,
    service: MANAGED_CONNECTORS_SERVICE_TAG,
    locationFilter: location,
  });
  const range = TerraformIterator.fromList(serviceTags.ipv4Cidrs);
  const rule = new MssqlFirewallRule(scope, id, {
    forEach: range,
    name: `${MANAGED_CONNECTORS_SERVICE_TAG}-${Fn.replace(range.value, "/", "-")}`,
    serverId,
    // First and last address of the range (a negative host number counts from the end).
    startIpAddress: Fn.cidrhost(range.value, 0),
    endIpAddress: Fn.cidrhost(range.value, -1),
  });
  return { serviceTags, rule };
}
