import { Construct } from "constructs";
import { ApplicationInsights } from "@cdktf/provider-azurerm/lib/application-insights";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IDiagnosticsDestination } from "../core/context";
import { DiagnosticsOptions } from "../core/diagnostics";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, Grantee, grantRole } from "../core/grants";
import { parseResourceId } from "../core/resource-id";
import { CommonResourceProps, KitProps, ResourceConstruct } from "../core/resource-construct";

/**
 * The kit's `lock` (on the workspace; it follows the profile like a data store's) and a
 * `diagnostics` of its own meaning: the workspace's logs to itself, off unless asked for.
 */
export interface MonitoringProps extends Pick<KitProps, keyof CommonResourceProps | "lock"> {
  /**
   * Resource id of an existing Log Analytics workspace (e.g. a platform team's) to use instead of
   * creating one. It cannot be combined with props that shape a new workspace (name,
   * retentionInDays, dailyQuotaGb, diagnostics, lock).
   * @default a new workspace is created
   */
  readonly existingWorkspaceId?: string;
  /** Days the workspace keeps data (30-730). @default the profile's logRetentionDays (dev 30, prod 90) */
  readonly retentionInDays?: number;
  /** Daily ingestion cap in GB; ingestion stops for the day once reached. @default unlimited */
  readonly dailyQuotaGb?: number;
  /** Whether to create a workspace-based Application Insights component. @default true */
  readonly applicationInsights?: boolean;
  /**
   * Application Insights name, validated against the Azure naming rule.
   * @default `appi-<namePrefix>-<construct id>`
   */
  readonly applicationInsightsName?: string;
  /**
   * Allow instrumentation-key (local) authentication for telemetry ingestion. Off, ingestion needs
   * Entra ID and the Monitoring Metrics Publisher role ({@link Monitoring.grantMetricsPublisher}).
   * @default false
   */
  readonly applicationInsightsLocalAuth?: boolean;
  /**
   * Diagnostic settings of the workspace itself (its audit logs and metrics); `false` opts out.
   * Sending a workspace's logs to itself is optional, so nothing is created unless asked for.
   * @default false (when given, the destination defaults to this workspace)
   */
  readonly diagnostics?: DiagnosticsOptions | false;
}

/** PerGB2018 allows 30-730 days (7 is only for the legacy Free tier). */
const RETENTION = { min: 30, max: 730 } as const;

/**
 * A Log Analytics workspace (or an existing one) and a workspace-based Application Insights with
 * local authentication off. Use it as the IntegrationContext's `diagnostics` destination:
 *
 * ```ts
 * const monitoring = new Monitoring(stack, "Monitoring");
 * IntegrationContext.set(stack, { diagnostics: monitoring });
 * ```
 *
 * Every L1 setting is reachable through {@link Monitoring.workspace} and {@link Monitoring.applicationInsights}.
 */
export class Monitoring extends ResourceConstruct implements IDiagnosticsDestination {
  /** The workspace diagnostic settings send to (created or existing). */
  public readonly logAnalyticsWorkspaceId: string;
  /** The Log Analytics workspace's id (the target of `grant`); the same as `logAnalyticsWorkspaceId`. */
  public get id(): string {
    return this.logAnalyticsWorkspaceId;
  }
  /** The workspace L1; undefined when an existing workspace is used. */
  public readonly workspace: LogAnalyticsWorkspace | undefined;
  /** The Application Insights L1; undefined with `applicationInsights: false`. */
  public readonly applicationInsights: ApplicationInsights | undefined;
  public readonly applicationInsightsId: string | undefined;
  /**
   * Where telemetry goes (`APPLICATIONINSIGHTS_CONNECTION_STRING`). Not a secret by itself with local
   * auth off, but the provider marks it sensitive; wire it into app settings, not outputs.
   */
  public readonly applicationInsightsConnectionString: string | undefined;
  public readonly diagnostics: MonitorDiagnosticSetting | undefined;
  public readonly lock: ManagementLock | undefined;

  constructor(scope: Construct, id: string, props: MonitoringProps = {}) {
    super(scope, id, props);
    if (props.existingWorkspaceId !== undefined) {
      this.validateExisting(props);
      this.logAnalyticsWorkspaceId = props.existingWorkspaceId;
    } else {
      const retention = props.retentionInDays ?? this.context.defaults.logRetentionDays;
      this.validateQuantities(retention, props.dailyQuotaGb);
      const name = this.nameFor("logAnalyticsWorkspace", props.name);
      this.workspace = new LogAnalyticsWorkspace(this, "Resource", {
        name,
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        sku: "PerGB2018",
        retentionInDays: retention,
        dailyQuotaGb: props.dailyQuotaGb,
        // Queries and ingestion need Entra ID; shared keys (the legacy agent's) stay off.
        localAuthenticationEnabled: false,
        tags: this.tags,
      });
      this.logAnalyticsWorkspaceId = this.workspace.id;
      const diagnostics = props.diagnostics ?? false;
      const kit = this.wireKit(
        { ...props, diagnostics: diagnostics && { ...diagnostics, destination: diagnostics.destination ?? this } },
        { resourceId: this.workspace.id, name, dataStore: true },
      );
      this.diagnostics = kit.diagnostics.Diagnostics;
      this.lock = kit.lock;
    }

    const withAppInsights = props.applicationInsights ?? true;
    if (!withAppInsights) this.validateNoAppInsightsProps(props);
    if (withAppInsights) {
      this.applicationInsights = new ApplicationInsights(this, "ApplicationInsights", {
        name: this.nameFor("applicationInsights", props.applicationInsightsName),
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        applicationType: "web",
        workspaceId: this.logAnalyticsWorkspaceId,
        localAuthenticationDisabled: !(props.applicationInsightsLocalAuth ?? false),
        tags: this.tags,
      });
      this.applicationInsightsId = this.applicationInsights.id;
      this.applicationInsightsConnectionString = this.applicationInsights.connectionString;
    }
  }

  /** Send telemetry to Application Insights with Entra ID (Monitoring Metrics Publisher on the component). */
  public grantMetricsPublisher(grantee: Grantee): RoleAssignment {
    if (this.applicationInsightsId === undefined) {
      invalid(this, {
        field: "applicationInsights",
        value: false,
        rule: "leaves no Application Insights component to grant Monitoring Metrics Publisher on",
        fix: "set applicationInsights: true or grant the role on your own component",
      });
    }
    return grantRole(this, this.applicationInsightsId, BuiltInRole.monitoringMetricsPublisher, grantee);
  }

  /** Query the workspace's logs (Log Analytics Reader on the workspace). */
  public grantLogsRead(grantee: Grantee): RoleAssignment {
    return grantRole(this, this.logAnalyticsWorkspaceId, BuiltInRole.logAnalyticsReader, grantee);
  }

  private validateExisting(props: MonitoringProps): void {
    const id = props.existingWorkspaceId as string;
    parseResourceId(this, id, "Microsoft.OperationalInsights/workspaces", { field: "existingWorkspaceId" });
    const conflicting = (["name", "retentionInDays", "dailyQuotaGb", "diagnostics", "lock"] as const).filter(
      (field) => props[field] !== undefined && props[field] !== false,
    );
    if (conflicting.length > 0) {
      invalid(this, {
        field: "existingWorkspaceId",
        value: id,
        rule: `cannot be combined with ${conflicting.join(", ")}, which shape a new workspace`,
        fix: "configure the existing workspace where it is managed, or drop existingWorkspaceId to create one",
      });
    }
  }

  private validateNoAppInsightsProps(props: MonitoringProps): void {
    const conflicting = (["applicationInsightsName", "applicationInsightsLocalAuth"] as const).filter((field) => props[field] !== undefined);
    if (conflicting.length > 0) {
      invalid(this, {
        field: "applicationInsights",
        value: false,
        rule: `cannot be combined with ${conflicting.join(", ")}, which configure the component it skips`,
        fix: "drop those props or set applicationInsights: true",
      });
    }
  }

  private validateQuantities(retention: number, dailyQuotaGb: number | undefined): void {
    if (!isUnresolved(retention) && (!Number.isInteger(retention) || retention < RETENTION.min || retention > RETENTION.max)) {
      invalid(this, {
        field: "retentionInDays",
        value: retention,
        rule: `is not a whole number of days from ${RETENTION.min} to ${RETENTION.max}`,
        fix: `set retentionInDays to ${RETENTION.min}-${RETENTION.max} (the PerGB2018 range)`,
      });
    }
    if (dailyQuotaGb !== undefined && !isUnresolved(dailyQuotaGb) && !(dailyQuotaGb > 0)) {
      invalid(this, {
        field: "dailyQuotaGb",
        value: dailyQuotaGb,
        rule: "is not a positive number of GB",
        fix: "set a cap above 0, or leave dailyQuotaGb out for no cap",
      });
    }
  }
}
