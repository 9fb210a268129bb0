import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { TerraformVariable, Testing } from "cdktf";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PrivateEndpoint as PrivateEndpointResource } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { IntegrationContext, IntegrationContextProps } from "../../../constructs/core/context";
import { PrivateEndpoint } from "../../../constructs/core/private-endpoint";
import { Monitoring } from "../../../constructs/monitoring";
import { Network, NetworkProps } from "../../../constructs/network";
import { messageOf, makeStack, resolved, resources, single } from "../../helpers";

Testing.setupJest();

const BLOB_ZONE = "privatelink.blob.core.windows.net";
const HUB_ZONE_ID = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/${BLOB_ZONE}`;
const WORKSPACE = { logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" };
const SERVER_FARMS = { name: "Microsoft.Web/serverFarms", actions: ["Microsoft.Network/virtualNetworks/subnets/action"] };

function build(props: Partial<NetworkProps> = {}, context: IntegrationContextProps = {}) {
  const stack = makeStack(context);
  const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/16"], ...props });
  return { stack, network, synth: Testing.synth(stack) };
}

/** Subnets by name, with their synthesized config. */
function subnetsByName(synth: string): Record<string, Record<string, unknown>> {
  const all: Record<string, Record<string, unknown>> = JSON.parse(synth).resource.azurerm_subnet;
  return Object.fromEntries(Object.values(all).map((s) => [s.name as string, s]));
}

describe("Network defaults", () => {
  const { stack, network, synth } = build();
  const vnet = single(stack, "azurerm_virtual_network");

  test("creates the VNet as the primary L1", () => {
    expect(synth).toHaveResourceWithProperties(VirtualNetwork, {
      name: "vnet-test-network",
      resource_group_name: "rg-test",
      location: "westeurope",
      address_space: ["10.0.0.0/16"],
    });
    expect(vnet.config.dns_servers).toBeUndefined();
    expect(network.node.findChild("Resource")).toBe(network.resource);
  });

  test("derives a private endpoint subnet and a serverFarms integration subnet from the first /24s", () => {
    const subnets = subnetsByName(synth);
    expect(Object.keys(subnets).sort()).toEqual(["snet-integration", "snet-private-endpoints"]);
    expect(subnets["snet-private-endpoints"]).toEqual({
      name: "snet-private-endpoints",
      resource_group_name: "rg-test",
      virtual_network_name: vnet.ref("name"),
      address_prefixes: ["10.0.0.0/24"],
      default_outbound_access_enabled: false,
      // The subnet's NSG filters traffic to the endpoints (Learn: manage network policies for private endpoints).
      private_endpoint_network_policies: "NetworkSecurityGroupEnabled",
    });
    expect(subnets["snet-integration"]).toEqual({
      name: "snet-integration",
      resource_group_name: "rg-test",
      virtual_network_name: vnet.ref("name"),
      address_prefixes: ["10.0.1.0/24"],
      default_outbound_access_enabled: false,
      delegation: [{ name: "delegation", service_delegation: SERVER_FARMS }],
    });
  });

  test("exposes ids, names and subnets", () => {
    expect(Object.keys(network.subnets)).toEqual(["privateEndpoints", "integration"]);
    expect(network.subnets.integration).toBeInstanceOf(Subnet);
    expect(network.node.findChild("SubnetPrivateEndpoints")).toBe(network.subnets.privateEndpoints);
    expect(network.privateEndpointSubnetKey).toBe("privateEndpoints");
    expect(resolved(stack, network.vnetId)).toBe(vnet.ref("id"));
    expect(resolved(stack, network.id)).toBe(vnet.ref("id"));
    expect(resolved(stack, network.name)).toBe(vnet.ref("name"));
    // Ids are read from the last association, so users of a subnet wait for its NSG (and egress).
    const nsgAssociations = Object.keys(resources(stack, "azurerm_subnet_network_security_group_association"));
    const nsgAssociation = nsgAssociations.find((k) => k.includes("PrivateEndpoints"));
    const peId = `\${azurerm_subnet_network_security_group_association.${nsgAssociation}.subnet_id}`;
    expect(resolved(stack, network.privateEndpointSubnetId)).toBe(peId);
    // Reading the integration subnet's id attaches its egress (a subnet nothing uses costs no NAT gateway).
    expect(resources(stack, "azurerm_subnet_nat_gateway_association")).toEqual({});
    const integrationId = network.integrationSubnetId;
    const natAssociation = Object.keys(resources(stack, "azurerm_subnet_nat_gateway_association"))[0];
    expect(resolved(stack, integrationId)).toBe(`\${azurerm_subnet_nat_gateway_association.${natAssociation}.subnet_id}`);
    expect(resolved(stack, network.subnetId("integration"))).toBe(resolved(stack, network.integrationSubnetId));
    expect(network.integrationSubnetKey).toBe("integration");
    expect(network.addressSpace).toEqual(["10.0.0.0/16"]);
  });

  test("no diagnostics without a destination, no DNS zones until asked", () => {
    expect(network.diagnostics).toBeUndefined();
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).not.toHaveResource(PrivateDnsZone);
  });
});

describe("Network default subnets for small address spaces", () => {
  test.each([
    ["10.1.0.0/23", "10.1.0.0/24", "10.1.1.0/24"],
    ["10.1.0.0/24", "10.1.0.0/25", "10.1.0.128/25"],
    ["10.1.0.0/27", "10.1.0.0/28", "10.1.0.16/28"],
  ])("%s splits into %s and %s", (space, pe, integration) => {
    const subnets = subnetsByName(build({ addressSpace: [space] }).synth);
    expect(subnets["snet-private-endpoints"].address_prefixes).toEqual([pe]);
    expect(subnets["snet-integration"].address_prefixes).toEqual([integration]);
  });

  test("only the first address space is used", () => {
    const subnets = subnetsByName(build({ addressSpace: ["10.2.0.0/16", "10.3.0.0/16"] }).synth);
    expect(subnets["snet-private-endpoints"].address_prefixes).toEqual(["10.2.0.0/24"]);
  });

  test("a /28 is too small", () => {
    expect(messageOf(() => build({ addressSpace: ["10.1.0.0/28"] }))).toBe(
      'test/Network: addressSpace[0] "10.1.0.0/28" is too small to split into the default subnets (two /28 at the smallest); ' +
        "use a /27 or larger address space, or pass subnets explicitly",
    );
  });
});

describe("Network overrides", () => {
  const subnets = {
    endpoints: { addressPrefix: "10.0.0.0/26" },
    apim: { addressPrefix: "10.0.1.0/27", delegation: "Microsoft.ApiManagement/service", name: "snet-apim-custom" },
    workers: { addressPrefix: "10.0.2.0/24", serviceEndpoints: ["Microsoft.Storage"], privateEndpoints: false },
  } as const;

  test("explicit subnets, private endpoint subnet, DNS servers and name", () => {
    const { network, synth } = build({ name: "vnet-hub-spoke", subnets, privateEndpointSubnet: "endpoints", dnsServers: ["10.100.0.4"] });
    expect(synth).toHaveResourceWithProperties(VirtualNetwork, { name: "vnet-hub-spoke", dns_servers: ["10.100.0.4"] });
    const byName = subnetsByName(synth);
    expect(Object.keys(byName).sort()).toEqual(["snet-apim-custom", "snet-endpoints", "snet-workers"]);
    expect(byName["snet-endpoints"]).toMatchObject({
      address_prefixes: ["10.0.0.0/26"],
      private_endpoint_network_policies: "NetworkSecurityGroupEnabled",
    });
    expect(byName["snet-apim-custom"]).toMatchObject({
      delegation: [
        {
          name: "delegation",
          service_delegation: {
            name: "Microsoft.ApiManagement/service",
            actions: ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/prepareNetworkPolicies/action"],
          },
        },
      ],
    });
    expect(byName["snet-workers"]).toMatchObject({ service_endpoints: ["Microsoft.Storage"], default_outbound_access_enabled: false });
    expect(byName["snet-workers"].private_endpoint_network_policies).toBeUndefined();
    expect(network.privateEndpointSubnetKey).toBe("endpoints");
  });

  test("privateEndpoints: true designates the subnet without privateEndpointSubnet", () => {
    const { network } = build({ subnets: { a: { addressPrefix: "10.0.0.0/24" }, b: { addressPrefix: "10.0.1.0/24", privateEndpoints: true } } });
    expect(network.privateEndpointSubnetKey).toBe("b");
  });

  test("a user false survives: diagnostics: false with a context destination", () => {
    const { network, synth } = build({ diagnostics: false }, { diagnostics: WORKSPACE });
    expect(network.diagnostics).toBeUndefined();
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
  });

  test("the L1s are escape hatches", () => {
    const { stack, network } = build();
    network.resource.flowTimeoutInMinutes = 10;
    network.subnets.integration.defaultOutboundAccessEnabled = true;
    expect(single(stack, "azurerm_virtual_network").config.flow_timeout_in_minutes).toBe(10);
    expect(subnetsByName(Testing.synth(stack))["snet-integration"].default_outbound_access_enabled).toBe(true);
  });
});

describe("Network.addSubnet", () => {
  test("adds a validated subnet", () => {
    const { stack, network } = build();
    const added = network.addSubnet("containers", { addressPrefix: "10.0.4.0/23", delegation: "Microsoft.App/environments" });
    expect(network.subnets.containers).toBe(added);
    expect(subnetsByName(Testing.synth(stack))["snet-containers"]).toMatchObject({
      address_prefixes: ["10.0.4.0/23"],
      default_outbound_access_enabled: false,
      delegation: [{ name: "delegation", service_delegation: { name: "Microsoft.App/environments", actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"] } }],
    });
  });

  test("overlaps with existing subnets are rejected, naming both", () => {
    const { network } = build();
    expect(messageOf(() => network.addSubnet("more", { addressPrefix: "10.0.1.128/25" }))).toBe(
      'test/Network: subnets.more.addressPrefix "10.0.1.128/25" overlaps subnets.integration.addressPrefix "10.0.1.0/24"; give each subnet a range no other subnet uses',
    );
  });

  test("a second private endpoint subnet is rejected", () => {
    const { network } = build();
    expect(messageOf(() => network.addSubnet("pe2", { addressPrefix: "10.0.9.0/24", privateEndpoints: true }))).toBe(
      'test/Network: subnets.pe2.privateEndpoints true is not allowed: "privateEndpoints" is already the private endpoint subnet; ' +
        "put private endpoints in that subnet, or choose the subnet with privateEndpointSubnet in props",
    );
  });

  test("an existing key is rejected", () => {
    const { network } = build();
    expect(messageOf(() => network.addSubnet("integration", { addressPrefix: "10.0.9.0/24" }))).toBe(
      "test/Network: subnets.integration already exists; choose another key",
    );
  });

  test("subnetId of an unknown key names the known ones", () => {
    const { network } = build();
    expect(messageOf(() => network.subnetId("apps"))).toBe(
      'test/Network: subnet "apps" does not exist in this network; use one of "privateEndpoints", "integration" or add it with addSubnet()',
    );
  });
});

describe("Network validation", () => {
  const err = (props: Partial<NetworkProps>) => messageOf(() => build(props));

  test("addressSpace must not be empty", () => {
    expect(err({ addressSpace: [] })).toBe('test/Network: addressSpace [] is empty; give at least one IPv4 CIDR, e.g. ["10.0.0.0/16"]');
  });

  test("addressSpace entries must be IPv4 CIDRs", () => {
    expect(err({ addressSpace: ["10.0.0.0/16", "10.1.0/16"] })).toBe(
      'test/Network: addressSpace[1] "10.1.0/16" is not an IPv4 CIDR; write it as "<a.b.c.d>/<prefix length>", e.g. "10.0.0.0/16"',
    );
  });

  test("addressSpace entries must have their host bits zero", () => {
    expect(err({ addressSpace: ["10.0.0.1/16"] })).toBe(
      'test/Network: addressSpace[0] "10.0.0.1/16" has host bits set (it is not the first address of its block); use "10.0.0.0/16"',
    );
  });

  test("address spaces must not overlap", () => {
    expect(err({ addressSpace: ["10.0.0.0/16", "10.0.128.0/17"] })).toBe(
      'test/Network: addressSpace[1] "10.0.128.0/17" overlaps addressSpace[0] "10.0.0.0/16"; remove one of them or use ranges that do not overlap',
    );
  });

  test("subnet prefixes must be network CIDRs", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.5/24" } } })).toBe(
      'test/Network: subnets.privateEndpoints.addressPrefix "10.0.0.5/24" has host bits set (it is not the first address of its block); use "10.0.0.0/24"',
    );
  });

  test("subnets must lie inside the address space", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" }, apps: { addressPrefix: "10.9.0.0/24" } } })).toBe(
      'test/Network: subnets.apps.addressPrefix "10.9.0.0/24" is outside the address space ["10.0.0.0/16"]; choose a prefix inside the address space or add its range to addressSpace',
    );
  });

  test("a subnet may lie in any of the address spaces", () => {
    const { network } = build({ addressSpace: ["10.0.0.0/24", "10.5.0.0/24"], subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" }, apps: { addressPrefix: "10.5.0.0/24" } } });
    expect(Object.keys(network.subnets)).toEqual(["privateEndpoints", "apps"]);
  });

  test("subnets must not overlap; the error names both", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" }, apps: { addressPrefix: "10.0.0.128/25" } } })).toBe(
      'test/Network: subnets.apps.addressPrefix "10.0.0.128/25" overlaps subnets.privateEndpoints.addressPrefix "10.0.0.0/24"; give each subnet a range no other subnet uses',
    );
  });

  test("subnets smaller than /29 are rejected", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/30" } } })).toBe(
      'test/Network: subnets.privateEndpoints.addressPrefix "10.0.0.0/30" is smaller than /29, the smallest Azure subnet; use a /29 or larger prefix',
    );
  });

  test("the private endpoint subnet must exist", () => {
    expect(err({ subnets: { apps: { addressPrefix: "10.0.0.0/24" } } })).toBe(
      'test/Network: privateEndpointSubnet "privateEndpoints" names no subnet (subnets: "apps"); ' +
        'add a subnet "privateEndpoints", or set privateEndpointSubnet (or privateEndpoints: true) on one of the subnets',
    );
    expect(err({ subnets: { apps: { addressPrefix: "10.0.0.0/24" } }, privateEndpointSubnet: "pe" })).toContain('privateEndpointSubnet "pe" names no subnet');
  });

  test("exactly one subnet is marked for private endpoints", () => {
    expect(err({ subnets: { a: { addressPrefix: "10.0.0.0/24", privateEndpoints: true }, b: { addressPrefix: "10.0.1.0/24", privateEndpoints: true } } })).toBe(
      'test/Network: subnets ["a","b"] mark more than one subnet with privateEndpoints: true; mark exactly one subnet (or name it with privateEndpointSubnet)',
    );
  });

  test("privateEndpointSubnet and a privateEndpoints mark must agree", () => {
    const subnets = { a: { addressPrefix: "10.0.0.0/24" }, b: { addressPrefix: "10.0.1.0/24", privateEndpoints: true } };
    expect(err({ subnets, privateEndpointSubnet: "a" })).toBe(
      'test/Network: privateEndpointSubnet "a" conflicts with subnets.b.privateEndpoints: true; designate the private endpoint subnet in one place only',
    );
  });

  test("the designated subnet cannot say privateEndpoints: false", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24", privateEndpoints: false } } })).toBe(
      "test/Network: subnets.privateEndpoints.privateEndpoints false contradicts privateEndpointSubnet, which names this subnet; " +
        "remove privateEndpoints: false or choose another privateEndpointSubnet",
    );
  });

  test("the private endpoint subnet cannot be delegated", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24", delegation: "Microsoft.Web/serverFarms" } } })).toBe(
      'test/Network: subnets.privateEndpoints.delegation "Microsoft.Web/serverFarms" is set on the private endpoint subnet, and private endpoints cannot go in a delegated subnet; ' +
        "remove the delegation or choose another privateEndpointSubnet",
    );
  });

  test("subnet keys are letters and digits", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" }, "my-apps": { addressPrefix: "10.0.1.0/24" } } })).toBe(
      'test/Network: subnet key "my-apps" must be letters and digits, starting with a letter; use a key such as "privateEndpoints" or "integration"',
    );
  });

  test("subnet names are validated and unique", () => {
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24", name: "snet-pe-" } } })).toBe(
      `test/Network: name "snet-pe-" breaks the subnet naming rule; use letters, digits, '_', '.' and '-', starting with a letter or digit and ending with a letter, digit or '_'`,
    );
    expect(err({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" }, apps: { addressPrefix: "10.0.1.0/24", name: "snet-private-endpoints" } } })).toBe(
      'test/Network: subnets.apps.name "snet-private-endpoints" is already the name of subnets.privateEndpoints; give each subnet a distinct name',
    );
  });

  test("the VNet name is validated", () => {
    expect(err({ name: "v" })).toBe("test/Network: name \"v\" is 1 characters; a virtualNetwork name must be 2-64; choose a name of 2 to 64 characters");
  });
});

describe("Network with deploy-time values", () => {
  test("unresolved prefixes are not validated; default subnets need a literal address space", () => {
    const stack = makeStack();
    const space = new TerraformVariable(stack, "space", { type: "string" }).stringValue;
    const network = new Network(stack, "Network", { addressSpace: [space], subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" } } });
    expect(Object.keys(network.subnets)).toEqual(["privateEndpoints"]);
    expect(messageOf(() => new Network(stack, "Other", { addressSpace: [space] }))).toBe(
      "test/Other: addressSpace[0] is only known at deploy time, so the default subnets cannot be derived from it; pass subnets explicitly",
    );
  });
});

describe("Network private DNS zones", () => {
  test("a zone is created on first use, linked to the VNet, and reused", () => {
    const { stack, network } = build();
    const first = network.privateDnsZoneId(BLOB_ZONE);
    expect(network.privateDnsZoneId(BLOB_ZONE)).toBe(first);
    const synth = Testing.synth(stack);
    const zone = single(stack, "azurerm_private_dns_zone");
    expect(zone.config).toEqual({ name: BLOB_ZONE, resource_group_name: "rg-test" });
    expect(resolved(stack, first)).toBe(zone.ref("id"));
    expect(synth).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      name: "link-vnet-test-network",
      resource_group_name: "rg-test",
      private_dns_zone_name: zone.ref("name"),
      virtual_network_id: single(stack, "azurerm_virtual_network").ref("id"),
      registration_enabled: false,
    });
    expect(Object.keys(resources(stack, "azurerm_private_dns_zone_virtual_network_link"))).toHaveLength(1);
    expect(Object.keys(network.privateDnsZones)).toEqual([BLOB_ZONE]);
    expect(network.node.tryFindChild(`PrivateDnsZone-${BLOB_ZONE}`)).toBe(network.privateDnsZones[BLOB_ZONE]);
  });

  test("each zone gets its own zone and link", () => {
    const { stack, network } = build();
    network.privateDnsZoneId(BLOB_ZONE);
    network.privateDnsZoneId("privatelink.servicebus.windows.net");
    const zones = Object.values(resources(stack, "azurerm_private_dns_zone")).map((z) => z.name);
    expect(zones.sort()).toEqual([BLOB_ZONE, "privatelink.servicebus.windows.net"]);
    expect(Object.keys(resources(stack, "azurerm_private_dns_zone_virtual_network_link"))).toHaveLength(2);
  });

  test('dnsZones: "external" returns undefined and creates nothing', () => {
    const { stack, network } = build({ dnsZones: "external" });
    expect(network.privateDnsZoneId(BLOB_ZONE)).toBeUndefined();
    expect(Testing.synth(stack)).not.toHaveResource(PrivateDnsZone);
  });

  test.each(["create", "external"] as const)("existing zone ids are returned as they are (dnsZones %s)", (dnsZones) => {
    const { stack, network } = build({ dnsZones, existingPrivateDnsZoneIds: { [BLOB_ZONE]: HUB_ZONE_ID } });
    expect(network.privateDnsZoneId(BLOB_ZONE)).toBe(HUB_ZONE_ID);
    expect(Testing.synth(stack)).not.toHaveResource(PrivateDnsZone);
  });

  test("zone names are validated", () => {
    const { network } = build();
    expect(messageOf(() => network.privateDnsZoneId("privatelink blob"))).toBe(
      'test/Network: zoneName "privatelink blob" is not a literal DNS zone name; pass a zone such as "privatelink.blob.core.windows.net"',
    );
  });
});

describe("Network as the context's private network", () => {
  test("private endpoints land in its subnet and register in its zone", () => {
    const stack = makeStack({ profile: "prod" });
    const network = new Network(stack, "Network", { addressSpace: ["10.20.0.0/16"] });
    IntegrationContext.set(stack, { network });
    const owner = new Construct(stack, "Vault");
    PrivateEndpoint.forResource(
      owner,
      "PrivateEndpoint",
      { ownerName: "kv-test", resourceGroup: network.resourceGroup, location: "westeurope", targetResourceId: "/kv", subresource: "blob" },
      undefined,
    );
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivateEndpointResource, {
      subnet_id: resolved(stack, network.privateEndpointSubnetId),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: [single(stack, "azurerm_private_dns_zone").ref("id")] }),
    });
  });

  test("Network.fromPrivateEndpointSubnet wraps a hub network", () => {
    const hub = Network.fromPrivateEndpointSubnet({ privateEndpointSubnetId: "/subnets/pe", privateDnsZoneIds: { [BLOB_ZONE]: HUB_ZONE_ID } });
    expect(hub.privateEndpointSubnetId).toBe("/subnets/pe");
    expect(hub.privateDnsZoneId(BLOB_ZONE)).toBe(HUB_ZONE_ID);
    expect(hub.privateDnsZoneId("privatelink.vaultcore.azure.net")).toBeUndefined();
    expect(Network.fromPrivateEndpointSubnet({ privateEndpointSubnetId: "/subnets/pe" }).privateDnsZoneId(BLOB_ZONE)).toBeUndefined();
  });
});

describe("Network diagnostics", () => {
  test("a context destination gets the VNet's logs and metrics", () => {
    const { stack, network, synth } = build({}, { diagnostics: WORKSPACE });
    expect(network.diagnostics).toBeInstanceOf(MonitorDiagnosticSetting);
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: single(stack, "azurerm_virtual_network").ref("id"),
      log_analytics_workspace_id: WORKSPACE.logAnalyticsWorkspaceId,
      enabled_log: [expect.objectContaining({ category_group: "allLogs" })],
      enabled_metric: [expect.objectContaining({ category: "AllMetrics" })],
    });
  });

  test("a Monitoring construct is a destination", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    new Network(stack, "Network", { addressSpace: ["10.0.0.0/16"], diagnostics: { destination: monitoring } });
    expect(single(stack, "azurerm_monitor_diagnostic_setting").config.log_analytics_workspace_id).toBe(single(stack, "azurerm_log_analytics_workspace").ref("id"));
  });
});

describe("Network snapshot", () => {
  test("full instance (prod, custom subnets, DNS zones, diagnostics)", () => {
    const stack = makeStack({ profile: "prod", diagnostics: WORKSPACE });
    const network = new Network(stack, "Network", {
      addressSpace: ["10.20.0.0/16"],
      subnets: {
        privateEndpoints: { addressPrefix: "10.20.0.0/24" },
        integration: { addressPrefix: "10.20.1.0/26", delegation: "Microsoft.Web/serverFarms" },
        apim: { addressPrefix: "10.20.2.0/27", delegation: "Microsoft.ApiManagement/service" },
      },
      tags: { workload: "integration" },
    });
    network.privateDnsZoneId(BLOB_ZONE);
    network.privateDnsZoneId("privatelink.servicebus.windows.net");
    expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
  });
});
