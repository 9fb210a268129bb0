import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironment } from "../../../config/environment";
import { carriesSecret, SECRET_LITERAL } from "../../../policy/checks";
import { DataPipelineStack } from "../../../stacks/data-pipeline-stack";
import { Json } from "../../helpers";

const CONFIG_DIR = path.resolve(__dirname, "../../../config");

describe.each(["dev", "prod"] as const)("DataPipelineStack (%s)", (env) => {
  const environment = loadEnvironment(CONFIG_DIR, env);
  const stack = new DataPipelineStack(Testing.app(), environment);
  const text = Testing.synth(stack, true);
  const json: Json = JSON.parse(text);

  test("synthesizes with cdktf's validations and ours", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("passes the policy pack: no error, no warning, nothing suppressed", () => {
    const report = stack.policy.report();
    const findings = report.findings.map((f) => `${f.level} ${f.ruleId} ${f.path}`);
    expect(findings).toEqual([]);
    expect(report.summary).toEqual(expect.objectContaining({ errors: 0, warnings: 0, suppressed: 0 }));
  });

  test("the pattern stands on the stack's resource group and monitoring, with the environment's administrators", () => {
    const pattern = stack.dataPipeline;
    expect(pattern.dataFactory.resourceGroup).toBe(stack.resourceGroup);
    const diagnostics = Object.values(json.resource.azurerm_monitor_diagnostic_setting) as Json[];
    const factoryId = `\${azurerm_data_factory.${Object.keys(json.resource.azurerm_data_factory)[0]}.id}`;
    expect(diagnostics.find((d) => d.target_resource_id === factoryId)?.log_analytics_workspace_id).toBe(
      `\${azurerm_log_analytics_workspace.${Object.keys(json.resource.azurerm_log_analytics_workspace)[0]}.id}`,
    );
    // No administrator group in the shipped environments: the deploying principal administers both.
    expect(environment.databaseAdministrators).toBeUndefined();
    const deployer = "${data.azurerm_client_config.ClientConfig.object_id}";
    expect(Object.values(json.resource.azurerm_mssql_server)).toEqual([
      expect.objectContaining({ azuread_administrator: expect.objectContaining({ login_username: "deploying-principal", object_id: deployer }) }),
    ]);
    expect(Object.values(json.resource.azurerm_synapse_workspace_aad_admin)).toEqual([
      expect.objectContaining({ login: "deploying-principal", object_id: deployer }),
    ]);
  });

  test("secret hygiene: no credential literal anywhere; only the runtime key leaves as an output, sensitive", () => {
    expect(text).not.toMatch(SECRET_LITERAL);
    const outputs: Record<string, { value: unknown; sensitive?: boolean }> = json.output;
    expect(Object.keys(outputs).sort()).toEqual(["data-pipeline-grant-script", "data-pipeline-ir-key"]);
    expect(Object.entries(outputs).filter(([, o]) => carriesSecret(JSON.stringify(o.value)) || o.sensitive).map(([name, o]) => [name, o.sensitive])).toEqual([
      ["data-pipeline-ir-key", true],
    ]);
    // No Key Vault secret is created: the operator sets the password, so it never enters state.
    expect(json.resource.azurerm_key_vault_secret).toBeUndefined();
  });

  test("the tumbling window starts at a literal date and the schedule at 02:00 UTC", () => {
    expect(Object.values(json.resource.azurerm_data_factory_trigger_tumbling_window)).toEqual([expect.objectContaining({ start_time: "2026-12-01T00:00:00Z" })]);
    expect(Object.values(json.resource.azurerm_data_factory_trigger_schedule)).toEqual([expect.objectContaining({ time_zone: "UTC", schedule: { hours: [2], minutes: [0] } })]);
  });

  test("resource count", () => {
    const count = Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(count).toBe(env === "dev" ? 62 : 101); // prod: the factory is not locked by default
  });
});
