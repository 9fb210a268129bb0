import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { loadEnvironment } from "../../config/environment";
import { addEnvironmentStacks, synthesizeEnvironments } from "../../stacks/app";

const ROOT = path.resolve(__dirname, "../..");
const dev = loadEnvironment(path.join(ROOT, "config"), "dev");

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
}

describe("synthesizeEnvironments", () => {
  test("writes every stack and reports its resource count", () => {
    const outdir = path.join(tmp(), "cdktf.out");
    const stacks = synthesizeEnvironments([dev], outdir);
    expect(stacks.map((s) => s.name)).toEqual(["api-gateway-dev", "message-broker-dev", "event-driven-dev", "data-pipeline-dev"]);
    for (const s of stacks) {
      const json = JSON.parse(fs.readFileSync(s.file, "utf8"));
      expect(Object.values(json.resource as Record<string, object>).reduce((n, r) => n + Object.keys(r).length, 0)).toBe(s.resources);
    }
    expect(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks).toHaveProperty("api-gateway-dev");
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test("a failure mid-synthesis leaves the previous output untouched and no partial output", () => {
    const outdir = path.join(tmp(), "cdktf.out");
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, "previous.txt"), "kept");
    // The second stack fails validation after the first was already written by cdktf.
    const validate = jest.spyOn(TerraformStack.prototype, "runAllValidations");
    validate.mockImplementationOnce(() => undefined).mockImplementationOnce(() => {
      throw new Error("validation failed");
    });
    try {
      expect(() => synthesizeEnvironments([dev], outdir)).toThrow("validation failed");
    } finally {
      validate.mockRestore();
    }
    expect(fs.readdirSync(outdir)).toEqual(["previous.txt"]);
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });
});

describe("npm run synth (the app as users run it)", () => {
  test("synthesizes the chosen environment and prints a table", () => {
    const outdir = path.join(tmp(), "out");
    const stdout = execFileSync("node", ["scripts/synth.mjs", "--env", "prod"], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
    expect(stdout.split("\n")[0]).toMatch(/^stack\s+resources\s+policy \(warnings\/suppressed\)\s+output$/);
    expect(stdout).toMatch(new RegExp(`^message-broker-prod\\s+\\d+\\s+\\d+/\\d+\\s+${outdir}/stacks/message-broker-prod/cdk.tf.json$`, "m"));
    // Unsuppressed warnings are listed by path and rule; prod has none since both API Management services are Internal (#12).
    expect(stdout).not.toContain("policy warnings:");
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["api-gateway-prod", "data-pipeline-prod", "event-driven-prod", "message-broker-prod"]);
    // Next to each stack, its diagram and access matrix (policy/diagram.ts).
    const diagram = fs.readFileSync(path.join(outdir, "stacks", "message-broker-prod", "diagram.md"), "utf8");
    expect(diagram).toMatch(/^# message-broker-prod\n\n```mermaid\nflowchart LR\n[\s\S]*\| principal \| role \| scope \|/);
    // The bundled app (see scripts/synth.mjs) writes exactly what the library synthesizes.
    const [stack] = addEnvironmentStacks(Testing.app(), loadEnvironment(path.join(ROOT, "config"), "prod"));
    const written = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"), (key, value) => (key === "//" ? undefined : value));
    expect(written).toEqual(JSON.parse(Testing.synth(stack)));
  });

  test("the app bundle runs the stack-trace stub in place of the framework's module (cdktf or cdktn)", () => {
    // The synth above built it. A path that stops matching would cost the speed-up silently.
    const bundle = fs.readFileSync(path.join(ROOT, ".build", "main.js"), "utf8");
    // The bundle is whitespace-minified: no spaces around the tokens.
    const body = /"node_modules\/cdkt[fn]\/lib\/tokens\/private\/stack-trace\.js"\(\w*\) ?\{([^}]*)\}/.exec(bundle)?.[1];
    expect(body).toBeDefined();
    expect(body).not.toContain("Error.captureStackTrace");
    for (const name of ["captureStackTrace", "captureCreationStack"]) expect(body).toMatch(new RegExp(`\\.${name} ?= ?\\(\\) ?=> ?\\[\\]`));
  });

  test("--hcl writes every stack's HCL (npm run synth -- --hcl)", () => {
    const outdir = path.join(tmp(), "out");
    const stdout = execFileSync("node", ["scripts/synth.mjs", "--env", "dev", "--hcl"], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
    expect(stdout).toMatch(new RegExp(`^event-driven-dev\\s+\\d+\\s+\\d+/\\d+\\s+${outdir}/stacks/event-driven-dev/cdk.tf$`, "m"));
    for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
      expect({ stack, files: fs.readdirSync(path.join(outdir, "stacks", stack)).filter((f) => f.startsWith("cdk.tf")) }).toEqual({ stack, files: ["cdk.tf"] });
    }
  });

  test("a bad environment exits non-zero with the file and field, writing nothing", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "config"));
    fs.writeFileSync(path.join(dir, "config", "dev.json"), JSON.stringify({ location: "westeurope", namePrefix: "BAD", profile: "dev" }));
    const run = spawnSync("node", [path.join(ROOT, "scripts/synth.mjs")], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`synth failed: ${path.join(dir, "config", "dev.json")}: invalid environment`);
    expect(run.stderr).toContain('namePrefix: "BAD" must be 2-12 lower-case letters');
    expect(fs.existsSync(path.join(dir, "cdktf.out"))).toBe(false);
  });

  test("two environments owning the same resource groups exit non-zero and leave cdktf.out as it was", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "config"));
    const env = { location: "westeurope", namePrefix: "same", profile: "dev", apiPublisher: { name: "Contoso", email: "api@contoso.example" } };
    // A BOM, as some Windows editors write it, is no error.
    fs.writeFileSync(path.join(dir, "config", "dev.json"), `\uFEFF${JSON.stringify(env)}`);
    fs.writeFileSync(path.join(dir, "config", "test.json"), JSON.stringify(env));
    fs.mkdirSync(path.join(dir, "cdktf.out"));
    fs.writeFileSync(path.join(dir, "cdktf.out", "previous.txt"), "kept");
    const run = spawnSync("node", [path.join(ROOT, "scripts/synth.mjs")], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('synth failed: environments "dev" and "test": namePrefix "same" is the same in both and neither sets subscriptionId');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(path.join(dir, "cdktf.out"))).toEqual(["previous.txt"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["cdktf.out", "config"]);
  });
});
