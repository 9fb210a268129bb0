// Type-checked by `tsc --noEmit` and run by __tests__/docs/examples.test.ts; everything below the
// marker is the example as constructs/network/README.md shows it, verbatim.
import { TerraformStack } from "cdktf";
import { IntegrationContext, Network } from "azure-integration-cdktf";
declare const stack: TerraformStack;
const hubVnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";
// --- example ---
const network = new Network(stack, "Network", {
  addressSpace: ["10.20.4.0/22"],
  subnets: {
    privateEndpoints: { addressPrefix: "10.20.4.0/24", privateEndpoints: true },
    integration: { addressPrefix: "10.20.5.0/24", delegation: "Microsoft.Web/serverFarms" },
  },
  hub: { virtualNetworkId: hubVnetId },                       // optional: spoke→hub peering
  privateDnsZoneResourceGroupId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns", // optional: the hub's zones
  egress: { type: "firewall", privateIp: "10.100.0.4" },      // default: a NAT gateway
});
IntegrationContext.set(stack, { network });
