import { TerraformOutput, TerraformResource } from "cdktf";
import type * as Framework from "cdktf";
import type * as StorageBinding from "@cdktf/provider-azurerm/lib/storage-account";
import { TagDefaults } from "../../../constructs/core/tags";
import { PolicyPack } from "../../../policy/policy-pack";
import { fixture, synth } from "../../helpers";

// Two copies of the framework in one tree: what an npm alias (cdktn installed as `cdktf`) or a
// mixed cdktf/cdktn install loads. Classes of one copy are no `instanceof` the other's, so a
// check by class silently skipped every resource (no tags, no policy findings, synth exit 0).
// npm dedupes `constructs`, so the copies share it, as here.
function secondCopy(): { framework: typeof Framework; binding: typeof StorageBinding } {
  const constructs = jest.requireActual("constructs");
  let copy: { framework: typeof Framework; binding: typeof StorageBinding } | undefined;
  jest.isolateModules(() => {
    jest.doMock("constructs", () => constructs);
    copy = { framework: jest.requireActual("cdktf"), binding: jest.requireActual("@cdktf/provider-azurerm/lib/storage-account") };
  });
  if (!copy || copy.framework.TerraformResource === TerraformResource) throw new Error("no second copy loaded");
  return copy;
}

function foreignStorage(copy: ReturnType<typeof secondCopy>, scope: Framework.TerraformStack, shared: boolean) {
  return new copy.binding.StorageAccount(scope, "Foreign", {
    name: "stforeign",
    resourceGroupName: "rg-test",
    location: "westeurope",
    accountTier: "Standard",
    accountReplicationType: "LRS",
    sharedAccessKeyEnabled: shared,
  });
}

test("a resource of a second framework copy is one of ours by the type guards, not by instanceof", () => {
  const copy = secondCopy();
  const { stack } = fixture();
  const foreign = foreignStorage(copy, stack, false);
  // eslint-disable-next-line no-restricted-syntax -- the very check that fails across copies
  expect(foreign instanceof TerraformResource).toBe(false);
  expect(TerraformResource.isTerraformResource(foreign)).toBe(true);
});

test("TagDefaults tags the resources of a second framework copy", () => {
  const { stack } = fixture();
  TagDefaults.apply(stack, { environment: "dev" });
  foreignStorage(secondCopy(), stack, false);
  expect(synth(stack).resource.azurerm_storage_account.Foreign.tags).toEqual({ environment: "dev" });
});

test("the policy pack checks the resources and outputs of a second framework copy", () => {
  const copy = secondCopy();
  const { stack } = fixture();
  const pack = PolicyPack.apply(stack);
  foreignStorage(copy, stack, true);
  new copy.framework.TerraformOutput(stack, "connection", { value: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0" });
  new TerraformOutput(stack, "ours", { value: "plain" });
  const findings = pack.evaluate();
  expect(findings.filter((f) => f.path === "test/Foreign").map((f) => f.ruleId)).toContain("AIC-ST-001");
  expect(findings.filter((f) => f.path === "test/connection").map((f) => f.ruleId)).toEqual(["AIC-SEC-001"]);
});
