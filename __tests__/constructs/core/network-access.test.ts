import "cdktf/lib/testing/adapters/jest";
import { IntegrationContext } from "../../../constructs/core/context";
import { resolveNetworkAccess } from "../../../constructs/core/network-access";
import { fixture } from "../../helpers";

function contextWith(allowedIpRanges?: string[]) {
  const { stack } = fixture(allowedIpRanges ? { allowedIpRanges } : {});
  return IntegrationContext.of(stack);
}

describe("resolveNetworkAccess", () => {
  test("defaults without a private endpoint: public access on, firewall denies, no IP rules", () => {
    expect(resolveNetworkAccess(contextWith(), {}, false)).toEqual({ publicNetworkAccessEnabled: true, defaultAction: "Deny", ipRules: [] });
  });

  test("defaults with a private endpoint: public access off", () => {
    expect(resolveNetworkAccess(contextWith(), {}, true)).toEqual({ publicNetworkAccessEnabled: false, defaultAction: "Deny", ipRules: [] });
  });

  test("the context's allowed IP ranges become the IP rules", () => {
    expect(resolveNetworkAccess(contextWith(["203.0.113.0/24", "198.51.100.7/32"]), {}, false).ipRules).toEqual(["203.0.113.0/24", "198.51.100.7/32"]);
  });

  test("explicit allowed IP ranges win over the context's, even when empty", () => {
    const context = contextWith(["203.0.113.0/24"]);
    expect(resolveNetworkAccess(context, { allowedIpRanges: ["192.0.2.0/24"] }, false).ipRules).toEqual(["192.0.2.0/24"]);
    expect(resolveNetworkAccess(context, { allowedIpRanges: [] }, false).ipRules).toEqual([]);
  });

  test("`publicNetworkAccess: false` is kept without a private endpoint", () => {
    expect(resolveNetworkAccess(contextWith(), { publicNetworkAccess: false }, false).publicNetworkAccessEnabled).toBe(false);
  });

  test("`publicNetworkAccess: true` is kept with a private endpoint", () => {
    expect(resolveNetworkAccess(contextWith(), { publicNetworkAccess: true }, true).publicNetworkAccessEnabled).toBe(true);
  });

  test("firewallDefaultAction overrides Deny", () => {
    expect(resolveNetworkAccess(contextWith(), { firewallDefaultAction: "Allow" }, false).defaultAction).toBe("Allow");
  });

  test("the IP rules are a copy: changing them does not change the context", () => {
    const ranges = ["203.0.113.0/24"];
    const context = contextWith(ranges);
    resolveNetworkAccess(context, {}, false).ipRules.push("0.0.0.0/0");
    expect(context.allowedIpRanges).toEqual(["203.0.113.0/24"]);
    expect(ranges).toEqual(["203.0.113.0/24"]);
  });
});
