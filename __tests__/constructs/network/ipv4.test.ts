import { contains, formatIpv4, isNetworkCidr, networkCidr, overlaps, parseCidr, subnet } from "../../../constructs/core/ipv4";

describe("parseCidr", () => {
  test("returns the block's first and last address", () => {
    expect(parseCidr("10.0.0.0/16")).toEqual({ address: 167772160, prefixLength: 16, start: 167772160, end: 167837695 });
    expect(parseCidr("192.168.1.7/32")).toEqual({ address: 3232235783, prefixLength: 32, start: 3232235783, end: 3232235783 });
  });

  test("handles the extremes without sign errors", () => {
    expect(parseCidr("0.0.0.0/0")).toEqual({ address: 0, prefixLength: 0, start: 0, end: 4294967295 });
    expect(parseCidr("255.255.255.255/32")?.start).toBe(4294967295);
  });

  test("keeps the address as written and clears host bits in start", () => {
    const block = parseCidr("10.0.0.1/16");
    expect(block?.address).toBe(167772161);
    expect(block?.start).toBe(167772160);
  });

  test.each(["10.0.0/16", "10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "10.0.0.0/-1", "010.0.0.0/8", "10.0.0.0/08", "a.b.c.d/8", " 10.0.0.0/8", ""])(
    "rejects %p",
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});

describe("isNetworkCidr / networkCidr", () => {
  test("a network address has its host bits zero", () => {
    expect(isNetworkCidr("10.0.0.0/16")).toBe(true);
    expect(isNetworkCidr("10.0.0.1/16")).toBe(false);
    expect(isNetworkCidr("not-a-cidr")).toBe(false);
  });

  test("networkCidr clears host bits", () => {
    expect(networkCidr("10.1.2.3/16")).toBe("10.1.0.0/16");
    expect(networkCidr("172.16.5.200/26")).toBe("172.16.5.192/26");
  });
});

describe("formatIpv4", () => {
  test("prints dotted quads", () => {
    expect(formatIpv4(0)).toBe("0.0.0.0");
    expect(formatIpv4(167772417)).toBe("10.0.1.1");
    expect(formatIpv4(4294967295)).toBe("255.255.255.255");
  });
});

describe("contains", () => {
  test("inner blocks at the edges and the block itself are contained", () => {
    expect(contains("10.0.0.0/16", "10.0.0.0/24")).toBe(true);
    expect(contains("10.0.0.0/16", "10.0.255.0/24")).toBe(true);
    expect(contains("10.0.0.0/16", "10.0.0.0/16")).toBe(true);
  });

  test("outside or larger blocks are not", () => {
    expect(contains("10.0.0.0/16", "10.1.0.0/24")).toBe(false);
    expect(contains("10.0.0.0/16", "10.0.0.0/15")).toBe(false);
  });
});

describe("overlaps", () => {
  test("is symmetric and counts shared edges", () => {
    expect(overlaps("10.0.0.0/24", "10.0.0.128/25")).toBe(true);
    expect(overlaps("10.0.0.128/25", "10.0.0.0/24")).toBe(true);
    expect(overlaps("10.0.0.0/16", "10.0.255.255/32")).toBe(true);
  });

  test("adjacent blocks do not overlap", () => {
    expect(overlaps("10.0.0.0/24", "10.0.1.0/24")).toBe(false);
    expect(overlaps("10.0.0.0/25", "10.0.0.128/25")).toBe(false);
  });

  test("malformed input is a RangeError", () => {
    expect(() => overlaps("10.0.0.0/24", "nope")).toThrow(new RangeError('"nope" is not an IPv4 CIDR'));
  });
});

describe("subnet", () => {
  test("returns the index-th block of the new size", () => {
    expect(subnet("10.0.0.0/16", 24, 0)).toBe("10.0.0.0/24");
    expect(subnet("10.0.0.0/16", 24, 1)).toBe("10.0.1.0/24");
    expect(subnet("10.0.0.0/16", 24, 255)).toBe("10.0.255.0/24");
    expect(subnet("10.0.0.0/24", 25, 1)).toBe("10.0.0.128/25");
    expect(subnet("10.0.0.0/16", 16, 0)).toBe("10.0.0.0/16");
  });

  test("starts from the network address even when host bits are set", () => {
    expect(subnet("10.0.0.9/24", 26, 2)).toBe("10.0.0.128/26");
  });

  test("rejects sizes and indexes that do not fit", () => {
    expect(() => subnet("10.0.0.0/24", 16, 0)).toThrow("prefix length 16 does not fit in 10.0.0.0/24");
    expect(() => subnet("10.0.0.0/24", 33, 0)).toThrow("prefix length 33 does not fit in 10.0.0.0/24");
    expect(() => subnet("10.0.0.0/24", 26, 4)).toThrow("10.0.0.0/24 has 4 /26 blocks; index 4 is out of range");
    expect(() => subnet("10.0.0.0/24", 26, -1)).toThrow("index -1 is out of range");
  });
});
