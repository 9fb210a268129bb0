import { TerraformVariable } from "cdktf";
import { terraformLiteral } from "../../../constructs/core/terraform-text";
import { makeStack, resolved } from "../../helpers";

describe("terraformLiteral", () => {
  test.each([
    ["plain text", "plain text"],
    ["${a} and ${b}", "$${a} and $${b}"],
    ["%{ if x }y%{ endif }", "%%{ if x }y%%{ endif }"],
    ["$ and % and {braces} and @{logic-app}", "$ and % and {braces} and @{logic-app}"],
  ])("%p becomes %p", (text, escaped) => {
    expect(terraformLiteral(text)).toBe(escaped);
  });

  test("tokens are left alone, so they still resolve to Terraform references", () => {
    const stack = makeStack();
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    const text = terraformLiteral(JSON.stringify({ literal: "${not-terraform}", reference: name, mixed: `%{x}-${name}-\${y}` }));
    expect(resolved(stack, text)).toBe('{"literal":"$${not-terraform}","reference":"${var.name}","mixed":"%%{x}-${var.name}-$${y}"}');
  });
});
