import { Construct, IConstruct } from "constructs";
import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from "cdktf";
import { MonitorMetricAlert, MonitorMetricAlertCriteria } from "@cdktf/provider-azurerm/lib/monitor-metric-alert";
import { MonitorScheduledQueryRulesAlertV2 } from "@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2";
import { IntegrationContext } from "../core/context";
import { invalid } from "../core/errors";
import { kebab, resourceName } from "../core/naming";
import { synthesizedBody } from "../core/stack-json";

/**
 * The failure signals {@link Alerts.watch} alerts on. Metric names and dimensions from Microsoft
 * Learn, "Supported metrics for <type>"
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/<type>-metrics):
 * - `deadLetteredMessages`: Microsoft.ServiceBus/namespaces `DeadletteredMessages` (count of dead-lettered
 *   messages in a queue/topic; Average/Minimum/Maximum; dimension `EntityName`). A topic's count covers its
 *   subscriptions: the metric has no subscription dimension, so one time series per queue and per topic.
 * - `logicAppRunsFailed`: Microsoft.Logic/workflows `RunsFailed` (Total, no dimension). A Standard app's
 *   workflows have no such platform metric on Microsoft.Web/sites: a log alert counts failed runs in the
 *   `LogicAppWorkflowRuntime` table its diagnostic setting fills (`Status == "Failed"` on run records;
 *   https://learn.microsoft.com/azure/azure-monitor/reference/tables/logicappworkflowruntime; the
 *   `OperationName` of run records, `WorkflowRunCompleted`, is unverified).
 * - `apiManagement5xx`: Microsoft.ApiManagement/service `Requests` (Total) with `GatewayResponseCodeCategory` = `5xx`.
 * - `apiManagementCapacity`: Microsoft.ApiManagement/service `Capacity` (percent, Average/Maximum).
 * - `functionFailures`: no platform metric counts failed executions of a Linux (Flex Consumption or
 *   Elastic Premium) function app, so a log alert counts failed invocations in the workspace-based
 *   Application Insights table `AppRequests` (`Success == false`, `AppRoleName` = the app's name);
 *   https://learn.microsoft.com/azure/azure-monitor/reference/tables/apprequests.
 * - `dataFactoryPipelineFailedRuns`, `dataFactoryTriggerFailedRuns`: Microsoft.DataFactory/factories
 *   `PipelineFailedRuns`, `TriggerFailedRuns` (Total).
 * - `eventGridDropped`, `eventGridDeadLettered`: Microsoft.EventGrid/topics, systemTopics and domains
 *   `DroppedEventCount`, `DeadLetteredCount` (Total; dimension `EventSubscriptionName`).
 */
export type AlertSignal =
  | "deadLetteredMessages"
  | "logicAppRunsFailed"
  | "apiManagement5xx"
  | "apiManagementCapacity"
  | "functionFailures"
  | "dataFactoryPipelineFailedRuns"
  | "dataFactoryTriggerFailedRuns"
  | "eventGridDropped"
  | "eventGridDeadLettered";

/** The threshold of each signal: the alert fires when the aggregated value is above it in the window. */
export const DEFAULT_ALERT_THRESHOLDS: Readonly<Record<AlertSignal, number>> = {
  // Any message waiting in a dead-letter queue is an order, event or command nobody processed.
  deadLetteredMessages: 0,
  logicAppRunsFailed: 0,
  // A handful of 5xx in 5 minutes is a failing back end, not one client's bad luck.
  apiManagement5xx: 10,
  // Microsoft recommends scaling out before sustained capacity above 80 percent
  // (https://learn.microsoft.com/azure/api-management/api-management-capacity).
  apiManagementCapacity: 80,
  functionFailures: 0,
  dataFactoryPipelineFailedRuns: 0,
  dataFactoryTriggerFailedRuns: 0,
  eventGridDropped: 0,
  eventGridDeadLettered: 0,
};

export interface AlertsProps {
  /**
   * The action group every alert notifies (`ActionGroup.id`).
   * @default none: the alerts fire and show in the portal's Alerts view, but notify nobody
   */
  readonly actionGroupId?: string;
  /** Thresholds per signal, over {@link DEFAULT_ALERT_THRESHOLDS}. @default DEFAULT_ALERT_THRESHOLDS */
  readonly thresholds?: Partial<Record<AlertSignal, number>>;
  /** Severity of every alert, 0 (critical) to 4 (verbose). @default 2 (warning) */
  readonly severity?: number;
  /**
   * The Log Analytics workspace the workspace-based Application Insights writes to (function failures).
   * @default the IntegrationContext's diagnostics workspace
   */
  readonly logAnalyticsWorkspaceId?: string;
}

/** One alert {@link Alerts} created: what it watches and for which signal. */
export interface WatchedAlert {
  readonly signal: AlertSignal;
  /** Construct path of the watched resource (the namespace, workflow, factory, topic, ...). */
  readonly target: string;
  readonly resource: MonitorMetricAlert | MonitorScheduledQueryRulesAlertV2;
}

/** A metric alert {@link Alerts.addMetricAlert} creates. */
export interface MetricAlertOptions {
  /** The resource id the metric belongs to. */
  readonly scope: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly aggregation: "Average" | "Count" | "Minimum" | "Maximum" | "Total";
  /** Fires when the aggregate is above it. */
  readonly threshold: number;
  /** Dimension filters; several values split the alert into one time series each. @default none */
  readonly dimensions?: Readonly<Record<string, readonly string[]>>;
  /** Evaluation window. @default PT5M */
  readonly windowSize?: string;
  /** Evaluation frequency. @default PT1M */
  readonly frequency?: string;
  readonly description: string;
  /** Severity 0-4. @default the construct's severity */
  readonly severity?: number;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());
const SERVICE_BUS_ENTITIES = new Set(["azurerm_servicebus_queue", "azurerm_servicebus_topic"]);
const EVENT_GRID: Record<string, string> = {
  azurerm_eventgrid_topic: "Microsoft.EventGrid/topics",
  azurerm_eventgrid_system_topic: "Microsoft.EventGrid/systemTopics",
  azurerm_eventgrid_domain: "Microsoft.EventGrid/domains",
};
const FUNCTION_APPS = new Set(["azurerm_linux_function_app", "azurerm_function_app_flex_consumption"]);

/**
 * Alerts on the failure signals of integration resources, to one action group. {@link Alerts.watch}
 * finds every alertable resource below a scope (Service Bus queues and topics, Logic App
 * workflows, API Management, function apps, Data Factory, Event Grid topics) and creates the
 * alerts of {@link AlertSignal} for each, once; {@link Alerts.addMetricAlert} adds your own.
 *
 * ```ts
 * const group = new ActionGroup(stack, "Oncall", { emailReceivers: ["ops@contoso.com"] });
 * new Alerts(stack, "Alerts", { actionGroupId: group.id }).watch(stack);
 * ```
 */
export class Alerts extends Construct {
  private readonly actionGroupId: string | undefined;
  private readonly thresholds: Record<AlertSignal, number>;
  private readonly severity: number;
  private readonly workspaceId: string | undefined;
  private readonly watchedPaths = new Set<string>();
  private readonly created: WatchedAlert[] = [];

  constructor(scope: Construct, id: string, props: AlertsProps = {}) {
    super(scope, id);
    this.actionGroupId = props.actionGroupId;
    this.thresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...props.thresholds };
    for (const [signal, value] of Object.entries(this.thresholds)) {
      if (!Number.isFinite(value) || value < 0) {
        invalid(this, {
          field: `thresholds.${signal}`,
          value,
          rule: "is not a number of 0 or more",
          fix: "pass a count or percentage, 0 to alert on any occurrence",
        });
      }
    }
    this.severity = props.severity ?? 2;
    if (!Number.isInteger(this.severity) || this.severity < 0 || this.severity > 4) {
      invalid(this, {
        field: "severity",
        value: this.severity,
        rule: "is not a whole number from 0 to 4",
        fix: "use 0 (critical) to 4 (verbose); 2 is a warning",
      });
    }
    this.workspaceId = props.logAnalyticsWorkspaceId ?? IntegrationContext.of(this).diagnostics?.logAnalyticsWorkspaceId;
  }

  /** Every alert created so far by {@link Alerts.watch}. */
  public get alerts(): readonly WatchedAlert[] {
    return this.created;
  }

  /**
   * Creates the alerts of every alertable resource below `scope` not watched yet. Call it once
   * the resources exist (at the end of a pattern's constructor); calling it again adds only new ones.
   */
  public watch(scope: IConstruct): this {
    const resources = scope.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
    const byAddress = new Map(resources.map((r) => [`${r.terraformResourceType}.${r.friendlyUniqueId}`, r]));
    const stack = TerraformStack.of(this);
    const config = (r: TerraformResource): Record<string, unknown> => {
      return Tokenization.resolve(synthesizedBody(r), { scope: stack, preparing: false, resolver: RESOLVER }) as Record<string, unknown>;
    };
    const referenced = (value: unknown): TerraformResource | undefined => {
      const m = typeof value === "string" ? /^\$\{([\w-]+\.[\w-]+)\.id\}$/.exec(value) : null;
      return m ? byAddress.get(m[1]) : undefined;
    };

    // Dead letters: one alert per namespace, split by entity (every queue and topic by name).
    const entitiesByNamespace = new Map<TerraformResource, string[]>();
    for (const r of resources.filter((x) => SERVICE_BUS_ENTITIES.has(x.terraformResourceType))) {
      const c = config(r);
      const namespace = referenced(c.namespace_id);
      if (!namespace || typeof c.name !== "string") continue;
      entitiesByNamespace.set(namespace, [...(entitiesByNamespace.get(namespace) ?? []), c.name]);
    }
    for (const [namespace, entities] of entitiesByNamespace) {
      this.once(namespace, "deadLetteredMessages", (id) =>
        this.addMetricAlert(id, {
          scope: namespace.getStringAttribute("id"),
          metricNamespace: "Microsoft.ServiceBus/namespaces",
          metricName: "DeadletteredMessages",
          aggregation: "Maximum",
          threshold: this.thresholds.deadLetteredMessages,
          dimensions: { EntityName: [...entities].sort() },
          description: `Messages wait in a dead-letter queue of ${entities.join(", ")} (a topic's count covers its subscriptions)`,
        })
      );
    }

    for (const r of resources) {
      const type = r.terraformResourceType;
      const id = r.getStringAttribute("id");
      if (type === "azurerm_logic_app_workflow") {
        this.once(r, "logicAppRunsFailed", (alertId) =>
          this.addMetricAlert(alertId, this.metric(id, "Microsoft.Logic/workflows", "RunsFailed", "logicAppRunsFailed", "A workflow run failed"))
        );
      } else if (type === "azurerm_api_management") {
        this.once(r, "apiManagement5xx", (alertId) =>
          this.addMetricAlert(alertId, {
            ...this.metric(
              id,
              "Microsoft.ApiManagement/service",
              "Requests",
              "apiManagement5xx",
              "The gateway answered with 5xx (a failing or unreachable back end)"
            ),
            dimensions: { GatewayResponseCodeCategory: ["5xx"] },
          })
        );
        this.once(r, "apiManagementCapacity", (alertId) =>
          this.addMetricAlert(alertId, {
            ...this.metric(
              id,
              "Microsoft.ApiManagement/service",
              "Capacity",
              "apiManagementCapacity",
              "Gateway capacity above the threshold: scale out"
            ),
            aggregation: "Average",
            windowSize: "PT15M",
            frequency: "PT5M",
          })
        );
      } else if (type === "azurerm_data_factory") {
        this.once(r, "dataFactoryPipelineFailedRuns", (alertId) =>
          this.addMetricAlert(
            alertId,
            this.metric(id, "Microsoft.DataFactory/factories", "PipelineFailedRuns", "dataFactoryPipelineFailedRuns", "A pipeline run failed")
          )
        );
        this.once(r, "dataFactoryTriggerFailedRuns", (alertId) =>
          this.addMetricAlert(
            alertId,
            this.metric(id, "Microsoft.DataFactory/factories", "TriggerFailedRuns", "dataFactoryTriggerFailedRuns", "A trigger run failed")
          )
        );
      } else if (EVENT_GRID[type] !== undefined) {
        const namespace = EVENT_GRID[type];
        const bySubscription = { EventSubscriptionName: ["*"] };
        this.once(r, "eventGridDropped", (alertId) =>
          this.addMetricAlert(alertId, {
            ...this.metric(
              id,
              namespace,
              "DroppedEventCount",
              "eventGridDropped",
              "Events were dropped: delivery gave up without a dead-letter destination"
            ),
            dimensions: bySubscription,
          })
        );
        this.once(r, "eventGridDeadLettered", (alertId) =>
          this.addMetricAlert(alertId, {
            ...this.metric(
              id,
              namespace,
              "DeadLetteredCount",
              "eventGridDeadLettered",
              "Events were dead-lettered: their handler failed every retry"
            ),
            dimensions: bySubscription,
          })
        );
      } else if (FUNCTION_APPS.has(type)) {
        const name = config(r).name;
        if (typeof name === "string" && this.workspaceId !== undefined) {
          // KQL string literal: the app name is a validated Azure name (letters, digits, hyphens).
          const query = `AppRequests\n| where AppRoleName =~ "${name}" and Success == false`;
          const description = `A function of ${name} failed (failed invocations in Application Insights)`;
          this.once(r, "functionFailures", (alertId) => this.addLogAlert(alertId, query, "functionFailures", description));
        }
      } else if (type === "azurerm_logic_app_standard" && this.workspaceId !== undefined) {
        const query = `LogicAppWorkflowRuntime\n| where _ResourceId =~ "${id}" and OperationName == "WorkflowRunCompleted" and Status == "Failed"`;
        const description = "A workflow run of the Standard app failed";
        this.once(r, "logicAppRunsFailed", (alertId) => this.addLogAlert(alertId, query, "logicAppRunsFailed", description));
      }
    }
    return this;
  }

  /** A metric alert to this construct's action group. */
  public addMetricAlert(id: string, options: MetricAlertOptions): MonitorMetricAlert {
    const context = IntegrationContext.of(this);
    const criteria: MonitorMetricAlertCriteria = {
      metricNamespace: options.metricNamespace,
      metricName: options.metricName,
      aggregation: options.aggregation,
      operator: "GreaterThan",
      threshold: options.threshold,
      dimension: Object.entries(options.dimensions ?? {}).map(([name, values]) => ({ name, operator: "Include", values: [...values] })),
    };
    return new MonitorMetricAlert(this, id, {
      name: resourceName(this, "alertRule", undefined, { prefix: context.namePrefix, base: kebab(id) }),
      resourceGroupName: IntegrationContext.resourceGroup(this, undefined).name,
      scopes: [options.scope],
      description: options.description,
      severity: options.severity ?? this.severity,
      frequency: options.frequency ?? "PT1M",
      windowSize: options.windowSize ?? "PT5M",
      criteria: [criteria],
      action: this.actionGroupId ? [{ actionGroupId: this.actionGroupId }] : undefined,
    });
  }

  private metric(scope: string, metricNamespace: string, metricName: string, signal: AlertSignal, description: string): MetricAlertOptions {
    return { scope, metricNamespace, metricName, aggregation: "Total", threshold: this.thresholds[signal], description };
  }

  /** A log alert on the workspace: fires when `query` returns more rows than the signal's threshold in five minutes. */
  private addLogAlert(id: string, query: string, signal: AlertSignal, description: string): MonitorScheduledQueryRulesAlertV2 {
    const context = IntegrationContext.of(this);
    return new MonitorScheduledQueryRulesAlertV2(this, id, {
      name: resourceName(this, "alertRule", undefined, { prefix: context.namePrefix, base: kebab(id) }),
      resourceGroupName: IntegrationContext.resourceGroup(this, undefined).name,
      location: IntegrationContext.resourceGroup(this, undefined).location,
      scopes: [this.workspaceId as string],
      description,
      severity: this.severity,
      evaluationFrequency: "PT5M",
      windowDuration: "PT5M",
      criteria: [
        {
          query,
          timeAggregationMethod: "Count",
          operator: "GreaterThan",
          threshold: this.thresholds[signal],
          failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
        },
      ],
      autoMitigationEnabled: true,
      // On a first deploy the workspace has no AppRequests or LogicAppWorkflowRuntime table yet (they
      // appear with the first record), and Azure validates a rule's query against the tables that
      // exist; skip that check (azurerm @v4.55.0 docs: `skip_query_validation`; the refusal is unverified).
      skipQueryValidation: true,
      action: this.actionGroupId ? { actionGroups: [this.actionGroupId] } : undefined,
    });
  }

  /** Runs `create` once per watched resource and signal; the alert's id is the resource's path below the stack. */
  private once(target: IConstruct, signal: AlertSignal, create: (id: string) => MonitorMetricAlert | MonitorScheduledQueryRulesAlertV2): void {
    const key = `${target.node.path}#${signal}`;
    if (this.watchedPaths.has(key)) return;
    this.watchedPaths.add(key);
    const parts = target.node.scopes.slice(1).map((s) => s.node.id);
    if (parts[parts.length - 1] === "Resource") parts.pop();
    const prefix = this.node.scope ? this.node.scope.node.scopes.slice(1).length : 0;
    const id = [...parts.slice(prefix), signal].join("-");
    this.created.push({ signal, target: target.node.path, resource: create(id) });
  }
}
