import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, Token } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { ResourceGroup as ResourceGroupResource } from "@cdktf/provider-azurerm/lib/resource-group";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { IntegrationContext } from "../../../constructs/core/context";
import { ValidationError } from "../../../constructs/core/errors";
import { ResourceGroup } from "../../../constructs/resource-group";

Testing.setupJest();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function newStack(profile: "dev" | "prod" = "dev"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  IntegrationContext.set(stack, { profile });
  return stack;
}

function resourcesOfType(stack: TerraformStack, type: string): Json[] {
  return Object.values(JSON.parse(Testing.synth(stack)).resource?.[type] ?? {});
}

describe("ResourceGroup", () => {
  test("defaults: generated name `rg-<prefix>-<id>`, location, no tags, no lock", () => {
    const stack = newStack();
    new ResourceGroup(stack, "Integration", { location: "westeurope", namePrefix: "contoso-dev" });
    expect(resourcesOfType(stack, "azurerm_resource_group")).toEqual([{ name: "rg-contoso-dev-integration", location: "westeurope" }]);
    expect(resourcesOfType(stack, "azurerm_management_lock")).toHaveLength(0);
  });

  test("kebab-cases the id and has no path suffix (resource group names are not global)", () => {
    const stack = newStack();
    new ResourceGroup(stack, "OrderProcessing", { location: "westeurope", namePrefix: "contoso-dev" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ResourceGroupResource, { name: "rg-contoso-dev-order-processing" });
  });

  test("without a prefix the name is `rg-<id>`", () => {
    const stack = newStack();
    new ResourceGroup(stack, "Integration", { location: "westeurope" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ResourceGroupResource, { name: "rg-integration" });
  });

  test("a long prefix and id are truncated to 90 characters", () => {
    const stack = newStack();
    const rg = new ResourceGroup(stack, "IntegrationServices".repeat(6), { location: "westeurope", namePrefix: "contoso-integration-dev" });
    const [group] = resourcesOfType(stack, "azurerm_resource_group");
    expect(group.name.length).toBeLessThanOrEqual(90);
    expect(group.name.startsWith("rg-contoso-integration-dev-integration-services-")).toBe(true);
    expect(group.name).not.toMatch(/[-.]$/);
    expect(rg.resource.nameInput).toBe(group.name);
  });

  test("an explicit name and tags are used as given", () => {
    const stack = newStack();
    new ResourceGroup(stack, "Integration", { location: "northeurope", name: "RG_Integration(Prod)", namePrefix: "ignored", tags: { owner: "team-a" } });
    expect(resourcesOfType(stack, "azurerm_resource_group")).toEqual([{ name: "RG_Integration(Prod)", location: "northeurope", tags: { owner: "team-a" } }]);
  });

  test("an explicit name ending with '.' is rejected with a clear error", () => {
    const stack = newStack();
    expect(() => new ResourceGroup(stack, "Integration", { location: "westeurope", name: "rg-integration." })).toThrow(ValidationError);
    expect(() => new ResourceGroup(stack, "Integration2", { location: "westeurope", name: "rg-integration." })).toThrow(
      `test/Integration2: name "rg-integration." breaks the resourceGroup naming rule; use letters, digits, '_', '-', '.', '(' and ')', not ending with '.'`,
    );
  });

  test("an explicit name over 90 characters is rejected", () => {
    const stack = newStack();
    const name = `rg-${"x".repeat(88)}`;
    expect(() => new ResourceGroup(stack, "Integration", { location: "westeurope", name })).toThrow(
      `test/Integration: name "${name}" is 91 characters; a resourceGroup name must be 1-90; choose a name of 1 to 90 characters`,
    );
  });

  test("exposes the L1 resource as `Resource` and name, location and id as references to it", () => {
    const stack = newStack();
    const rg = new ResourceGroup(stack, "Integration", { location: "westeurope", namePrefix: "contoso-dev" });
    expect(rg.node.findChild("Resource")).toBe(rg.resource);
    for (const value of [rg.name, rg.location, rg.id]) expect(Token.isUnresolved(value)).toBe(true);
    expect(resolve(stack, [rg.name, rg.location, rg.id])).toEqual([
      "${azurerm_resource_group.Integration_61740D79.name}",
      "${azurerm_resource_group.Integration_61740D79.location}",
      "${azurerm_resource_group.Integration_61740D79.id}",
    ]);
  });

  test("no lock even in the prod profile unless asked for", () => {
    const stack = newStack("prod");
    new ResourceGroup(stack, "Integration", { location: "westeurope", namePrefix: "contoso-prod" });
    expect(resourcesOfType(stack, "azurerm_management_lock")).toHaveLength(0);
  });

  test("`lock: true` adds a CanNotDelete lock on the group", () => {
    const stack = newStack();
    const rg = new ResourceGroup(stack, "Integration", { location: "westeurope", namePrefix: "contoso-dev", lock: true });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ManagementLock, {
      name: "lock-rg-contoso-dev-integration",
      scope: resolve(stack, rg.id),
      lock_level: "CanNotDelete",
    });
    expect(rg.node.tryFindChild("Lock")).toBeInstanceOf(ManagementLock);
  });

  test("lock options set the level and notes", () => {
    const stack = newStack();
    new ResourceGroup(stack, "Integration", { location: "westeurope", lock: { level: "ReadOnly", notes: "Frozen." } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ManagementLock, { lock_level: "ReadOnly", notes: "Frozen." });
  });

  test("`lock: false` adds no lock", () => {
    const stack = newStack("prod");
    new ResourceGroup(stack, "Integration", { location: "westeurope", lock: false });
    expect(resourcesOfType(stack, "azurerm_management_lock")).toHaveLength(0);
  });
});

describe("ResourceGroup.fromName", () => {
  test("builds the ARM id from subscription and name, and keeps name and location", () => {
    expect(ResourceGroup.fromName("11111111-2222-3333-4444-555555555555", "rg-shared", "swedencentral")).toEqual({
      name: "rg-shared",
      location: "swedencentral",
      id: "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shared",
    });
  });
});
