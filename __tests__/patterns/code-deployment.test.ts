import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { loadEnvironment } from "../../config/environment";
import { EventDrivenStack } from "../../stacks/event-driven-stack";
import { MessageBrokerStack } from "../../stacks/message-broker-stack";
import { addressesOf, waitsFor } from "../dependency-graph";
import { Json } from "../helpers";

/**
 * Issue #11: one `cdktf deploy` creates a working function-backed stack. Walks each stack's
 * synthesized JSON: every Event Grid subscription to a function waits for that function's code,
 * the code deployment waits for the deployer's role and its propagation, and no stack prints a
 * command to run afterwards.
 */
const CONFIG = path.resolve(__dirname, "../../config");
const DEPLOYER = "${data.azurerm_client_config.ClientConfig.object_id}";
const SUBSCRIPTIONS = ["azurerm_eventgrid_event_subscription", "azurerm_eventgrid_system_topic_event_subscription"];

const STACKS: [string, (env: "dev" | "prod") => TerraformStack][] = [
  ["message-broker", (env) => new MessageBrokerStack(Testing.app(), loadEnvironment(CONFIG, env))],
  ["event-driven", (env) => new EventDrivenStack(Testing.app(), loadEnvironment(CONFIG, env))],
];

describe.each(STACKS.flatMap(([pattern, make]) => (["dev", "prod"] as const).map((env) => [`${pattern}-${env}`, env, make] as const)))(
  "%s",
  (name, env, make) => {
    const stack = make(env);
    const json: Json = JSON.parse(Testing.synth(stack));
    /**
     * What deploys the code: one deploy (dev, Flex Consumption) or a package blob per app (prod: Elastic Premium, and
     * message-broker's Standard workflow app).
     */
    const uploads = env === "dev" ? addressesOf(json, "terraform_data") : addressesOf(json, "azurerm_storage_blob");
    const functionSubscriptions = SUBSCRIPTIONS.flatMap((type) => addressesOf(json, type, (config) => config.azure_function_endpoint !== undefined));

    test("has function subscriptions and one code deployment per app", () => {
      expect(functionSubscriptions.length).toBeGreaterThan(0);
      expect(uploads).toHaveLength(name === "message-broker-prod" ? 2 : 1);
    });

    test("every function subscription depends on the code deployment of its function app", () => {
      for (const subscription of functionSubscriptions) {
        const waited = waitsFor(json, subscription);
        expect({ subscription, upload: uploads.some((u) => waited.has(u) && !u.includes("_Workflows_")) }).toEqual({ subscription, upload: true });
        // In prod the subscription also waits out the app's restart and trigger sync.
        if (env === "prod") expect([...waited].some((a) => a.startsWith("time_sleep.") && a.includes("_TriggerSync_"))).toBe(true);
      }
    });

    test("each code deployment depends on the deployer's role and on the wait for its propagation", () => {
      // Each app's own deployer grant (prod also grants the deployer certificate access for the ingress).
      // (prod also grants the deployer key creation on the encryption key's vault).
      const deployerGrants = addressesOf(json, "azurerm_role_assignment", (g) => g.principal_id === DEPLOYER).filter(
        (a) => !a.includes("_Ingress_") && !a.includes("EncryptionKey_"),
      );
      expect(deployerGrants).toHaveLength(uploads.length);
      for (const upload of uploads) {
        const waited = waitsFor(json, upload);
        const grants = deployerGrants.filter((g) => waited.has(g));
        expect(grants).toHaveLength(1);
        const propagation = [...waited].filter((a) => a.startsWith("time_sleep.") && a.includes("_RolePropagation_") && !a.includes("EncryptionKey_"));
        expect(propagation).toHaveLength(1);
        expect(waitsFor(json, propagation[0])).toContain(grants[0]);
        const role = json.resource.azurerm_role_assignment[grants[0].split(".")[1]].role_definition_name;
        expect(role).toBe(env === "dev" ? "Website Contributor" : "Storage Blob Data Contributor");
      }
    });

    test("no output deploys code afterwards", () => {
      expect(Object.keys(json.output ?? {}).filter((name) => /deploy/i.test(name))).toEqual([]);
    });

    test("AIC-DEP-001 holds: the deployer may write and can reach what it writes", () => {
      const report = (stack as MessageBrokerStack | EventDrivenStack).policy.report();
      expect(report.findings.filter((f) => f.ruleId === "AIC-DEP-001")).toEqual([]);
    });
  }
);
