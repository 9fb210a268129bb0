import { DataResource, TerraformStack, Testing } from "cdktf";
import { terraformData } from "../../../constructs/core/terraform-data";

/** The `terraform version` checks cdktf attached to `resource` (each runs a child process at synth). */
function terraformVersionChecks(resource: DataResource): number {
  const validations = (resource.node as unknown as { _validations?: { binary?: string }[] })._validations ?? [];
  return validations.filter((v) => v.binary === "terraform").length;
}

test("terraformData drops cdktf's per-resource `terraform version` check (a child process each, at synth)", () => {
  const stack = new TerraformStack(Testing.app(), "test");
  expect(terraformVersionChecks(new DataResource(stack, "Plain", {}))).toBe(1);
  const ours = terraformData(stack, "Ours", {});
  expect(terraformVersionChecks(ours)).toBe(0);
  expect(ours.node.validate()).toEqual([]);
});
