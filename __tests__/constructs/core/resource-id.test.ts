import { Construct } from "constructs";
import { Testing, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { parseResourceId, resourceIdOf } from "../../../constructs/core/resource-id";

const SUB = "00000000-0000-0000-0000-000000000000";
const DB_ID = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-orders/databases/orders`;

function scope(): Construct {
  return new Construct(new TerraformStack(Testing.app(), "test"), "Imported");
}

describe("parseResourceId", () => {
  test("splits a literal id into subscription, group and the names of each level", () => {
    expect(parseResourceId(scope(), DB_ID, "Microsoft.Sql/servers/databases")).toEqual({
      id: DB_ID,
      subscriptionId: SUB,
      resourceGroupName: "rg-data",
      names: ["sql-orders", "orders"],
      name: "orders",
    });
  });

  test("compares the provider and types without case, as Resource Manager does", () => {
    const id = `/subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.keyvault/VAULTS/kv-one`;
    expect(parseResourceId(scope(), id, "Microsoft.KeyVault/vaults").name).toBe("kv-one");
  });

  test.each([
    ["another service's id", `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`],
    ["a parent's id", `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-orders`],
    ["a child's id", `${DB_ID}/extra/x`],
    ["an empty segment", `/subscriptions/${SUB}/resourceGroups//providers/Microsoft.Sql/servers/s/databases/d`],
    ["a name, not an id", "orders"],
  ])("refuses %s, naming the field, the value and the form", (_, id) => {
    expect(() => parseResourceId(scope(), id, "Microsoft.Sql/servers/databases", { field: "databaseId" })).toThrow(
      `test/Imported: databaseId "${id}" is not the id of a Microsoft.Sql/servers/databases resource; use an id of the form ` +
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Sql/servers/<name>/databases/<name>",
    );
  });

  test("splits a deploy-time id with Terraform functions", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const databaseId = new TerraformVariable(stack, "database_id", { type: "string" }).stringValue;
    const parsed = parseResourceId(stack, databaseId, "Microsoft.Sql/servers/databases");
    new TerraformOutput(stack, "database", { value: parsed.name });
    new TerraformOutput(stack, "server", { value: parsed.names[0] });
    new TerraformOutput(stack, "group", { value: parsed.resourceGroupName });
    const { output } = JSON.parse(Testing.synth(stack));
    expect(output.database.value).toBe('${element(split("/", var.database_id), 10)}');
    expect(output.server.value).toBe('${element(split("/", var.database_id), 8)}');
    expect(output.group.value).toBe('${element(split("/", var.database_id), 4)}');
  });

  test("a deploy-time id is refused where names are needed at synth", () => {
    const imported = scope();
    const id = new TerraformVariable(imported, "id", { type: "string" }).stringValue;
    expect(() => parseResourceId(imported, id, "Microsoft.Sql/servers", { literalRequired: true })).toThrow(
      "test/Imported: resourceId is a value known only at deploy time, but its names are needed at synth; pass the literal id",
    );
  });

  test("resourceIdOf builds the id parseResourceId reads", () => {
    const id = resourceIdOf(`/subscriptions/${SUB}/resourceGroups/rg-data`, "Microsoft.Sql/servers/databases", ["sql-orders", "orders"]);
    expect(id).toBe(DB_ID);
  });
});
