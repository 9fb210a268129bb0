import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { Environment, parseEnvironment } from "../../config/environment";
import { addEnvironmentStacks } from "../../stacks/app";
import { PatternStack } from "../../stacks/pattern-stack";

// The prod environment joined to a hub: peering, the hub's central private DNS zones, egress
// through the hub firewall. Nothing here needs Azure: the hub is ids in the config.
const CONFIG_DIR = path.resolve(__dirname, "../../config");
const PROD = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, "prod.json"), "utf8"));
const SUB = "/subscriptions/11111111-1111-1111-1111-111111111111";
const HUB_VNET = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const DNS_RG = `${SUB}/resourceGroups/rg-dns`;

type Json = Record<string, Record<string, Record<string, unknown>>>;

function environment(hub: Record<string, unknown>): Environment {
  return parseEnvironment("prod", { ...PROD, network: { ...PROD.network, hub } }, "config/prod.json");
}

function synthAll(stacks: PatternStack[]): Map<string, { resource: Json; output?: Record<string, { value: unknown }> }> {
  return new Map(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true))]));
}

const values = (json: { resource: Json }, type: string) => Object.values(json.resource[type] ?? {}) as Record<string, unknown>[];

describe("prod stacks with a hub (central zones by resource group, firewall, DNS servers)", () => {
  const stacks = addEnvironmentStacks(
    Testing.app(),
    environment({ virtualNetworkId: HUB_VNET, privateDnsZoneResourceGroupId: DNS_RG, firewallPrivateIp: "10.100.0.4", dnsServers: ["10.100.1.4"] })
  );
  const byName = synthAll(stacks);

  test("each stack peers its VNet with the hub (spoke side) and outputs the VNet id for the hub side", () => {
    for (const [name, json] of byName) {
      expect({ name, peerings: values(json, "azurerm_virtual_network_peering") }).toEqual({
        name,
        peerings: [
          expect.objectContaining({
            remote_virtual_network_id: HUB_VNET,
            allow_forwarded_traffic: true,
            allow_gateway_transit: false,
            use_remote_gateways: false,
          }),
        ],
      });
      expect(json.output?.["virtual-network-id"]?.value).toMatch(/^\$\{azurerm_virtual_network\.Network_\w+\.id\}$/);
      expect(values(json, "azurerm_virtual_network")).toEqual([expect.objectContaining({ dns_servers: ["10.100.1.4"] })]);
    }
  });

  test("no stack creates private DNS zones; every private endpoint registers in the hub's central zone", () => {
    let endpoints = 0;
    for (const [name, json] of byName) {
      expect({ name, zones: values(json, "azurerm_private_dns_zone"), links: values(json, "azurerm_private_dns_zone_virtual_network_link") }).toEqual(
        { name, zones: [], links: [] }
      );
      for (const endpoint of values(json, "azurerm_private_endpoint")) {
        endpoints++;
        const group = endpoint.private_dns_zone_group as { private_dns_zone_ids: string[] };
        expect(group.private_dns_zone_ids).toEqual([
          expect.stringMatching(new RegExp(`^${DNS_RG}/providers/Microsoft\\.Network/privateDnsZones/privatelink\\.[\\w.-]+$`)),
        ]);
      }
    }
    expect(endpoints).toBeGreaterThan(20);
  });

  test("subnets with VNet-integrated apps route 0.0.0.0/0 to the hub firewall; no NAT gateway anywhere", () => {
    for (const [name, json] of byName) {
      expect({ name, nat: values(json, "azurerm_nat_gateway") }).toEqual({ name, nat: [] });
      // Function apps and Standard logic apps (api-gateway-prod's workflows) are VNet-integrated in prod.
      const apps = [...values(json, "azurerm_linux_function_app"), ...values(json, "azurerm_logic_app_standard")];
      const tables = values(json, "azurerm_route_table");
      expect({ name, tables: tables.length }).toEqual({ name, tables: apps.length > 0 ? 1 : 0 });
      for (const table of tables) {
        expect(table).toMatchObject({
          bgp_route_propagation_enabled: false,
          route: [{ address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.100.0.4" }],
        });
      }
      const associations = Object.keys(json.resource.azurerm_subnet_route_table_association ?? {});
      for (const app of apps)
        expect(associations.map((k) => `\${azurerm_subnet_route_table_association.${k}.subnet_id}`)).toContain(app.virtual_network_subnet_id);
    }
  });

  test("the stacks pass the policy pack, the network rules included", () => {
    for (const stack of stacks) {
      const report = stack.policy.report();
      expect({ stack: stack.node.id, errors: report.summary.errors }).toEqual({ stack: stack.node.id, errors: 0 });
      expect(report.findings.filter((f) => f.ruleId.startsWith("AIC-NET-"))).toEqual([]);
    }
  });
});

describe("prod stacks with a hub, other shapes", () => {
  test("a hub without a firewall: egress through a NAT gateway; without central zones: DNS left to the hub (no zone groups, no zones)", () => {
    const stacks = addEnvironmentStacks(Testing.app(), environment({ virtualNetworkId: HUB_VNET }));
    const json = synthAll(stacks).get("event-driven-prod")!;
    expect(values(json, "azurerm_nat_gateway")).toHaveLength(1);
    expect(values(json, "azurerm_route_table")).toEqual([]);
    expect(values(json, "azurerm_private_dns_zone")).toEqual([]);
    for (const endpoint of values(json, "azurerm_private_endpoint")) expect(endpoint.private_dns_zone_group).toBeUndefined();
  });

  test("central zones as a map: a zone the map lacks stops synthesis, naming the zone and the fix", () => {
    const blob = "privatelink.blob.core.windows.net";
    const zones = { [blob]: `${DNS_RG}/providers/Microsoft.Network/privateDnsZones/${blob}` };
    expect(() => addEnvironmentStacks(Testing.app(), environment({ virtualNetworkId: HUB_VNET, privateDnsZoneIds: zones }))).toThrow(
      new RegExp(
        '^api-gateway-prod/Network: zoneName "privatelink\\.vaultcore\\.azure\\.net" has no existing zone .*' +
          "add its id to existingPrivateDnsZoneIds \\(network\\.hub\\.privateDnsZoneIds",
      ),
    );
  });
});

test("AIC-NET-002 fails a prod stack whose subnet has no NSG", () => {
  const stacks = addEnvironmentStacks(Testing.app(), environment({ virtualNetworkId: HUB_VNET }));
  const stack = stacks.find((s) => s.node.id === "event-driven-prod")!;
  stack.network!.addSubnet("extra", { addressPrefix: "10.20.11.0/24", networkSecurityGroup: false });
  expect(() => Testing.synth(stack, true)).toThrow(
    /event-driven-prod\/Network\/SubnetExtra: \[AIC-NET-002\] Subnets that support a network security group have one/
  );
});
