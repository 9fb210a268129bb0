import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

// The public API, one sorted list of names per entry point. A name added to or removed from an
// entry point changes the snapshot: the change to the public API shows in the diff and is reviewed.
// The entry points are named lists (no `export *`), so their text is the list; the values are
// checked against what the compiled module really exports.
const ROOT = path.resolve(__dirname, "..");
const ENTRY_POINTS = { "azure-integration-cdktf": "index.ts", "azure-integration-cdktf/authoring": "authoring.ts", "azure-integration-cdktf/app": "app.ts",
  "azure-integration-cdktf/testing": "testing.ts" };

interface Surface {
  readonly values: string[];
  readonly types: string[];
  readonly exportStar: string[];
}

/** The names a module's `export { ... }` / `export type { ... }` statements list. */
function surfaceOf(file: string): Surface {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const values: string[] = [];
  const types: string[] = [];
  const exportStar: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (!clause || ts.isNamespaceExport(clause)) {
      exportStar.push(statement.getText());
      continue;
    }
    for (const element of clause.elements) (statement.isTypeOnly || element.isTypeOnly ? types : values).push(element.name.text);
  }
  const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, "en"));
  return { values: sorted(values), types: sorted(types), exportStar };
}

const surfaces = Object.entries(ENTRY_POINTS).map(([entry, file]) => ({ entry, file, ...surfaceOf(path.join(ROOT, file)) }));

test.each(surfaces)("$entry ($file) lists its names: no export *", ({ exportStar }) => {
  expect(exportStar).toEqual([]);
});

test.each(surfaces)("$entry: the listed values are what the module exports", ({ file, values }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = Object.keys(require(path.join(ROOT, file))).sort((a, b) => a.localeCompare(b, "en"));
  expect(loaded).toEqual(values);
});

test("every folder index.ts is a named list (no export *)", () => {
  const indexes = ["constructs", "patterns", "policy"].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "index.ts").map((f) => path.join(dir, f)),
  );
  expect(indexes.length).toBeGreaterThan(20);
  expect(indexes.filter((f) => surfaceOf(path.join(ROOT, f)).exportStar.length > 0)).toEqual([]);
});

test("the public API, per entry point", () => {
  const api = Object.fromEntries(surfaces.map(({ entry, values, types }) => [entry, { count: values.length + types.length, values, types }]));
  expect(api).toMatchSnapshot();
});

test("no name is exported twice from one entry point", () => {
  for (const { entry, values, types } of surfaces) {
    const all = [...values, ...types];
    expect({ entry, duplicates: all.filter((n, i) => all.indexOf(n) !== i) }).toEqual({ entry, duplicates: [] });
  }
});
