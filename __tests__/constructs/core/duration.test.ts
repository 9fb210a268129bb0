import { Token } from "cdktf";
import { checkDuration, durationSeconds } from "../../../constructs/core/duration";

import { makeStack, messageOf } from "../../helpers";

describe("durationSeconds", () => {
  test.each([
    ["PT1M", 60],
    ["PT30S", 30],
    ["PT1.5S", 1.5],
    ["PT1H30M", 5400],
    ["P14D", 14 * 86400],
    ["P1DT2H", 93600],
    ["P1M", 30 * 86400],
    ["P1Y", 365 * 86400],
    ["P10675199DT2H48M5.4775807S", 10675199 * 86400 + 2 * 3600 + 48 * 60 + 5.4775807],
  ])("%s is %p seconds", (value, seconds) => {
    expect(durationSeconds(value)).toBeCloseTo(seconds, 6);
  });

  test.each(["", "P", "PT", "P1DT", "1M", "PT1", "P1W", "pt1m", "PT-1M", "P1.5D", "PT1M30"])("%p is not a duration", (value) => {
    expect(durationSeconds(value)).toBeUndefined();
  });

  test("a week part is read only when asked for", () => {
    expect(durationSeconds("P2W", true)).toBe(14 * 86400);
    expect(durationSeconds("P1W1DT1H", true)).toBe(8 * 86400 + 3600);
    expect(durationSeconds("P1W")).toBeUndefined();
    expect(durationSeconds("P1D1W", true)).toBeUndefined();
  });
});

describe("checkDuration", () => {
  const scope = makeStack();

  test("accepts the bounds themselves, undefined and tokens", () => {
    expect(() => checkDuration(scope, "lockDuration", "PT5M", { min: "PT1S", max: "PT5M" })).not.toThrow();
    expect(() => checkDuration(scope, "lockDuration", "PT1S", { min: "PT1S", max: "PT5M" })).not.toThrow();
    expect(() => checkDuration(scope, "lockDuration", undefined, { max: "PT5M" })).not.toThrow();
    expect(() => checkDuration(scope, "lockDuration", Token.asString({ Ref: "x" }), { max: "PT5M" })).not.toThrow();
  });

  test("names the field, the value, the bound and the fix", () => {
    expect(messageOf(() => checkDuration(scope, "window", "P2D", { max: "P1D" }))).toBe('test: window "P2D" is longer than P1D, the maximum Azure allows; set window to at most P1D');
    expect(messageOf(() => checkDuration(scope, "window", "PT1S", { min: "PT20S" }))).toBe(
      'test: window "PT1S" is shorter than PT20S, the minimum Azure allows; set window to at least PT20S',
    );
    expect(messageOf(() => checkDuration(scope, "window", "ten minutes"))).toBe(
      'test: window "ten minutes" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D',
    );
  });

  test("weeks: true accepts a week part and bounds it like days", () => {
    expect(() => checkDuration(scope, "tripDuration", "P1W", { weeks: true })).not.toThrow();
    expect(messageOf(() => checkDuration(scope, "tripDuration", "P1W"))).toBe(
      'test: tripDuration "P1W" is not an ISO-8601 duration; write it as P[n]DT[n]H[n]M[n]S, e.g. PT30S, PT5M or P14D',
    );
    expect(messageOf(() => checkDuration(scope, "window", "P2W", { weeks: true, max: "P7D" }))).toBe(
      'test: window "P2W" is longer than P7D, the maximum Azure allows; set window to at most P7D',
    );
  });
});
