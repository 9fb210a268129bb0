import { blockedMessage } from "../../../policy/reachability/judge";
import { FLOW_TYPE } from "../../../policy/types";
import { runKnownDefects, runRuleTables, subjectOf } from "./harness";
import { REACHABILITY_DEFECTS, REACHABILITY_TABLES } from "./tables/reachability";

// policy/rules/reachability.ts: each path rule, with flows that have a path and flows that have none.
runRuleTables(REACHABILITY_TABLES);
runKnownDefects(REACHABILITY_DEFECTS);

// The fixes a blocked flow gets follow the state: nothing that already exists is suggested.
const fixesOf = (name: string) => {
  const table = REACHABILITY_TABLES[0];
  const found = table.fail.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name}`);
  const { resource, scope } = subjectOf(FLOW_TYPE, found);
  return blockedMessage({ ...resource, path: "caller" }, scope).split("; fix: ")[1];
};

describe("AIC-NET-010 fixes match the state", () => {
  test.each([
    [
      "managed connector → private-only namespace (a private endpoint does not help)",
      "run the workflow on Logic Apps Standard with VNet integration through the namespace's private endpoint; or turn publicNetworkAccess " +
        "on with allowedIpRanges admitting the AzureConnectors service tag (its ranges from azurerm_network_service_tags)",
    ],
    [
      "Event Grid delivery → Standard namespace with IP rules (Standard has no trusted-services exception)",
      'use a tier with the trusted-services exception (sku "Standard" has no trusted-services exception)',
    ],
    [
      "Event Grid dead-lettering with a user-assigned identity → storage behind a firewall (trusted only with the system identity)",
      "deliver with the source's SystemAssigned identity",
    ],
    [
      "VNet-integrated app → private-only storage without a private endpoint",
      "add a private endpoint for blob (privateEndpoint); or turn publicNetworkAccess on with allowedIpRanges admitting the app's outbound " +
        "IPs (possible_outbound_ip_address_list)",
    ],
    [
      "VNet-integrated app → storage whose only private endpoint is for blob, calling dfs",
      "add a private endpoint for dfs (privateEndpoint); or turn publicNetworkAccess on with allowedIpRanges admitting the app's outbound " +
        "IPs (possible_outbound_ip_address_list)",
    ],
    [
      "app without VNet integration → private-only storage (its private endpoint is out of reach)",
      "integrate the app into the VNet (integrationSubnetId) through the storage account's private endpoint; or turn publicNetworkAccess on " +
        "with allowedIpRanges admitting the app's outbound IPs (possible_outbound_ip_address_list)",
    ],
    [
      "self-hosted runtime → factory with public access off and no private endpoint (review F4)",
      "add a private endpoint for dataFactory (privateEndpoint) and reach it over VPN/ExpressRoute with DNS forwarding; or turn " +
        "publicNetworkAccess on (the factory has no IP firewall)",
    ],
    [
      "managed VNet runtime → private-only vault without a managed private endpoint",
      "add a managed private endpoint for vault (managedPrivateEndpoint: true with the target's id); or turn publicNetworkAccess on behind " +
        'a deny-by-default firewall with the trusted-services exception (network_acls.bypass "AzureServices")',
    ],
    [
      "public deployer → storage whose IP rules miss part of its egress",
      'run the deployment inside the VNet (deployer.network "private") against the private endpoints; or admit 203.0.113.0/23 in allowedIpRanges',
    ],
  ])("%s", (name, fixes) => {
    expect(fixesOf(name)).toBe(fixes);
  });
});
