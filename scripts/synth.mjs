// `npm run synth`: bundles the app with esbuild (~0.1 s, dependencies stay external) and runs
// it in this process. Much faster than ts-node or the cdktf CLI; cdktf.json uses it too.
import { buildSync } from "esbuild";
import { createRequire } from "module";
import { fileURLToPath } from "url";
import * as path from "path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, ".build", "main.js");
buildSync({
  entryPoints: [path.join(root, "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  logLevel: "warning",
});
createRequire(import.meta.url)(outfile);
