import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack } from "cdktf";
import { ServicebusNamespaceDisasterRecoveryConfig } from "@cdktf/provider-azurerm/lib/servicebus-namespace-disaster-recovery-config";
import { ServiceBusNamespace, ServiceBusNamespaceProps } from "../../../constructs/service-bus";

import { SUBSCRIPTION_ID, makeStack, messageOf, resourcesOfType as resources, single } from "../../helpers";

Testing.setupJest();

function pair(primaryProps: ServiceBusNamespaceProps = {}, secondaryProps: ServiceBusNamespaceProps = {}) {
  const stack: TerraformStack = makeStack();
  const primary = new ServiceBusNamespace(stack, "Bus", { sku: "Premium", ...primaryProps });
  const secondary = new ServiceBusNamespace(stack, "Dr", { sku: "Premium", location: "northeurope", ...secondaryProps });
  return { stack, primary, secondary };
}

describe("ServiceBusNamespace.pairWith", () => {
  test("creates the alias between the primary and the secondary", () => {
    const { stack, primary, secondary } = pair();
    const alias = primary.pairWith(secondary);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServicebusNamespaceDisasterRecoveryConfig, {
      name: "sbns-test-bus-alias-6f6df6",
      primary_namespace_id: "${azurerm_servicebus_namespace.Bus_EA82B648.id}",
      partner_namespace_id: "${azurerm_servicebus_namespace.Dr_EE5D6F0C.id}",
    });
    expect(alias.resource.node.path).toBe("test/Bus/GeoDisasterRecovery");
    expect(alias.aliasName).toBe("sbns-test-bus-alias-6f6df6");
    expect(alias.fullyQualifiedNamespace).toBe("sbns-test-bus-alias-6f6df6.servicebus.windows.net");
    expect(primary.geoDisasterRecovery).toBe(alias);
    expect(secondary.geoDisasterRecovery).toBeUndefined();
    expect(single(stack, "azurerm_servicebus_namespace_disaster_recovery_config").config).not.toHaveProperty("alias_authorization_rule_id");
  });

  test("takes an alias name and an imported secondary", () => {
    const stack = makeStack();
    const primary = new ServiceBusNamespace(stack, "Bus", { sku: "Premium" });
    const existing = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-dr/providers/Microsoft.ServiceBus/namespaces/sbns-dr`;
    primary.pairWith(ServiceBusNamespace.fromId(stack, "Dr", existing), "sbns-contoso-orders");
    expect(single(stack, "azurerm_servicebus_namespace_disaster_recovery_config").config).toMatchObject({ name: "sbns-contoso-orders", partner_namespace_id: existing });
  });

  test("the primary keeps its entities; the secondary refuses new ones", () => {
    const { stack, primary, secondary } = pair();
    primary.addQueue("orders");
    primary.pairWith(secondary);
    primary.addTopic("events");
    expect(messageOf(() => secondary.addQueue("audit"))).toBe(
      'test/Dr: queue name "audit" cannot be added: this namespace is the geo-disaster recovery secondary of test/Bus, which replicates its entities here; add the queue to test/Bus',
    );
    expect(resources(stack, "azurerm_servicebus_queue")).toHaveLength(1);
  });

  test.each([
    ["a Standard primary", { sku: "Standard" }, {}, 'test/Bus: geo-disaster recovery (pairWith) is not available in the Standard tier; use sku "Premium", or leave geo-disaster recovery out'],
    [
      "a Standard secondary",
      {},
      { sku: "Standard" },
      'test/Bus: pairWith "test/Dr" has sku "Standard"; geo-disaster recovery pairs two Premium namespaces; create the secondary with sku "Premium"',
    ],
    [
      "different partitioning",
      { capacity: 2, premiumMessagingPartitions: 2 },
      {},
      'test/Bus: pairWith "test/Dr" has 1 premiumMessagingPartitions but this namespace has 2; paired namespaces are partitioned alike; give both namespaces the same premiumMessagingPartitions',
    ],
  ] as [string, ServiceBusNamespaceProps, ServiceBusNamespaceProps, string][])("refuses %s", (_case, primaryProps, secondaryProps, message) => {
    const { primary, secondary } = pair(primaryProps, secondaryProps);
    expect(messageOf(() => primary.pairWith(secondary))).toBe(message);
  });

  test("refuses pairing with itself, twice, with a paired or non-empty secondary", () => {
    const { stack, primary, secondary } = pair();
    expect(messageOf(() => primary.pairWith(primary))).toBe('test/Bus: pairWith "test/Bus" is this namespace itself; pair with a Premium namespace in another region');

    const full = new ServiceBusNamespace(stack, "Full", { sku: "Premium" });
    full.addQueue("orders");
    expect(messageOf(() => primary.pairWith(full))).toBe(
      'test/Bus: pairWith "test/Full" has queues or topics of its own, but a secondary receives the primary\'s entities by replication; add the queues and topics to the primary only',
    );

    primary.pairWith(secondary);
    const third = new ServiceBusNamespace(stack, "Third", { sku: "Premium" });
    expect(messageOf(() => primary.pairWith(third))).toBe(
      'test/Bus: pairWith "test/Third" cannot pair this namespace again: it is already paired with test/Dr; give each namespace one geo-disaster recovery pairing',
    );
    expect(messageOf(() => third.pairWith(secondary))).toBe(
      'test/Third: pairWith "test/Dr" is already paired with test/Bus; pair with a namespace that has no geo-disaster recovery pairing',
    );
    expect(messageOf(() => secondary.pairWith(third))).toBe(
      'test/Dr: pairWith "test/Third" cannot pair this namespace again: it is already paired with test/Bus; give each namespace one geo-disaster recovery pairing',
    );
  });

  test("refuses an alias that is a namespace's name or a reserved or invalid name", () => {
    const { primary, secondary } = pair({ name: "sbns-orders-primary" }, { name: "sbns-orders-secondary" });
    expect(messageOf(() => primary.pairWith(secondary, "sbns-orders-secondary"))).toBe(
      'test/Bus: aliasName "sbns-orders-secondary" is the name of one of the paired namespaces; give the alias a DNS name of its own',
    );
    expect(messageOf(() => primary.pairWith(secondary, "sbns-orders-mgmt"))).toBe(
      'test/Bus: aliasName "sbns-orders-mgmt" ends in "-sb" or "-mgmt", which Azure reserves; choose a name with another ending',
    );
    expect(messageOf(() => primary.pairWith(secondary, "dr"))).toBe(
      'test/Bus: aliasName "dr" is 2 characters; a serviceBusNamespace name must be 6-50; choose a name of 6 to 50 characters',
    );
  });
});
