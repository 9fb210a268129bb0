import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { DataAzurermNetworkServiceTags } from "@cdktf/provider-azurerm/lib/data-azurerm-network-service-tags";

/*
 * Three parts of this architecture run in Azure's multi-tenant infrastructure and cannot use
 * private endpoints: Logic Apps (Consumption) managed connectors, Event Grid push delivery and
 * dead-lettering, and an API Management service outside a VNet (it sends from its public IPs).
 * The services they call keep a public endpoint, closed by firewall rules to exactly those
 * callers and to Entra ID tokens (local auth is off everywhere). Each is recorded as a hole
 * (`recordHole`) naming the limit: the policy report shows it next to the flows that use it, and
 * it accepts the "public access off in prod" finding while such a flow exists.
 */

/** The reasons recorded with the holes, one per Azure limit. */
export const REACHABILITY_REASONS = {
  serviceBus:
    "Azure limit: Logic Apps (Consumption) managed connectors run in the multi-tenant connector service and cannot reach private endpoints, " +
      "and API Management outside a VNet sends from its public IPs; public access stays on, " +
      "limited by IP rules to the region's AzureConnectors ranges and the API Management IPs, with Entra ID only.",
  serviceBusConnectors:
    "Azure limit: Logic Apps (Consumption) managed connectors run in the multi-tenant connector service and cannot reach private endpoints; " +
    "public access stays on, limited by IP rules to the region's AzureConnectors ranges, with Entra ID only " +
    "(API Management, injected in the VNet, uses the private endpoint).",
  serviceBusApiManagement:
    "Azure limit: API Management outside a VNet sends from its public IPs and cannot use private endpoints; public access stays on, " +
    "limited by IP rules to the service's addresses, with Entra ID only (the Standard workflows use the private endpoint).",
  cosmosDb:
    "Azure limit: Logic Apps (Consumption) managed connectors (documentdb) cannot reach private endpoints; public access stays on, " +
      "limited by the IP filter to the region's AzureConnectors ranges, with Entra ID only.",
  functionApp:
    "Azure limit: Event Grid cannot deliver events to a private endpoint; the app keeps its public endpoint, " +
      "whose access restrictions admit only the AzureEventGrid service tag.",
  dataLake:
    "Azure limit: Event Grid writes dead letters over the storage public endpoint as a trusted service and never through a private endpoint; " +
      "the firewall still denies every other network.",
  deadLetters:
    "Azure limit: Event Grid writes dead letters over the storage public endpoint as a trusted service and never through a private endpoint, " +
    "so they go to this dedicated account and the data lake stays private; its firewall denies every other network.",
} as const;

/**
 * The IPv4 ranges the region's managed connectors (Logic Apps Consumption) call from: the
 * `AzureConnectors.<region>` service tag, read at plan time so the list follows Azure's updates.
 */
export function managedConnectorRanges(scope: Construct, location: string): string[] {
  const tags = new DataAzurermNetworkServiceTags(scope, "AzureConnectorRanges", { service: "AzureConnectors", location, locationFilter: location });
  return tags.ipv4Cidrs;
}

/**
 * One list token from literal lists and list tokens (Terraform `concat`). `Token.asList` matters:
 * `Fn.concat` returns a string token, which a construct spreading its ranges would split into characters.
 */
export function concatRanges(...lists: readonly (readonly string[])[]): string[] {
  return Token.asList(Fn.concat(lists.map((l) => [...l])));
}

