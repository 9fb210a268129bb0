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
