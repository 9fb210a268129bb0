import * as path from "path";
import { Construct } from "constructs";
import { IntegrationContext } from "../../../constructs/core/context";
import { cidrContains, deployTimeOperations, endpointNetwork, networkPath } from "../../../constructs/core/deploy-time";
import { deployerPosition, grantToDeployer } from "../../../constructs/core/deployer";
import { timeProvider, waitFor } from "../../../constructs/core/time";
import { EventDestination, EventGridTopic } from "../../../constructs/event-grid";
import { FunctionApp } from "../../../constructs/function-app";
import { PolicyPack } from "../../../policy/policy-pack";
import { RULES } from "../../../policy/rules";
import { waitsFor } from "../../dependency-graph";
import { Json, makeStack, PROD_CONTEXT, synth } from "../../helpers";

// The stack's encryption key is not under test here (customer-managed-key.test.ts); its vault would be the first write a public deployer fails.
const NO_KEY = { customerManagedKey: { optOut: "The key vault is not under test: this test is about another endpoint." } } as const;

const ORDERS = path.resolve(__dirname, "../function-app/fixtures/orders");
const INTEGRATION_SUBNET = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/integration";
const PROD = { ...PROD_CONTEXT, network: { ...PROD_CONTEXT.network!, integrationSubnetId: INTEGRATION_SUBNET } };
const OPEN = { publicNetworkAccess: true, defaultAction: "Allow", ipRules: [], privateEndpoint: false } as const;

describe("networkPath: can the deployer reach the endpoint from where it sits", () => {
  test.each([
    ["a public deployer, an endpoint open to all", { network: "public", egressIpRanges: [] }, OPEN, true],
    [
      "a public deployer, public access off",
      { network: "public", egressIpRanges: [] },
      { ...OPEN, publicNetworkAccess: false, privateEndpoint: true },
      false,
    ],
    ["a public deployer, deny without egress ranges", { network: "public", egressIpRanges: [] }, { ...OPEN, defaultAction: "Deny" }, false],
    [
      "a public deployer whose egress range is admitted",
      { network: "public", egressIpRanges: ["203.0.113.8/29"] },
      { ...OPEN, defaultAction: "Deny", ipRules: ["203.0.113.0/24"] },
      true,
    ],
    [
      "a public deployer with one range not admitted",
      { network: "public", egressIpRanges: ["203.0.113.8/29", "198.51.100.1"] },
      { ...OPEN, defaultAction: "Deny", ipRules: ["203.0.113.0/24"] },
      false,
    ],
    [
      "a private deployer with a private endpoint",
      { network: "private", egressIpRanges: [] },
      { ...OPEN, publicNetworkAccess: false, privateEndpoint: true },
      true,
    ],
    ["a private deployer, no private endpoint, deny", { network: "private", egressIpRanges: [] }, { ...OPEN, defaultAction: "Deny" }, false],
  ] as const)("%s", (_name, deployer, endpoint, reachable) => {
    expect(networkPath(deployer, endpoint).reachable).toBe(reachable);
  });

  test("settings only known at deploy time count as open; only literals close", () => {
    expect(
      endpointNetwork("x", {
        publicNetworkAccess: "${var.public}",
        defaultAction: "${var.action}",
        ipRules: ["${var.ip}", "203.0.113.1"],
        privateEndpoint: false,
      })
    ).toEqual({
      name: "x",
      publicNetworkAccess: true,
      defaultAction: "Allow",
      ipRules: ["203.0.113.1"],
      privateEndpoint: false,
    });
  });

  test("cidrContains", () => {
    expect(cidrContains("10.0.0.0/8", "10.1.2.0/24")).toBe(true);
    expect(cidrContains("10.1.2.0/24", "10.0.0.0/8")).toBe(false);
    expect(cidrContains("203.0.113.7", "203.0.113.7/32")).toBe(true);
    expect(cidrContains("0.0.0.0/0", "198.51.100.0/24")).toBe(true);
    expect(cidrContains("2001:db8::/32", "2001:db8::1")).toBe(false);
  });
});

describe("deployer helpers", () => {
  test("grantToDeployer grants the deployer without a principal type; deployerPosition creates no data source", () => {
    const stack = makeStack();
    expect(deployerPosition(stack)).toEqual({ network: "public", egressIpRanges: [], objectId: undefined });
    expect(synth(stack).data).toBeUndefined();
    grantToDeployer(new Construct(stack, "Access"), "/subscriptions/0/resourceGroups/rg", "Reader");
    const [grant] = Object.values<Json>(synth(stack).resource.azurerm_role_assignment);
    expect(grant).toEqual(
      expect.objectContaining({ principal_id: "${data.azurerm_client_config.ClientConfig.object_id}", role_definition_name: "Reader" })
    );
    expect(grant).not.toHaveProperty("principal_type");
  });

  test("one time provider per stack, however many waits", () => {
    const stack = makeStack();
    expect(timeProvider(stack)).toBe(timeProvider(new Construct(stack, "Deep")));
    waitFor(stack, "A", { after: [], duration: "1s", triggers: { a: "1" } });
    waitFor(stack, "B", { after: [], duration: "1s", triggers: { b: "1" } });
    const json = synth(stack);
    expect(json.provider.time).toHaveLength(1);
    expect(Object.keys(json.resource.time_sleep)).toHaveLength(2);
  });
});

describe("deploy-time operations of a FunctionApp", () => {
  test("are recorded with their target, role assignment and endpoint", () => {
    const stack = makeStack(PROD);
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS } });
    // The first operation in prod is the creation of the stack's encryption key.
    const op = deployTimeOperations(stack).find((o) => o.operation === "upload the code package")!;
    expect(op).toMatchObject({ resource: app.packageBlob, operation: "upload the code package", grant: app.deployerGrant });
    expect(op.endpoint).toEqual({
      name: "blob endpoint of test/Orders/Storage",
      publicNetworkAccess: false,
      defaultAction: "Deny",
      ipRules: [],
      privateEndpoint: true,
      privateEndpointResource: app.hostStorage.privateEndpoints.blob?.resource,
    });
    // A private deployer's upload waits for that endpoint (and its DNS record).
    expect(waitsFor(synth(stack), `azurerm_storage_blob.${app.packageBlob?.friendlyUniqueId}`)).toContain(
      `azurerm_private_endpoint.${app.hostStorage.privateEndpoints.blob?.resource.friendlyUniqueId}`,
    );
  });

  test("a public deployer with egress ranges gets them admitted by the host storage firewall it uploads through", () => {
    const stack = makeStack({ deployer: { network: "public", egressIpRanges: ["203.0.113.0/24"] } });
    new FunctionApp(stack, "Orders", {
      code: { path: ORDERS },
      plan: "ElasticPremium",
      integrationSubnetId: INTEGRATION_SUBNET,
      zoneRedundant: false,
    });
    const [account] = Object.values<Json>(synth(stack).resource.azurerm_storage_account);
    expect(account.network_rules).toMatchObject({ default_action: "Deny", ip_rules: ["203.0.113.0/24"] });
    expect(deployTimeOperations(stack)[0].endpoint.ipRules).toEqual(["203.0.113.0/24"]);
  });

  test("a public deployer without egress ranges against a host storage firewall that denies: synthesis stops", () => {
    const stack = makeStack();
    expect(
      () =>
        new FunctionApp(stack, "Orders", {
          code: { path: ORDERS },
          plan: "ElasticPremium",
          integrationSubnetId: INTEGRATION_SUBNET,
          zoneRedundant: false,
        })
    ).toThrow(
      'test/Orders: deployer.network "public" cannot reach the blob endpoint of test/Orders/Storage to upload the code package ' +
        "(test/Orders/Package): the endpoint has a firewall that denies by default, and the deployer lists no egress ranges to admit; " +
        "list the deployer's public egress ranges",
    );
  });

  test("a public deployer against a private Flex Consumption app: synthesis stops at the one deploy", () => {
    expect(
      () =>
        new FunctionApp(makeStack({ ...PROD, deployer: { network: "public" } }), "Orders", {
          code: { path: ORDERS },
          plan: "FlexConsumption",
          integrationSubnetId: "/subnets/flex",
          storageAccountProps: NO_KEY,
        })
    ).toThrow(
      'test/Orders: deployer.network "public" cannot reach the SCM endpoint of test/Orders to publish the code package ' +
        "(test/Orders/CodeDeployment): the endpoint has public network access off",
    );
  });
});

describe("AIC-DEP-001 over a synthesized FunctionApp", () => {
  /** A prod app with the pack reduced to AIC-DEP-001, and the paths the rule reports. */
  function prodApp(): { app: FunctionApp; findings: () => string[] } {
    const stack = makeStack(PROD);
    const pack = PolicyPack.apply(stack, { rules: RULES.filter((r) => r.id === "AIC-DEP-001") });
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS } });
    return { app, findings: () => pack.evaluate().map((f) => `${f.ruleId} ${f.path}`) };
  }

  test("passes as built", () => {
    expect(prodApp().findings()).toEqual([]);
  });

  test("fires when the upload loses the deployer's role (an escape hatch moved the grant to another principal)", () => {
    const { app, findings } = prodApp();
    app.deployerGrant?.addOverride("principal_id", "${azurerm_user_assigned_identity.Orders_PackageIdentity_B3B6319E.principal_id}");
    expect(findings()).toEqual(["AIC-DEP-001 test/Orders/Package"]);
  });

  test("fires when the private deployer loses its path: the blob private endpoint now connects elsewhere", () => {
    const { app, findings } = prodApp();
    app.hostStorage.privateEndpoints.blob?.resource.addOverride(
      "private_service_connection.private_connection_resource_id",
      "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other"
    );
    expect(findings()).toEqual(["AIC-DEP-001 test/Orders/Package"]);
  });
});

describe("Event Grid subscriptions to a FunctionApp", () => {
  test("wait for its code deployment, however the user builds the subscription", () => {
    const stack = makeStack();
    IntegrationContext.set(stack, {});
    const app = new FunctionApp(stack, "Orders", { code: { path: ORDERS } });
    const topic = new EventGridTopic(stack, "Events");
    const fn = app.registeredFunctions[0].name;
    topic.addSubscription("mine", { destination: EventDestination.azureFunction(app.id, fn) });
    const json = synth(stack);
    const [subscription] = Object.keys(json.resource.azurerm_eventgrid_event_subscription);
    const [deployment] = Object.keys(json.resource.terraform_data);
    expect(waitsFor(json, `azurerm_eventgrid_event_subscription.${subscription}`)).toContain(`terraform_data.${deployment}`);
  });

  test("to an app outside this construct tree: nothing to wait for", () => {
    const stack = makeStack();
    new EventGridTopic(stack, "Events").addSubscription("other", {
      destination: EventDestination.azureFunction("/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/sites/x", "f"),
    });
    expect(Object.values<Json>(synth(stack).resource.azurerm_eventgrid_event_subscription)[0]).not.toHaveProperty("depends_on");
  });
});
