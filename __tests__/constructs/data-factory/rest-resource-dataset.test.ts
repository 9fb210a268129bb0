import { DataFactory } from "../../../constructs/data-factory";
import { makeStack, messageOf, resolved, resourcesOfType } from "../../helpers";

function factoryWithApi() {
  const stack = makeStack();
  const factory = new DataFactory(stack, "Factory");
  const api = factory.addRestLinkedService("OrdersApi", { url: "https://orders.contoso.com/api", authentication: { type: "Anonymous" } });
  return { stack, factory, api };
}

describe("DataFactory.addRestResourceDataset", () => {
  test("is a custom RestResource dataset on the linked service, its relative URL an expression when it starts with @", () => {
    const { stack, factory, api } = factoryWithApi();
    const dataset = factory.addRestResourceDataset("Changes", {
      linkedService: api,
      relativeUrl: "@dataset().relativeUrl",
      parameters: { relativeUrl: "" },
      folder: "sources",
      description: "changes",
    });
    const [config] = resourcesOfType(stack, "azurerm_data_factory_custom_dataset");
    expect(config).toMatchObject({
      name: "Changes",
      type: "RestResource",
      folder: "sources",
      description: "changes",
      parameters: { relativeUrl: "" },
      linked_service: { name: resolved(stack, api.resource.name) },
    });
    expect(JSON.parse(config.type_properties_json)).toEqual({ relativeUrl: { value: "@dataset().relativeUrl", type: "Expression" } });
    expect(factory.entities.find("dataset", "Changes")).toBe(dataset);
    expect(factory.datasets.get("Changes")).toBe(dataset);
  });

  test("a literal relative URL stays a string, and none leaves typeProperties empty", () => {
    const { stack, factory, api } = factoryWithApi();
    factory.addRestResourceDataset("Fixed", { linkedService: api, relativeUrl: "customers" });
    factory.addRestResourceDataset("Root", { linkedService: api });
    const [fixed, root] = resourcesOfType(stack, "azurerm_data_factory_custom_dataset");
    expect(JSON.parse(fixed.type_properties_json)).toEqual({ relativeUrl: "customers" });
    expect(JSON.parse(root.type_properties_json)).toEqual({});
  });

  test("claims the dataset name like every other dataset", () => {
    const { factory, api } = factoryWithApi();
    factory.addRestResourceDataset("Changes", { linkedService: api });
    expect(messageOf(() => factory.addRestResourceDataset("changes", { linkedService: api }))).toBe(
      'test/Factory: dataset name "changes" collides with "Changes" (Data Factory names are case-insensitive); give each dataset a unique name',
    );
  });

  test("takes only a REST linked service of this factory", () => {
    const { stack, factory } = factoryWithApi();
    const other = new DataFactory(stack, "Other");
    const foreign = other.addRestLinkedService("Api", { url: "https://x.contoso.com", authentication: { type: "Anonymous" } });
    expect(messageOf(() => factory.addRestResourceDataset("Changes", { linkedService: foreign }))).toMatch(/^test\/Factory: linkedService/);
  });
});

describe("DataFactory.sqlPrincipalName", () => {
  test("is the factory's literal name (its identity's display name), where name references the resource", () => {
    const { stack, factory } = factoryWithApi();
    expect(factory.sqlPrincipalName).toBe(resourcesOfType(stack, "azurerm_data_factory")[0].name);
    expect(factory.sqlPrincipalName).not.toBe(factory.name);
  });
});
