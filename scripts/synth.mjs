// `npm run synth`: bundles the app with esbuild (~0.1 s, dependencies stay external) and runs
// it in this process. Much faster than ts-node or the cdktf CLI; cdktf.json uses it too.
import { buildSync } from "esbuild";
import { mkdirSync, renameSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { fileURLToPath } from "url";
import * as path from "path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, ".build", "main.js");
const [bundle] = buildSync({
  entryPoints: [path.join(root, "main.ts")],
  outfile,
  write: false,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  logLevel: "warning",
}).outputFiles;
// Write then rename: two synths started at once never run a half-written bundle.
mkdirSync(path.dirname(outfile), { recursive: true });
writeFileSync(`${outfile}.${process.pid}`, bundle.contents);
renameSync(`${outfile}.${process.pid}`, outfile);
createRequire(import.meta.url)(outfile);
