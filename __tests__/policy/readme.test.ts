import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../policy/rules";

// policy/README.md documents the rule-id scheme; these keep it true as rules are added.
const README = fs.readFileSync(path.resolve(__dirname, "../../policy/README.md"), "utf8");

test("every service prefix of the pack is in the README's id table", () => {
  const prefixes = [...new Set(RULES.map((r) => r.id.split("-")[1]))].sort();
  const table = README.slice(README.indexOf("| prefix |"), README.indexOf("Numbers:"));
  expect(prefixes.filter((p) => !table.includes(`\`${p}\``))).toEqual([]);
});

test.each([
  ["020", / send logs and metrics to Log Analytics$/],
  ["021", / are protected by a CanNotDelete lock in prod$/],
  ["022", / are reached through a private endpoint in prod$/],
  ["023", / disable public network access in prod$/],
  ["024", / have a managed identity$/],
])("every %s rule is of its shared family", (number, title) => {
  const family = RULES.filter((r) => r.id.endsWith(`-${number}`));
  expect(family.length).toBeGreaterThan(3);
  for (const rule of family) expect({ id: rule.id, title: rule.title }).toEqual({ id: rule.id, title: expect.stringMatching(title) });
});

test("service rules number 001-019, shared families 020-024", () => {
  expect(RULES.map((r) => r.id).filter((id) => !/^AIC-[A-Z]+-0(0[1-9]|1\d|2[0-4])$/.test(id))).toEqual([]);
});

// Ids named in the README: `AIC-X-001`, a range `AIC-X-001`–`004`, or a pair `AIC-X-001`/`002`.
function namedIds(text: string): Set<string> {
  const named = new Set<string>();
  for (const [, prefix, first, sep, last] of text.matchAll(/AIC-([A-Z]+)-(\d{3})(?:`?([–/])`?(\d{3}))?/g)) {
    const from = Number(first);
    const to = sep === "–" ? Number(last) : from;
    for (let n = from; n <= to; n++) named.add(`AIC-${prefix}-${String(n).padStart(3, "0")}`);
    if (sep === "/") named.add(`AIC-${prefix}-${last}`);
  }
  return named;
}

test("every rule numbered per concern (the platform, reachability, reference, deployer and encryption files) is named in the README", () => {
  const files = ["rules/platform.ts", "rules/reachability.ts", "rules/references.ts", "rules/deployer.ts", "rules/encryption.ts"];
  const rows = README.slice(README.indexOf("| prefix |"), README.indexOf("Numbers:")).split("\n");
  const prefixes = new Set(
    rows.filter((row) => files.some((f) => row.includes(`\`${f}\``))).flatMap((row) => [...row.split("|")[1].matchAll(/`([A-Z]+)`/g)].map((m) => m[1])),
  );
  expect([...prefixes].sort()).toEqual(["CMK", "DEP", "IAM", "MON", "NET", "REF", "SEC", "TF"]);
  const named = namedIds(README);
  const own = RULES.map((r) => r.id).filter((id) => prefixes.has(id.split("-")[1]) && !/-02[0-4]$/.test(id));
  expect(own.filter((id) => !named.has(id))).toEqual([]);
});
