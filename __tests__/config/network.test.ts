import * as fs from "fs";
import * as path from "path";
import { EnvironmentConfigError, loadEnvironment, parseEnvironment } from "../../config/environment";
import { NetworkConfig, PATTERN_NAMES, stackAddressPlan, stackSubnets } from "../../config/network";
import { overlaps } from "../../constructs/core/ipv4";
import { PATTERN_STACKS } from "../../stacks/app";

const CONFIG_DIR = path.resolve(__dirname, "../../config");
const PROD = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, "prod.json"), "utf8"));
const HUB_VNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";

/** The validated network of prod.json with `network` replaced. */
function load(network: unknown): NetworkConfig {
  const env = parseEnvironment("prod", { ...PROD, network }, "config/prod.json");
  if (!env.network) throw new Error("no network");
  return env.network;
}

/** The message a bad `network` is refused with. */
function refusal(network: unknown): string {
  try {
    load(network);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvironmentConfigError);
    return (e as Error).message;
  }
  throw new Error("expected the network to be refused");
}

describe("the address plan of config/prod.json", () => {
  const network = loadEnvironment(CONFIG_DIR, "prod").network!;
  const plans = PATTERN_NAMES.map((p) => stackAddressPlan(network, p));

  test("every stack has its own block: no two prod stacks overlap (so each can be peered to one hub)", () => {
    for (const a of plans)
      for (const b of plans)
        if (a !== b)
          expect({ a: a.addressSpace, b: b.addressSpace, overlap: overlaps(a.addressSpace, b.addressSpace) }).toMatchObject({ overlap: false });
    expect(plans.map((p) => p.addressSpace)).toEqual(["10.20.0.0/22", "10.20.4.0/22", "10.20.8.0/22", "10.20.12.0/22"]);
  });

  test("each block holds the four subnets, a /24 each, in the documented order", () => {
    expect(plans[0].subnets).toEqual({
      privateEndpoints: "10.20.0.0/24",
      integration: "10.20.1.0/24",
      apiManagement: "10.20.2.0/24",
      applicationGateway: "10.20.3.0/24",
    });
    expect(plans[3].subnets).toEqual({
      privateEndpoints: "10.20.12.0/24",
      integration: "10.20.13.0/24",
      apiManagement: "10.20.14.0/24",
      applicationGateway: "10.20.15.0/24",
    });
  });

  test("the default split follows the order the stacks are built in", () => {
    expect(PATTERN_STACKS.map((Stack) => Stack.name)).toEqual(["ApiGatewayStack", "MessageBrokerStack", "EventDrivenStack", "DataPipelineStack"]);
    expect([...PATTERN_NAMES]).toEqual(["api-gateway", "message-broker", "event-driven", "data-pipeline"]);
  });
});

describe("the default split", () => {
  test("without stacks, the first address space is split in four, in pattern order", () => {
    const network = load({ addressSpace: ["10.40.0.0/20"] });
    expect(PATTERN_NAMES.map((p) => stackAddressPlan(network, p).addressSpace)).toEqual([
      "10.40.0.0/22",
      "10.40.4.0/22",
      "10.40.8.0/22",
      "10.40.12.0/22",
    ]);
  });

  test("a large space gives large blocks; the subnets stay /24s at their start and the rest is free", () => {
    const network = load({ addressSpace: ["10.20.0.0/16"] });
    const broker = stackAddressPlan(network, "message-broker");
    expect(broker.addressSpace).toBe("10.20.64.0/18");
    expect(broker.subnets).toEqual({
      privateEndpoints: "10.20.64.0/24",
      integration: "10.20.65.0/24",
      apiManagement: "10.20.66.0/24",
      applicationGateway: "10.20.67.0/24",
    });
  });

  test("listed stacks keep their block; the others keep their quarter", () => {
    const network = load({ addressSpace: ["10.40.0.0/20", "172.16.0.0/24"], stacks: { "data-pipeline": "172.16.0.0/24" } });
    expect(stackAddressPlan(network, "data-pipeline").addressSpace).toBe("172.16.0.0/24");
    expect(stackAddressPlan(network, "event-driven").addressSpace).toBe("10.40.8.0/22");
  });

  test.each([
    ["10.0.0.0/22", ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]],
    ["10.0.0.0/23", ["10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/25", "10.0.1.128/25"]],
    ["10.0.0.0/24", ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26"]],
  ])("a %s block is split into %p", (block, expected) => {
    expect(Object.values(stackSubnets(block))).toEqual(expected);
  });
});

describe("a bad plan is refused as the environment loads, with the file, the value and the fix", () => {
  test.each([
    [
      "two listed stacks overlap",
      {
        addressSpace: ["10.20.0.0/20"],
        stacks: { "api-gateway": "10.20.0.0/22", "message-broker": "10.20.2.0/23", "event-driven": "10.20.8.0/22", "data-pipeline": "10.20.12.0/22" },
      },
      'network.stacks.message-broker: "10.20.2.0/23" (network.stacks.message-broker) overlaps "10.20.0.0/22" (network.stacks.api-gateway); ' +
        "give each stack a block no other stack uses (list them all in network.stacks)",
    ],
    [
      "a listed stack overlaps another's default quarter",
      { addressSpace: ["10.20.0.0/20"], stacks: { "data-pipeline": "10.20.4.0/24" } },
      'network.stacks.data-pipeline: "10.20.4.0/24" (network.stacks.data-pipeline) overlaps ' +
        '"10.20.4.0/22" (message-broker\'s default quarter of addressSpace[0])',
    ],
    [
      "a block outside the address space",
      { addressSpace: ["10.20.0.0/20"], stacks: { "api-gateway": "10.30.0.0/22" } },
      'network.stacks.api-gateway: "10.30.0.0/22" is outside addressSpace ["10.20.0.0/20"]; ' +
        "choose a block inside it or add its range to addressSpace",
    ],
    [
      "a block too small for the four subnets",
      { addressSpace: ["10.20.0.0/20"], stacks: { "event-driven": "10.20.8.0/25" } },
      "network.stacks.event-driven: \"10.20.8.0/25\" (the event-driven stack's block) is smaller than a /24: a stack's four subnets " +
        "(private endpoints, integration, API Management, Application Gateway) are a /26 each at the smallest; give it a larger block",
    ],
    [
      "an address space too small to split",
      { addressSpace: ["10.20.0.0/23"] },
      'network.addressSpace.0: "10.20.0.0/23" split in four gives api-gateway "10.20.0.0/25", smaller than a /24: a stack\'s four subnets ' +
        "(private endpoints, integration, API Management, Application Gateway) are a /26 each at the smallest; " +
        "use a /22 or larger addressSpace, or give each stack its block in network.stacks",
    ],
    [
      "overlapping address spaces",
      { addressSpace: ["10.20.0.0/16", "10.20.128.0/17"] },
      'network.addressSpace.1: "10.20.128.0/17" overlaps addressSpace[0] "10.20.0.0/16"; list ranges that do not overlap',
    ],
    ["host bits", { addressSpace: ["10.20.0.1/20"] }, 'network.addressSpace.0: "10.20.0.1/20" has host bits set; use "10.20.0.0/20"'],
    [
      "an unknown stack",
      { addressSpace: ["10.20.0.0/20"], stacks: { "api-gw": "10.20.0.0/22" } },
      'network.stacks.api-gw: "api-gw" is not a pattern stack; use one of api-gateway, message-broker, event-driven, data-pipeline',
    ],
    [
      "a hub that is not a VNet id",
      { addressSpace: ["10.20.0.0/20"], hub: { virtualNetworkId: "vnet-hub" } },
      'network.hub.virtualNetworkId: "vnet-hub" must be a virtual network id: ' +
        "/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>",
    ],
    [
      "a zone id under another zone's name",
      {
        addressSpace: ["10.20.0.0/20"],
        hub: {
          virtualNetworkId: HUB_VNET,
          privateDnsZoneIds: {
            "privatelink.blob.core.windows.net": `${
              HUB_VNET.split("/providers")[0]
            }/providers/Microsoft.Network/privateDnsZones/privatelink.queue.core.windows.net`,
          },
        },
      },
      'is the zone "privatelink.queue.core.windows.net", not "privatelink.blob.core.windows.net"; list each zone under its own name',
    ],
    [
      "a firewall inside a stack's block",
      { addressSpace: ["10.20.0.0/20"], hub: { virtualNetworkId: HUB_VNET, firewallPrivateIp: "10.20.5.4" } },
      'network.hub.firewallPrivateIp: "10.20.5.4" is inside the message-broker stack\'s block "10.20.4.0/22", ' +
        "but the firewall lives in the hub; fix the address plan or the IP",
    ],
    [
      "a firewall that is no address",
      { addressSpace: ["10.20.0.0/20"], hub: { virtualNetworkId: HUB_VNET, firewallPrivateIp: "10.0.0.0/24" } },
      'network.hub.firewallPrivateIp: "10.0.0.0/24" must be an IPv4 address such as 10.0.1.4',
    ],
  ])("%s", (_name, network, expected) => {
    const message = refusal(network);
    expect(message).toMatch(/^config\/prod\.json: invalid environment\n/);
    expect(message).toContain(expected);
  });
});

describe("a hub", () => {
  test("is accepted with central zones, a firewall and DNS servers", () => {
    const hub = {
      virtualNetworkId: HUB_VNET,
      privateDnsZoneResourceGroupId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns",
      firewallPrivateIp: "10.100.0.4",
      dnsServers: ["10.100.1.4"],
      useRemoteGateways: true,
    };
    expect(load({ addressSpace: ["10.20.0.0/20"], hub }).hub).toEqual(hub);
  });
});
