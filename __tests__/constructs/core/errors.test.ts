import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Fn, TerraformVariable, Token } from "cdktf";
import { invalid, isUnresolved, requireLiteral, ValidationError } from "../../../constructs/core/errors";
import { errorOf, fixture } from "../../helpers";

describe("ValidationError", () => {
  test("formats `<path>: <field> <value> <rule>; <fix>` with a quoted string value", () => {
    const e = new ValidationError("test/Bus", { field: "sku", value: "Standard", rule: "has no private endpoints", fix: 'use "Premium"' });
    expect(e.message).toBe('test/Bus: sku "Standard" has no private endpoints; use "Premium"');
  });

  test.each([
    [42, "42"],
    [true, "true"],
    [["a", "b"], '["a","b"]'],
    [{ days: 3 }, '{"days":3}'],
    [null, "null"],
  ])("formats the non-string value %j as JSON", (value, shown) => {
    const e = new ValidationError("test/X", { field: "retention", value, rule: "is out of range", fix: "use 7 to 90" });
    expect(e.message).toBe(`test/X: retention ${shown} is out of range; use 7 to 90`);
  });

  test("an empty string is still shown as a (quoted) value", () => {
    const e = new ValidationError("test/X", { field: "name", value: "", rule: "is empty", fix: "pass a name" });
    expect(e.message).toBe('test/X: name "" is empty; pass a name');
  });

  test("omits the value when the problem is a missing value", () => {
    const e = new ValidationError("test/X", { field: "resourceGroup", rule: "is not set", fix: "pass one" });
    expect(e.message).toBe("test/X: resourceGroup is not set; pass one");
  });

  test("is an Error named ValidationError that keeps the path and problem", () => {
    const problem = { field: "sku", value: "Basic", rule: "is too small", fix: "use Standard" };
    const e = new ValidationError("test/Bus", problem);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.name).toBe("ValidationError");
    expect(e.path).toBe("test/Bus");
    expect(e.problem).toEqual(problem);
  });
});

describe("invalid", () => {
  test("throws a ValidationError located at the construct's path", () => {
    const { stack } = fixture();
    const bus = new Construct(new Construct(stack, "MessageBroker"), "Bus");
    const e = errorOf(() => invalid(bus, { field: "sku", value: "Standard", rule: "has no private endpoints", fix: "use Premium" }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).path).toBe("test/MessageBroker/Bus");
    expect(e.message).toBe('test/MessageBroker/Bus: sku "Standard" has no private endpoints; use Premium');
  });
});

describe("isUnresolved", () => {
  test("is true for string, number and list tokens", () => {
    const { stack } = fixture();
    const v = new TerraformVariable(stack, "v", { type: "string" });
    expect(isUnresolved(v.stringValue)).toBe(true);
    expect(isUnresolved(`prefix-${v.stringValue}`)).toBe(true);
    expect(isUnresolved(v.numberValue)).toBe(true);
    expect(isUnresolved(v.listValue)).toBe(true);
    expect(isUnresolved(Fn.lower("ABC"))).toBe(true);
    expect(isUnresolved(Token.asString({ resolve: () => "x" }))).toBe(true);
  });

  test.each([["a literal"], [""], [0], [42], [false], [undefined], [null], [["a", "b"]], [{ a: "b" }]])("is false for the literal %j", (value) => {
    expect(isUnresolved(value)).toBe(false);
  });
});

describe("requireLiteral", () => {
  test("passes a literal, refuses a deploy-time value naming the field, what needs it and the fix", () => {
    const { stack } = fixture();
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    expect(() => requireLiteral(stack, "queue name", "orders")).not.toThrow();
    expect(() => requireLiteral(stack, "queue name", name)).toThrow(
      "test: queue name is a value known only at deploy time, but it names a construct (its Terraform address); pass a literal name",
    );
    expect(() => requireLiteral(stack, "serviceName", name, "names the DNS records", "pass the service name as a literal")).toThrow(
      "test: serviceName is a value known only at deploy time, but it names the DNS records; pass the service name as a literal",
    );
  });
});
