import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { ApplicationInsights } from "@cdktf/provider-azurerm/lib/application-insights";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "../../../constructs/core/errors";
import { Principal } from "../../../constructs/core/grants";
import { UserAssignedIdentity } from "../../../constructs/core/identity";
import { Monitoring, MonitoringProps } from "../../../constructs/monitoring";
import { messageOf, makeStack, resolved, resources, single, WORKSPACE_ID } from "../../helpers";

Testing.setupJest();

const PRINCIPAL_ID = "11111111-1111-1111-1111-111111111111";

function build(props: MonitoringProps = {}, profile: "dev" | "prod" = "dev") {
  const stack = makeStack({ profile });
  const monitoring = new Monitoring(stack, "Monitoring", props);
  return { stack, monitoring, synth: Testing.synth(stack) };
}

describe("Monitoring defaults (dev)", () => {
  const { stack, monitoring, synth } = build();
  const workspace = single(stack, "azurerm_log_analytics_workspace");

  test("creates a PerGB2018 workspace with local authentication off and the profile's retention", () => {
    expect(synth).toHaveResourceWithProperties(LogAnalyticsWorkspace, {
      name: "log-test-monitoring",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "PerGB2018",
      retention_in_days: 30,
      local_authentication_enabled: false,
    });
    expect(workspace.config.daily_quota_gb).toBeUndefined();
    // The deprecated inverse attribute is not used.
    expect(workspace.config.local_authentication_disabled).toBeUndefined();
  });

  test("creates a workspace-based web Application Insights without local authentication", () => {
    expect(synth).toHaveResourceWithProperties(ApplicationInsights, {
      name: "appi-test-monitoring",
      resource_group_name: "rg-test",
      location: "westeurope",
      application_type: "web",
      workspace_id: workspace.ref("id"),
      local_authentication_disabled: true,
    });
  });

  test("the primary L1 is the workspace with id Resource", () => {
    expect(monitoring.node.findChild("Resource")).toBe(monitoring.workspace);
    expect(monitoring.node.findChild("ApplicationInsights")).toBe(monitoring.applicationInsights);
  });

  test("exposes the ids users wire and keeps the connection string out of outputs", () => {
    const json = JSON.parse(synth);
    const appInsights = single(stack, "azurerm_application_insights");
    expect(resolved(stack, monitoring.logAnalyticsWorkspaceId)).toBe(workspace.ref("id"));
    expect(resolved(stack, monitoring.applicationInsightsId)).toBe(appInsights.ref("id"));
    expect(resolved(stack, monitoring.applicationInsightsConnectionString)).toBe(appInsights.ref("connection_string"));
    expect(json.output).toBeUndefined();
  });

  test("no self-diagnostics and no lock in dev", () => {
    expect(monitoring.diagnostics).toBeUndefined();
    expect(monitoring.lock).toBeUndefined();
    expect(synth).not.toHaveResource(MonitorDiagnosticSetting);
    expect(synth).not.toHaveResource(ManagementLock);
  });
});

describe("Monitoring defaults (prod)", () => {
  const { stack, synth } = build({}, "prod");

  test("keeps logs for the prod profile's 90 days and locks the workspace", () => {
    expect(synth).toHaveResourceWithProperties(LogAnalyticsWorkspace, { retention_in_days: 90, local_authentication_enabled: false });
    expect(synth).toHaveResourceWithProperties(ManagementLock, {
      name: "lock-log-test-monitoring",
      scope: single(stack, "azurerm_log_analytics_workspace").ref("id"),
      lock_level: "CanNotDelete",
    });
  });
});

describe("Monitoring overrides", () => {
  test("retention, quota, names and local auth opt-in are honoured", () => {
    const { synth } = build({
      name: "log-shared-ops",
      applicationInsightsName: "appi-shared-ops",
      retentionInDays: 365,
      dailyQuotaGb: 5,
      applicationInsightsLocalAuth: true,
    });
    expect(synth).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: "log-shared-ops", retention_in_days: 365, daily_quota_gb: 5 });
    expect(synth).toHaveResourceWithProperties(ApplicationInsights, { name: "appi-shared-ops", local_authentication_disabled: false });
  });

  test("a user false survives: applicationInsights: false skips the component", () => {
    const { monitoring, synth } = build({ applicationInsights: false });
    expect(synth).not.toHaveResource(ApplicationInsights);
    expect(monitoring.applicationInsights).toBeUndefined();
    expect(monitoring.applicationInsightsId).toBeUndefined();
    expect(monitoring.applicationInsightsConnectionString).toBeUndefined();
  });

  test("a user false survives: lock: false in prod", () => {
    const { synth } = build({ lock: false }, "prod");
    expect(synth).not.toHaveResource(ManagementLock);
  });

  test("the L1s are escape hatches", () => {
    const { monitoring, stack } = build();
    monitoring.workspace?.putIdentity({ type: "SystemAssigned" });
    expect(single(stack, "azurerm_log_analytics_workspace").config.identity).toEqual({ type: "SystemAssigned" });
  });
});

describe("Monitoring with an existing workspace", () => {
  const { monitoring, synth } = build({ existingWorkspaceId: WORKSPACE_ID });

  test("creates no workspace and points Application Insights at the existing one", () => {
    expect(synth).not.toHaveResource(LogAnalyticsWorkspace);
    expect(monitoring.workspace).toBeUndefined();
    expect(monitoring.logAnalyticsWorkspaceId).toBe(WORKSPACE_ID);
    expect(synth).toHaveResourceWithProperties(ApplicationInsights, { workspace_id: WORKSPACE_ID, local_authentication_disabled: true });
  });

  test("adds no lock even in prod (the workspace is managed elsewhere)", () => {
    const prod = build({ existingWorkspaceId: WORKSPACE_ID }, "prod");
    expect(prod.synth).not.toHaveResource(ManagementLock);
  });
});

describe("Monitoring self-diagnostics", () => {
  test("diagnostics: {} sends the workspace's logs to itself", () => {
    const { stack, monitoring, synth } = build({ diagnostics: {} });
    const ws = single(stack, "azurerm_log_analytics_workspace").ref("id");
    expect(monitoring.diagnostics).toBeDefined();
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: ws,
      log_analytics_workspace_id: ws,
      enabled_log: [expect.objectContaining({ category_group: "allLogs" })],
      enabled_metric: [expect.objectContaining({ category: "AllMetrics" })],
    });
  });

  test("an explicit destination and categories win", () => {
    const { synth } = build({ diagnostics: { destination: { logAnalyticsWorkspaceId: WORKSPACE_ID }, logCategoryGroups: ["audit"] } });
    expect(synth).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      log_analytics_workspace_id: WORKSPACE_ID,
      enabled_log: [expect.objectContaining({ category_group: "audit" })],
    });
  });

  test("a context destination does not switch self-diagnostics on", () => {
    const stack = makeStack({ diagnostics: { logAnalyticsWorkspaceId: WORKSPACE_ID } });
    new Monitoring(stack, "Monitoring");
    expect(Testing.synth(stack)).not.toHaveResource(MonitorDiagnosticSetting);
  });
});

describe("Monitoring as the diagnostics destination", () => {
  test("other constructs' diagnostic settings send to its workspace", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const other = new Monitoring(stack, "Other", { diagnostics: { destination: monitoring } });
    const settings = Object.values(resources(stack, "azurerm_monitor_diagnostic_setting"));
    expect(settings).toHaveLength(1);
    expect(settings[0].log_analytics_workspace_id).toBe(resolved(stack, monitoring.logAnalyticsWorkspaceId));
    expect(settings[0].target_resource_id).toBe(resolved(stack, other.logAnalyticsWorkspaceId));
  });
});

describe("Monitoring grants", () => {
  test("grantMetricsPublisher gives Monitoring Metrics Publisher on the component, once per principal", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const principal = Principal.fromObjectId(PRINCIPAL_ID, "ServicePrincipal");
    const first = monitoring.grantMetricsPublisher(principal);
    expect(monitoring.grantMetricsPublisher(principal)).toBe(first);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: single(stack, "azurerm_application_insights").ref("id"),
      role_definition_name: "Monitoring Metrics Publisher",
      principal_id: PRINCIPAL_ID,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
    expect(Object.keys(resources(stack, "azurerm_role_assignment"))).toHaveLength(1);
  });

  test("grantLogsRead gives Log Analytics Reader on the workspace to a managed identity", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const identity = new UserAssignedIdentity(stack, "Reader");
    monitoring.grantLogsRead(identity);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: single(stack, "azurerm_log_analytics_workspace").ref("id"),
      role_definition_name: "Log Analytics Reader",
      principal_id: resolved(stack, identity.principalId),
      principal_type: "ServicePrincipal",
    });
  });

  test("grants take a construct with a principal (a Grantee) and return the assignment", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring");
    const identity = new UserAssignedIdentity(stack, "Reader");
    expect(monitoring.grantLogsRead({ principal: identity })).toBe(monitoring.grantLogsRead(identity));
    expect(monitoring.grantMetricsPublisher({ principal: identity })).toBe(monitoring.grantMetricsPublisher(identity));
    expect(monitoring.grantMetricsPublisher(identity).roleDefinitionNameInput).toBe("Monitoring Metrics Publisher");
  });

  test("grantLogsRead on an existing workspace scopes the role to its id", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring", { existingWorkspaceId: WORKSPACE_ID });
    monitoring.grantLogsRead(Principal.fromObjectId(PRINCIPAL_ID, "Group"));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, { scope: WORKSPACE_ID, principal_type: "Group" });
  });

  test("grantMetricsPublisher without Application Insights is an error", () => {
    const stack = makeStack();
    const monitoring = new Monitoring(stack, "Monitoring", { applicationInsights: false });
    expect(messageOf(() => monitoring.grantMetricsPublisher(Principal.fromObjectId(PRINCIPAL_ID, "User")))).toBe(
      "test/Monitoring: applicationInsights false leaves no Application Insights component to grant Monitoring Metrics Publisher on; " +
        "set applicationInsights: true or grant the role on your own component",
    );
  });
});

describe("Monitoring validation", () => {
  test.each([7, 731, 30.5])("retentionInDays %p is rejected", (days) => {
    expect(messageOf(() => build({ retentionInDays: days }))).toBe(
      `test/Monitoring: retentionInDays ${days} is not a whole number of days from 30 to 730; set retentionInDays to 30-730 (the PerGB2018 range)`,
    );
  });

  test.each([30, 730])("retentionInDays %p is accepted", (days) => {
    expect(build({ retentionInDays: days }).synth).toHaveResourceWithProperties(LogAnalyticsWorkspace, { retention_in_days: days });
  });

  test("dailyQuotaGb must be positive", () => {
    expect(messageOf(() => build({ dailyQuotaGb: 0 }))).toBe(
      "test/Monitoring: dailyQuotaGb 0 is not a positive number of GB; set a cap above 0, or leave dailyQuotaGb out for no cap",
    );
  });

  test("an existing workspace cannot be combined with new-workspace props", () => {
    const error = messageOf(() => build({ existingWorkspaceId: WORKSPACE_ID, retentionInDays: 60, dailyQuotaGb: 1 }));
    expect(error).toBe(
      `test/Monitoring: existingWorkspaceId "${WORKSPACE_ID}" cannot be combined with retentionInDays, dailyQuotaGb, which shape a new workspace; ` +
        "configure the existing workspace where it is managed, or drop existingWorkspaceId to create one",
    );
  });

  test("applicationInsights: false cannot be combined with Application Insights props", () => {
    expect(messageOf(() => build({ applicationInsights: false, applicationInsightsName: "appi-x", applicationInsightsLocalAuth: false }))).toBe(
      "test/Monitoring: applicationInsights false cannot be combined with applicationInsightsName, applicationInsightsLocalAuth, which configure the component it skips; " +
        "drop those props or set applicationInsights: true",
    );
  });

  test("existingWorkspaceId must be a workspace resource id", () => {
    expect(messageOf(() => build({ existingWorkspaceId: "log-shared" }))).toBe(
      'test/Monitoring: existingWorkspaceId "log-shared" is not the id of a Microsoft.OperationalInsights/workspaces resource; ' +
        "use an id of the form /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>",
    );
  });

  test("names are validated against the Azure naming rule", () => {
    expect(messageOf(() => build({ name: "log_bad" }))).toBe(
      'test/Monitoring: name "log_bad" breaks the logAnalyticsWorkspace naming rule; use letters, digits and hyphens, starting and ending with a letter or digit',
    );
    expect(messageOf(() => build({ applicationInsightsName: "appi/bad" }))).toBe(
      'test/Monitoring: name "appi/bad" breaks the applicationInsights naming rule; use any characters except %&\\?/, not ending with \'.\' or a space',
    );
  });

  test("errors are ValidationErrors located at the construct", () => {
    try {
      build({ retentionInDays: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).path).toBe("test/Monitoring");
      expect((e as ValidationError).problem.field).toBe("retentionInDays");
    }
    expect.assertions(3);
  });
});

describe("Monitoring snapshot", () => {
  test("full instance (prod, self-diagnostics, grant)", () => {
    const { stack, monitoring } = build({ diagnostics: {}, dailyQuotaGb: 10 }, "prod");
    monitoring.grantMetricsPublisher(Principal.fromObjectId(PRINCIPAL_ID, "ServicePrincipal"));
    expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
  });
});
