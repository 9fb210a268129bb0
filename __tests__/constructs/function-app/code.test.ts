import * as fs from "fs";
import { strFromU8, unzipSync } from "fflate";
import * as os from "os";
import * as path from "path";
import { AssetType, Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { IntegrationContext } from "../../../constructs/core/context";
import { DEFAULT_FUNCTION_HOST_JSON, FunctionApp, FunctionAppProps } from "../../../constructs/function-app";
import { makeStack, messageOf, RESOURCE_GROUP, resourcesOfType } from "../../helpers";
import { removeTempApps, tempApp } from "./temp-app";

const HELLO = path.resolve(__dirname, "fixtures/hello");
const ORDERS = path.resolve(__dirname, "fixtures/orders");
const HTTP_APP = `import { app } from "@azure/functions";\napp.http("ping", { handler: async () => ({ body: "pong" }) });\n`;

afterAll(removeTempApps);

function functionApp(props: FunctionAppProps): FunctionApp {
  return new FunctionApp(makeStack(), "Orders", props);
}

describe("FunctionApp code bundle", () => {
  const app = functionApp({ code: { path: ORDERS } });
  const staged = app.build.directory;

  test("stages host.json, package.json and one bundle outside the repository", () => {
    expect(fs.readdirSync(staged).sort()).toEqual(["host.json", "index.js", "package.json"]);
    expect(staged.startsWith(os.tmpdir())).toBe(true);
    expect(staged.startsWith(path.resolve(__dirname, "../../.."))).toBe(false);
    expect(path.basename(staged)).toBe(app.build.hash.slice(0, 32));
  });

  test("host.json at the root is the generated v2 host.json with the v4 extension bundle and sampling", () => {
    const hostJson = JSON.parse(fs.readFileSync(path.join(staged, "host.json"), "utf8"));
    expect(hostJson).toEqual(DEFAULT_FUNCTION_HOST_JSON);
    expect(hostJson).toEqual({
      version: "2.0",
      logging: {
        logLevel: { default: "Information" },
        applicationInsights: { samplingSettings: { isEnabled: true, excludedTypes: "Request;Exception" } },
      },
      extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" },
    });
  });

  test("package.json points main at the bundle", () => {
    expect(JSON.parse(fs.readFileSync(path.join(staged, "package.json"), "utf8"))).toEqual({ name: "orders", version: "1.0.0", private: true, main: "index.js" });
  });

  test("the bundle carries @azure/functions and the handlers; only the worker's core module stays external", () => {
    const bundle = fs.readFileSync(path.join(staged, "index.js"), "utf8");
    expect(bundle).toBe(app.build.bundle);
    expect(bundle).toContain('"processOrder"');
    expect(bundle).toContain('"submitOrder"');
    expect(bundle).toContain("node_modules/@azure/functions/dist/azure-functions.js");
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toContain("@azure/functions-core");
    expect(required).not.toContain("@azure/functions");
    expect(required.filter((r) => r.startsWith("@") && r !== "@azure/functions-core")).toEqual([]);
  });

  test("the entry is every src/functions file, in name order", () => {
    expect(app.build.entries).toEqual(["src/functions/process-order.ts", "src/functions/submit-order.ts"]);
  });

  test("the asset is the staged files zipped under the content hash, the same bytes every time", () => {
    expect(app.asset.type).toBe(AssetType.FILE);
    expect(app.asset.assetHash).toBe(app.build.hash);
    expect(app.asset.path).toMatch(new RegExp(`^assets/Orders_Code_[0-9A-F]{8}/${app.build.hash}/${app.build.hash.slice(0, 32)}\\.zip$`));
    const entries = unzipSync(fs.readFileSync(app.build.packageFile));
    expect(Object.keys(entries).sort()).toEqual(["host.json", "index.js", "package.json"]);
    for (const name of Object.keys(entries)) expect(strFromU8(entries[name])).toBe(fs.readFileSync(path.join(app.build.directory, name), "utf8"));
  });

  test("the registered functions are read from the bundle, triggers and connections included", () => {
    expect(app.registeredFunctions.map((f) => [f.name, f.trigger])).toEqual([
      ["processOrder", "serviceBusTrigger"],
      ["submitOrder", "httpTrigger"],
    ]);
    const [processOrder, submitOrder] = app.registeredFunctions;
    expect(processOrder.bindings.map((b) => [b.type, b.direction, b.connections])).toEqual([
      ["serviceBusTrigger", "in", ["ServiceBusConnection"]],
      ["eventGrid", "out", ["EventGridConnection"]],
    ]);
    expect(submitOrder.bindings.map((b) => [b.type, b.direction, b.connections])).toEqual([
      ["httpTrigger", "in", []],
      ["http", "out", []],
      ["serviceBus", "out", ["ServiceBusConnection"]],
    ]);
  });
});

describe("FunctionApp code synthesis", () => {
  test("cdktf synth archives the staged folder where zip_deploy_file points", () => {
    const outdir = tempApp({});
    const app = Testing.app({ outdir });
    const stack = new TerraformStack(app, "functions");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "test" });
    const orders = new FunctionApp(stack, "Orders", { code: { path: ORDERS }, sku: "P1v3" });
    orders.connectServiceBus("ServiceBusConnection", { fullyQualifiedNamespace: "sbns-x.servicebus.windows.net", grantReceive: () => undefined, grantSend: () => undefined }, "both");
    orders.connectEventGrid("EventGridConnection", { endpoint: "https://evgt-x.westeurope-1.eventgrid.azure.net/api/events", grantPublish: () => undefined });
    app.synth();
    const stackDir = path.join(outdir, "stacks", "functions");
    const config = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    const zipPath = Object.values(config.resource.azurerm_linux_function_app as Record<string, { zip_deploy_file: string }>)[0].zip_deploy_file;
    expect(zipPath).toBe(orders.asset.path);
    const zip = fs.readFileSync(path.join(stackDir, zipPath));
    expect(zip.subarray(0, 2).toString()).toBe("PK");
    // The central directory names each entry in plain text: the three files sit at the archive root.
    for (const name of ["host.json", "index.js", "package.json"]) expect(zip.includes(Buffer.from(name))).toBe(true);
    expect(zip.includes(Buffer.from("/host.json"))).toBe(false);
  });
});

describe("FunctionApp code determinism", () => {
  test("the same sources give the same hash and folder; a changed handler a new one", () => {
    const first = functionApp({ code: { path: ORDERS } });
    const second = functionApp({ code: { path: ORDERS } });
    expect(second.build.hash).toBe(first.build.hash);
    expect(second.build.directory).toBe(first.build.directory);

    const dir = tempApp({ "index.ts": HTTP_APP });
    const before = functionApp({ code: { path: dir } }).build.hash;
    fs.writeFileSync(path.join(dir, "index.ts"), HTTP_APP.replace("pong", "PONG"));
    const after = functionApp({ code: { path: dir } }).build.hash;
    expect(after).not.toBe(before);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
  });

  test("an already staged hash is reused as it is", () => {
    const app = functionApp({ code: { path: HELLO } });
    const marker = path.join(app.build.directory, "host.json");
    const mtime = fs.statSync(marker).mtimeMs;
    functionApp({ code: { path: HELLO } });
    expect(fs.statSync(marker).mtimeMs).toBe(mtime);
  });

  test("buildDirectory moves the staging folder", () => {
    const buildDirectory = tempApp({});
    const app = functionApp({ code: { path: HELLO }, buildDirectory });
    expect(path.dirname(app.build.directory)).toBe(buildDirectory);
  });
});

describe("FunctionApp code entries", () => {
  test("index.ts wins when present", () => {
    const app = functionApp({ code: { path: HELLO } });
    expect(app.build.entries).toEqual(["index.ts"]);
    expect(app.registeredFunctions).toEqual([
      {
        name: "hello",
        trigger: "httpTrigger",
        bindings: [
          expect.objectContaining({ type: "httpTrigger", direction: "in", connections: [] }),
          expect.objectContaining({ type: "http", direction: "out", connections: [] }),
        ],
      },
    ]);
  });

  test("src/index.ts (app.setup) loads before src/functions; tests and declarations are skipped", () => {
    const dir = tempApp({
      "src/index.ts": `import { app } from "@azure/functions";\napp.setup({ enableHttpStream: false });\n`,
      "src/functions/b.ts": HTTP_APP.replace("ping", "b"),
      "src/functions/a.ts": HTTP_APP.replace("ping", "a"),
      "src/functions/a.test.ts": "throw new Error('tests are not part of the app');\n",
      "src/functions/types.d.ts": "export type X = string;\n",
    });
    const app = functionApp({ code: { path: dir } });
    expect(app.build.entries).toEqual(["src/index.ts", "src/functions/a.ts", "src/functions/b.ts"]);
    expect(app.registeredFunctions.map((f) => f.name)).toEqual(["a", "b"]);
  });

  test("code.entry names the entry explicitly", () => {
    const dir = tempApp({ "main.ts": HTTP_APP, "index.ts": "throw new Error('not the entry');\n" });
    expect(functionApp({ code: { path: dir, entry: "main.ts" } }).build.entries).toEqual(["main.ts"]);
  });

  test("a host.json in the folder ships as it is", () => {
    const hostJson = { version: "2.0", functionTimeout: "00:05:00" };
    const dir = tempApp({ "index.ts": HTTP_APP, "host.json": JSON.stringify(hostJson) });
    const app = functionApp({ code: { path: dir } });
    expect(JSON.parse(fs.readFileSync(path.join(app.build.directory, "host.json"), "utf8"))).toEqual(hostJson);
  });

  test("top-level code runs in a sandbox with an empty environment and no real timers", () => {
    const dir = tempApp({
      "index.ts": [
        `import { app } from "@azure/functions";`,
        `setInterval(() => undefined, 1000);`,
        `app.http(process.env.PATH === undefined ? "sandboxed" : "leaked", { handler: async () => ({}) });`,
      ].join("\n"),
    });
    expect(functionApp({ code: { path: dir } }).registeredFunctions.map((f) => f.name)).toEqual(["sandboxed"]);
  });

  test("bindings without a connection get the extension's default connection", () => {
    const dir = tempApp({
      "index.ts": [
        `import { app, output } from "@azure/functions";`,
        `const audit = output.storageBlob({ path: "audit/{rand-guid}" } as never);`,
        `app.storageQueue("work", { queueName: "work", connection: "", extraOutputs: [audit], handler: async () => undefined });`,
      ].join("\n"),
    });
    const [work] = functionApp({ code: { path: dir } }).registeredFunctions;
    expect(work.bindings.map((b) => [b.type, b.connections])).toEqual([
      ["queueTrigger", ["AzureWebJobsStorage"]],
      ["blob", ["AzureWebJobsStorage"]],
    ]);
  });
});

describe("FunctionApp code validation", () => {
  test("a relative code.path is rejected", () => {
    expect(messageOf(() => functionApp({ code: { path: "fixtures/orders" } }))).toBe(
      'test/Orders: code.path "fixtures/orders" is not an absolute path; pass path.resolve(__dirname, <folder>) so the app builds the same from any working directory',
    );
  });

  test("a code.path that is no folder is rejected", () => {
    const missing = path.join(HELLO, "missing");
    expect(messageOf(() => functionApp({ code: { path: missing } }))).toBe(
      `test/Orders: code.path "${missing}" is not a folder; point code.path at the folder that holds the app's handlers`,
    );
    const file = path.join(HELLO, "index.ts");
    expect(messageOf(() => functionApp({ code: { path: file } }))).toBe(
      `test/Orders: code.path "${file}" is not a folder; point code.path at the folder that holds the app's handlers`,
    );
  });

  test("a missing code.entry is rejected", () => {
    expect(messageOf(() => functionApp({ code: { path: HELLO, entry: "main.ts" } }))).toBe(
      `test/Orders: code.entry "main.ts" is not a file in ${HELLO}; give the entry file's path relative to code.path`,
    );
  });

  test("a folder without index.ts or src/functions is rejected", () => {
    const dir = tempApp({ "readme.md": "no code" });
    expect(messageOf(() => functionApp({ code: { path: dir } }))).toBe(
      `test/Orders: code.path "${dir}" has no index.ts and no src/functions/*.ts; add an index.ts that registers the functions, put one file per function in src/functions/, or set code.entry`,
    );
  });

  test("a host.json that is not JSON is rejected", () => {
    const dir = tempApp({ "index.ts": HTTP_APP, "host.json": "{ version: 2 " });
    const message = messageOf(() => functionApp({ code: { path: dir } }));
    expect(message).toMatch(new RegExp(`^test/Orders: host\\.json "${path.join(dir, "host.json")}" is not valid JSON \\(.+\\); fix the file, or delete it to get the default host\\.json$`));
  });

  test("a host.json of another version is rejected", () => {
    const dir = tempApp({ "index.ts": HTTP_APP, "host.json": JSON.stringify({ version: "1.0" }) });
    expect(messageOf(() => functionApp({ code: { path: dir } }))).toBe(
      'test/Orders: host.json version "1.0" is not "2.0", the only version the Functions v4 runtime reads; set "version": "2.0" in host.json',
    );
    const unversioned = tempApp({ "index.ts": HTTP_APP, "host.json": "{}" });
    expect(messageOf(() => functionApp({ code: { path: unversioned } }))).toBe(
      'test/Orders: host.json version null is not "2.0", the only version the Functions v4 runtime reads; set "version": "2.0" in host.json',
    );
  });

  test("code that does not bundle is rejected with esbuild's first error", () => {
    const dir = tempApp({ "index.ts": `import { app } from "@azure/functions";\nimport { missing } from "./nowhere";\napp.http("x", { handler: missing });\n` });
    expect(messageOf(() => functionApp({ code: { path: dir } }))).toBe(
      `test/Orders: code "${dir}" does not bundle (index.ts:2: Could not resolve "./nowhere"); fix that error; check that the app's dependencies are installed and that code.entry is right`,
    );
  });

  test("code that throws while loading is rejected", () => {
    const dir = tempApp({
      "index.ts": `import { app } from "@azure/functions";\nconst url = new URL(process.env.BACKEND_URL as string);\napp.http("x", { handler: async () => ({ body: url.href }) });\n`,
    });
    expect(messageOf(() => functionApp({ code: { path: dir } }))).toBe(
      `test/Orders: code "${dir}" fails while loading (Invalid URL); keep top-level code to registering functions: read app settings and create clients inside handlers or lazily`,
    );
  });

  test("code that requires a module at run time that is neither bundled nor built in is rejected", () => {
    const dir = tempApp({
      "index.ts": `import { app } from "@azure/functions";\nconst name = ["left", "pad"].join("-");\nrequire(name);\napp.http("x", { handler: async () => ({}) });\n`,
    });
    expect(messageOf(() => functionApp({ code: { path: dir } }))).toBe(
      `test/Orders: code "${dir}" fails while loading (cannot require "left-pad": it is neither bundled nor a Node.js built-in); keep top-level code to registering functions: read app settings and create clients inside handlers or lazily`,
    );
  });

  test("code that registers no functions is rejected", () => {
    const dir = tempApp({ "index.ts": `import { app } from "@azure/functions";\nexport const unused = app;\n` });
    expect(messageOf(() => functionApp({ code: { path: dir } }))).toBe(
      `test/Orders: code "${dir}" registers no functions; register functions with app.http(), app.serviceBusQueue(), ... from @azure/functions v4 in the entry or in src/functions/*.ts`,
    );
  });

  test("nothing is synthesized for a broken app", () => {
    const stack = makeStack();
    const dir = tempApp({ "readme.md": "" });
    expect(() => new FunctionApp(stack, "Broken", { code: { path: dir } })).toThrow();
    expect(resourcesOfType(stack, "azurerm_function_app_flex_consumption")).toEqual([]);
  });
});
