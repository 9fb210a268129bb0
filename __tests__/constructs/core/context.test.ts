import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Testing, TerraformStack } from "cdktf";
import { IntegrationContext, IPrivateNetwork } from "../../../constructs/core/context";
import { ValidationError } from "../../../constructs/core/errors";
import { PROFILES } from "../../../constructs/core/profiles";
import { ResourceGroup } from "../../../constructs/resource-group";
import { errorOf, fixture, RESOURCE_GROUP, SUBSCRIPTION_ID } from "../../helpers";

const OTHER_RG = ResourceGroup.fromName(SUBSCRIPTION_ID, "rg-other", "northeurope");

describe("IntegrationContext.of", () => {
  test("a construct inherits the stack's context", () => {
    const { stack } = fixture();
    const child = new Construct(new Construct(stack, "A"), "B");
    const ctx = IntegrationContext.of(child);
    expect(ctx.resourceGroup).toBe(RESOURCE_GROUP);
    expect(ctx.namePrefix).toBe("contoso-dev");
  });

  test("the nearest scope wins per field; other fields still come from above", () => {
    const { stack } = fixture({ allowedIpRanges: ["203.0.113.0/24"] });
    const inner = new Construct(stack, "Inner");
    IntegrationContext.set(inner, { namePrefix: "contoso-prod" });
    const leaf = new Construct(inner, "Leaf");
    const ctx = IntegrationContext.of(leaf);
    expect(ctx.namePrefix).toBe("contoso-prod");
    expect(ctx.resourceGroup).toBe(RESOURCE_GROUP);
    expect(ctx.allowedIpRanges).toEqual(["203.0.113.0/24"]);
  });

  test("a context set below does not leak to siblings or parents", () => {
    const { stack } = fixture();
    const inner = new Construct(stack, "Inner");
    const sibling = new Construct(stack, "Sibling");
    IntegrationContext.set(inner, { resourceGroup: OTHER_RG });
    expect(IntegrationContext.of(inner).resourceGroup).toBe(OTHER_RG);
    expect(IntegrationContext.of(sibling).resourceGroup).toBe(RESOURCE_GROUP);
    expect(IntegrationContext.of(stack).resourceGroup).toBe(RESOURCE_GROUP);
  });

  test("context on the app reaches every stack; the stack's own value wins", () => {
    const app = Testing.app();
    IntegrationContext.set(app, { namePrefix: "from-app", profile: "prod" });
    const a = new TerraformStack(app, "a");
    const b = new TerraformStack(app, "b");
    IntegrationContext.set(b, { namePrefix: "from-stack" });
    expect(IntegrationContext.of(a).namePrefix).toBe("from-app");
    expect(IntegrationContext.of(b).namePrefix).toBe("from-stack");
    expect(IntegrationContext.of(b).profile).toBe("prod");
  });

  test("an undefined field does not override a value from above", () => {
    const { stack } = fixture();
    const inner = new Construct(stack, "Inner");
    IntegrationContext.set(inner, { namePrefix: undefined, resourceGroup: undefined });
    expect(IntegrationContext.of(inner).namePrefix).toBe("contoso-dev");
    expect(IntegrationContext.of(inner).resourceGroup).toBe(RESOURCE_GROUP);
  });

  test("an empty context is just the dev profile", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "bare");
    expect(IntegrationContext.of(stack)).toEqual({ profile: "dev", defaults: PROFILES.dev });
  });
});

describe("IntegrationContext.set", () => {
  test("merges with what is already set on the same scope", () => {
    const { stack } = fixture();
    const network: IPrivateNetwork = { privateEndpointSubnetId: "/subnets/pep", privateDnsZoneId: () => undefined };
    IntegrationContext.set(stack, { profile: "prod" });
    IntegrationContext.set(stack, { network });
    const ctx = IntegrationContext.of(stack);
    expect(ctx.resourceGroup).toBe(RESOURCE_GROUP);
    expect(ctx.namePrefix).toBe("contoso-dev");
    expect(ctx.profile).toBe("prod");
    expect(ctx.network).toBe(network);
  });

  test("a later value for the same field on the same scope replaces the earlier one", () => {
    const { stack } = fixture();
    IntegrationContext.set(stack, { namePrefix: "contoso-test" });
    expect(IntegrationContext.of(stack).namePrefix).toBe("contoso-test");
  });

  test("does not mutate the props object it is given", () => {
    const { stack } = fixture();
    const props = { namePrefix: "x", profile: undefined };
    IntegrationContext.set(stack, props);
    expect(props).toEqual({ namePrefix: "x", profile: undefined });
  });
});

describe("profile", () => {
  test("defaults to dev with the dev defaults", () => {
    const { stack } = fixture();
    const ctx = IntegrationContext.of(stack);
    expect(ctx.profile).toBe("dev");
    expect(ctx.defaults).toEqual(PROFILES.dev);
  });

  test.each(["dev", "prod"] as const)("`defaults` equals PROFILES[%s]", (profile) => {
    const { stack } = fixture({ profile });
    const ctx = IntegrationContext.of(new Construct(stack, "X"));
    expect(ctx.profile).toBe(profile);
    expect(ctx.defaults).toEqual(PROFILES[profile]);
  });

  test("prod is the secure profile: private networking, zone redundancy and locks", () => {
    expect(PROFILES.prod).toMatchObject({ privateNetworking: true, zoneRedundancy: true, locks: true });
    expect(PROFILES.dev).toMatchObject({ privateNetworking: false, zoneRedundancy: false, locks: false });
  });

  test("per-service defaults live in the profiles: prod provisions, dev scales down", () => {
    expect(PROFILES.prod).toMatchObject({
      serviceBusSku: "Premium",
      sqlSku: "GP_Gen5_2",
      sqlBackupStorageRedundancy: "Geo",
      functionAppPlan: { plan: "ElasticPremium", sku: "EP1" },
      apiManagementSamplingPercentage: 25,
    });
    expect(PROFILES.dev).toMatchObject({
      serviceBusSku: "Standard",
      sqlSku: "GP_S_Gen5_1",
      sqlBackupStorageRedundancy: "Local",
      functionAppPlan: { plan: "FlexConsumption", sku: "FC1" },
      apiManagementSamplingPercentage: 100,
    });
  });
});

describe("IntegrationContext.resourceGroup", () => {
  test("props win over the context", () => {
    const { stack } = fixture();
    expect(IntegrationContext.resourceGroup(new Construct(stack, "X"), OTHER_RG)).toBe(OTHER_RG);
  });

  test("falls back to the context", () => {
    const { stack } = fixture();
    expect(IntegrationContext.resourceGroup(new Construct(stack, "X"), undefined)).toBe(RESOURCE_GROUP);
  });

  test("a clear error at the construct's path when there is none", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "bare");
    const queue = new Construct(stack, "Queue");
    const e = errorOf(() => IntegrationContext.resourceGroup(queue, undefined));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe(
      "bare/Queue: resourceGroup is not set and no IntegrationContext above this construct provides one; pass resourceGroup in props or call IntegrationContext.set(stack, { resourceGroup })",
    );
  });
});
