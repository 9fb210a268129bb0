import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { IntegrationContext } from "../../../constructs/core/context";
import { PrivateEndpoint } from "../../../constructs/core/private-endpoint";
import { Network, NetworkProps } from "../../../constructs/network";
import { Json, makeStack, messageOf, resolved, resources, single, SUBSCRIPTION_ID } from "../../helpers";

Testing.setupJest();

const HUB_VNET = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const HUB_DNS_RG = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-dns`;
const BLOB_ZONE = "privatelink.blob.core.windows.net";

function build(props: Partial<NetworkProps> = {}) {
  const stack = makeStack({ profile: "prod" });
  const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/22"], ...props });
  return { stack, network };
}

/** The resources of `type` (by logical id) whose `attribute` equals `value`. */
function where(stack: ReturnType<typeof makeStack>, type: string, attribute: string, value: unknown): [string, Json][] {
  return Object.entries(resources(stack, type)).filter(([, r]) => r[attribute] === value);
}

describe("Network security groups", () => {
  test("every subnet gets its own NSG, associated with it", () => {
    const { stack, network } = build();
    network.addSubnet("workers", { addressPrefix: "10.0.2.0/24" });
    const subnets = resources(stack, "azurerm_subnet");
    const associations = Object.values(resources(stack, "azurerm_subnet_network_security_group_association")) as Json[];
    expect(associations).toHaveLength(Object.keys(subnets).length);
    for (const key of Object.keys(subnets)) {
      const onSubnet = associations.filter((a) => a.subnet_id === `\${azurerm_subnet.${key}.id}`);
      expect({ key, count: onSubnet.length }).toEqual({ key, count: 1 });
    }
    const names = Object.values(resources(stack, "azurerm_network_security_group")).map((n: Json) => n.name);
    expect(names.sort()).toEqual(["nsg-test-network-integration", "nsg-test-network-private-endpoints", "nsg-test-network-workers"]);
    expect(Object.keys(network.networkSecurityGroups)).toEqual(["privateEndpoints", "integration", "workers"]);
  });

  test("a subnet can opt out (its owner associates its own NSG); its id is then the subnet's", () => {
    const { stack, network } = build();
    const apim = network.addSubnet("apim", { addressPrefix: "10.0.2.0/27", networkSecurityGroup: false });
    expect(network.networkSecurityGroups.apim).toBeUndefined();
    expect(where(stack, "azurerm_subnet_network_security_group_association", "subnet_id", resolved(stack, apim.id))).toEqual([]);
    expect(resolved(stack, network.subnetId("apim"))).toBe(resolved(stack, apim.id));
  });

  test("private endpoints are created after the NSG is associated: their subnet id is read from the association", () => {
    const { stack, network } = build();
    IntegrationContext.set(stack, { network });
    PrivateEndpoint.forResource(
      new Construct(stack, "Vault"),
      "PrivateEndpoint",
      { ownerName: "kv-test", resourceGroup: network.resourceGroup, location: "westeurope", targetResourceId: "/kv", subresource: "vault" },
      undefined
    );
    const endpoint = single(stack, "azurerm_private_endpoint").config;
    const subnet = resolved(stack, network.subnets.privateEndpoints.id);
    const [[association]] = where(stack, "azurerm_subnet_network_security_group_association", "subnet_id", subnet);
    expect(endpoint.subnet_id).toBe(`\${azurerm_subnet_network_security_group_association.${association}.subnet_id}`);
  });

  test("the private endpoint policies can be chosen", () => {
    const { stack } = build({ privateEndpointNetworkPolicies: "Disabled" });
    const [[, subnet]] = where(stack, "azurerm_subnet", "name", "snet-private-endpoints");
    expect(subnet.private_endpoint_network_policies).toBe("Disabled");
  });
});

describe("Network egress: NAT gateway (default)", () => {
  test("a subnet nothing uses gets none; the first use of the integration subnet attaches it, after the NSG", () => {
    const { stack, network } = build();
    expect(resources(stack, "azurerm_nat_gateway")).toEqual({});
    expect(network.natGateway).toBeUndefined();
    const id = network.integrationSubnetId;
    expect(network.integrationSubnetId).toBe(id);
    const gateway = single(stack, "azurerm_nat_gateway");
    expect(gateway.config).toEqual({ name: "ng-test-network-egress", resource_group_name: "rg-test", location: "westeurope", sku_name: "Standard" });
    const ip = single(stack, "azurerm_public_ip");
    expect(ip.config).toEqual({
      name: "pip-test-network-egress",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "Standard",
      allocation_method: "Static",
    });
    const link = single(stack, "azurerm_nat_gateway_public_ip_association");
    expect(link.config).toEqual({ nat_gateway_id: gateway.ref("id"), public_ip_address_id: ip.ref("id") });
    const association = single(stack, "azurerm_subnet_nat_gateway_association");
    const integration = resolved(stack, network.subnets.integration.id);
    expect(association.config).toMatchObject({ subnet_id: integration, nat_gateway_id: gateway.ref("id") });
    const [[nsgAssociation]] = where(stack, "azurerm_subnet_network_security_group_association", "subnet_id", integration);
    expect(association.config.depends_on.sort()).toEqual(
      [
        `azurerm_nat_gateway_public_ip_association.${Object.keys(resources(stack, "azurerm_nat_gateway_public_ip_association"))[0]}`,
        `azurerm_subnet_network_security_group_association.${nsgAssociation}`,
      ].sort()
    );
    expect(resolved(stack, id)).toBe(association.ref("subnet_id"));
    // The private endpoint subnet has no egress: endpoints only receive traffic.
    expect(resolved(stack, network.privateEndpointSubnetId)).toContain("azurerm_subnet_network_security_group_association.");
    expect(Object.keys(resources(stack, "azurerm_subnet_nat_gateway_association"))).toHaveLength(1);
  });

  test("one gateway serves every subnet with egress; zone and idle timeout are passed on (the public IP in the same zone)", () => {
    const { stack, network } = build({ egress: { type: "natGateway", zone: "2", idleTimeoutInMinutes: 10 } });
    network.addSubnet("jobs", { addressPrefix: "10.0.2.0/24", egress: true });
    network.subnetId("jobs");
    network.subnetId("integration");
    expect(single(stack, "azurerm_nat_gateway").config).toMatchObject({ zones: ["2"], idle_timeout_in_minutes: 10 });
    expect(single(stack, "azurerm_public_ip").config).toMatchObject({ zones: ["2"] });
    expect(Object.keys(resources(stack, "azurerm_subnet_nat_gateway_association"))).toHaveLength(2);
  });

  test("egress: false and a subnet's egress: false attach nothing", () => {
    const none = build({ egress: false });
    expect(resolved(none.stack, none.network.integrationSubnetId)).toContain("azurerm_subnet_network_security_group_association.");
    expect(resources(none.stack, "azurerm_nat_gateway")).toEqual({});
    const apps = { addressPrefix: "10.0.1.0/24", delegation: "Microsoft.Web/serverFarms", egress: false } as const;
    const quiet = build({ subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/24" }, apps } });
    quiet.network.subnetId("apps");
    expect(resources(quiet.stack, "azurerm_nat_gateway")).toEqual({});
  });

  test.each([3, 121, 4.5])("an idle timeout of %p minutes is refused", (minutes) => {
    expect(messageOf(() => build({ egress: { type: "natGateway", idleTimeoutInMinutes: minutes } }))).toBe(
      `test/Network: egress.idleTimeoutInMinutes ${minutes} must be a whole number of minutes from 4 to 120 (azurerm @v4.55.0 nat_gateway); ` +
        "use a value from 4 to 120, or leave it out for 4"
    );
  });
});

describe("Network egress: through a firewall", () => {
  test("a route table sends 0.0.0.0/0 to the firewall, BGP propagation off, associated after the NSG; no NAT gateway", () => {
    const { stack, network } = build({ egress: { type: "firewall", privateIp: "10.100.0.4" } });
    const id = network.integrationSubnetId;
    const table = single(stack, "azurerm_route_table");
    expect(table.config).toEqual({
      name: "rt-test-network-egress",
      resource_group_name: "rg-test",
      location: "westeurope",
      route: [
        { name: "internet-via-firewall", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.100.0.4" },
      ],
      bgp_route_propagation_enabled: false,
    });
    const association = single(stack, "azurerm_subnet_route_table_association");
    expect(association.config).toMatchObject({ subnet_id: resolved(stack, network.subnets.integration.id), route_table_id: table.ref("id") });
    expect(association.config.depends_on).toEqual([expect.stringMatching(/^azurerm_subnet_network_security_group_association\./)]);
    expect(resolved(stack, id)).toBe(association.ref("subnet_id"));
    expect(network.routeTable).toBeDefined();
    expect(resources(stack, "azurerm_nat_gateway")).toEqual({});
  });

  test("the firewall's address must be an IPv4 address outside this network", () => {
    expect(messageOf(() => build({ egress: { type: "firewall", privateIp: "10.0.1.4" } }))).toBe(
      'test/Network: egress.privateIp "10.0.1.4" is inside this network\'s address space "10.0.0.0/22", but the firewall lives in the hub; ' +
        "give the hub firewall's private IP, or change the address plan so the two do not overlap"
    );
    expect(messageOf(() => build({ egress: { type: "firewall", privateIp: "10.100.0.300" } }))).toBe(
      'test/Network: egress.privateIp "10.100.0.300" is not an IPv4 address; give the firewall\'s private IP, e.g. "10.0.1.4"'
    );
  });
});

describe("Network hub", () => {
  test("peers this VNet with the hub (this side only), forwarded traffic allowed, no gateway transit unless asked", () => {
    const { stack, network } = build({ hub: { virtualNetworkId: HUB_VNET } });
    const peering = single(stack, "azurerm_virtual_network_peering");
    expect(peering.config).toEqual({
      name: "peer-test-network-to-hub",
      resource_group_name: "rg-test",
      virtual_network_name: single(stack, "azurerm_virtual_network").ref("name"),
      remote_virtual_network_id: HUB_VNET,
      allow_virtual_network_access: true,
      allow_forwarded_traffic: true,
      allow_gateway_transit: false,
      use_remote_gateways: false,
    });
    expect(network.hubPeering).toBeDefined();
    const gateways = build({ hub: { virtualNetworkId: HUB_VNET, useRemoteGateways: true } });
    expect(single(gateways.stack, "azurerm_virtual_network_peering").config.use_remote_gateways).toBe(true);
  });

  test("the hub id must be a virtual network id", () => {
    expect(messageOf(() => build({ hub: { virtualNetworkId: "vnet-hub" } }))).toBe(
      'test/Network: hub.virtualNetworkId "vnet-hub" is not a virtual network id; ' +
        'use "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>"'
    );
  });

  test("central zones by resource group: ids derived from zone names, no zone or link created", () => {
    const { stack, network } = build({ privateDnsZoneResourceGroupId: HUB_DNS_RG });
    expect(network.privateDnsZoneId(BLOB_ZONE)).toBe(`${HUB_DNS_RG}/providers/Microsoft.Network/privateDnsZones/${BLOB_ZONE}`);
    expect(resources(stack, "azurerm_private_dns_zone")).toEqual({});
    expect(resources(stack, "azurerm_private_dns_zone_virtual_network_link")).toEqual({});
  });

  test('dnsZones "existing": listed zones only; any other zone is an error naming the fix', () => {
    const zoneId = `${HUB_DNS_RG}/providers/Microsoft.Network/privateDnsZones/${BLOB_ZONE}`;
    const { network } = build({ dnsZones: "existing", existingPrivateDnsZoneIds: { [BLOB_ZONE]: zoneId } });
    expect(network.privateDnsZoneId(BLOB_ZONE)).toBe(zoneId);
    expect(messageOf(() => network.privateDnsZoneId("privatelink.vaultcore.azure.net"))).toBe(
      'test/Network: zoneName "privatelink.vaultcore.azure.net" has no existing zone ' +
        `(dnsZones "existing"; existingPrivateDnsZoneIds names ${BLOB_ZONE}); ` +
        "add its id to existingPrivateDnsZoneIds (network.hub.privateDnsZoneIds in an environment), or give privateDnsZoneResourceGroupId"
    );
  });

  test("a zone resource group contradicts creating zones, and must be a resource group id", () => {
    expect(messageOf(() => build({ privateDnsZoneResourceGroupId: HUB_DNS_RG, dnsZones: "create" }))).toBe(
      'test/Network: dnsZones "create" contradicts privateDnsZoneResourceGroupId, which says the zones already exist; ' +
        'drop dnsZones (or set it to "existing"), or drop privateDnsZoneResourceGroupId'
    );
    expect(messageOf(() => build({ privateDnsZoneResourceGroupId: "rg-dns" }))).toBe(
      'test/Network: privateDnsZoneResourceGroupId "rg-dns" is not a resource group id; ' +
        'use "/subscriptions/<subscription id>/resourceGroups/<name>" of the group holding the central zones'
    );
  });
});
