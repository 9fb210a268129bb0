import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { Environment, loadEnvironment } from "../../config/environment";
import { AZURE_REGION_PAIRS, pairedRegion } from "../../constructs/core";
import { ApiGatewayStack } from "../../stacks/api-gateway-stack";
import { DataPipelineStack } from "../../stacks/data-pipeline-stack";
import { EventDrivenStack } from "../../stacks/event-driven-stack";
import { MessageBrokerStack } from "../../stacks/message-broker-stack";
import { PatternStack } from "../../stacks/pattern-stack";
import { AZURE_REGIONS } from "../../constructs/core/regions";
import { Json, messageOf } from "../helpers";
import { gateway } from "./api-gateway/fixtures";
import { pipelineStack } from "./data-pipeline/fixtures";
import { build as eventDriven } from "./event-driven/build";
import { broker } from "./message-broker/fixtures";

// Disaster recovery (issue #14): one option, `disasterRecovery: { pairedLocation }`, on every pattern and in the
// environment file; off by default, so the default stacks (and their snapshot) do not change.

const CONFIG = path.resolve(__dirname, "../../config");
const STACKS = {
  "api-gateway": ApiGatewayStack,
  "message-broker": MessageBrokerStack,
  "event-driven": EventDrivenStack,
  "data-pipeline": DataPipelineStack,
};
type Pattern = keyof typeof STACKS;
const PATTERNS = Object.keys(STACKS) as Pattern[];

function environment(env: "dev" | "prod", pairedLocation?: string): Environment {
  const base = loadEnvironment(CONFIG, env);
  return pairedLocation === undefined ? base : { ...base, disasterRecovery: { pairedLocation } };
}

function stackOf(pattern: Pattern, env: Environment): PatternStack {
  return new STACKS[pattern](Testing.app(), env);
}

const all = (json: Json, type: string): [string, Json][] => Object.entries(json.resource?.[type] ?? {});
const byAddress = (json: Json, type: string, part: string): Json => {
  const found = all(json, type).filter(([k]) => k.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} with ${part}, found ${found.map(([k]) => k).join(", ") || "none"}`);
  return found[0][1];
};
const warningsOf = (scope: { node: { metadata: { type: string; data: unknown }[] } }) =>
  scope.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));

const SECONDARY = { failover_priority: 1, location: "northeurope" };
const PAIR = "Azure's pair of westeurope";
const UNKNOWN = `is not an Azure region; use "northeurope" (the closest region name, and ${PAIR})`;
const SAME_REGION = `is the primary region, and a disaster recovery copy in the same region fails with it; use "northeurope" (${PAIR})`;

describe("the paired-region table", () => {
  test("every region it names is a known region, and a two-way pair points back", () => {
    for (const [region, pair] of Object.entries(AZURE_REGION_PAIRS)) {
      expect(AZURE_REGIONS).toContain(region);
      expect(AZURE_REGIONS).toContain(pair);
    }
    expect(pairedRegion("westeurope")).toBe("northeurope");
    expect(pairedRegion("North Europe")).toBe("westeurope");
    // One-way: West US 3's pair is East US, East US's is West US.
    expect([pairedRegion("westus3"), pairedRegion("eastus")]).toEqual(["eastus", "westus"]);
    expect(pairedRegion("italynorth")).toBeUndefined();
  });
});

describe.each(PATTERNS)("%s: disaster recovery off (the default)", (pattern) => {
  test.each(["dev", "prod"] as const)("the %s stack has no secondary parts", (env) => {
    const json = JSON.parse(Testing.synth(stackOf(pattern, environment(env))));
    expect(all(json, "azurerm_servicebus_namespace_disaster_recovery_config")).toEqual([]);
    for (const [, account] of all(json, "azurerm_cosmosdb_account")) expect(account.geo_location).toHaveLength(1);
    for (const [, service] of all(json, "azurerm_api_management")) expect(service.additional_location).toBeUndefined();
    // Storage is GZRS in prod whether or not disaster recovery is on (the profile's default for data).
  });
});

describe("message-broker with disasterRecovery (prod)", () => {
  const stack = stackOf("message-broker", environment("prod", "northeurope")) as MessageBrokerStack;
  const json = JSON.parse(Testing.synth(stack, true));

  test("a Premium secondary namespace in the paired region, paired with the primary by a geo-DR alias", () => {
    const namespaces = all(json, "azurerm_servicebus_namespace");
    expect(namespaces.map(([k]) => k).sort()).toEqual([
      expect.stringMatching(/^MessageBroker_ServiceBusSecondary_/),
      expect.stringMatching(/^MessageBroker_ServiceBus_/),
    ]);
    const [primaryKey] = namespaces.find(([k]) => k.startsWith("MessageBroker_ServiceBus_"))!;
    const [secondaryKey, secondary] = namespaces.find(([k]) => k.startsWith("MessageBroker_ServiceBusSecondary_"))!;
    expect(secondary).toEqual(
      expect.objectContaining({ location: "northeurope", sku: "Premium", local_auth_enabled: false, public_network_access_enabled: false }),
    );
    const [[, alias]] = all(json, "azurerm_servicebus_namespace_disaster_recovery_config");
    expect(alias.primary_namespace_id).toBe(`\${azurerm_servicebus_namespace.${primaryKey}.id}`);
    expect(alias.partner_namespace_id).toBe(`\${azurerm_servicebus_namespace.${secondaryKey}.id}`);
    // The entities live on the primary only: Azure replicates them to the secondary.
    for (const [, queue] of all(json, "azurerm_servicebus_queue")) {
      expect(queue.namespace_id).toBe(`\${azurerm_servicebus_namespace.${primaryKey}.id}`);
    }
  });

  test("the secondary's private endpoint is in the primary region's VNet (an endpoint sits in its subnet's region)", () => {
    const endpoint = byAddress(json, "azurerm_private_endpoint", "ServiceBusSecondary_PrivateEndpoint");
    expect(endpoint.location).toBe("${azurerm_resource_group.ResourceGroup_FFF1A175.location}");
    expect(endpoint.private_service_connection.private_connection_resource_id).toMatch(/ServiceBusSecondary_\w+\.id\}$/);
  });

  test("the API and the workflows address the alias, which a failover repoints", () => {
    const aliasName = stack.broker.serviceBusAlias!.aliasName;
    const namedValue = byAddress(json, "azurerm_api_management_named_value", "servicebus-endpoint");
    expect(namedValue.value).toBe(`https://${aliasName}.servicebus.windows.net:443/`);
    const [[, app]] = all(json, "azurerm_logic_app_standard");
    expect(app.app_settings.serviceBus_fullyQualifiedNamespace).toBe(`${aliasName}.servicebus.windows.net`);
  });

  test("every entity grant is repeated on the secondary's replicated entity (geo-DR does not replicate RBAC), after the pairing", () => {
    const [secondaryKey] = all(json, "azurerm_servicebus_namespace").find(([k]) => k.startsWith("MessageBroker_ServiceBusSecondary_"))!;
    const secondaryId = `\${azurerm_servicebus_namespace.${secondaryKey}.id}`;
    const [[aliasKey]] = all(json, "azurerm_servicebus_namespace_disaster_recovery_config");
    const grants = all(json, "azurerm_role_assignment").map(([, r]) => r);
    const entityGrant = (r: Json) => /^\$\{azurerm_servicebus_(queue|topic|subscription)\./.test(r.scope);
    const onPrimary = grants.filter(entityGrant).map((r) => `${r.role_definition_name} ${r.principal_id}`).sort();
    const mirrored = grants.filter((r) => String(r.scope).startsWith(`${secondaryId}/`));
    expect(mirrored.map((r) => `${r.role_definition_name} ${r.principal_id}`).sort()).toEqual(onPrimary);
    expect(onPrimary.length).toBeGreaterThanOrEqual(4);
    expect(mirrored.map((r) => r.scope.slice(secondaryId.length)).sort()).toEqual([
      "/queues/orders",
      "/queues/orders",
      "/topics/order-events",
      "/topics/order-events/subscriptions/shipping",
    ]);
    for (const grant of mirrored) expect(grant.depends_on).toEqual([`azurerm_servicebus_namespace_disaster_recovery_config.${aliasKey}`]);
  });

  test("Cosmos DB gets the paired region with failover priority 1 and automatic failover; the lake is GZRS", () => {
    const cosmos = byAddress(json, "azurerm_cosmosdb_account", "MessageBroker_CosmosDb");
    expect(cosmos.geo_location).toEqual([expect.objectContaining({ failover_priority: 0 }), expect.objectContaining(SECONDARY)]);
    expect(cosmos.automatic_failover_enabled).toBe(true);
    expect(byAddress(json, "azurerm_storage_account", "MessageBroker_DataLake").account_replication_type).toBe("GZRS");
  });

  test("the VNet-injected API Management stays in one region, with a warning saying so", () => {
    expect(byAddress(json, "azurerm_api_management", "MessageBroker_ApiManagement").additional_location).toBeUndefined();
    expect(warningsOf(stack.broker)).toEqual([expect.stringContaining("disasterRecovery: API Management is VNet-injected")]);
  });

  test("the stack outputs the alias and the secondary's name, which the fail-over command takes", () => {
    expect(json.output["service-bus-alias"].value).toBe(stack.broker.serviceBusAlias!.aliasName);
    const secondaryName = /^\$\{azurerm_servicebus_namespace\.MessageBroker_ServiceBusSecondary_\w+\.name\}$/;
    expect(json.output["service-bus-secondary-namespace"].value).toMatch(secondaryName);
  });

  test("passes the policy pack as the default stack does", () => {
    expect(stack.policy.report().summary).toEqual({ errors: 0, warnings: 0, suppressed: 3 });
  });
});

describe("message-broker disaster recovery: API Management and bad input", () => {
  const DR = { disasterRecovery: { pairedLocation: "northeurope" } };

  test("a Premium service outside a VNet gets a gateway in the paired region", () => {
    const { stack } = broker({ ...DR, serviceBusProps: { sku: "Premium" }, apiManagementProps: { sku: "Premium" } });
    const json = JSON.parse(Testing.synth(stack, true));
    const [[key, service]] = all(json, "azurerm_api_management");
    expect(service.additional_location).toEqual([expect.objectContaining({ location: "northeurope", capacity: 1 })]);
    // Both namespaces admit the paired region's gateway, which sends to the alias from its own addresses.
    const namespaces = all(json, "azurerm_servicebus_namespace");
    expect(namespaces).toHaveLength(2);
    for (const [, namespace] of namespaces) {
      expect(namespace.network_rule_set.ip_rules).toContain(`azurerm_api_management.${key}.additional_location[0].public_ip_addresses`);
    }
  });

  test("dev (Standard namespace) is refused: geo-DR pairs Premium namespaces", () => {
    expect(messageOf(() => broker(DR))).toBe(
      'mb/Broker: disasterRecovery "northeurope" needs Service Bus geo-disaster recovery, which pairs Premium namespaces only, ' +
        'but the namespace is "Standard"; use the prod profile (Premium), set serviceBusProps.sku "Premium", or drop disasterRecovery',
    );
    const devStack = () => stackOf("message-broker", environment("dev", "northeurope"));
    expect(devStack).toThrow(/MessageBroker: disasterRecovery "northeurope" needs Service Bus/);
  });

  test("a Developer service is refused: only Premium deploys to more regions", () => {
    expect(messageOf(() => broker({ ...DR, serviceBusProps: { sku: "Premium" } }))).toMatch(
      /^mb\/Broker: disasterRecovery "northeurope" needs an API Management .* "Developer"/,
    );
  });

  test.each([
    ["westeurope", `mb/Broker: disasterRecovery.pairedLocation "westeurope" ${SAME_REGION}`],
    ["northeurop", `mb/Broker: disasterRecovery.pairedLocation "northeurop" ${UNKNOWN}`],
    ["West Europe", `mb/Broker: disasterRecovery.pairedLocation "West Europe" ${SAME_REGION}`],
  ])("pairedLocation %s is refused", (pairedLocation, message) => {
    expect(messageOf(() => broker({ disasterRecovery: { pairedLocation }, serviceBusProps: { sku: "Premium" } }))).toBe(message);
  });
});

describe("api-gateway disaster recovery", () => {
  test("prod: the injected service stays in one region (warning); the orders database keeps geo-redundant backups", () => {
    const stack = stackOf("api-gateway", environment("prod", "northeurope")) as ApiGatewayStack;
    const json = JSON.parse(Testing.synth(stack, true));
    const [[, service]] = all(json, "azurerm_api_management");
    expect(service.additional_location).toBeUndefined();
    expect(warningsOf(stack.gateway)).toContainEqual(expect.stringContaining("disasterRecovery: API Management is VNet-injected"));
    expect(byAddress(json, "azurerm_mssql_database", "ApiGateway_Orders").storage_account_type).toBe("Geo");
  });

  test("a Premium service outside a VNet gets a gateway in the paired region; dev's database backups become Geo", () => {
    const f = gateway({ apiManagementSku: "Premium", disasterRecovery: { pairedLocation: "northeurope" } });
    const json = JSON.parse(Testing.synth(f.stack, true));
    const [[key, service]] = all(json, "azurerm_api_management");
    expect(service.additional_location).toEqual([expect.objectContaining({ location: "northeurope", capacity: 1 })]);
    // The paired region's gateway calls the workflows from its own addresses, which the triggers admit too.
    for (const [, workflow] of all(json, "azurerm_logic_app_workflow")) {
      const callers = workflow.access_control.trigger.allowed_caller_ip_address_range;
      expect(callers).toContain(`azurerm_api_management.${key}.additional_location[0].public_ip_addresses`);
    }
    const [[, database]] = all(json, "azurerm_mssql_database");
    expect(database.storage_account_type).toBe("Geo");
    expect(warningsOf(f.gateway).filter((w) => w.includes("disasterRecovery"))).toEqual([]);
  });

  test("dev's Developer service is refused; a same-region pair is refused", () => {
    expect(messageOf(() => gateway({ disasterRecovery: { pairedLocation: "northeurope" } }))).toBe(
      'gw/Gateway: disasterRecovery "northeurope" needs an API Management gateway in the paired region, which only Premium deploys, ' +
        'but the service is "Developer"; use the prod profile, set apiManagementSku "Premium", or drop disasterRecovery',
    );
    const devStack = () => stackOf("api-gateway", environment("dev", "northeurope"));
    expect(devStack).toThrow(/ApiGateway: disasterRecovery "northeurope" needs an API Management/);
    expect(messageOf(() => gateway({ apiManagementSku: "Premium", disasterRecovery: { pairedLocation: "westeurope" } }))).toMatch(
      /^gw\/Gateway: disasterRecovery.pairedLocation "westeurope" is the primary region/,
    );
  });
});

describe.each(["dev", "prod"] as const)("event-driven disaster recovery (%s)", (profile) => {
  test("Cosmos DB gets the paired region with failover priority 1 and automatic failover; the uploads account is GZRS", () => {
    const built = eventDriven(profile, { disasterRecovery: { pairedLocation: "northeurope" } });
    const cosmos = byAddress(built.json, "azurerm_cosmosdb_account", "Events_Commerce");
    const primary = expect.objectContaining({ failover_priority: 0, location: "westeurope" });
    expect(cosmos.geo_location).toEqual([primary, expect.objectContaining(SECONDARY)]);
    expect(cosmos.automatic_failover_enabled).toBe(true);
    expect(byAddress(built.json, "azurerm_storage_account", "Events_Uploads").account_replication_type).toBe("GZRS");
    expect(built.pack.report().summary.errors).toBe(0);
  });

  test("the caller's own regions and replication win", () => {
    const built = eventDriven(profile, {
      disasterRecovery: { pairedLocation: "northeurope" },
      cosmosDbProps: { additionalLocations: ["swedencentral"], automaticFailover: false },
      uploadsAccountProps: { replication: "RAGZRS" },
    });
    const cosmos = byAddress(built.json, "azurerm_cosmosdb_account", "Events_Commerce");
    expect(cosmos.geo_location[1]).toEqual(expect.objectContaining({ failover_priority: 1, location: "swedencentral" }));
    expect(cosmos.automatic_failover_enabled).toBe(false);
    expect(byAddress(built.json, "azurerm_storage_account", "Events_Uploads").account_replication_type).toBe("RAGZRS");
  });

  test("an unknown region is refused at the pattern", () => {
    expect(messageOf(() => eventDriven(profile, { disasterRecovery: { pairedLocation: "atlantis" } }))).toMatch(
      new RegExp(`^events-${profile}/Events: disasterRecovery.pairedLocation "atlantis" is not an Azure region; use "northeurope"`),
    );
  });
});

describe("data-pipeline disaster recovery", () => {
  test.each(["dev", "prod"] as const)("%s: Cosmos DB failover region, a GZRS lake, geo-redundant control database backups", (profile) => {
    const { stack } = pipelineStack(profile, { disasterRecovery: { pairedLocation: "northeurope" } });
    const json = JSON.parse(Testing.synth(stack, true));
    const cosmos = byAddress(json, "azurerm_cosmosdb_account", "DataPipeline_Cosmos");
    expect(cosmos.geo_location).toEqual([expect.objectContaining({ failover_priority: 0 }), expect.objectContaining(SECONDARY)]);
    expect(cosmos.automatic_failover_enabled).toBe(true);
    expect(byAddress(json, "azurerm_storage_account", "DataPipeline_DataLake").account_replication_type).toBe("GZRS");
    expect(byAddress(json, "azurerm_mssql_database", "DataPipeline_ControlDb").storage_account_type).toBe("Geo");
  });

  test("the prod stack with disasterRecovery from the environment passes the policy pack", () => {
    const stack = stackOf("data-pipeline", environment("prod", "northeurope"));
    const json = JSON.parse(Testing.synth(stack, true));
    expect(byAddress(json, "azurerm_cosmosdb_account", "DataPipeline_Cosmos").geo_location).toContainEqual(expect.objectContaining(SECONDARY));
    expect(stack.policy.report().summary.errors).toBe(0);
  });

  test("a same-region pair is refused", () => {
    expect(messageOf(() => pipelineStack("dev", { disasterRecovery: { pairedLocation: "westeurope" } }))).toMatch(
      /^test\/DataPipeline: disasterRecovery.pairedLocation "westeurope" is the primary region/,
    );
  });
});

describe("an app-wide check", () => {
  test("each prod stack with disasterRecovery synthesizes with validations and passes the policy pack; only message-broker pairs Service Bus", () => {
    const counts = PATTERNS.map((pattern) => {
      const stack = stackOf(pattern, environment("prod", "northeurope"));
      const json = JSON.parse(Testing.synth(stack as TerraformStack, true));
      const { errors, warnings } = stack.policy.report().summary;
      const regions = all(json, "azurerm_cosmosdb_account").map(([, a]) => a.geo_location.length);
      const drWarnings = warningsOf(stack.node.findAll().find((c) => c.node.path === `${stack.node.id}/ApiGateway`) ?? stack).filter((w) =>
        w.startsWith("disasterRecovery"),
      );
      return [pattern, all(json, "azurerm_servicebus_namespace_disaster_recovery_config").length, regions, drWarnings.length, errors, warnings];
    });
    // The stacks pass the environment's disasterRecovery on: the alias, two Cosmos DB regions, the API gateway's warning.
    expect(counts).toEqual([
      ["api-gateway", 0, [], 1, 0, 0],
      ["message-broker", 1, [2], 0, 0, 0],
      ["event-driven", 0, [2], 0, 0, 0],
      ["data-pipeline", 0, [2], 0, 0, 0],
    ]);
  });
});
