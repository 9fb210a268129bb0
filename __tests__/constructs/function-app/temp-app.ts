import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const NODE_MODULES = path.resolve(__dirname, "../../../node_modules");
const created: string[] = [];

/**
 * Writes a throwaway app folder outside the repository (so broken code never reaches tsc or
 * eslint) with the repository's node_modules linked in, so `@azure/functions` resolves.
 */
export function tempApp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "function-app-test-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  created.push(dir);
  return dir;
}

/** Removes every folder tempApp created (call from afterAll). */
export function removeTempApps(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
