// Issue #10: the patterns wire constructs through their L2 members and take profile defaults from PROFILES only.
import * as fs from "fs";
import * as path from "path";
import { PROFILES, ProfileDefaults } from "../../constructs/core";
import { gateway } from "./api-gateway/fixtures";
import { broker } from "./message-broker/fixtures";

const PATTERNS = path.resolve(__dirname, "../../patterns");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });
}

/** `file:line: text` of every line of the patterns' code matching `pattern`. */
function linesMatching(pattern: RegExp): string[] {
  return sources(PATTERNS).flatMap((file) =>
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .map((line, i) => `${path.relative(PATTERNS, file)}:${i + 1}: ${line.trim()}`)
      .filter((line) => pattern.test(line.slice(line.indexOf(": ") + 2))),
  );
}

describe("the patterns' code", () => {
  test("reads no attribute of a construct's L1 resource (`.resource.<x>`) and no L1 input of a name or VNet", () => {
    expect(linesMatching(/\.resource\.\w|\b(nameInput|virtualNetwork\w*Input)\b/)).toEqual([]);
  });

  test("creates no factory entity behind the factory's back (`entities.claim/add`)", () => {
    expect(linesMatching(/\.entities\.(claim|add)\b/)).toEqual([]);
  });

  test("decides no default by comparing the profile's name: the defaults are PROFILES'", () => {
    expect(linesMatching(/profile\s*[!=]==/)).toEqual([]);
  });
});

describe("the API Management defaults come from PROFILES", () => {
  const saved = { dev: { ...PROFILES.dev }, prod: { ...PROFILES.prod } };
  /** Changes a profile for one test: the patterns must follow the table, not a copy of it. */
  function withProfile(profile: "dev" | "prod", change: Partial<ProfileDefaults>): void {
    Object.assign(PROFILES[profile], change);
  }
  afterEach(() => {
    Object.assign(PROFILES.dev, saved.dev);
    Object.assign(PROFILES.prod, saved.prod);
  });

  test("the table: dev Developer and not injected, prod Premium and injected", () => {
    expect(PROFILES.dev).toMatchObject({ apiManagementSku: "Developer", apiManagementVnetInjection: false });
    expect(PROFILES.prod).toMatchObject({ apiManagementSku: "Premium", apiManagementVnetInjection: true });
  });

  test("api-gateway and message-broker take the tier from apiManagementSku", () => {
    withProfile("dev", { apiManagementSku: "Premium" });
    expect(gateway().gateway.service?.sku).toBe("Premium");
    expect(broker().broker.apiManagement.sku).toBe("Premium");
  });

  test("api-gateway injects in prod only while apiManagementVnetInjection is on", () => {
    expect(gateway({}, { profile: "prod" }).gateway.service?.virtualNetworkType).toBe("Internal");
    withProfile("prod", { apiManagementVnetInjection: false });
    const { gateway: gw } = gateway({}, { profile: "prod" });
    expect(gw.service?.virtualNetworkType).toBe("None");
    expect(gw.apiManagementSubnet).toBeUndefined();
    expect(gw.ingress).toBeUndefined();
  });
});
