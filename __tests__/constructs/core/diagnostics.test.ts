import "cdktf/lib/testing/adapters/jest";
import { Construct } from "constructs";
import { Testing } from "cdktf";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { IntegrationContext, IntegrationContextProps } from "../../../constructs/core/context";
import { addDiagnostics, DiagnosticsCapabilities, DiagnosticsOptions } from "../../../constructs/core/diagnostics";
import { fixture, resourcesOfType } from "../../helpers";

Testing.setupJest();

const TARGET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ServiceBus/namespaces/sbns";
const CONTEXT_WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.OperationalInsights/workspaces/log-context";
const OWN_WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.OperationalInsights/workspaces/log-own";

function diagnose(context: IntegrationContextProps, options: DiagnosticsOptions | false | undefined, capabilities?: DiagnosticsCapabilities) {
  const { stack } = fixture(context);
  const owner = new Construct(stack, "Bus");
  const setting = addDiagnostics(owner, "Diagnostics", TARGET, options, capabilities);
  return { stack, owner, setting, settings: resourcesOfType(stack, "azurerm_monitor_diagnostic_setting") };
}

const withWorkspace: IntegrationContextProps = { diagnostics: { logAnalyticsWorkspaceId: CONTEXT_WORKSPACE } };

describe("addDiagnostics", () => {
  test("no destination in props or context: nothing is created", () => {
    const { setting, settings } = diagnose({}, undefined);
    expect(setting).toBeUndefined();
    expect(settings).toHaveLength(0);
  });

  test("options without a destination and no context destination: nothing is created", () => {
    const { setting } = diagnose({}, { metricCategories: ["AllMetrics"] });
    expect(setting).toBeUndefined();
  });

  test("destination from context with the default categories allLogs + AllMetrics", () => {
    const { stack, owner, setting, settings } = diagnose(withWorkspace, undefined);
    expect(setting).toBeInstanceOf(MonitorDiagnosticSetting);
    expect(owner.node.findChild("Diagnostics")).toBe(setting);
    expect(settings).toEqual([
      {
        name: "diag-log-analytics",
        target_resource_id: TARGET,
        log_analytics_workspace_id: CONTEXT_WORKSPACE,
        enabled_log: [{ category_group: "allLogs" }],
        enabled_metric: [{ category: "AllMetrics" }],
      },
    ]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      enabled_log: [expect.objectContaining({ category_group: "allLogs" })],
    });
  });

  test("an explicit destination works without a context destination", () => {
    const { settings } = diagnose({}, { destination: { logAnalyticsWorkspaceId: OWN_WORKSPACE } });
    expect(settings).toHaveLength(1);
    expect(settings[0].log_analytics_workspace_id).toBe(OWN_WORKSPACE);
  });

  test("an explicit destination wins over the context's", () => {
    const { settings } = diagnose(withWorkspace, { destination: { logAnalyticsWorkspaceId: OWN_WORKSPACE } });
    expect(settings[0].log_analytics_workspace_id).toBe(OWN_WORKSPACE);
  });

  test("`false` opts out even with a context destination", () => {
    const { setting, settings } = diagnose(withWorkspace, false);
    expect(setting).toBeUndefined();
    expect(settings).toHaveLength(0);
  });

  test("capabilities override the defaults (a resource with no logs)", () => {
    const { settings } = diagnose(withWorkspace, undefined, { logCategoryGroups: [], metricCategories: ["Transaction"] });
    expect(settings[0].enabled_log ?? []).toEqual([]);
    expect(settings[0].enabled_metric).toEqual([{ category: "Transaction" }]);
  });

  test("capabilities for logs only keep the default metrics", () => {
    const { settings } = diagnose(withWorkspace, {}, { logCategoryGroups: ["audit"] });
    expect(settings[0].enabled_log).toEqual([{ category_group: "audit" }]);
    expect(settings[0].enabled_metric).toEqual([{ category: "AllMetrics" }]);
  });

  test("options override capabilities", () => {
    const { settings } = diagnose(
      withWorkspace,
      { logCategoryGroups: ["audit", "allLogs"], metricCategories: [] },
      { logCategoryGroups: ["allLogs"], metricCategories: ["AllMetrics"] },
    );
    expect(settings[0].enabled_log).toEqual([{ category_group: "audit" }, { category_group: "allLogs" }]);
    expect(settings[0].enabled_metric ?? []).toEqual([]);
  });

  test("the destination type is left to Azure unless a capability or the options set it", () => {
    expect(diagnose(withWorkspace, undefined).settings[0]).not.toHaveProperty("log_analytics_destination_type");
    expect(diagnose(withWorkspace, undefined, { logAnalyticsDestinationType: "Dedicated" }).settings[0].log_analytics_destination_type).toBe("Dedicated");
    const { settings } = diagnose(withWorkspace, { logAnalyticsDestinationType: "AzureDiagnostics" }, { logAnalyticsDestinationType: "Dedicated" });
    expect(settings[0].log_analytics_destination_type).toBe("AzureDiagnostics");
  });

  test("the destination is read from the nearest context", () => {
    const { stack } = fixture(withWorkspace);
    const area = new Construct(stack, "Area");
    IntegrationContext.set(area, { diagnostics: { logAnalyticsWorkspaceId: OWN_WORKSPACE } });
    addDiagnostics(new Construct(area, "Bus"), "Diagnostics", TARGET, undefined);
    expect(resourcesOfType(stack, "azurerm_monitor_diagnostic_setting")[0].log_analytics_workspace_id).toBe(OWN_WORKSPACE);
  });
});
