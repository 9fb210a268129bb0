import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { suppressionsOf } from "../../../constructs/core/suppressions";
import { CosmosDbAccount } from "../../../constructs/cosmos-db";
import { DataFactory } from "../../../constructs/data-factory";
import { EventHubNamespace } from "../../../constructs/event-hubs";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { SqlDatabase } from "../../../constructs/sql";
import { StorageAccount } from "../../../constructs/storage";
import { SynapseWorkspace } from "../../../constructs/synapse";
import { ENCRYPTION_KEY_SIZE } from "../../../constructs/key-vault";
import { PolicyPack } from "../../../policy";
import { waitsFor } from "../../dependency-graph";
import { Json, PROD_CONTEXT, makeStack, messageOf, synth } from "../../helpers";

/** One consumer per service: how to create it, the resource that takes the key, and how its JSON names the key. */
interface Consumer {
  readonly name: string;
  readonly ruleId: string;
  readonly create: (stack: TerraformStack, props: { customerManagedKey?: never }) => Construct;
  /** Terraform type of the resource that uses the key (waits for the role). */
  readonly keyedType: string;
  /** The key and identity references as that resource renders them. */
  readonly wiring: (key: string, identity: string) => Json;
  /** The resource whose `identity` block must hold the key's identity. */
  readonly identityType: string;
}

const LAKE_OPT_OUT = { optOut: "The lake is the test's fixture and its key is not under test here." };
const lake = (stack: TerraformStack) => new StorageAccount(stack, "Lake", { dataLake: true, customerManagedKey: LAKE_OPT_OUT });

const CONSUMERS: Consumer[] = [
  {
    name: "StorageAccount",
    ruleId: "AIC-CMK-001",
    create: (stack, props) => new StorageAccount(stack, "Subject", props),
    keyedType: "azurerm_storage_account",
    identityType: "azurerm_storage_account",
    wiring: (key, identity) => ({
      customer_managed_key: { key_vault_key_id: `\${${key}.versionless_id}`, user_assigned_identity_id: `\${${identity}.id}` },
      infrastructure_encryption_enabled: true,
      queue_encryption_key_type: "Account",
      table_encryption_key_type: "Account",
    }),
  },
  {
    name: "CosmosDbAccount",
    ruleId: "AIC-CMK-002",
    create: (stack, props) => new CosmosDbAccount(stack, "Subject", props),
    keyedType: "azurerm_cosmosdb_account",
    identityType: "azurerm_cosmosdb_account",
    wiring: (key, identity) => ({ key_vault_key_id: `\${${key}.versionless_id}`, default_identity_type: `UserAssignedIdentity=\${${identity}.id}` }),
  },
  {
    name: "ServiceBusNamespace (Premium)",
    ruleId: "AIC-CMK-003",
    create: (stack, props) => new ServiceBusNamespace(stack, "Subject", props),
    keyedType: "azurerm_servicebus_namespace",
    identityType: "azurerm_servicebus_namespace",
    wiring: (key, identity) => ({
      customer_managed_key: {
        key_vault_key_id: `\${${key}.versionless_id}`,
        identity_id: `\${${identity}.id}`,
        infrastructure_encryption_enabled: true,
      },
    }),
  },
  {
    name: "EventHubNamespace (Premium)",
    ruleId: "AIC-CMK-004",
    create: (stack, props) => new EventHubNamespace(stack, "Subject", { sku: "Premium", ...props }),
    keyedType: "azurerm_eventhub_namespace_customer_managed_key",
    identityType: "azurerm_eventhub_namespace",
    wiring: (key, identity) => ({
      key_vault_key_ids: [`\${${key}.versionless_id}`],
      user_assigned_identity_id: `\${${identity}.id}`,
      infrastructure_encryption_enabled: true,
    }),
  },
  {
    name: "SqlDatabase (TDE protector)",
    ruleId: "AIC-CMK-005",
    create: (stack, props) => new SqlDatabase(stack, "Subject", props),
    keyedType: "azurerm_mssql_server",
    identityType: "azurerm_mssql_server",
    // SQL takes a versioned key id (azurerm validates NestedItemId).
    wiring: (key, identity) => ({
      transparent_data_encryption_key_vault_key_id: `\${${key}.id}`,
      primary_user_assigned_identity_id: `\${${identity}.id}`,
    }),
  },
  {
    name: "SynapseWorkspace",
    ruleId: "AIC-CMK-006",
    create: (stack, props) => new SynapseWorkspace(stack, "Subject", { dataLake: lake(stack), ...props }),
    keyedType: "azurerm_synapse_workspace",
    identityType: "azurerm_synapse_workspace",
    wiring: (key, identity) => ({
      customer_managed_key: { key_versionless_id: `\${${key}.versionless_id}`, key_name: "cmk", user_assigned_identity_id: `\${${identity}.id}` },
    }),
  },
  {
    name: "DataFactory",
    ruleId: "AIC-CMK-007",
    create: (stack, props) => new DataFactory(stack, "Subject", props),
    keyedType: "azurerm_data_factory",
    identityType: "azurerm_data_factory",
    wiring: (key, identity) => ({ customer_managed_key_id: `\${${key}.versionless_id}`, customer_managed_key_identity_id: `\${${identity}.id}` }),
  },
];

const PRIVATE_DEPLOYER: IntegrationContextProps = { ...PROD_CONTEXT, deployer: { network: "private" } };

/** `<type>.<name>` of the single resource of `type` whose logical id (its construct path, `/` as `_`) contains `pathPart`. */
function addressOf(json: Json, type: string, pathPart = ""): string {
  const part = pathPart.replace(/\//g, "_");
  const matches = Object.keys(json.resource?.[type] ?? {})
    .filter((name) => name.includes(part))
    .map((name) => [name]);
  if (matches.length !== 1) throw new Error(`expected one ${type} under ${pathPart}, found ${matches.length}`);
  return `${type}.${matches[0][0]}`;
}
const configOf = (json: Json, address: string): Json => {
  const [type, name] = address.split(".");
  return json.resource[type][name];
};

describe.each(CONSUMERS)("$name: customer-managed key", (consumer) => {
  test("prod: the stack's key, an identity of its own with the crypto role on the key only, and the key, role and wait before the resource", () => {
    const stack = makeStack(PRIVATE_DEPLOYER);
    consumer.create(stack, {});
    const json = synth(stack);
    const key = addressOf(json, "azurerm_key_vault_key");
    const identity = addressOf(json, "azurerm_user_assigned_identity", "Subject/EncryptionIdentity");
    const keyed = addressOf(json, consumer.keyedType, "Subject/");
    expect(configOf(json, keyed)).toMatchObject(consumer.wiring(key, identity));
    const owner = configOf(json, addressOf(json, consumer.identityType, "Subject/"));
    expect(owner.identity.identity_ids).toContain(`\${${identity}.id}`);

    // The role: Crypto Service Encryption User, scoped to the key's versionless ARM id.
    const grants = Object.entries<Json>(json.resource.azurerm_role_assignment).filter(([, g]) => g.principal_id === `\${${identity}.principal_id}`);
    const expected = [["Key Vault Crypto Service Encryption User", `\${${key}.resource_versionless_id}`]];
    expect(grants.map(([, g]) => [g.role_definition_name, g.scope])).toEqual(expected);
    const grant = `azurerm_role_assignment.${grants[0][0]}`;

    // Order: the resource waits for the key, the role and the propagation wait after the role.
    const before = waitsFor(json, keyed);
    const wait = addressOf(json, "time_sleep", "Subject/EncryptionIdentity/KeyAccessPropagation");
    expect([key, grant, wait].filter((a) => !before.has(a))).toEqual([]);
    expect(waitsFor(json, wait).has(grant)).toBe(true);
  });

  test("prod: an RSA 2048 key with a rotation policy in a purge-protected vault, created by the deployer as Crypto Officer over the endpoint", () => {
    const stack = makeStack(PRIVATE_DEPLOYER);
    consumer.create(stack, {});
    const json = synth(stack);
    const keyAddress = addressOf(json, "azurerm_key_vault_key");
    const key = configOf(json, keyAddress);
    expect(key).toMatchObject({
      key_type: "RSA",
      key_size: ENCRYPTION_KEY_SIZE,
      key_opts: ["wrapKey", "unwrapKey"],
      rotation_policy: { automatic: { time_after_creation: "P1Y" }, expire_after: "P2Y", notify_before_expiry: "P30D" },
    });
    expect(ENCRYPTION_KEY_SIZE).toBe(2048);
    const vault = addressOf(json, "azurerm_key_vault", "EncryptionKey/Vault");
    expect(configOf(json, vault).purge_protection_enabled).toBe(true);
    expect(key.key_vault_id).toBe(`\${${vault}.id}`);
    const grants = Object.entries<Json>(json.resource.azurerm_role_assignment);
    const officer = grants.filter(([, g]) => g.role_definition_name === "Key Vault Crypto Officer");
    expect(officer.map(([, g]) => g.scope)).toEqual([`\${${vault}.id}`]);
    const before = waitsFor(json, keyAddress);
    expect(before.has(`azurerm_role_assignment.${officer[0][0]}`)).toBe(true);
    expect(before.has(addressOf(json, "azurerm_private_endpoint", "EncryptionKey/Vault/"))).toBe(true);
  });

  test("dev: no key, no vault, no identity", () => {
    const stack = makeStack();
    consumer.create(stack, {});
    const json = synth(stack);
    expect(Object.keys(json.resource.azurerm_key_vault_key ?? {})).toEqual([]);
    expect(Object.keys(json.resource.azurerm_key_vault ?? {})).toEqual([]);
    const identities = Object.keys(json.resource.azurerm_user_assigned_identity ?? {}).filter((name) => name.includes("EncryptionIdentity"));
    expect(identities).toEqual([]);
  });

  test("an opt-out keeps Microsoft-managed keys and records the reason as a suppression of the service's rule", () => {
    const stack = makeStack(PRIVATE_DEPLOYER);
    const reason = "Keys are managed centrally for this subscription and applied by the platform team.";
    const construct = consumer.create(stack, { customerManagedKey: { optOut: reason } as never });
    expect(suppressionsOf(construct)).toEqual([{ ruleId: consumer.ruleId, reason }]);
    const json = synth(stack);
    expect(Object.values<Json>(json.resource.azurerm_key_vault_key ?? {}).length).toBe(0);
    const report = PolicyPack.apply(stack).report();
    expect(report.findings.filter((f) => f.ruleId === consumer.ruleId).map((f) => f.suppressed?.reason)).toEqual([reason]);
  });
});

describe("the stack's encryption key", () => {
  test("is one key for every consumer of the stack; an identity shared by two consumers holds the role once", () => {
    const stack = makeStack(PRIVATE_DEPLOYER);
    const shared = new UserAssignedIdentity(stack, "Shared");
    new StorageAccount(stack, "A", { customerManagedKey: { identity: shared } });
    new StorageAccount(stack, "B", { customerManagedKey: { identity: shared } });
    new CosmosDbAccount(stack, "C");
    const json = synth(stack);
    expect(Object.keys(json.resource.azurerm_key_vault_key)).toHaveLength(1);
    expect(Object.keys(json.resource.azurerm_key_vault)).toHaveLength(1);
    const grants = Object.values<Json>(json.resource.azurerm_role_assignment);
    const crypto = grants.filter((g) => g.role_definition_name === "Key Vault Crypto Service Encryption User");
    expect(crypto).toHaveLength(2);
  });

  test("a key on a tier without customer-managed keys is refused; in prod that tier simply keeps Microsoft-managed keys", () => {
    const stack = makeStack(PRIVATE_DEPLOYER);
    expect(messageOf(() => new EventHubNamespace(stack, "Std", { sku: "Standard", customerManagedKey: {} }))).toBe(
      'test/Std: customerManagedKey is not available in the Standard tier; use sku "Premium" (or a Dedicated cluster), ' +
        "or remove customerManagedKey (Microsoft-managed keys still encrypt the data)",
    );
    new EventHubNamespace(stack, "Standard", { sku: "Standard" });
    new ServiceBusNamespace(stack, "Bus", { sku: "Standard", privateEndpoint: false, publicNetworkAccess: true });
    expect(Object.keys(synth(stack).resource.azurerm_key_vault_key ?? {})).toEqual([]);
  });

  test("a public deployer that cannot pass the vault's firewall stops synthesis with the fix", () => {
    const stack = makeStack({ ...PROD_CONTEXT, network: undefined, deployer: { network: "public" } });
    expect(messageOf(() => new StorageAccount(stack, "Data"))).toContain(
      "cannot reach the vault endpoint of test/EncryptionKey/Vault to create the customer-managed key",
    );
  });

  test("event hubs wait for the namespace's key; Synapse's administrator and SQL pools wait for the key's activation", () => {
    const stack = makeStack(PRIVATE_DEPLOYER);
    new EventHubNamespace(stack, "Hubs", { sku: "Premium", eventHubs: { telemetry: {} } });
    const synapse = new SynapseWorkspace(stack, "Syn", { dataLake: lake(stack) });
    synapse.addSqlPool("dw");
    const json = synth(stack);
    const hub = addressOf(json, "azurerm_eventhub", "Hubs/");
    expect(waitsFor(json, hub).has(addressOf(json, "azurerm_eventhub_namespace_customer_managed_key", "Hubs/"))).toBe(true);
    const activation = addressOf(json, "azurerm_synapse_workspace_key", "Syn/");
    expect(configOf(json, activation)).toMatchObject({ active: true, customer_managed_key_name: "cmk" });
    for (const type of ["azurerm_synapse_workspace_aad_admin", "azurerm_synapse_sql_pool"]) {
      expect({ type, waits: waitsFor(json, addressOf(json, type, "Syn/")).has(activation) }).toEqual({ type, waits: true });
    }
  });
});
