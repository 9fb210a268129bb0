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

  test("passes the policy pack: no finding at all (the deployer's vault role may leave its principal type to Azure)", () => {
    const report = stack.policy.report();
    const findings = report.findings.map((f) => `${f.level} ${f.ruleId} ${f.path}${f.suppressed ? " (suppressed)" : ""}`);
    expect(findings).toEqual([]);
    expect(report.summary).toEqual(expect.objectContaining({ errors: 0, warnings: 0, suppressed: 0 }));
  });

  test("registers Microsoft.Synapse, the one provider here outside azurerm's default set", () => {
    expect(json.provider.azurerm[0].resource_providers_to_register).toEqual(["Microsoft.Synapse"]);
  });

  test("the deployer may set the on-premises password: Key Vault Secrets Officer on the vault", () => {
    const assignments = Object.values(json.resource.azurerm_role_assignment as Record<string, Json>);
    const grants = assignments.filter((g) => g.role_definition_name === "Key Vault Secrets Officer");
    expect(grants).toEqual([
      expect.objectContaining({
        principal_id: "${data.azurerm_client_config.ClientConfig.object_id}",
        scope: expect.stringMatching(/^\$\{azurerm_key_vault\.DataPipeline_KeyVault_.*\.id\}$/),
      }),
    ]);
  });

  test("every managed private endpoint is approved during apply, and every trigger waits for the approval", () => {
    const deployments = Object.entries(json.resource.azurerm_resource_group_template_deployment as Record<string, Json>);
    const [approvalAddress, approval] = deployments.find(([, d]) => d.name.startsWith("approve-mpe-")) as [string, Json];
    const endpointType = "azurerm_data_factory_managed_private_endpoint";
    const endpoints = Object.keys(json.resource[endpointType]).map((a) => `${endpointType}.${a}`);
    expect(endpoints).toHaveLength(5);
    expect([...approval.depends_on].sort()).toEqual([...endpoints].sort());
    expect(Object.keys(JSON.parse(approval.parameters_content).targets.value).sort()).toEqual(
      ["mpe-ControlDb-sqlServer", "mpe-CosmosDb-Sql", "mpe-DataLake-dfs", "mpe-KeyVault-vault", "mpe-Synapse-Sql"],
    );
    const triggerTypes = ["schedule", "blob_event", "tumbling_window"].map((t) => `azurerm_data_factory_trigger_${t}`);
    for (const type of triggerTypes) {
      for (const trigger of Object.values(json.resource[type] as Record<string, Json>)) {
        expect(trigger.depends_on).toContain(`azurerm_resource_group_template_deployment.${approvalAddress}`);
      }
    }
  });

  const setupTitle =
    env === "prod"
      ? "runs the control database setup during apply, after the factory and the private endpoint"
      : "leaves the control database setup to the operator while the deployer names no egress range";
  test(setupTitle, () => {
    const scripts = Object.values((json.resource.terraform_data ?? {}) as Record<string, Json>);
    if (env === "dev") {
      expect(scripts).toEqual([]);
      return;
    }
    expect(scripts).toHaveLength(1);
    expect(scripts[0].depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^azurerm_mssql_server\.DataPipeline_ControlDb/),
        expect.stringMatching(/^azurerm_data_factory\.DataPipeline_Factory/),
        expect.stringMatching(/^azurerm_private_endpoint\.DataPipeline_ControlDb_PrivateEndpoint/),
      ]),
    );
    const sql = scripts[0].provisioner[0]["local-exec"].environment.SQL_SCRIPT;
    expect(sql).toBe(stack.dataPipeline.controlDatabaseSetupScript());
    expect(sql).toContain("CREATE TABLE etl.TablesToLoad");
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
    // + the endpoint approval and the deployer's vault role; prod also the control database setup.
    // prod: the factory is not locked by default; + 3 alerting (action group, 2 alerts), + 1 the master database's audit setting.
    expect(count).toBe(env === "dev" ? 68 : 131); // prod: + the encryption key, its vault and a key identity per data store
  });
});
