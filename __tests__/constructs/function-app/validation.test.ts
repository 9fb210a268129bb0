import * as path from "path";
import { Fn, Testing } from "cdktf";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { FunctionApp, FunctionAppProps } from "../../../constructs/function-app";
import { Monitoring } from "../../../constructs/monitoring";
import { Network, SubnetDelegationName } from "../../../constructs/network";
import { StorageAccount } from "../../../constructs/storage";
import { makeStack, messageOf, PROD_CONTEXT, withProvider } from "../../helpers";

const ORDERS = path.resolve(__dirname, "fixtures/orders");
const HELLO = path.resolve(__dirname, "fixtures/hello");
const PROD: IntegrationContextProps = { ...PROD_CONTEXT, network: { ...PROD_CONTEXT.network!, integrationSubnetId: "/subnets/integration" } };

function messageFor(props: Partial<FunctionAppProps>, extra: IntegrationContextProps = {}): string {
  return messageOf(() => new FunctionApp(makeStack(extra), "Orders", { code: { path: ORDERS }, ...props }));
}

describe("FunctionApp plan validation", () => {
  test("a SKU from another plan is rejected", () => {
    expect(messageFor({ plan: "ElasticPremium", sku: "P1v3" })).toBe(
      'test/Orders: sku "P1v3" does not belong to the ElasticPremium plan; use one of EP1, EP2, EP3, or the plan the SKU belongs to',
    );
    expect(messageFor({ plan: "FlexConsumption", sku: "EP1" })).toBe(
      'test/Orders: sku "EP1" does not belong to the FlexConsumption plan; use one of FC1, or the plan the SKU belongs to',
    );
  });

  test("an unknown SKU is rejected", () => {
    expect(messageFor({ sku: "Y1" })).toBe(
      'test/Orders: sku "Y1" is not a Linux Functions SKU this library supports; use one of FC1, EP1, EP2, EP3, B1, B2, B3, S1, S2, S3, P1v2, P2v2, P3v2, P0v3, P1v3, P2v3, P3v3, P1mv3, P2mv3, P3mv3, P4mv3, P5mv3',
    );
  });

  test("a SKU known only at deploy time is rejected", () => {
    expect(messageFor({ sku: Fn.lower("EP1") })).toBe('test/Orders: sku must be known at synth time, it decides the plan\'s resources; pass a literal SKU such as "EP1"');
  });

  test.each([
    [
      "FlexConsumption",
      "zipDeploy",
      "azurerm 4.55 zip-deploys to /api/zipdeploy, which Flex Consumption apps do not have (azurerm #29630, fixed after 4.55 by #31937)",
      '"oneDeploy"',
    ],
    [
      "FlexConsumption",
      "packageBlob",
      "Flex Consumption apps do not read WEBSITE_RUN_FROM_PACKAGE; they run what one deploy puts in their deployment container",
      '"oneDeploy"',
    ],
    [
      "ElasticPremium",
      "zipDeploy",
      "Elastic Premium keeps zip-deployed packages on an Azure Files content share, which needs a storage key (shared keys are off)",
      '"packageBlob"',
    ],
    ["ElasticPremium", "oneDeploy", "one deploy (/api/publish) is the Flex Consumption route", '"packageBlob"'],
    ["Dedicated", "oneDeploy", "one deploy (/api/publish) is the Flex Consumption route", '"zipDeploy" or "packageBlob"'],
  ] as const)("code deployment on %s by %s is rejected", (plan, codeDeployment, reason, routes) => {
    expect(messageFor({ plan, codeDeployment })).toBe(
      `test/Orders: codeDeployment "${codeDeployment}" is not possible on the ${plan} plan: ${reason}; use ${routes} (or leave codeDeployment unset)`,
    );
  });

  test("a command-printed deployment is gone: the old value is refused, not ignored", () => {
    expect(messageFor({ plan: "Dedicated", codeDeployment: "command" as never })).toBe(
      'test/Orders: codeDeployment "command" is not possible on the Dedicated plan: it is not a code deployment route; ' +
        'use "zipDeploy" or "packageBlob" (or leave codeDeployment unset)',
    );
  });

  test.each([
    ["FC1", "FlexConsumption"],
    ["B1", "Dedicated"],
    ["S1", "Dedicated"],
  ])("zone redundancy on %s is rejected", (sku, plan) => {
    expect(messageFor({ sku, zoneRedundant: true })).toBe(
      `test/Orders: zoneRedundant true is not available for ${plan} ${sku}; use Elastic Premium (EP1-EP3) or a Premium v2/v3 Dedicated SKU, or set zoneRedundant: false`,
    );
  });
});

describe("FunctionApp instance validation", () => {
  test("minimumInstances does not apply to Flex Consumption", () => {
    expect(messageFor({ plan: "FlexConsumption", minimumInstances: 1 })).toBe(
      "test/Orders: minimumInstances 1 does not apply to Flex Consumption, which scales from zero; leave it out, or set always-ready instances on the resource (always_ready)",
    );
  });

  test("maximumInstances does not apply to Dedicated plans", () => {
    expect(messageFor({ sku: "P1v3", maximumInstances: 5 })).toBe(
      "test/Orders: maximumInstances 5 does not apply to Dedicated plans, which run a fixed number of instances; set minimumInstances, or add autoscale rules to servicePlan",
    );
  });

  test.each([
    [{ plan: "FlexConsumption", maximumInstances: 39 }, {}, "maximumInstances 39 is not a whole number from 40 to 1000 for FlexConsumption; set maximumInstances to 40-1000"],
    [{ plan: "FlexConsumption", maximumInstances: 1001 }, {}, "maximumInstances 1001 is not a whole number from 40 to 1000 for FlexConsumption; set maximumInstances to 40-1000"],
    [{ plan: "ElasticPremium", minimumInstances: 0 }, {}, "minimumInstances 0 is not a whole number from 1 to 100 for ElasticPremium; set minimumInstances to 1-100"],
    [{ plan: "ElasticPremium", minimumInstances: 2.5 }, {}, "minimumInstances 2.5 is not a whole number from 1 to 100 for ElasticPremium; set minimumInstances to 1-100"],
    [{ plan: "ElasticPremium", minimumInstances: 5, maximumInstances: 4 }, {}, "maximumInstances 4 is not a whole number from 5 to 100 for ElasticPremium; set maximumInstances to 5-100"],
    [{ plan: "ElasticPremium", minimumInstances: 1 }, PROD, "minimumInstances 1 is not a whole number from 2 to 100 for ElasticPremium (zone-redundant); set minimumInstances to 2-100"],
    [{ sku: "P1v3", minimumInstances: 31 }, {}, "minimumInstances 31 is not a whole number from 1 to 30 for Dedicated; set minimumInstances to 1-30"],
  ] as [Partial<FunctionAppProps>, IntegrationContextProps, string][])("%p is rejected", (props, extra, message) => {
    expect(messageFor(props, extra)).toBe(`test/Orders: ${message}`);
  });
});

describe("FunctionApp wiring validation", () => {
  test("an app without any managed identity is rejected", () => {
    expect(messageFor({ identity: { systemAssigned: false } })).toBe(
      'test/Orders: identity {"systemAssigned":false} leaves the app without a managed identity, which its keyless host storage and connections need; keep the system-assigned identity or add a user-assigned one',
    );
  });

  test("an Elastic Premium app in a private network without an integration subnet is rejected", () => {
    expect(messageFor({}, PROD_CONTEXT)).toBe(
      "test/Orders: integrationSubnetId is not set, and in the IntegrationContext's private network this ElasticPremium app needs a subnet delegated to Microsoft.Web/serverFarms to reach its private host storage; pass integrationSubnetId (a subnet delegated to Microsoft.Web/serverFarms), or integrationSubnetId: false to keep the host storage on public endpoints",
    );
  });

  test("a Flex Consumption app in a private network needs its own (Microsoft.App/environments) subnet", () => {
    expect(messageFor({ plan: "FlexConsumption" }, PROD)).toBe(
      "test/Orders: integrationSubnetId is not set, and in the IntegrationContext's private network this FlexConsumption app needs a subnet delegated to Microsoft.App/environments to reach its private host storage; pass integrationSubnetId (a subnet delegated to Microsoft.App/environments), or integrationSubnetId: false to keep the host storage on public endpoints",
    );
  });

  test("an existing storage account and props for a new one are rejected together", () => {
    const stack = makeStack();
    const shared = new StorageAccount(stack, "Shared");
    expect(messageOf(() => new FunctionApp(stack, "Orders", { code: { path: ORDERS }, existingStorageAccount: shared, storageAccountProps: { replication: "ZRS" } }))).toBe(
      "test/Orders: existingStorageAccount cannot be combined with storageAccountProps, which shape a new account; configure the existing account where it is defined, or drop existingStorageAccount to get a dedicated one",
    );
  });

  test("monitoring and applicationInsights are rejected together", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    expect(messageOf(() => new FunctionApp(stack, "Orders", { code: { path: ORDERS }, monitoring, applicationInsights: false }))).toBe(
      "test/Orders: monitoring cannot be combined with applicationInsights; both choose where telemetry goes; pass one of them",
    );
  });

  test("a Monitoring without Application Insights is rejected when passed explicitly", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring", { applicationInsights: false });
    expect(messageOf(() => new FunctionApp(stack, "Orders", { code: { path: ORDERS }, monitoring }))).toBe(
      "test/Orders: monitoring has no Application Insights component (applicationInsights: false); create the Monitoring with Application Insights, or pass applicationInsights: false to send no telemetry",
    );
  });

  test("a name that breaks the Function App naming rule is rejected", () => {
    expect(messageFor({ name: "orders_api" })).toBe(
      'test/Orders: name "orders_api" breaks the functionApp naming rule; use letters, digits and hyphens, starting and ending with a letter or digit',
    );
  });
});

describe("FunctionApp subnet delegation", () => {
  /** A Flex (or other) app on subnet `key` of a network whose `flex` subnet is delegated to `delegation`, synthesized with validations. */
  const onSubnet = (delegation: SubnetDelegationName, plan: FunctionAppProps["plan"] = "FlexConsumption") => {
    const stack = withProvider(makeStack());
    const network = new Network(stack, "Net", {
      addressSpace: ["10.0.0.0/24"],
      subnets: { privateEndpoints: { addressPrefix: "10.0.0.0/26", privateEndpoints: true }, flex: { addressPrefix: "10.0.0.64/26", delegation } },
    });
    new FunctionApp(stack, "Orders", { code: { path: HELLO }, plan, integrationSubnetId: network.subnetId("flex") });
    return () => Testing.synth(stack, true);
  };
  const refused = (plan: string, found: string, needed: string) =>
    `[test/Orders] test/Orders: integrationSubnetId names a subnet delegated to ${found}, `
    + `but a ${plan} app integrates only with a subnet delegated to ${needed}; `
    + `pass a subnet delegated to ${needed} (Network subnets: { <key>: { addressPrefix, delegation: "${needed}" } }); one subnet cannot serve both`;

  test("a Flex Consumption app on a Microsoft.Web/serverFarms subnet fails synth naming Microsoft.App/environments", () => {
    expect(onSubnet("Microsoft.Web/serverFarms")).toThrow(refused("FlexConsumption", "Microsoft.Web/serverFarms", "Microsoft.App/environments"));
  });

  test("a Dedicated-plan app on a Microsoft.App/environments subnet fails the other way", () => {
    const message = refused("Dedicated", "Microsoft.App/environments", "Microsoft.Web/serverFarms");
    expect(onSubnet("Microsoft.App/environments", "Dedicated")).toThrow(message);
  });

  test("the right delegation, and a subnet outside the stack, synthesize", () => {
    expect(onSubnet("Microsoft.App/environments")).not.toThrow();
    expect(onSubnet("Microsoft.Web/serverFarms", "Dedicated")).not.toThrow();
    const stack = withProvider(makeStack());
    new FunctionApp(stack, "Orders", { code: { path: HELLO }, plan: "FlexConsumption", integrationSubnetId: "/subnets/flex" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
