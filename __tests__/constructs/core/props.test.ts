import { Construct } from "constructs";
import { exclusiveProps } from "../../../constructs/core";
import { makeStack, messageOf } from "../../helpers";

describe("exclusiveProps", () => {
  const scope = () => new Construct(makeStack(), "Pattern");

  test("no conflict: nothing happens", () => {
    expect(() => exclusiveProps(scope(), [["existingBus", {}, "busProps", undefined], ["existingDb", undefined, "dbProps", {}]])).not.toThrow();
  });

  test("one existing resource conflicting with several props is one sentence naming them all", () => {
    const existing = {};
    expect(messageOf(() => exclusiveProps(scope(), [["existingApim", existing, "sku", "Premium"], ["existingApim", existing, "publisher", {}]]))).toBe(
      "test/Pattern: existingApim cannot be combined with sku, publisher, which shape a new resource; " +
        "configure the existing resource where it is defined, or drop existingApim to create one from sku, publisher",
    );
  });

  test("several existing resources: each with the props it conflicts with", () => {
    const pairs = [
      ["existingApim", {}, "sku", "Premium"],
      ["existingDb", {}, "dbProps", {}],
      ["existingApim", {}, "publisher", {}],
    ] as const;
    expect(messageOf(() => exclusiveProps(scope(), pairs))).toBe(
      "test/Pattern: existingApim, existingDb cannot be combined with sku, publisher (existingApim), dbProps (existingDb), which shape new resources; " +
        "configure each existing resource where it is defined, or drop its existing* prop to create one from its props",
    );
  });
});
