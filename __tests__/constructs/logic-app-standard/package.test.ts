import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { TerraformStack, Testing } from "cdktf";
import { readFileSync } from "fs";
import { ServiceBusNamespace } from "../../../constructs/service-bus";
import { CosmosDbAccount } from "../../../constructs/cosmos-db";
import { LogicAppStandard, STANDARD_HOST_JSON } from "../../../constructs/logic-app-standard";
import { IntegrationContext } from "../../../constructs/core/context";
import { Json, RESOURCE_GROUP, single, withProvider } from "../../helpers";
import { HIGH_VALUE_FILE, ORDERS, ORDERS_FILE, standardApp, stackFor, unzip } from "./app";

const HIGH_VALUE: Json = JSON.parse(readFileSync(HIGH_VALUE_FILE, "utf8"));

function ordersApp() {
  const stack = stackFor("dev");
  const app = new LogicAppStandard(stack, "Orders", {
    workflows: { "process-order": { definitionFile: ORDERS_FILE }, "high-value-order": { definitionFile: HIGH_VALUE_FILE } },
  });
  app.connectServiceBus("serviceBus", new ServiceBusNamespace(stack, "Bus"), "both");
  app.connectCosmosDb("cosmos", new CosmosDbAccount(stack, "Cosmos"), "write");
  return { stack, app };
}

describe("the workflow package", () => {
  const { stack, app } = ordersApp();
  const files = unzip(app.package.zip);

  test("is the Standard project layout, and the zip holds exactly the files", () => {
    expect(Object.keys(files).sort()).toEqual([
      "connections.json",
      "high-value-order/workflow.json",
      "host.json",
      "parameters.json",
      "process-order/workflow.json",
    ]);
    expect(files).toEqual(app.package.files);
  });

  test("host.json loads the Workflows extension bundle", () => {
    expect(JSON.parse(files["host.json"])).toEqual({
      version: "2.0",
      extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle.Workflows", version: "[1.*, 2.0.0)" },
    });
    expect(JSON.parse(files["host.json"])).toEqual(STANDARD_HOST_JSON);
  });

  test("each workflow.json is { definition, kind: Stateful }, with the definition's parameters moved out", () => {
    const orders = JSON.parse(files["process-order/workflow.json"]);
    expect(orders.kind).toBe("Stateful");
    const { parameters, ...rest } = ORDERS.definition;
    expect(parameters).toBeDefined();
    expect(orders.definition).toEqual(rest);
    // The designer file LogicAppWorkflow deploys comes through unchanged but for its parameters.
    const highValue = JSON.parse(files["high-value-order/workflow.json"]);
    expect(highValue.definition.actions).toEqual(HIGH_VALUE.definition.actions);
    expect(highValue.definition.triggers).toEqual(HIGH_VALUE.definition.triggers);
  });

  test("connections.json has the built-in connections with the managed identity, endpoints from app settings", () => {
    expect(JSON.parse(files["connections.json"])).toEqual({
      managedApiConnections: {},
      serviceProviderConnections: {
        cosmos: {
          displayName: "cosmos",
          parameterSetName: "ManagedServiceIdentity",
          parameterValues: { authProvider: { Type: "ManagedServiceIdentity" }, accountURI: "@appsetting('cosmos_accountURI')" },
          serviceProvider: { id: "/serviceProviders/AzureCosmosDB" },
        },
        serviceBus: {
          displayName: "serviceBus",
          parameterSetName: "ManagedServiceIdentity",
          parameterValues: {
            authProvider: { Type: "ManagedServiceIdentity" },
            fullyQualifiedNamespace: "@appsetting('serviceBus_fullyQualifiedNamespace')",
          },
          serviceProvider: { id: "/serviceProviders/serviceBus" },
        },
      },
    });
  });

  test("parameters.json holds every workflow's parameters with their values", () => {
    expect(JSON.parse(files["parameters.json"])).toEqual({
      highValueThreshold: { type: "Int", value: 1000 },
      ordersContainer: { type: "String", value: "orders" },
      ordersQueue: { type: "String", value: "orders" },
      reviewTeam: { type: "String", value: "order-desk" },
    });
  });

  test("the blob is named after the content hash and carries the zip's MD5", () => {
    const blob = single(stack, "azurerm_storage_blob").config;
    expect(blob.name).toBe(`${app.package.hash.slice(0, 32)}.zip`);
    expect(blob.content_md5).toBe(createHash("md5").update(app.package.zip).digest("hex"));
    expect(blob.source).toBe('${abspath("assets/Orders/workflows.zip")}');
  });

  test("is deterministic: the same workflows and connections give the same bytes in a fresh app", () => {
    const again = ordersApp().app.package;
    expect(Buffer.from(again.zip).equals(Buffer.from(app.package.zip))).toBe(true);
    expect(again.hash).toBe(app.package.hash);
  });

  test("changes with the content: another parameter value gives another blob", () => {
    const s = stackFor("dev");
    const other = new LogicAppStandard(s, "Orders", {
      workflows: { "high-value-order": { definitionFile: HIGH_VALUE_FILE, parameterValues: { highValueThreshold: 5000 } } },
    });
    expect(JSON.parse(other.package.files["parameters.json"]).highValueThreshold.value).toBe(5000);
    expect(other.package.hash).not.toBe(standardApp().app.package.hash);
  });

  test("a Stateless workflow says so", () => {
    const { app: stateless } = standardApp("dev", { workflows: { quick: { definitionFile: HIGH_VALUE_FILE, kind: "Stateless" } } });
    expect(JSON.parse(stateless.package.files["quick/workflow.json"]).kind).toBe("Stateless");
  });
});

describe("deploy-time parameter values", () => {
  test("travel in app settings that parameters.json references; the zip stays free of tokens", () => {
    const stack = stackFor("dev");
    const bus = new ServiceBusNamespace(stack, "Bus");
    const definition = JSON.parse(readFileSync(HIGH_VALUE_FILE, "utf8"));
    const app = new LogicAppStandard(stack, "Orders", {
      workflows: { "high-value-order": { definition, parameterValues: { reviewTeam: bus.name } } },
    });
    const parameters = JSON.parse(app.package.files["parameters.json"]);
    expect(parameters.reviewTeam).toEqual({ type: "String", value: "@appsetting('WorkflowParameter_reviewTeam')" });
    expect(single(stack, "azurerm_logic_app_standard").config.app_settings.WorkflowParameter_reviewTeam).toBe(
      "${azurerm_servicebus_namespace.Bus_EA82B648.name}",
    );
    expect(JSON.stringify(app.package.files)).not.toMatch(/TfToken|\$\{/);
  });
});

describe("the zip inside the stack", () => {
  test("synthesis writes it where the blob's source points, relative to the stack's Terraform directory", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "logic-app-standard-"));
    const app = Testing.app({ outdir });
    const stack = withProvider(new TerraformStack(app, "test"));
    IntegrationContext.set(stack, { resourceGroup: RESOURCE_GROUP, namePrefix: "test" });
    const standard = new LogicAppStandard(stack, "Orders", { workflows: { "high-value-order": { definitionFile: HIGH_VALUE_FILE } } });
    app.synth();
    const written = path.join(outdir, "stacks", "test", "assets", "Orders", "workflows.zip");
    expect(Buffer.from(fs.readFileSync(written)).equals(Buffer.from(standard.package.zip))).toBe(true);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
