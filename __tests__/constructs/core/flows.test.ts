import { Testing } from "cdktf";
import { recordDeployerFlow, recordFlow, recordHole, recordedFlows, recordedHoles } from "../../../constructs/core/flows";
import { StorageAccount } from "../../../constructs/storage";
import { PolicyPack } from "../../../policy/policy-pack";
import { PROD_CONTEXT, makeStack, messageOf, withProvider } from "../../helpers";

// The stack's encryption key is not under test here (customer-managed-key.test.ts); its vault would be the first write a public deployer fails.
const NO_KEY = { customerManagedKey: { optOut: "The key vault is not under test: this test is about another endpoint." } } as const;

describe("recordFlow", () => {
  test("keeps the stack's flows in the order they were recorded, apart from other stacks'", () => {
    const a = makeStack();
    const b = makeStack();
    recordFlow(a, { caller: { runsIn: "multi-tenant" }, target: "x", purpose: "first" });
    recordFlow(a, { caller: { runsIn: "vnet" }, target: "y", purpose: "second" });
    recordFlow(b, { caller: { runsIn: "internet" }, target: "z", purpose: "other stack" });
    expect(recordedFlows(a).map((f) => f.purpose)).toEqual(["first", "second"]);
    expect(recordedFlows(b).map((f) => [f.purpose, f.scope])).toEqual([["other stack", b]]);
  });

  test("an empty purpose stops synthesis with the construct path and the fix", () => {
    const stack = makeStack();
    expect(messageOf(() => recordFlow(stack, { caller: { runsIn: "vnet" }, target: "x", purpose: " " }))).toBe(
      'test: flow purpose " " is empty; say what the calls do',
    );
  });
});

describe("recordHole", () => {
  test("needs a reason of a sentence", () => {
    const stack = makeStack();
    expect(messageOf(() => recordHole(stack, "x", "legacy"))).toBe(
      'test: hole reason "legacy" is not a sentence explaining why; name the Azure limit that keeps the public endpoint open',
    );
    recordHole(stack, "x", "Azure limit: the connector service cannot use private endpoints.", ["AzureConnectors"]);
    expect(recordedHoles(stack)).toEqual([expect.objectContaining({ target: "x", callers: ["AzureConnectors"] })]);
  });
});

describe("recordDeployerFlow (the hook for deploy-time data-plane operations)", () => {
  test("a deployer in an environment with a network runs in the VNet", () => {
    const stack = makeStack(PROD_CONTEXT);
    recordDeployerFlow(stack, "x", { endpoint: "blob", purpose: "upload the package" });
    expect(recordedFlows(stack)[0].caller).toEqual({ runsIn: "vnet", service: "Deployer", egress: [] });
  });

  test("a public deployer runs on the internet from its egress ranges", () => {
    const stack = makeStack({ deployer: { network: "public", egressIpRanges: ["203.0.113.0/28"] } });
    recordDeployerFlow(stack, "x", { endpoint: "blob", purpose: "upload the package" });
    expect(recordedFlows(stack)[0].caller).toEqual({ runsIn: "internet", service: "Deployer", egress: ["203.0.113.0/28"] });
  });

  test("the pack judges it: a public deployer cannot reach a private-only account, and the fix says where to run", () => {
    const stack = withProvider(makeStack({ ...PROD_CONTEXT, deployer: { network: "public", egressIpRanges: ["203.0.113.0/28"] } }));
    PolicyPack.apply(stack);
    const account = new StorageAccount(stack, "Packages", NO_KEY);
    recordDeployerFlow(account, account, { endpoint: "blob", purpose: "upload the package" });
    expect(messageOf(() => Testing.synth(stack, true))).toContain(
      'test/Packages → test/Packages/Resource (upload the package): the deployer runs on the internet (deployer.network "public"), and the ' +
        "storage account has " +
        'public network access off; fix: run the deployment inside the VNet (deployer.network "private") against the private endpoints; or ' +
        "turn publicNetworkAccess on " +
        "with allowedIpRanges admitting 203.0.113.0/28",
    );
  });

  test("a private deployer reaches the account's private endpoint", () => {
    const stack = withProvider(makeStack(PROD_CONTEXT));
    const pack = PolicyPack.apply(stack);
    const account = new StorageAccount(stack, "Packages");
    recordDeployerFlow(account, account, { endpoint: "blob", purpose: "upload the package" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(pack.report().flows).toEqual([expect.objectContaining({ runsIn: "vnet", path: "private endpoint (blob)" })]);
  });
});
