import * as fs from "fs";
import * as path from "path";

const PATTERNS = path.resolve(__dirname, "../../patterns");
const PATTERN_READMES = fs
  .readdirSync(PATTERNS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => path.join(PATTERNS, entry.name, "README.md"));

/** The text of the `## <title>` section (up to the next `## `), or undefined. */
function section(markdown: string, title: string): string | undefined {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** The numbered steps of a section before its first `###` subsection. */
function steps(text: string): string[] {
  const body = text.split(/^### /m)[0];
  return body.split("\n").filter((line) => /^\d+\.\s/.test(line));
}

describe.each(PATTERN_READMES.map((file) => [path.relative(PATTERNS, file), file]))("%s", (_, file) => {
  const markdown = fs.readFileSync(file, "utf8");
  const afterDeploy = section(markdown, "After deploy");

  test("lists at most two steps after deploy, numbered", () => {
    expect(afterDeploy).toBeDefined();
    const list = steps(afterDeploy as string);
    expect(list.length).toBeLessThanOrEqual(2);
    list.forEach((line, i) => expect(line.startsWith(`${i + 1}. `)).toBe(true));
  });

  test("says what stays manual and why, and links the deploy prerequisites", () => {
    expect(afterDeploy).toMatch(/^### What stays manual, and why$/m);
    expect(afterDeploy).toContain("README.md#deploy-prerequisites");
  });
});

test("every pattern has a README, and the root README has the deploy prerequisites they link", () => {
  expect(PATTERN_READMES.map((f) => path.basename(path.dirname(f))).sort()).toEqual([
    "api-gateway",
    "data-pipeline",
    "event-driven",
    "message-broker",
  ]);
  for (const file of PATTERN_READMES) expect(fs.existsSync(file)).toBe(true);
  const root = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  expect(root).toMatch(/^#### Deploy prerequisites$/m);
});

test("the counting itself: a third step, or steps after a subsection, are seen", () => {
  const three = "## After deploy\n\n1. a\n2. b\n3. c\n\n## Next\n";
  expect(steps(section(three, "After deploy") as string)).toHaveLength(3);
  const sub = "## After deploy\n\n1. a\n\n### What stays manual, and why\n\n1. not a step\n";
  expect(steps(section(sub, "After deploy") as string)).toHaveLength(1);
  expect(section("## Other\n1. a\n", "After deploy")).toBeUndefined();
});
