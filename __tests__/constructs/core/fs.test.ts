import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { atomicWriteFile } from "../../../constructs/core/fs";

describe("atomicWriteFile", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("creates the folder, writes the content, and leaves no temporary file", () => {
    const file = path.join(dir, "a", "b", "cache.json");
    atomicWriteFile(file, "{}");
    atomicWriteFile(file, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["cache.json"]);
  });

  test("a failed write keeps the old file whole and removes the temporary one", () => {
    const file = path.join(dir, "kept.txt");
    atomicWriteFile(file, "old");
    // A folder where the file should be: the rename fails after the temporary file was written.
    const blocked = path.join(dir, "blocked");
    fs.mkdirSync(path.join(blocked, "not-empty"), { recursive: true });
    expect(() => atomicWriteFile(blocked, "new")).toThrow();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(fs.readFileSync(file, "utf8")).toBe("old");
  });
});
