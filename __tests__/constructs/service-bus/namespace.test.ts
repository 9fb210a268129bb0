import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusNamespace } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { IEncryptionKey } from "../../../constructs/core/customer-managed-key";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { ResourceGroup } from "../../../constructs/resource-group";
import { ServiceBusNamespace, ServiceBusNamespaceProps } from "../../../constructs/service-bus";

import { PROD_CONTEXT as PROD, SUBSCRIPTION_ID, makeStack, messageOf, resolved, resourcesOfType as resources, single } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const NAMESPACE = "${azurerm_servicebus_namespace.Bus_EA82B648.id}";
const KEY_ID = "https://kv-keys.vault.azure.net/keys/sb-cmk";
const KEY: IEncryptionKey = {
  name: "sb-cmk",
  keyId: `${KEY_ID}/0123456789abcdef0123456789abcdef`,
  versionlessKeyId: KEY_ID,
  resourceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-keys/keys/sb-cmk`,
  dependable: { fqn: "azurerm_resource_group.keys" },
};

function bus(props: ServiceBusNamespaceProps = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; namespace: ServiceBusNamespace } {
  const stack = makeStack(extra);
  return { stack, namespace: new ServiceBusNamespace(stack, "Bus", props) };
}

describe("ServiceBusNamespace defaults (dev)", () => {
  const { stack, namespace } = bus();
  const synth = Testing.synth(stack);

  test("is a hardened Standard namespace", () => {
    expect(synth).toHaveResourceWithProperties(ServicebusNamespace, {
      name: "sbns-test-bus-6f6df6",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "Standard",
      local_auth_enabled: false,
      minimum_tls_version: "1.2",
      public_network_access_enabled: true,
      identity: { type: "SystemAssigned" },
    });
    const [ns] = resources(stack, "azurerm_servicebus_namespace");
    for (const attribute of ["capacity", "premium_messaging_partitions", "network_rule_set", "customer_managed_key"]) {
      expect(ns).not.toHaveProperty(attribute);
    }
    expect(namespace.sku).toBe("Standard");
    expect(namespace.zoneRedundant).toBe(false);
    expect(namespace.capacity).toBeUndefined();
    expect(namespace.premiumMessagingPartitions).toBeUndefined();
  });

  test("dev has no private endpoint, diagnostics or lock", () => {
    expect(synth).not.toHaveResource(PrivateEndpoint);
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).not.toHaveResource(ManagementLock);
    expect(namespace.privateEndpoint).toBeUndefined();
    expect(namespace.diagnostics).toBeUndefined();
    expect(namespace.lock).toBeUndefined();
    expect(namespace.geoDisasterRecovery).toBeUndefined();
  });

  test("exposes the L1, its attributes and the system-assigned identity", () => {
    expect(namespace.resource).toBeInstanceOf(ServicebusNamespace);
    expect(namespace.resource.node.id).toBe("Resource");
    const { stack: outputs, namespace: other } = bus();
    const attrs = { id: other.id, name: other.name, fqns: other.fullyQualifiedNamespace, principal: other.principal?.principalId };
    for (const [key, value] of Object.entries(attrs)) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(NAMESPACE);
    expect(output.name.value).toBe("${azurerm_servicebus_namespace.Bus_EA82B648.name}");
    expect(output.fqns.value).toBe("${azurerm_servicebus_namespace.Bus_EA82B648.name}.servicebus.windows.net");
    expect(output.principal.value).toBe("${azurerm_servicebus_namespace.Bus_EA82B648.identity[0].principal_id}");
    expect(other.principal).toMatchObject({ principalType: "ServicePrincipal", grantKey: "test/Bus" });
  });
});

describe("ServiceBusNamespace in prod", () => {
  const { stack, namespace } = bus({}, PROD);
  const synth = Testing.synth(stack);

  test("is Premium, zone-redundant, with public access off behind a private endpoint", () => {
    expect(synth).toHaveResourceWithProperties(ServicebusNamespace, {
      sku: "Premium",
      capacity: 1,
      premium_messaging_partitions: 1,
      local_auth_enabled: false,
      minimum_tls_version: "1.2",
      public_network_access_enabled: false,
      network_rule_set: { default_action: "Allow", public_network_access_enabled: false, trusted_services_allowed: true, ip_rules: [] },
    });
    expect(namespace.zoneRedundant).toBe(true);
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-sbns-test-bus-6f6df6-namespace",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({
        private_connection_resource_id: NAMESPACE,
        subresource_names: ["namespace"],
        is_manual_connection: false,
      }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.servicebus.windows.net"] }),
    });
    expect(namespace.privateEndpoint).toBeDefined();
  });

  test("sends all logs and metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: NAMESPACE,
      log_analytics_workspace_id: "/ws",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-sbns-test-bus-6f6df6", scope: NAMESPACE, lock_level: "CanNotDelete" });
  });

  test("allowed IP ranges make the firewall deny everything else, next to the private endpoint", () => {
    const { stack: withIps } = bus({}, { ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
    expect(single(withIps, "azurerm_servicebus_namespace").config.network_rule_set).toEqual({
      default_action: "Deny",
      public_network_access_enabled: false,
      trusted_services_allowed: true,
      ip_rules: ["198.51.100.0/24"],
    });
  });
});

describe("ServiceBusNamespace network rules", () => {
  test("Premium without an endpoint stays public; IP rules turn the firewall to Deny", () => {
    const { stack } = bus({ sku: "Premium" });
    expect(single(stack, "azurerm_servicebus_namespace").config).toMatchObject({
      public_network_access_enabled: true,
      network_rule_set: { default_action: "Allow", public_network_access_enabled: true, ip_rules: [] },
    });
    const { stack: withIps } = bus({ sku: "Premium", allowedIpRanges: ["203.0.113.7/32"] });
    expect(single(withIps, "azurerm_servicebus_namespace").config.network_rule_set).toMatchObject({
      default_action: "Deny",
      public_network_access_enabled: true,
      ip_rules: ["203.0.113.7/32"],
    });
  });

  test("Standard gets an IP firewall only when there are IP rules (context ranges count), without trusted services", () => {
    const { stack } = bus({}, { allowedIpRanges: ["198.51.100.0/24"] });
    // Standard has no trusted-services exception: the attribute is left to azurerm's default (false).
    expect(single(stack, "azurerm_servicebus_namespace").config.network_rule_set).toEqual({
      default_action: "Deny",
      public_network_access_enabled: true,
      ip_rules: ["198.51.100.0/24"],
    });
  });

  test.each(["Standard", "Basic"] as const)("trusted services on %s are refused with the fix", (sku) => {
    expect(messageOf(() => bus({ sku, trustedServicesAllowed: true, allowedIpRanges: ["198.51.100.0/24"] }))).toBe(
      `test/Bus: trustedServicesAllowed true is not available in the ${sku} tier; use sku "Premium", ` +
        "or leave trustedServicesAllowed unset (Basic and Standard have IP rules without the trusted-services exception)",
    );
  });

  test("trustedServicesAllowed false on Standard is accepted and renders nothing", () => {
    const { stack } = bus({ trustedServicesAllowed: false, allowedIpRanges: ["198.51.100.0/24"] });
    expect(single(stack, "azurerm_servicebus_namespace").config.network_rule_set).not.toHaveProperty("trusted_services_allowed");
  });

  test("an explicit Deny with no IP rule on a public namespace is refused", () => {
    expect(messageOf(() => bus({ sku: "Premium", firewallDefaultAction: "Deny" }))).toBe(
      'test/Bus: firewallDefaultAction "Deny" has no IP rule to enforce, and Service Bus then admits every address (azurerm refuses the combination); ' +
        "set allowedIpRanges, turn publicNetworkAccess off (with a private endpoint), or leave firewallDefaultAction unset",
    );
  });

  test("an explicit Deny is fine once public access is off", () => {
    const { stack } = bus({ sku: "Premium", firewallDefaultAction: "Deny", publicNetworkAccess: false });
    expect(single(stack, "azurerm_servicebus_namespace").config).toMatchObject({
      public_network_access_enabled: false,
      network_rule_set: { default_action: "Allow", public_network_access_enabled: false },
    });
  });
});

describe("ServiceBusNamespace overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack, namespace } = bus(
      {
        customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
        name: "sbns-custom-01",
        sku: "Premium",
        capacity: 4,
        premiumMessagingPartitions: 2,
        localAuthEnabled: true,
        trustedServicesAllowed: false,
        publicNetworkAccess: true,
        firewallDefaultAction: "Allow",
        allowedIpRanges: ["203.0.113.7/32"],
        identity: { systemAssigned: false },
        tags: { owner: "team" },
        diagnostics: false,
        privateEndpoint: false,
        lock: false,
      },
      PROD,
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ServicebusNamespace, {
      name: "sbns-custom-01",
      sku: "Premium",
      capacity: 4,
      premium_messaging_partitions: 2,
      local_auth_enabled: true,
      public_network_access_enabled: true,
      network_rule_set: { default_action: "Allow", public_network_access_enabled: true, trusted_services_allowed: false, ip_rules: ["203.0.113.7/32"] },
      tags: { owner: "team" },
    });
    expect(single(stack, "azurerm_servicebus_namespace").config).not.toHaveProperty("identity");
    expect(() => namespace.principal).toThrow("test/Bus: principal is not available: the resource has no managed identity");
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
  });

  test("Basic is available for simple queues", () => {
    const { stack } = bus({ sku: "Basic" });
    expect(single(stack, "azurerm_servicebus_namespace").config.sku).toBe("Basic");
  });

  test("an explicit subnet gives a Premium dev namespace an endpoint without DNS; [] leaves DNS to a hub", () => {
    const { stack } = bus({ sku: "Premium", privateEndpoint: { subnetId: "/subnets/own" } });
    const pe = single(stack, "azurerm_private_endpoint").config;
    expect(pe.subnet_id).toBe("/subnets/own");
    expect(pe).not.toHaveProperty("private_dns_zone_group");
    expect(single(stack, "azurerm_servicebus_namespace").config.public_network_access_enabled).toBe(false);

    const noKey = { optOut: "The key vault is not under test: this test is about the namespace endpoint's DNS." };
    const { stack: prod } = bus({ privateEndpoint: { privateDnsZoneIds: [] }, customerManagedKey: noKey }, PROD);
    expect(single(prod, "azurerm_private_endpoint").config).not.toHaveProperty("private_dns_zone_group");
  });

  test("Standard in prod works once the private endpoint is declined", () => {
    const { stack } = bus({ sku: "Standard", privateEndpoint: false }, PROD);
    expect(single(stack, "azurerm_servicebus_namespace").config).toMatchObject({ sku: "Standard", public_network_access_enabled: true });
    expect(resources(stack, "azurerm_private_endpoint")).toHaveLength(0);
  });

  test("lock options and a diagnostics destination of its own", () => {
    const { stack } = bus({ lock: { level: "ReadOnly", notes: "frozen" }, diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" } } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "frozen" });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: "/other", enabled_log: [{ category_group: "allLogs" }] });
  });
});

describe("ServiceBusNamespace customer-managed key", () => {
  test("encrypts with the key through the identity, which joins the namespace's identities", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "KeyReader");
    new ServiceBusNamespace(stack, "Bus", { sku: "Premium", customerManagedKey: { key: KEY, identity } });
    expect(single(stack, "azurerm_servicebus_namespace").config).toMatchObject({
      identity: { type: "SystemAssigned, UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.KeyReader_D0FF5B93.id}"] },
      customer_managed_key: {
        key_vault_key_id: KEY_ID,
        identity_id: "${azurerm_user_assigned_identity.KeyReader_D0FF5B93.id}",
        infrastructure_encryption_enabled: true,
      },
    });
  });

  test("an identity listed already is not repeated; infrastructure encryption can be declined", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "KeyReader");
    new ServiceBusNamespace(stack, "Bus", {
      sku: "Premium",
      identity: { systemAssigned: false, userAssigned: [identity] },
      customerManagedKey: { key: KEY, identity, infrastructureEncryption: false },
    });
    const ns = single(stack, "azurerm_servicebus_namespace").config;
    expect(ns.identity).toEqual({ type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.KeyReader_D0FF5B93.id}"] });
    expect(ns.customer_managed_key.infrastructure_encryption_enabled).toBe(false);
  });

  test("a key on a lower tier is refused", () => {
    const stack = makeStack();
    const identity = new UserAssignedIdentity(stack, "KeyReader");
    expect(messageOf(() => new ServiceBusNamespace(stack, "Std", { customerManagedKey: { key: KEY, identity } }))).toBe(
      'test/Std: customerManagedKey is not available in the Standard tier; use sku "Premium", or remove customerManagedKey (Microsoft-managed keys still encrypt the data)',
    );
  });
});

describe("ServiceBusNamespace validation", () => {
  test.each([
    [{ sku: "Gold" as never }, 'sku "Gold" is not a Service Bus tier; use "Basic", "Standard" or "Premium"'],
    [{ capacity: 2 }, 'capacity 2 is not available in the Standard tier; use sku "Premium", or remove capacity'],
    [{ sku: "Basic", premiumMessagingPartitions: 2 }, 'premiumMessagingPartitions 2 is not available in the Basic tier; use sku "Premium", or remove premiumMessagingPartitions'],
    [{ sku: "Premium", capacity: 3 }, "capacity 3 is not a number of messaging units Premium offers; use 1, 2, 4, 8 or 16"],
    [{ sku: "Premium", premiumMessagingPartitions: 3 }, "premiumMessagingPartitions 3 is not a partition count Premium offers; use 1, 2 or 4"],
    [
      { sku: "Premium", capacity: 2, premiumMessagingPartitions: 4 },
      "capacity 2 is not a multiple of premiumMessagingPartitions 4 (each partition gets the same number of messaging units); set capacity to one of 4, 8, 16, or use fewer partitions",
    ],
    [{ zoneRedundant: true }, 'zoneRedundant true is not available in the Standard tier; use sku "Premium", or leave zoneRedundant unset'],
    [
      { sku: "Premium", zoneRedundant: false },
      'zoneRedundant false cannot be chosen in the Premium tier, which Azure makes zone-redundant wherever the region has availability zones; leave zoneRedundant unset, or use sku "Standard"',
    ],
    [
      { privateEndpoint: { subnetId: "/subnets/own" } },
      'sku "Standard" has no private endpoints; use sku "Premium" or set privateEndpoint: false (public access then stays on, behind the firewall)',
    ],
    [{ name: "sbns-orders-sb" }, 'name "sbns-orders-sb" ends in "-sb" or "-mgmt", which Azure reserves; choose a name with another ending'],
  ] as [ServiceBusNamespaceProps, string][])("%p is refused", (props, message) => {
    expect(messageOf(() => bus(props))).toBe(`test/Bus: ${message}`);
  });

  test.each(["Standard", "Basic"] as const)("a %s namespace in prod does not silently lose its private endpoint", (sku) => {
    expect(messageOf(() => bus({ sku }, PROD))).toBe(
      `test/Bus: sku "${sku}" has no private endpoints, and the IntegrationContext's network asks for one; ` +
        'use sku "Premium" or set privateEndpoint: false (public access then stays on, behind the firewall)',
    );
  });

  test("zone redundancy is accepted where it exists", () => {
    expect(bus({ sku: "Premium", zoneRedundant: true }).namespace.zoneRedundant).toBe(true);
    expect(bus({ zoneRedundant: false }).namespace.zoneRedundant).toBe(false);
  });

  test("a bad explicit name names the rule and the fix", () => {
    expect(messageOf(() => bus({ name: "1-bad-name" }))).toMatch(/^test\/Bus: name "1-bad-name" breaks the serviceBusNamespace naming rule; use letters, digits and hyphens/);
  });

  test("the generated name is stable per path, unique per construct and valid", () => {
    const nameAt = (id: string) => {
      const stack = makeStack();
      new ServiceBusNamespace(stack, id);
      return single(stack, "azurerm_servicebus_namespace").config.name as string;
    };
    expect(nameAt("Bus")).toBe(nameAt("Bus"));
    expect(nameAt("Events")).not.toBe(nameAt("Bus"));
    const long = nameAt("AVeryLongConstructIdForTheMessagingNamespaceOfOrders");
    expect(long).toMatch(NAMING_RULES.serviceBusNamespace.pattern);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long).toMatch(/-[0-9a-f]{6}$/);
  });
});

describe("ServiceBusNamespace grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantSend", "Azure Service Bus Data Sender"],
    ["grantReceive", "Azure Service Bus Data Receiver"],
    ["grantManage", "Azure Service Bus Data Owner"],
  ] as const)("%s grants %s on the namespace", (method, role) => {
    const { stack, namespace } = bus();
    expect(namespace[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: NAMESPACE,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  test("granting twice yields one assignment; a group keeps its principal type", () => {
    const { stack, namespace } = bus();
    const first = namespace.grantSend(principal);
    expect(namespace.grantSend(principal)).toBe(first);
    namespace.grantReceive(Principal.fromObjectId(APP_ID, "Group"));
    const assignments = resources(stack, "azurerm_role_assignment");
    expect(assignments).toHaveLength(2);
    const group = assignments.find((a) => a.principal_type === "Group");
    expect(group).not.toHaveProperty("skip_service_principal_aad_check");
  });

  test("the system-assigned identity can be granted elsewhere like any principal", () => {
    const { stack, namespace } = bus();
    const other = new ServiceBusNamespace(stack, "Other");
    other.grantSend(namespace.principal!);
    expect(single(stack, "azurerm_role_assignment").config).toMatchObject({
      scope: "${azurerm_servicebus_namespace.Other_34654A52.id}",
      principal_id: "${azurerm_servicebus_namespace.Bus_EA82B648.identity[0].principal_id}",
    });
  });
});

describe("ServiceBusNamespace imports", () => {
  const existing = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.ServiceBus/namespaces/sbns-shared`;

  test("fromId parses the name and grants on the existing namespace", () => {
    const stack = makeStack();
    const shared = ServiceBusNamespace.fromId(stack, "Shared", existing);
    expect(shared.id).toBe(existing);
    expect(shared.name).toBe("sbns-shared");
    expect(shared.fullyQualifiedNamespace).toBe("sbns-shared.servicebus.windows.net");
    shared.grantReceive(Principal.fromObjectId(APP_ID, "ServicePrincipal"));
    expect(single(stack, "azurerm_role_assignment").config).toMatchObject({ scope: existing, role_definition_name: "Azure Service Bus Data Receiver" });
    expect(resources(stack, "azurerm_servicebus_namespace")).toHaveLength(0);
  });

  test("fromId with a deploy-time id takes the name from the id's ninth segment", () => {
    const stack = makeStack();
    const owner = new ServiceBusNamespace(stack, "Owner");
    const shared = ServiceBusNamespace.fromId(stack, "Shared", owner.id);
    expect(resolved(stack, shared.name)).toBe('${element(split("/", azurerm_servicebus_namespace.Owner_3BA7C727.id), 8)}');
  });

  test("fromId refuses what is not a namespace id", () => {
    expect(messageOf(() => ServiceBusNamespace.fromId(makeStack(), "Shared", "sbns-shared"))).toBe(
      'test/Shared: namespaceId "sbns-shared" is not the id of a Microsoft.ServiceBus/namespaces resource; ' +
        "use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<name>",
    );
  });

  test("fromName builds the id in the context's or the given resource group", () => {
    const stack = makeStack();
    const inContext = ServiceBusNamespace.fromName(stack, "Shared", "sbns-shared");
    expect(inContext.id).toBe(`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers/Microsoft.ServiceBus/namespaces/sbns-shared`);
    const group = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-shared", "westeurope");
    const elsewhere = ServiceBusNamespace.fromName(stack, "Elsewhere", "sbns-shared", group);
    expect(elsewhere.id).toBe(existing);
    expect(elsewhere.fullyQualifiedNamespace).toBe("sbns-shared.servicebus.windows.net");
    expect(messageOf(() => ServiceBusNamespace.fromName(stack, "Bad", "sb"))).toBe(
      'test: name "sb" is 2 characters; a serviceBusNamespace name must be 6-50; choose a name of 6 to 50 characters',
    );
  });
});

test("fully-featured ServiceBusNamespace snapshot", () => {
  const stack = makeStack({ ...PROD, allowedIpRanges: ["198.51.100.0/24"] });
  const identity = new UserAssignedIdentity(stack, "KeyReader");
  const namespace = new ServiceBusNamespace(stack, "Bus", {
    capacity: 4,
    premiumMessagingPartitions: 2,
    customerManagedKey: { key: KEY, identity },
    tags: { owner: "team" },
  });
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");
  const orders = namespace.addQueue("orders", { requiresSession: true, requiresDuplicateDetection: true, defaultMessageTtl: "P14D" });
  const poison = namespace.addQueue("orders-poison", { lockDuration: "PT5M" });
  const events = namespace.addTopic("events", { requiresDuplicateDetection: true, duplicateDetectionWindow: "PT30M" });
  events.addSubscription("billing", {
    forwardTo: orders,
    forwardDeadLetteredMessagesTo: poison,
    rules: { invoices: { correlationFilter: { subject: "invoice-created" } }, large: { sqlFilter: "amount > 1000", action: "SET priority = 'high'" } },
  });
  events.addSubscription("audit");
  namespace.grantManage(principal);
  orders.grantReceive(principal);
  events.grantSend(principal);
  const secondary = new ServiceBusNamespace(stack, "Secondary", { location: "northeurope", capacity: 2, premiumMessagingPartitions: 2 });
  namespace.pairWith(secondary, "sbns-contoso-orders");
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
