import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageAccount as StorageAccountResource } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { StorageQueue } from "@cdktf/provider-azurerm/lib/storage-queue";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { NAMING_RULES } from "../../../constructs/core/naming";
import { StorageAccount, StorageAccountProps } from "../../../constructs/storage";

import { makeStack, PROD_CONTEXT as PROD, resourcesOfType as resources, outsideEncryptionKey } from "../../helpers";

Testing.setupJest();

const APP_ID = "22222222-2222-2222-2222-222222222222";
const ACCOUNT = "${azurerm_storage_account.Data_666C94C7.id}";


function account(props: StorageAccountProps = {}, extra: IntegrationContextProps = {}): { stack: TerraformStack; storage: StorageAccount } {
  const stack = makeStack(extra);
  return { stack, storage: new StorageAccount(stack, "Data", props) };
}

describe("StorageAccount defaults (dev)", () => {
  const { stack, storage } = account();
  const synth = Testing.synth(stack);

  test("is hardened", () => {
    expect(synth).toHaveResourceWithProperties(StorageAccountResource, {
      name: "sttestdata3f49c3",
      resource_group_name: "rg-test",
      location: "westeurope",
      account_tier: "Standard",
      account_kind: "StorageV2",
      account_replication_type: "LRS",
      access_tier: "Hot",
      is_hns_enabled: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      local_user_enabled: false,
      min_tls_version: "TLS1_2",
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      cross_tenant_replication_enabled: false,
      infrastructure_encryption_enabled: true,
      public_network_access_enabled: true,
      identity: expect.objectContaining({ type: "SystemAssigned" }),
      network_rules: expect.objectContaining({ default_action: "Deny", bypass: ["AzureServices"], ip_rules: [] }),
      blob_properties: expect.objectContaining({
        versioning_enabled: true,
        delete_retention_policy: expect.objectContaining({ days: 7 }),
        container_delete_retention_policy: expect.objectContaining({ days: 7 }),
      }),
    });
  });

  test("dev has no private endpoint, diagnostics, lock, containers or queues", () => {
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock, StorageContainer, StorageQueue]) {
      expect(synth).not.toHaveResource(type);
    }
    expect(storage.privateEndpoints).toEqual({});
    expect(storage.diagnostics).toBeUndefined();
    expect(storage.blobDiagnostics).toBeUndefined();
    expect(storage.queueDiagnostics).toBeUndefined();
    expect(storage.lock).toBeUndefined();
  });

  test("exposes the L1 and its attributes", () => {
    expect(storage.resource).toBeInstanceOf(StorageAccountResource);
    expect(storage.resource.node.id).toBe("Resource");
    const { stack: outputs, storage: other } = account();
    const attrs = { id: other.id, name: other.name, blob: other.primaryBlobEndpoint, dfs: other.primaryDfsEndpoint, queue: other.primaryQueueEndpoint };
    for (const [key, value] of Object.entries(attrs)) new TerraformOutput(outputs, key, { value });
    const { output } = JSON.parse(Testing.synth(outputs));
    expect(output.id.value).toBe(ACCOUNT);
    expect(output.name.value).toBe("${azurerm_storage_account.Data_666C94C7.name}");
    expect(output.blob.value).toBe("${azurerm_storage_account.Data_666C94C7.primary_blob_endpoint}");
    expect(output.dfs.value).toBe("${azurerm_storage_account.Data_666C94C7.primary_dfs_endpoint}");
    expect(output.queue.value).toBe("${azurerm_storage_account.Data_666C94C7.primary_queue_endpoint}");
  });
});

describe("StorageAccount in prod", () => {
  const { stack, storage } = account({}, PROD);
  const synth = Testing.synth(stack);

  test("is geo-zone-redundant (GZRS) with public access off behind a blob private endpoint", () => {
    expect(synth).toHaveResourceWithProperties(StorageAccountResource, { account_replication_type: "GZRS", public_network_access_enabled: false });
    const endpoints = resources(stack, "azurerm_private_endpoint").filter(outsideEncryptionKey);
    expect(endpoints).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(PrivateEndpoint, {
      name: "pep-sttestdata3f49c3-blob",
      subnet_id: PROD.network?.privateEndpointSubnetId,
      private_service_connection: expect.objectContaining({ private_connection_resource_id: ACCOUNT, subresource_names: ["blob"] }),
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.blob.core.windows.net"] }),
    });
    expect(storage.privateEndpoints.blob).toBeDefined();
  });

  test("sends account metrics and blob logs + metrics to Log Analytics", () => {
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: ACCOUNT,
      log_analytics_workspace_id: "/ws",
      enabled_log: [],
      enabled_metric: [{ category: "Transaction" }],
    });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: `${ACCOUNT}/blobServices/default`,
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "Transaction" }],
    });
    expect(resources(stack, "azurerm_monitor_diagnostic_setting").filter(outsideEncryptionKey)).toHaveLength(2);
  });

  test("is locked against deletion", () => {
    expect(synth).toHaveResourceWithProperties(ManagementLock, { name: "lock-sttestdata3f49c3", scope: ACCOUNT, lock_level: "CanNotDelete" });
  });
});

describe("StorageAccount Data Lake", () => {
  test("turns on the hierarchical namespace, leaves versioning off and adds a dfs endpoint", () => {
    const { stack, storage } = account({ dataLake: true, containers: ["raw"] }, PROD);
    const [st] = resources(stack, "azurerm_storage_account");
    expect(st.is_hns_enabled).toBe(true);
    expect(st.blob_properties.versioning_enabled).toBe(false);
    expect(st.blob_properties.delete_retention_policy).toEqual({ days: 7 });
    const endpoints = resources(stack, "azurerm_private_endpoint").filter(outsideEncryptionKey);
    const subresources = endpoints.map((pe) => pe.private_service_connection.subresource_names[0]);
    expect(subresources.sort()).toEqual(["blob", "dfs"]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivateEndpoint, {
      private_dns_zone_group: expect.objectContaining({ private_dns_zone_ids: ["/zones/privatelink.dfs.core.windows.net"] }),
    });
    expect(storage.dataLake).toBe(true);
  });
});

describe("StorageAccount overrides", () => {
  test("user values win over defaults, including false", () => {
    const { stack } = account(
      {
        customerManagedKey: { optOut: "Encryption keys are not under test here: the user opts out of every default." },
        name: "stcustom01",
        replication: "RAGZRS",
        accessTier: "Cool",
        blobSoftDeleteDays: 30,
        publicNetworkAccess: true,
        firewallDefaultAction: "Allow",
        allowedIpRanges: ["203.0.113.7/32"],
        identity: { systemAssigned: false },
        tags: { owner: "team" },
        diagnostics: false,
        privateEndpoint: false,
        lock: false,
        queues: ["jobs"],
      },
      { ...PROD, allowedIpRanges: ["198.51.100.0/24"] },
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(StorageAccountResource, {
      name: "stcustom01",
      account_replication_type: "RAGZRS",
      access_tier: "Cool",
      public_network_access_enabled: true,
      network_rules: expect.objectContaining({ default_action: "Allow", ip_rules: ["203.0.113.7"] }),
      blob_properties: expect.objectContaining({
        delete_retention_policy: expect.objectContaining({ days: 30 }),
        container_delete_retention_policy: expect.objectContaining({ days: 30 }),
      }),
      tags: { owner: "team" },
    });
    expect(resources(stack, "azurerm_storage_account")[0]).not.toHaveProperty("identity");
    for (const type of [PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock]) expect(synth).not.toHaveResource(type);
  });

  test("context allowedIpRanges feed the firewall; publicNetworkAccess false without an endpoint survives", () => {
    const { stack } = account({ publicNetworkAccess: false }, { allowedIpRanges: ["198.51.100.0/24"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(StorageAccountResource, {
      public_network_access_enabled: false,
      network_rules: expect.objectContaining({ ip_rules: ["198.51.100.0/24"] }),
    });
  });

  test("user-assigned identities join the system-assigned one", () => {
    const stack = makeStack();
    const uami = new UserAssignedIdentity(stack, "Identity");
    new StorageAccount(stack, "Data", { identity: { userAssigned: [uami] } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(StorageAccountResource, {
      identity: expect.objectContaining({ type: "SystemAssigned, UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.Identity_2D60E2CC.id}"] }),
    });
  });

  test("user diagnostics options: log groups go to the services only, metrics everywhere", () => {
    const { stack } = account({ queues: ["jobs"], diagnostics: { destination: { logAnalyticsWorkspaceId: "/other" }, logCategoryGroups: ["audit"], metricCategories: ["Capacity"] } });
    const settings = resources(stack, "azurerm_monitor_diagnostic_setting");
    const byTarget = Object.fromEntries(settings.map((s) => [s.target_resource_id, s]));
    expect(byTarget[ACCOUNT]).toMatchObject({ log_analytics_workspace_id: "/other", enabled_log: [], enabled_metric: [{ category: "Capacity" }] });
    expect(byTarget[`${ACCOUNT}/blobServices/default`]).toMatchObject({ enabled_log: [{ category_group: "audit" }], enabled_metric: [{ category: "Capacity" }] });
    expect(byTarget[`${ACCOUNT}/queueServices/default`]).toMatchObject({ log_analytics_workspace_id: "/other", enabled_log: [{ category_group: "audit" }] });
  });
});

describe("StorageAccount containers and queues", () => {
  test("are private and created through Resource Manager", () => {
    const { stack, storage } = account({ containers: ["raw", "curated"], queues: ["jobs"] });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(StorageContainer, { name: "raw", storage_account_id: ACCOUNT, container_access_type: "private" });
    expect(synth).toHaveResourceWithProperties(StorageContainer, { name: "curated", storage_account_id: ACCOUNT, container_access_type: "private" });
    expect(synth).toHaveResourceWithProperties(StorageQueue, { name: "jobs", storage_account_id: ACCOUNT });
    for (const c of resources(stack, "azurerm_storage_container")) expect(c).not.toHaveProperty("storage_account_name");
    expect([...storage.containers.keys()]).toEqual(["raw", "curated"]);
    expect([...storage.queues.keys()]).toEqual(["jobs"]);
  });

  test("addContainer and addQueue return the L1", () => {
    const { storage } = account();
    expect(storage.addContainer("later")).toBeInstanceOf(StorageContainer);
    expect(storage.addQueue("later")).toBeInstanceOf(StorageQueue);
  });

  test("the first queue, from props or addQueue, brings the queue endpoint and diagnostics once", () => {
    const { stack, storage } = account({}, PROD);
    expect(storage.privateEndpoints.queue).toBeUndefined();
    storage.addQueue("first");
    storage.addQueue("second");
    const queueEndpoints = resources(stack, "azurerm_private_endpoint").filter((pe) => pe.private_service_connection.subresource_names[0] === "queue");
    expect(queueEndpoints).toHaveLength(1);
    expect(queueEndpoints[0].private_dns_zone_group.private_dns_zone_ids).toEqual(["/zones/privatelink.queue.core.windows.net"]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: `${ACCOUNT}/queueServices/default`,
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "Transaction" }],
    });
    expect(storage.queueDiagnostics).toBeDefined();
  });

  test("every service in use is logged on its own target, once (AIC-ST-014)", () => {
    const { stack, storage } = account({ services: ["table"] }, PROD);
    storage.useService("file");
    storage.useService("table");
    storage.addQueue("jobs");
    const targets = resources(stack, "azurerm_monitor_diagnostic_setting").map((d) => d.target_resource_id).filter((t) => t.startsWith(ACCOUNT)).sort();
    expect(targets).toEqual(["blob", "file", "queue", "table"].map((s) => `${ACCOUNT}/${s}Services/default`).concat(ACCOUNT).sort());
    expect(storage.diagnosticsOf("table")?.node.id).toBe("TableDiagnostics");
    expect(storage.diagnosticsOf("file")?.node.id).toBe("FileDiagnostics");
  });

  test("diagnostics false leaves every service unlogged", () => {
    const { stack, storage } = account({ diagnostics: false, services: ["queue", "table"] }, PROD);
    expect(storage.useService("file")).toBeUndefined();
    expect(resources(stack, "azurerm_monitor_diagnostic_setting").filter((d) => d.target_resource_id.startsWith(ACCOUNT))).toEqual([]);
  });

  test("privateEndpoint false also holds for queues added later", () => {
    const { stack, storage } = account({ privateEndpoint: false }, PROD);
    storage.addQueue("jobs");
    expect(resources(stack, "azurerm_private_endpoint").filter(outsideEncryptionKey)).toEqual([]);
  });
});

describe("StorageAccount validation", () => {
  const NAME_FIX = "use lower-case letters, digits and single hyphens, starting and ending with a letter or digit";

  test.each([0, 366, 2.5])("blobSoftDeleteDays %p is rejected", (days) => {
    expect(() => account({ blobSoftDeleteDays: days })).toThrow(
      `test/Data: blobSoftDeleteDays ${days} is not a whole number of days from 1 to 365; set blobSoftDeleteDays to 1-365 (the range Azure allows)`,
    );
  });

  test.each([1, 365])("blobSoftDeleteDays %p is accepted", (days) => {
    expect(() => account({ blobSoftDeleteDays: days })).not.toThrow();
  });

  test.each([
    ["ab", 'test/Data: container name "ab" is 2 characters; a container name must be 3-63; choose a name of 3 to 63 characters'],
    ["a".repeat(64), `test/Data: container name "${"a".repeat(64)}" is 64 characters; a container name must be 3-63; choose a name of 3 to 63 characters`],
    ["Raw", `test/Data: container name "Raw" breaks the container naming rule; ${NAME_FIX}`],
    ["raw--data", `test/Data: container name "raw--data" breaks the container naming rule; ${NAME_FIX}`],
    ["-raw", `test/Data: container name "-raw" breaks the container naming rule; ${NAME_FIX}`],
    ["raw-", `test/Data: container name "raw-" breaks the container naming rule; ${NAME_FIX}`],
    ["raw_data", `test/Data: container name "raw_data" breaks the container naming rule; ${NAME_FIX}`],
  ])("container name %p is rejected", (name, message) => {
    expect(() => account({ containers: [name] })).toThrow(message);
  });

  test.each([
    ["q", 'test/Data: queue name "q" is 1 characters; a queue name must be 3-63; choose a name of 3 to 63 characters'],
    ["Jobs", `test/Data: queue name "Jobs" breaks the queue naming rule; ${NAME_FIX}`],
    ["jobs--in", `test/Data: queue name "jobs--in" breaks the queue naming rule; ${NAME_FIX}`],
  ])("queue name %p is rejected", (name, message) => {
    expect(() => account({ queues: [name] })).toThrow(message);
  });

  test("valid names pass", () => {
    expect(() => account({ containers: ["raw", "0-landing-zone", "a".repeat(63)], queues: ["jobs-in"] })).not.toThrow();
  });

  test("duplicates are rejected", () => {
    expect(() => account({ containers: ["raw", "raw"] })).toThrow('test/Data: container name "raw" is already defined on this account; add each container once');
    const { storage } = account({ queues: ["jobs"] });
    expect(() => storage.addQueue("jobs")).toThrow('test/Data: queue name "jobs" is already defined on this account; add each queue once');
  });

  test("a grant on a badly named container is rejected", () => {
    const { storage } = account();
    expect(() => storage.grantBlobRead(Principal.fromObjectId(APP_ID, "ServicePrincipal"), "Bad")).toThrow(
      `test/Data: container name "Bad" breaks the container naming rule; ${NAME_FIX}`,
    );
  });

  test("a bad explicit account name names the rule and the fix", () => {
    expect(() => account({ name: "St-Bad" })).toThrow('test/Data: name "St-Bad" breaks the storageAccount naming rule; use lower-case letters and digits only');
  });
});

describe("StorageAccount grants", () => {
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");

  test.each([
    ["grantBlobRead", "Storage Blob Data Reader"],
    ["grantBlobWrite", "Storage Blob Data Contributor"],
    ["grantQueueSend", "Storage Queue Data Message Sender"],
    ["grantQueueProcess", "Storage Queue Data Message Processor"],
    ["grantTableRead", "Storage Table Data Reader"],
    ["grantTableWrite", "Storage Table Data Contributor"],
  ] as const)("%s grants %s on the account", (method, role) => {
    const { stack, storage } = account();
    expect(storage[method](principal)).toBeInstanceOf(RoleAssignment);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: ACCOUNT,
      role_definition_name: role,
      principal_id: APP_ID,
      principal_type: "ServicePrincipal",
    });
  });

  test("blob grants can be scoped to a container and wait for it", () => {
    const { stack, storage } = account({ containers: ["raw"] });
    storage.grantBlobWrite(principal, "raw");
    storage.grantBlobRead(principal, "elsewhere");
    const byScope = Object.fromEntries(resources(stack, "azurerm_role_assignment").map((r) => [r.scope, r]));
    expect(byScope[`${ACCOUNT}/blobServices/default/containers/raw`]).toMatchObject({
      role_definition_name: "Storage Blob Data Contributor",
      depends_on: ["azurerm_storage_container.Data_Container-raw_0CDA465F"],
    });
    expect(byScope[`${ACCOUNT}/blobServices/default/containers/elsewhere`]).not.toHaveProperty("depends_on");
  });

  test("queue grants can be scoped to a queue", () => {
    const { stack, storage } = account({ queues: ["jobs"] });
    storage.grantQueueSend(principal, "jobs");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: `${ACCOUNT}/queueServices/default/queues/jobs`,
      role_definition_name: "Storage Queue Data Message Sender",
    });
  });

  test("granting twice yields one assignment; account and container grants stay distinct", () => {
    const { stack, storage } = account({ containers: ["raw"] });
    const first = storage.grantBlobRead(principal);
    expect(storage.grantBlobRead(principal)).toBe(first);
    const scoped = storage.grantBlobRead(principal, "raw");
    expect(storage.grantBlobRead(principal, "raw")).toBe(scoped);
    expect(scoped).not.toBe(first);
    const assignments = resources(stack, "azurerm_role_assignment");
    expect(assignments).toHaveLength(2);
    expect(assignments.find((a) => a.scope !== ACCOUNT)?.depends_on).toHaveLength(1);
  });

  test("a user keeps its principal type", () => {
    const { stack, storage } = account();
    storage.grantBlobRead(Principal.fromObjectId(APP_ID, "User"));
    expect(resources(stack, "azurerm_role_assignment")[0].principal_type).toBe("User");
  });
});

describe("StorageAccount naming", () => {
  const nameAt = (id: string) => {
    const stack = makeStack();
    new StorageAccount(stack, id);
    return resources(stack, "azurerm_storage_account")[0].name as string;
  };

  test("the generated name is stable per path, unique per construct and valid", () => {
    const name = nameAt("Data");
    expect(nameAt("Data")).toBe(name);
    expect(nameAt("Files")).not.toBe(name);
    expect(name).toMatch(NAMING_RULES.storageAccount.pattern);
    expect(name.length).toBeLessThanOrEqual(24);
  });

  test("a long construct id is shortened and keeps its suffix", () => {
    const name = nameAt("AVeryLongConstructIdForTheDataLake");
    expect(name).toMatch(NAMING_RULES.storageAccount.pattern);
    expect(name).toHaveLength(24);
    expect(name).toMatch(/^sttest.*[0-9a-f]{6}$/);
  });
});

test("fully-featured StorageAccount snapshot", () => {
  const { stack, storage } = account(
    { dataLake: true, containers: ["raw", "curated"], queues: ["jobs"], allowedIpRanges: ["198.51.100.0/24"], tags: { owner: "team" } },
    PROD,
  );
  const principal = Principal.fromObjectId(APP_ID, "ServicePrincipal");
  storage.grantBlobRead(principal);
  storage.grantBlobWrite(principal, "curated");
  storage.grantQueueProcess(principal, "jobs");
  expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
});
