import * as path from "path";
import { Testing } from "cdktf";
import { ApiManagementSubscription } from "@cdktf/provider-azurerm/lib/api-management-subscription";
import { ApiManagement, ProductOptions } from "../../../constructs/api-management";
import { makeStack, messageOf, resourcesOfType, single } from "../../helpers";

const F = (file: string) => path.resolve(__dirname, "fixtures", file);
const REQUIRED = { publisherName: "Contoso", publisherEmail: "api-team@contoso.com" } as const;
const SERVICE_NAME = "${azurerm_api_management.Apim_95332D08.name}";

function service() {
  const stack = makeStack();
  return { stack, apim: new ApiManagement(stack, "Apim", REQUIRED) };
}

const productError = (options: ProductOptions, id = "gold") => messageOf(() => service().apim.addProduct(id, options));

describe("addProduct defaults", () => {
  const { stack, apim } = service();
  const orders = apim.addApi("orders", { path: "orders" });
  const product = apim.addProduct("gold", { displayName: "Gold", apis: [orders], policyFile: F("api-policy.xml") });
  const subscription = product.addSubscription("partner-a");
  const productResource = single(stack, "azurerm_api_management_product");

  test("requires subscriptions without approval and is published", () => {
    expect(productResource.config).toEqual({
      product_id: "gold",
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
      display_name: "Gold",
      subscription_required: true,
      approval_required: false,
      published: true,
    });
    expect(product.resource.node.id).toBe("Resource");
    expect(product.productId).toBe("gold");
    expect(apim.products.get("gold")).toBe(product);
  });

  test("links its APIs and carries its policy", () => {
    expect(single(stack, "azurerm_api_management_product_api").config).toEqual({
      product_id: productResource.ref("product_id"),
      api_name: single(stack, "azurerm_api_management_api").ref("name"),
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
    });
    expect(single(stack, "azurerm_api_management_product_policy").config.product_id).toBe(productResource.ref("product_id"));
    expect(product.addApi(orders)).toBe(product.apiLinks.get("orders"));
    expect(resourcesOfType(stack, "azurerm_api_management_product_api")).toHaveLength(1);
  });

  test("a subscription is active with tracing off, and its keys appear nowhere in the JSON", () => {
    expect(subscription).toBeInstanceOf(ApiManagementSubscription);
    expect(single(stack, "azurerm_api_management_subscription").config).toEqual({
      subscription_id: "partner-a",
      display_name: "partner-a",
      product_id: productResource.ref("id"),
      api_management_name: SERVICE_NAME,
      resource_group_name: "rg-test",
      state: "active",
      allow_tracing: false,
    });
    const json = Testing.synth(stack);
    expect(json).not.toContain("primary_key");
    expect(json).not.toContain('"output"');
    expect(product.subscriptions.get("partner-a")).toBe(subscription);
  });
});

describe("addProduct overrides", () => {
  test("approval with a limit, unpublished, with terms", () => {
    const { stack, apim } = service();
    apim.addProduct("gold", { displayName: "Gold", approvalRequired: true, subscriptionsLimit: 5, published: false, terms: "Be nice", description: "d" });
    expect(single(stack, "azurerm_api_management_product").config).toMatchObject({
      approval_required: true,
      subscriptions_limit: 5,
      published: false,
      terms: "Be nice",
      description: "d",
    });
  });

  test("an open product (subscriptionRequired false) sends no approval flag", () => {
    const { stack, apim } = service();
    apim.addProduct("open", { displayName: "Open", subscriptionRequired: false });
    const config = single(stack, "azurerm_api_management_product").config;
    expect(config.subscription_required).toBe(false);
    expect(config).not.toHaveProperty("approval_required");
  });
});

describe("addProduct validation", () => {
  test("approval needs a subscriptions limit", () => {
    expect(productError({ displayName: "Gold", approvalRequired: true })).toBe(
      'test/Apim: product "gold" requires approval without a subscriptionsLimit; set subscriptionsLimit (azurerm sends approvalRequired only with a limit)',
    );
  });

  test.each([{ subscriptionsLimit: 3 }, { approvalRequired: false }])("%p without subscriptions is rejected", (extra) => {
    expect(productError({ displayName: "Gold", subscriptionRequired: false, ...extra })).toBe(
      'test/Apim: product "gold" sets subscriptionsLimit or approvalRequired without requiring subscriptions; drop them or leave subscriptionRequired on (API Management ignores them otherwise)',
    );
  });

  test.each([0, 2.5])("subscriptionsLimit %p is rejected", (limit) => {
    expect(productError({ displayName: "Gold", subscriptionsLimit: limit })).toBe(
      `test/Apim: subscriptionsLimit of product "gold" ${limit} is not a whole number of at least 1; set it to 1 or more, or leave it out for no limit`,
    );
  });

  test("product ids are valid and unique", () => {
    expect(productError({ displayName: "Gold" }, "gold plan")).toBe(
      `test/Apim: product name "gold plan" breaks the API Management naming rule; use 1-80 letters, digits, '-' and '_', starting and ending with a letter or digit`,
    );
    const { apim } = service();
    apim.addProduct("gold", { displayName: "Gold" });
    expect(() => apim.addProduct("gold", { displayName: "Gold" })).toThrow('test/Apim: product id "gold" is already defined on this service; add each product once');
  });

  test("subscriptions need a product that requires them, a valid name, once", () => {
    const { apim } = service();
    const open = apim.addProduct("open", { displayName: "Open", subscriptionRequired: false });
    expect(() => open.addSubscription("a")).toThrow(
      'test/Apim: subscription "a" is added to product "open", which requires no subscription; leave subscriptionRequired on for products with subscriptions',
    );
    const gold = apim.addProduct("gold", { displayName: "Gold" });
    gold.addSubscription("a");
    expect(() => gold.addSubscription("a")).toThrow('test/Apim: subscription name "a" is already defined on product "gold"; add each subscription once');
    expect(() => gold.addSubscription("a b")).toThrow(/^test\/Apim: subscription name "a b" breaks the API Management naming rule/);
  });

  test("APIs of another service are refused", () => {
    const { stack, apim } = service();
    const other = new ApiManagement(stack, "Other", REQUIRED);
    const foreign = other.addApi("orders", { path: "orders" });
    expect(() => apim.addProduct("gold", { displayName: "Gold", apis: [foreign] })).toThrow(
      'test/Apim: api "orders" belongs to another API Management service (test/Other/Api-orders); add APIs of this service only',
    );
  });
});
