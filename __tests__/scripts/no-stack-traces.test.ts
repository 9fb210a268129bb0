import { createRequire } from "module";
import * as path from "path";
import { IResolvable, Lazy } from "cdktf";

// jest.config.js and scripts/synth.mjs swap the framework's private stack-trace module for the
// stub. A function the stub lacks fails every suite at load (cdktn 0.24 added one), and a mapping
// that stops matching silently costs the speed-up: both are checked here, for whichever framework
// this flavour installs.
const nodeRequire = createRequire(__filename); // Node's own require: no moduleNameMapper
const stub = nodeRequire("../../scripts/no-stack-traces.cjs") as Record<string, unknown>;
const framework = path.dirname(require.resolve("cdktf/package.json"));
const REAL = {
  framework: path.join(framework, "lib", "tokens", "private", "stack-trace.js"),
  constructs: path.join(path.dirname(nodeRequire.resolve("constructs/package.json", { paths: [framework] })), "lib", "private", "stack-trace.js"),
};

test.each(Object.entries(REAL))("the stub exports every function of the %s's stack-trace module", (_name, file) => {
  const real = nodeRequire(file) as Record<string, unknown>;
  const functions = Object.keys(real).filter((k) => typeof real[k] === "function");
  expect(functions.length).toBeGreaterThan(0);
  const missing = functions.filter((f) => typeof stub[f] !== "function");
  expect(missing).toEqual([]);
});

test("the framework's tokens get the stub: no stack trace captured at creation", () => {
  const token = Lazy.anyValue({ produce: () => 1 }) as unknown as IResolvable;
  expect(token.creationStack).toEqual([]);
});
