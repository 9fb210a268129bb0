import "cdktf/lib/testing/adapters/jest";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Grantee, Principal } from "../../../constructs/core/grants";
import { GrantableResource, ImportedResource } from "../../../constructs/core/imported-resource";
import { ImportedEventGridSource } from "../../../constructs/event-grid/imported";
import { KeyVault } from "../../../constructs/key-vault";
import { ImportedKeyVault } from "../../../constructs/key-vault/vault-ref";
import { LogicAppWorkflow } from "../../../constructs/logic-app";
import { ImportedLogicAppWorkflow } from "../../../constructs/logic-app/workflow-ref";
import { SqlDatabase } from "../../../constructs/sql";
import { ImportedSqlDatabase } from "../../../constructs/sql/database-ref";
import { StorageAccount } from "../../../constructs/storage";
import { ImportedStorageAccount } from "../../../constructs/storage/account-ref";
import { SUBSCRIPTION_ID, makeStack, resolved } from "../../helpers";

Testing.setupJest();

// The construct and its import get their grants from one mixin per service: the methods live on
// the mixin's class (not on either class), and both give the same role, on their own id, under
// the same construct id.
const APP = Principal.fromObjectId("22222222-2222-2222-2222-222222222222", "ServicePrincipal");
const GROUP = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared`;
const ADMIN = { login: "sql-admins", objectId: "11111111-1111-1111-1111-111111111111" };
const WORKFLOW_FILE = path.resolve(__dirname, "..", "logic-app", "fixtures", "order-approval.workflow.json");

type Granting = IConstruct & { readonly id: string } & Record<string, unknown>;

interface Service {
  readonly name: string;
  readonly mixin: string;
  readonly construct: { prototype: object };
  readonly imported: { prototype: object };
  readonly methods: readonly string[];
  /** Other members the mixin shares (not grants). @default none */
  readonly shared?: readonly string[];
  make(stack: TerraformStack): { created: Granting; imported: Granting };
}

const SERVICES: readonly Service[] = [
  {
    name: "storage",
    mixin: "StorageGrants",
    construct: StorageAccount,
    imported: ImportedStorageAccount,
    methods: ["grantBlobRead", "grantBlobWrite", "grantQueueSend", "grantQueueRead", "grantQueueProcess", "grantTableRead", "grantTableWrite"],
    make: (stack) => ({
      created: new StorageAccount(stack, "Data") as unknown as Granting,
      imported: StorageAccount.fromId(stack, "Shared", `${GROUP}/providers/Microsoft.Storage/storageAccounts/stshared`) as unknown as Granting,
    }),
  },
  {
    name: "key vault",
    mixin: "KeyVaultGrants",
    construct: KeyVault,
    imported: ImportedKeyVault,
    methods: ["grantSecretsRead", "grantSecretsManage", "grantCryptoUse", "grantCertificatesRead"],
    make: (stack) => ({
      created: new KeyVault(stack, "Vault") as unknown as Granting,
      imported: KeyVault.fromId(stack, "Shared", `${GROUP}/providers/Microsoft.KeyVault/vaults/kv-shared`) as unknown as Granting,
    }),
  },
  {
    name: "sql database",
    mixin: "SqlDatabaseMembers",
    construct: SqlDatabase,
    imported: ImportedSqlDatabase,
    methods: ["grantContributor"],
    shared: ["addDatabaseUser", "databaseUsers", "userScript"],
    make: (stack) => ({
      created: new SqlDatabase(stack, "Orders", { administrator: ADMIN }) as unknown as Granting,
      imported: SqlDatabase.fromId(stack, "Erp", `${GROUP}/providers/Microsoft.Sql/servers/sql-erp/databases/erp`) as unknown as Granting,
    }),
  },
  {
    name: "logic app workflow",
    mixin: "WorkflowGrants",
    construct: LogicAppWorkflow,
    imported: ImportedLogicAppWorkflow,
    methods: ["grantRun", "grantOperator", "grantContributor"],
    make: (stack) => ({
      created: new LogicAppWorkflow(stack, "Orders", { definitionFile: WORKFLOW_FILE }) as unknown as Granting,
      imported: LogicAppWorkflow.fromId(stack, "Shared", `${GROUP}/providers/Microsoft.Logic/workflows/logic-shared`) as unknown as Granting,
    }),
  },
];

/** The class that defines `method` on `prototype`'s chain. */
function definer(prototype: object, method: string): { name: string; own: boolean } {
  let current: object | null = prototype;
  while (current && !Object.prototype.hasOwnProperty.call(current, method)) current = Object.getPrototypeOf(current);
  return { name: (current?.constructor as { name?: string } | undefined)?.name ?? "(none)", own: current === prototype };
}

describe.each(SERVICES)("$name: one grant implementation for the construct and its import", (service) => {
  test("every grant method comes from the service's mixin, on neither class itself", () => {
    for (const method of [...service.methods, ...(service.shared ?? [])]) {
      expect([method, definer(service.construct.prototype, method)]).toEqual([method, { name: service.mixin, own: false }]);
      expect([method, definer(service.imported.prototype, method)]).toEqual([method, { name: service.mixin, own: false }]);
    }
  });

  test("the construct and the import give the same role on their own id, under the same construct id", () => {
    const stack = makeStack();
    const { created, imported } = service.make(stack);
    for (const method of service.methods) {
      const call = (target: Granting) => (target[method] as (grantee: Grantee) => RoleAssignment).call(target, APP);
      const [mine, theirs] = [call(created), call(imported)];
      expect([method, mine.roleDefinitionNameInput]).toEqual([method, theirs.roleDefinitionNameInput]);
      expect([method, resolved(stack, mine.scopeInput)]).toEqual([method, resolved(stack, created.id)]);
      expect([method, theirs.scopeInput]).toEqual([method, imported.id]);
      expect([method, mine.node.id]).toEqual([method, theirs.node.id]);
      expect(mine.node.scope).toBe(created);
      expect(theirs.node.scope).toBe(imported);
    }
  });
});

describe("one import base", () => {
  test("every import is an ImportedResource, which is the GrantableResource of child entities", () => {
    expect(Object.getPrototypeOf(ImportedResource.prototype)).toBe(GrantableResource.prototype);
    for (const imported of [ImportedStorageAccount, ImportedKeyVault, ImportedSqlDatabase, ImportedLogicAppWorkflow, ImportedEventGridSource]) {
      expect([imported.name, imported.prototype instanceof ImportedResource]).toEqual([imported.name, true]);
    }
  });

  test("an Event Grid import reads its reference through ImportedResource: names from the id, generic grant on it", () => {
    const stack = makeStack();
    const id = `${GROUP}/providers/Microsoft.EventGrid/systemTopics/evgst-blob`;
    const source = new ImportedEventGridSource(stack, "Blob", id, "systemTopic");
    expect([source.id, source.name, source.resourceGroupName]).toEqual([id, "evgst-blob", "rg-shared"]);
    expect(source.subscriptionTarget).toEqual({ kind: "systemTopic", systemTopic: { resourceGroupName: "rg-shared", name: "evgst-blob" } });
    expect(source.grant(APP, "Reader").scopeInput).toBe(id);
  });
});
