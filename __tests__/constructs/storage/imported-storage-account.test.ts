import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformOutput, TerraformVariable } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageAccount as StorageAccountResource } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { ResourceGroup } from "../../../constructs/resource-group";
import { StorageAccount } from "../../../constructs/storage";
import { SUBSCRIPTION_ID, makeStack, messageOf, resolved, resourcesOfType as resources } from "../../helpers";

Testing.setupJest();

const APP = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "ServicePrincipal");
const ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared`;

describe("StorageAccount.fromId / fromName", () => {
  test("a literal id gives the names and the public-cloud endpoints; nothing is created", () => {
    const stack = makeStack();
    const shared = StorageAccount.fromId(stack, "Shared", ID);
    expect([shared.id, shared.name, shared.resourceGroupName, shared.dataLake]).toEqual([ID, "stshared", "rg-data", undefined]);
    expect([shared.primaryBlobEndpoint, shared.primaryDfsEndpoint, shared.primaryQueueEndpoint, shared.primaryTableEndpoint]).toEqual([
      "https://stshared.blob.core.windows.net/",
      "https://stshared.dfs.core.windows.net/",
      "https://stshared.queue.core.windows.net/",
      "https://stshared.table.core.windows.net/",
    ]);
    expect(Testing.synth(stack)).not.toHaveResource(StorageAccountResource);
  });

  test("the grants and containers are those of a created account, on the imported id", () => {
    const stack = makeStack();
    const shared = StorageAccount.fromId(stack, "Shared", ID);
    const container = shared.addContainer("raw");
    expect(shared.containers.get("raw")).toBe(container);
    const scoped = shared.grantBlobRead(APP, "raw");
    expect(shared.grantBlobRead(APP, "raw")).toBe(scoped);
    for (const grant of [shared.grantBlobWrite(APP), shared.grantQueueSend(APP, "jobs"), shared.grantQueueRead(APP), shared.grantQueueProcess(APP)]) {
      expect(grant).toBeInstanceOf(RoleAssignment);
    }
    shared.grantTableRead(APP);
    shared.grantTableWrite(APP);
    shared.grant(APP, "Storage Account Contributor");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(StorageContainer, { name: "raw", storage_account_id: ID, container_access_type: "private" });
    const grants = resources(stack, "azurerm_role_assignment").map((g) => [g.role_definition_name, g.scope]);
    expect(grants).toEqual(
      expect.arrayContaining([
        ["Storage Blob Data Reader", `${ID}/blobServices/default/containers/raw`],
        ["Storage Blob Data Contributor", ID],
        ["Storage Queue Data Message Sender", `${ID}/queueServices/default/queues/jobs`],
        ["Storage Queue Data Reader", ID],
        ["Storage Queue Data Message Processor", ID],
        ["Storage Table Data Reader", ID],
        ["Storage Table Data Contributor", ID],
        ["Storage Account Contributor", ID],
      ]),
    );
    expect(grants).toHaveLength(8);
    // The container-scoped grant waits for the container the import added.
    const reader = resources(stack, "azurerm_role_assignment").find((g) => g.role_definition_name === "Storage Blob Data Reader");
    expect(reader?.depends_on).toEqual([expect.stringContaining("azurerm_storage_container.Shared_Container-raw")]);
    expect(() => shared.addContainer("raw")).toThrow('test/Shared: container name "raw" is already defined on this account; add each container once');
  });

  test("an id known only at deploy time is split by Terraform", () => {
    const stack = makeStack();
    const id = new TerraformVariable(stack, "accountId", { type: "string" }).stringValue;
    const shared = StorageAccount.fromId(stack, "Shared", id);
    new TerraformOutput(stack, "name", { value: shared.name });
    new TerraformOutput(stack, "blob", { value: shared.primaryBlobEndpoint });
    const { output } = JSON.parse(Testing.synth(stack));
    expect(output.name.value).toBe('${element(split("/", var.accountId), 8)}');
    expect(output.blob.value).toBe('https://${element(split("/", var.accountId), 8)}.blob.core.windows.net/');
  });

  test("a wrong id names the import, the value, the rule and the fix", () => {
    const wrong = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-data/providers/Microsoft.KeyVault/vaults/kv-shared`;
    expect(messageOf(() => StorageAccount.fromId(makeStack(), "Shared", wrong))).toBe(
      `test/Shared: accountId "${wrong}" is not the id of a Microsoft.Storage/storageAccounts resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>",
    );
    const badName = ID.replace("stshared", "St_Shared");
    expect(messageOf(() => StorageAccount.fromId(makeStack(), "Shared", badName))).toMatch(/^test\/Shared: accountId "St_Shared" /);
  });

  test("fromName takes the context's resource group or the one given", () => {
    const stack = makeStack();
    expect(StorageAccount.fromName(stack, "InContext", "stshared").id).toBe(
      `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers/Microsoft.Storage/storageAccounts/stshared`,
    );
    const group = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-data", "westeurope");
    const elsewhere = StorageAccount.fromName(stack, "Elsewhere", "stshared", group);
    expect([elsewhere.id, elsewhere.resourceGroupName]).toEqual([ID, "rg-data"]);
    expect(messageOf(() => StorageAccount.fromName(stack, "Bad", "st-shared"))).toMatch(/^test\/Bad: name "st-shared" /);
  });
});

describe("StorageAccount principal and Grantee", () => {
  test("the system-assigned identity by default, else the first user-assigned one, else an error", () => {
    const stack = makeStack();
    const account = new StorageAccount(stack, "Data");
    expect(resolved(stack, account.principal)).toEqual({
      principalId: "${azurerm_storage_account.Data_666C94C7.identity[0].principal_id}",
      principalType: "ServicePrincipal",
      grantKey: "test/Data",
    });
    const identity = new UserAssignedIdentity(stack, "Id");
    expect(new StorageAccount(stack, "User", { identity: { systemAssigned: false, userAssigned: [identity] } }).principal).toBe(identity);
    const none = new StorageAccount(stack, "None", { identity: { systemAssigned: false } });
    expect(messageOf(() => none.principal)).toBe(
      "test/None: principal is not available: the resource has no managed identity " +
        "(identity.systemAssigned is false and no userAssigned is given); " +
        "keep identity.systemAssigned on (the default) or add a user-assigned identity",
    );
  });

  test("a construct with a principal is a grantee: the same assignment as granting its principal", () => {
    const stack = makeStack();
    const source = new StorageAccount(stack, "Source");
    const target = new StorageAccount(stack, "Target");
    const grant = target.grantBlobRead(source);
    expect(target.grantBlobRead(source.principal)).toBe(grant);
    expect(resolved(stack, grant.principalIdInput)).toBe("${azurerm_storage_account.Source_71E471F1.identity[0].principal_id}");
    expect(target.grant(source, "Reader")).toBeInstanceOf(RoleAssignment);
  });
});
